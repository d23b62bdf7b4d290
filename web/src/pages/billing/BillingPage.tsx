// "Central de Cobranças" (TRX-06): the tariff charges, pending first (the default filter), with
// status, account, operation and period filters in the URL and export; each row names the
// account and its holder, the tariff's operation, the amount, where it came from (the transfer,
// or the month of a monthly fee), the collection attempts and when it was created. Operators with
// billing.manage collect a pending charge now (refused with the balance's reason when short) or
// waive it with a reason, each confirmed first.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { accountsKey, useAccount } from '../../api/accounts';
import { billingKey, CHARGE_STATUSES, collectCharge, useTariffCharges, waiveCharge, type ChargeFilters, type ChargeStatus, type TariffCharge } from '../../api/billing';
import { useOperationLabels } from '../../api/plans';
import { useCan } from '../../auth/session';
import ExportButton from '../../components/ExportButton';
import ProblemAlert from '../../components/ProblemAlert';
import { FilterBar, ListEmpty, ListTable, PageHeader, usePagedList } from '../../components/list';
import { problemMessage } from '../../components/problemMessage';
import { formatDateTime, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import AccountPicker from '../accounts/AccountPicker';
import AccountRef from '../accounts/AccountRef';

const FILTER_KEYS = ['status', 'account_id', 'operation', 'from', 'to'] as const;
const DATE = 'YYYY-MM-DD';
/** The status filter's "every status" choice (no filter sent). */
const ALL = 'all';
const STATUS_COLOR: Record<ChargeStatus, string> = { pending: 'gold', collected: 'green', waived: 'default' };

function Holder({ accountId }: { accountId: string }) {
  const account = useAccount(accountId).data;
  return <span>{account?.holder.name ?? '…'}</span>;
}

function WaiveModal({ charge, onClose }: { charge: TariffCharge; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  async function submit(v: { reason: string }) {
    setBusy(true);
    setError(undefined);
    try {
      await waiveCharge(charge.id, v.reason.trim());
      void queryClient.invalidateQueries({ queryKey: billingKey });
      void message.success(t('billing.waived', { amount: formatMoney(charge.amount) }));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={t('billing.waiveTitle', { amount: formatMoney(charge.amount) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('billing.waive')}
      okButtonProps={{ loading: busy, 'data-testid': 'charge-waive-ok' } as never}
      cancelText={t('common.back')}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('billing.waiveText')}</Typography.Paragraph>
      {error !== undefined && <ProblemAlert error={error} testId="charge-waive-error" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('billing.reason')} rules={[{ required: true, whitespace: true, message: t('billing.reasonRequired') }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="charge-waive-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function BillingPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const { operations, label: operationLabel } = useOperationLabels();
  const [waiving, setWaiving] = useState<TariffCharge>();
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f): ChargeFilters => ({
      status: f.status === ALL ? undefined : ((f.status as ChargeStatus | undefined) ?? 'pending'),
      account_id: f.account_id,
      operation: f.operation,
      from: f.from,
      to: f.to,
    }),
    usePage: useTariffCharges,
  });
  const { filters, setFilters, query } = list;
  const manage = can('billing.manage');

  function collect(charge: TariffCharge) {
    modal.confirm({
      title: t('billing.collectTitle', { amount: formatMoney(charge.amount) }),
      content: t('billing.collectText'),
      okText: t('billing.collect'),
      okButtonProps: { 'data-testid': 'charge-collect-confirm' } as never,
      cancelText: t('common.back'),
      onOk: async () => {
        try {
          await collectCharge(charge.id);
          void message.success(t('billing.collected', { amount: formatMoney(charge.amount) }));
        } catch (e) {
          void message.error(`${t('billing.collectFailed')} ${problemMessage(e, t)}`);
        } finally {
          void queryClient.invalidateQueries({ queryKey: billingKey });
          void queryClient.invalidateQueries({ queryKey: accountsKey });
        }
      },
    });
  }

  const columns: TableColumnsType<TariffCharge> = [
    { key: 'account', title: t('billing.fields.account'), render: (_, c) => <AccountRef id={c.account_id} showHolder={false} /> },
    { key: 'holder', title: t('billing.fields.holder'), render: (_, c) => <Holder accountId={c.account_id} /> },
    { key: 'operation', title: t('billing.fields.operation'), render: (_, c) => operationLabel(c.operation) },
    { key: 'amount', title: t('billing.fields.amount'), align: 'right', render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(c.amount)}</span> },
    {
      key: 'origin',
      title: t('billing.fields.origin'),
      render: (_, c) =>
        c.source_type === 'transfer' ? (
          <Link to={`/transfers?transfer=${c.source_id}`} data-testid="charge-transfer">
            {t('billing.transferOrigin')}
          </Link>
        ) : (
          <span data-testid="charge-monthly">{t('billing.monthlyFee', { month: dayjs(`${c.source_id}-01`).format('MM/YYYY') })}</span>
        ),
    },
    {
      key: 'status',
      title: t('billing.fields.status'),
      render: (_, c) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color={STATUS_COLOR[c.status]} data-testid="charge-status">
              {t(`billing.status.${c.status}`)}
            </Tag>
          </span>
          {c.status === 'waived' && c.waive_reason && <Typography.Text type="secondary">{c.waive_reason}</Typography.Text>}
        </Flex>
      ),
    },
    { key: 'attempts', title: t('billing.fields.attempts'), align: 'right', render: (_, c) => c.attempts },
    { key: 'created', title: t('billing.fields.createdAt'), render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.created_at, locale)}</span> },
    ...(manage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, c: TariffCharge) =>
              c.status === 'pending' && (
                <Flex gap={8}>
                  <Button size="small" type="primary" onClick={() => collect(c)} data-testid="charge-collect">
                    {t('billing.collect')}
                  </Button>
                  <Button size="small" onClick={() => setWaiving(c)} data-testid="charge-waive">
                    {t('billing.waive')}
                  </Button>
                </Flex>
              ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="billing-page">
      <PageHeader title={t('billing.title')} subtitle={t('billing.subtitle')} />
      <FilterBar
        testId="billing-filters"
        anyFilter={list.anyFilter}
        onClear={list.clearFilters}
        end={<ExportButton path="/api/v1/tariff-charges" filters={list.apiFilters} testId="billing-export" />}
      >
        <Select
          value={filters.status ?? 'pending'}
          onChange={(v) => setFilters({ status: v === 'pending' ? undefined : v })}
          aria-label={t('billing.fields.status')}
          style={{ width: 160 }}
          options={[...CHARGE_STATUSES.map((s) => ({ value: s as string, label: t(`billing.status.${s}`) })), { value: ALL, label: t('billing.status.all') }]}
          data-testid="billing-status"
        />
        <div style={{ width: 300 }}>
          <AccountPicker status="any" value={filters.account_id} onChange={(id) => setFilters({ account_id: id })} placeholder={t('billing.fields.account')} testId="billing-account" />
        </div>
        <Select
          allowClear
          value={filters.operation}
          onChange={(v) => setFilters({ operation: v })}
          placeholder={t('billing.fields.operation')}
          aria-label={t('billing.fields.operation')}
          style={{ width: 220 }}
          options={operations.map((o) => ({ value: o.code, label: operationLabel(o.code) }))}
          data-testid="billing-operation"
        />
        <DatePicker.RangePicker
          format={locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}
          value={[filters.from ? dayjs(filters.from, DATE) : null, filters.to ? dayjs(filters.to, DATE) : null]}
          onChange={(range) => setFilters({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) })}
          allowEmpty={[true, true]}
          aria-label={t('billing.period')}
          data-testid="billing-period"
        />
      </FilterBar>
      <ListTable<TariffCharge>
        query={query}
        pager={list}
        loadError={t('billing.loadError')}
        errorTestId="billing-error"
        size="small"
        columns={columns}
        scroll={{ x: 1000 }}
        tableLayout="auto"
        rowTestId={(c) => `charge-${c.id}`}
        data-testid="billing-table"
        empty={<ListEmpty title={t('billing.empty')} hint={list.anyFilter ? t('billing.emptyFiltered') : t('billing.emptyHint')} />}
      />
      {waiving && <WaiveModal charge={waiving} onClose={() => setWaiving(undefined)} />}
    </Flex>
  );
}
