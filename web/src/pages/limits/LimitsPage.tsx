// Seed 000 "Limites" (TRX-05) and "Gerenciar nível de Cashout" (ACC-14): the base limits as a
// table by transaction type × day/night × per transaction/per day, each type edited in a dialog,
// and the cash-out levels with create, edit and delete.
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Popconfirm, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  createCashOutLevel,
  deleteCashOutLevel,
  putBaseLimit,
  updateCashOutLevel,
  useBaseLimits,
  useCashOutLevels,
  useRefreshLimits,
  type BaseLimit,
  type CashOutLevel,
} from '../../api/limits';
import { useCan } from '../../auth/session';
import { showFieldErrors } from '../../components/formErrors';
import { ListTable, PageHeader } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problemMessage';
import { currentLanguage } from '../../i18n';
import { formToLimits, LimitFields, limitsToForm, LimitValue, LimitValuesModal, type LimitFormValues } from './money';

const LIMIT_FORM_FIELDS = ['day_per_transaction', 'day_per_day', 'night_per_transaction', 'night_per_day'] as const;

function LevelModal({ level, open, onClose }: { level?: CashOutLevel; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LimitFormValues & { level: number; name: string }>();
  const refresh = useRefreshLimits();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  async function save(values: LimitFormValues & { level: number; name: string }) {
    setSaving(true);
    setError(undefined);
    try {
      const input = { level: values.level, name: values.name, ...formToLimits(values) };
      if (level) await updateCashOutLevel(level.id, input);
      else await createCashOutLevel(input);
      await refresh();
      void message.success(level ? t('limits.levels.saved') : t('limits.levels.created'));
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, t, currentLanguage(), ['level', 'name', ...LIMIT_FORM_FIELDS])) setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={level ? t('limits.levels.edit') : t('limits.levels.new')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'level-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ level: level?.level, name: level?.name ?? '', ...limitsToForm(level) }}
        onFinish={(v) => void save(v)}
        data-testid="level-form"
      >
        {error !== undefined && <ProblemAlert error={error} />}
        <Flex gap={12}>
          <Form.Item name="level" label={t('limits.levels.level')} rules={[{ required: true, message: t('limits.levels.levelRequired') }]} style={{ width: 120 }}>
            <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} data-testid="level-number" />
          </Form.Item>
          <Form.Item name="name" label={t('fields.name')} rules={[{ required: true, message: t('limits.levels.nameRequired') }, { max: 60 }]} style={{ flex: 1 }}>
            <Input maxLength={60} data-testid="level-name" />
          </Form.Item>
        </Flex>
        <LimitFields placeholder={t('limits.noLimit')} testPrefix="level" />
      </Form>
    </Modal>
  );
}

/** The four value columns of a table of limit values (rules or levels). */
export function useLimitColumns<T extends { [k in (typeof LIMIT_FORM_FIELDS)[number]]: number | null }>(): TableColumnsType<T> {
  const { t } = useTranslation();
  const cell = (field: (typeof LIMIT_FORM_FIELDS)[number]) => ({
    key: field,
    title: t(`limits.columns.${field}`),
    align: 'right' as const,
    onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
    render: (_: unknown, x: T) => <LimitValue value={x[field]} />,
  });
  return [
    { key: 'day', title: t('limits.columns.day'), children: [cell('day_per_transaction'), cell('day_per_day')] },
    { key: 'night', title: t('limits.columns.night'), children: [cell('night_per_transaction'), cell('night_per_day')] },
  ];
}

function CashOutLevels({ writable }: { writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const levels = useCashOutLevels();
  const refresh = useRefreshLimits();
  const [editing, setEditing] = useState<CashOutLevel | 'new'>();
  const valueColumns = useLimitColumns<CashOutLevel>();

  async function remove(level: CashOutLevel) {
    try {
      await deleteCashOutLevel(level.id);
      await refresh();
      void message.success(t('limits.levels.deleted'));
    } catch (e) {
      void message.error(problemMessage(e, t));
    }
  }

  const columns: TableColumnsType<CashOutLevel> = [
    { key: 'level', title: t('limits.levels.level'), dataIndex: 'level', width: 80 },
    { key: 'name', title: t('fields.name'), dataIndex: 'name' },
    ...valueColumns,
    { key: 'accounts', title: t('limits.levels.accounts'), dataIndex: 'accounts', align: 'right' },
    {
      key: 'actions',
      title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
      align: 'right',
      render: (_, x) =>
        writable && (
          <Flex gap={4} justify="flex-end">
            <Button size="small" icon={<EditOutlined />} aria-label={t('limits.levels.edit')} onClick={() => setEditing(x)} data-testid={`level-edit-${x.level}`} />
            <Popconfirm
              title={t('limits.levels.deleteConfirm', { name: x.name })}
              description={t('limits.levels.deleteHint')}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'level-delete-confirm' } as never}
              onConfirm={() => remove(x)}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`level-delete-${x.level}`} />
            </Popconfirm>
          </Flex>
        ),
    },
  ];

  return (
    <Card
      title={t('limits.levels.title')}
      extra={
        writable && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="level-new">
            {t('limits.levels.new')}
          </Button>
        )
      }
      data-testid="cash-out-levels"
    >
      <Typography.Paragraph type="secondary">{t('limits.levels.subtitle')}</Typography.Paragraph>
      <ListTable<CashOutLevel>
        query={levels}
        framed={false}
        loadError={t('limits.levels.loadError')}
        skeletonRows={3}
        size="small"
        bordered
        columns={columns}
        rowTestId={(x) => `level-row-${x.level}`}
        data-testid="levels-table"
        empty={<Typography.Text type="secondary">{t('limits.levels.empty')}</Typography.Text>}
      />
      {editing && <LevelModal open level={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}

export default function LimitsPage() {
  const { t } = useTranslation();
  const pt = currentLanguage() === 'pt-BR';
  const can = useCan();
  const writable = can('limits.write');
  const base = useBaseLimits();
  const [editing, setEditing] = useState<BaseLimit>();
  const valueColumns = useLimitColumns<BaseLimit>();

  const columns: TableColumnsType<BaseLimit> = [
    { key: 'type', title: t('limits.columns.type'), render: (_, x) => (pt ? x.label_pt : x.label_en) },
    ...valueColumns,
    {
      key: 'actions',
      title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
      align: 'right',
      render: (_, x) =>
        writable && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(x)} data-testid={`base-limit-edit-${x.transaction_type}`}>
            {t('common.edit')}
          </Button>
        ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="limits-page">
      <PageHeader title={t('limits.title')} subtitle={t('limits.subtitle')} />
      <Card title={t('limits.base.title')} data-testid="base-limits">
        <Typography.Paragraph type="secondary">{t('limits.base.hint')}</Typography.Paragraph>
        <ListTable<BaseLimit>
          query={base}
          framed={false}
          loadError={t('limits.loadError')}
          skeletonRows={5}
          size="small"
          bordered
          rowKey="transaction_type"
          columns={columns}
          rowTestId={(x) => `base-limit-row-${x.transaction_type}`}
          data-testid="base-limits-table"
          empty={null}
        />
      </Card>
      <CashOutLevels writable={writable} />
      {!writable && (
        <Typography.Text type="secondary" data-testid="limits-read-only">
          {t('limits.readOnly')}
        </Typography.Text>
      )}
      {editing && (
        <LimitValuesModal
          open
          title={t('limits.editTitle', { type: pt ? editing.label_pt : editing.label_en })}
          hint={t('limits.emptyHint')}
          placeholder={t('limits.noLimit')}
          initial={editing}
          testPrefix="base-limit"
          onSave={(values) => putBaseLimit(editing.transaction_type, values)}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Flex>
  );
}
