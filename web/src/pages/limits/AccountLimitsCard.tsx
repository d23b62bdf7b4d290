// An account's limits (TRX-05, ACC-14) for the account page: the effective value of every
// transaction type with where it comes from (base, the account's own value, the cash-out level),
// the account's own values edited or removed per type, and its cash-out level. The accounts
// module embeds it: <AccountLimitsCard accountId={account.id} />.
import { useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Select, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  assignCashOutLevel,
  deleteAccountLimit,
  LIMIT_FIELDS,
  putAccountLimit,
  useAccountLimits,
  useCashOutLevels,
  useRefreshLimits,
  type EffectiveLimits,
  type EffectiveValue,
  type Origin,
} from '../../api/limits';
import { useCan } from '../../auth/session';
import { ListTable } from '../../components/list';
import { problemMessage } from '../../components/problemMessage';
import { currentLanguage } from '../../i18n';
import { LimitValue, LimitValuesModal } from './money';

const ORIGIN_COLORS: Record<Origin, string> = { none: 'default', base: 'blue', account: 'purple', cash_out_level: 'gold' };

function Effective({ value }: { value: EffectiveValue }) {
  const { t } = useTranslation();
  return (
    <Flex vertical align="flex-end" gap={2}>
      <LimitValue value={value.value} />
      {value.origin !== 'none' && (
        <Tag color={ORIGIN_COLORS[value.origin]} style={{ marginInlineEnd: 0 }} data-testid={`origin-${value.origin}`}>
          {t(`limits.origin.${value.origin}`)}
        </Tag>
      )}
    </Flex>
  );
}

export default function AccountLimitsCard({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const pt = currentLanguage() === 'pt-BR';
  const { message } = App.useApp();
  const can = useCan();
  const writable = can('limits.write');
  const limits = useAccountLimits(accountId);
  const levels = useCashOutLevels();
  const refresh = useRefreshLimits();
  const [editing, setEditing] = useState<EffectiveLimits>();
  const overrideOf = (type: string) => limits.data?.overrides.find((o) => o.transaction_type === type);
  const label = (x: EffectiveLimits) => (pt ? x.label_pt : x.label_en);

  async function removeOverride(type: string) {
    try {
      await deleteAccountLimit(accountId, type);
      await refresh();
      void message.success(t('limits.account.removed'));
    } catch (e) {
      void message.error(problemMessage(e, t));
    }
  }

  async function setLevel(levelId: string | null) {
    try {
      await assignCashOutLevel(accountId, levelId);
      await refresh();
      void message.success(t('limits.account.levelSaved'));
    } catch (e) {
      void message.error(problemMessage(e, t));
    }
  }

  const cell = (field: (typeof LIMIT_FIELDS)[number]) => ({
    key: field,
    title: t(`limits.columns.${field}`),
    align: 'right' as const,
    render: (_: unknown, x: EffectiveLimits) => <Effective value={x[field]} />,
  });
  const columns: TableColumnsType<EffectiveLimits> = [
    { key: 'type', title: t('limits.columns.type'), render: (_, x) => label(x) },
    { key: 'day', title: t('limits.columns.day'), children: [cell('day_per_transaction'), cell('day_per_day')] },
    { key: 'night', title: t('limits.columns.night'), children: [cell('night_per_transaction'), cell('night_per_day')] },
    {
      key: 'actions',
      title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
      align: 'right',
      render: (_, x) =>
        writable && (
          <Flex gap={4} justify="flex-end">
            <Tooltip title={t('limits.account.editOverride', { type: label(x) })}>
              <Button size="small" icon={<EditOutlined />} aria-label={t('limits.account.editOverride', { type: label(x) })} onClick={() => setEditing(x)} data-testid={`override-edit-${x.transaction_type}`} />
            </Tooltip>
            {overrideOf(x.transaction_type) && (
              <Popconfirm
                title={t('limits.account.removeConfirm', { type: label(x) })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, 'data-testid': 'override-delete-confirm' } as never}
                onConfirm={() => removeOverride(x.transaction_type)}
              >
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('limits.account.removeOverride')} data-testid={`override-delete-${x.transaction_type}`} />
              </Popconfirm>
            )}
          </Flex>
        ),
    },
  ];

  return (
    <Card
      title={t('limits.account.title')}
      data-testid="account-limits"
      extra={
        <Flex gap={8} align="center">
          <Typography.Text type="secondary">{t('limits.account.level')}</Typography.Text>
          <Select
            style={{ width: 200 }}
            disabled={!writable || !limits.data}
            loading={levels.isPending}
            value={limits.data?.cash_out_level?.id ?? ''}
            onChange={(v) => void setLevel(v || null)}
            aria-label={t('limits.account.level')}
            data-testid="account-cash-out-level"
            options={[
              { value: '', label: t('limits.account.noLevel') },
              ...(levels.data ?? []).map((l) => ({ value: l.id, label: `${l.level} · ${l.name}` })),
            ]}
          />
        </Flex>
      }
    >
      <ListTable<EffectiveLimits>
        query={limits.data ? { ...limits, data: limits.data.effective } : { ...limits, data: undefined }}
        framed={false}
        loadError={t('limits.account.loadError')}
        skeletonRows={5}
        size="small"
        bordered
        rowKey="transaction_type"
        columns={columns}
        rowTestId={(x) => `account-limit-row-${x.transaction_type}`}
        data-testid="account-limits-table"
        empty={null}
      />
      {editing && (
        <LimitValuesModal
          open
          title={t('limits.account.editOverride', { type: label(editing) })}
          hint={t('limits.account.overrideHint')}
          placeholder={t('limits.inherit')}
          initial={overrideOf(editing.transaction_type)}
          testPrefix="override"
          onSave={(values) => putAccountLimit(accountId, editing.transaction_type, values)}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Card>
  );
}
