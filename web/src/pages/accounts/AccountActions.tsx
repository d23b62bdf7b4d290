// The account's "Ações" menu (seed 000 "Contas"): every action the API offers, each listed only
// with its permission and when the account's status allows it, and each behind a dialog — with a
// reason where the API asks one, a typed confirmation for the irreversible cancel, and the API's
// own message when it refuses (cancel with balance: 409).
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Descriptions, Dropdown, Form, Input, Modal, Skeleton, TimePicker, Typography, type MenuProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  accountLabel,
  accountsKey,
  cancelAccount,
  depositToAccount,
  fetchBalance,
  moveResidual,
  reactivateAccount,
  resyncAccount,
  setAccountPlan,
  setNightStart,
  suspendAccount,
  syncAlias,
  syncStatus,
  type Account,
  type AccountBalance,
  type ResyncReport,
} from '../../api/accounts';
import { transfersKey } from '../../api/transfers';
import { useCan } from '../../auth/session';
import ProblemAlert from '../../components/ProblemAlert';
import { showFieldErrors } from '../../components/formErrors';
import { formatDateTime, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import PlanPicker from '../plans/PlanPicker';
import AccountPicker from './AccountPicker';
import { MoneyInput, toCentavos } from './labels';

type ActionKey =
  | 'suspend'
  | 'reactivate'
  | 'cancel'
  | 'residual'
  | 'plan'
  | 'nightStart'
  | 'syncAlias'
  | 'syncStatus'
  | 'resync'
  | 'balance'
  | 'deposit';

interface Values {
  reason?: string;
  confirm?: string;
  to_account_id?: string;
  plan_id?: string;
  night_start?: Dayjs;
  amount?: number;
  description?: string;
}

interface ActionSpec {
  key: ActionKey;
  permission: string;
  shown: (a: Account) => boolean;
  danger?: boolean;
  /** The form's fields; none: a plain confirmation. */
  fields?: ('reason' | 'reasonOptional' | 'confirm' | 'target' | 'plan' | 'night' | 'amount' | 'description')[];
  run: (a: Account, v: Values) => Promise<unknown>;
}

const open = (a: Account) => a.status !== 'cancelled';

const ACTIONS: ActionSpec[] = [
  { key: 'suspend', permission: 'accounts.status', shown: (a) => a.status === 'active', fields: ['reason'], run: (a, v) => suspendAccount(a.id, v.reason!.trim()) },
  {
    key: 'reactivate',
    permission: 'accounts.status',
    shown: (a) => a.status === 'suspended',
    fields: ['reasonOptional'],
    run: (a, v) => reactivateAccount(a.id, v.reason?.trim() ?? ''),
  },
  { key: 'deposit', permission: 'ledger.write', shown: (a) => a.status === 'active', fields: ['amount', 'description'], run: (a, v) => depositToAccount(a.id, toCentavos(v.amount!), v.description?.trim() ?? '') },
  { key: 'residual', permission: 'accounts.cancel', shown: (a) => open(a) && a.kind === 'main', fields: ['target'], run: (a, v) => moveResidual(a.id, v.to_account_id!) },
  { key: 'plan', permission: 'accounts.manage', shown: open, fields: ['plan'], run: (a, v) => setAccountPlan(a.id, v.plan_id!) },
  { key: 'nightStart', permission: 'accounts.manage', shown: open, fields: ['night'], run: (a, v) => setNightStart(a.id, v.night_start!.format('HH:mm')) },
  { key: 'syncAlias', permission: 'accounts.manage', shown: open, run: (a) => syncAlias(a.id) },
  { key: 'syncStatus', permission: 'accounts.status', shown: () => true, run: (a) => syncStatus(a.id) },
  { key: 'resync', permission: 'accounts.manage', shown: () => true, run: (a) => resyncAccount(a.id) },
  { key: 'balance', permission: 'accounts.read', shown: () => true, run: (a) => fetchBalance(a.id) },
  { key: 'cancel', permission: 'accounts.cancel', shown: open, danger: true, fields: ['reason', 'confirm'], run: (a, v) => cancelAccount(a.id, v.reason!.trim()) },
];

const FORM_FIELDS = ['reason', 'to_account_id', 'plan_id', 'night_start', 'amount', 'description'] as const;

function Totals({ report }: { report: ResyncReport }) {
  const { t } = useTranslation();
  const rows: [string, keyof ResyncReport['before']][] = [
    ['creditsPosted', 'credits_posted'],
    ['debitsPosted', 'debits_posted'],
    ['creditsPending', 'credits_pending'],
    ['debitsPending', 'debits_pending'],
    ['balance', 'balance'],
  ];
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={rows.map(([label, k]) => ({
        key: k,
        label: t(`accounts.actions.resyncTotals.${label}` as 'accounts.actions.resyncTotals.balance'),
        children: `${formatMoney(report.before[k])} → ${formatMoney(report.after[k])}`,
      }))}
    />
  );
}

export default function AccountActions({ account }: { account: Account }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [active, setActive] = useState<ActionSpec>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [outcome, setOutcome] = useState<ReactNode>();

  const available = ACTIONS.filter((a) => can(a.permission) && a.shown(account));
  if (available.length === 0) return null;
  const label = (k: ActionKey) => t(`accounts.actions.${k}.label`);

  function close() {
    setActive(undefined);
    setError(undefined);
    setOutcome(undefined);
    form.resetFields();
  }

  async function run(spec: ActionSpec, v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const result = await spec.run(account, v);
      void queryClient.invalidateQueries({ queryKey: accountsKey });
      void queryClient.invalidateQueries({ queryKey: transfersKey });
      if (spec.key === 'balance') {
        const b = result as AccountBalance;
        setOutcome(
          <Descriptions
            bordered
            size="small"
            column={1}
            data-testid="balance-result"
            items={[
              { key: 'balance', label: t('accounts.fields.balance'), children: <strong data-testid="balance-value">{formatMoney(b.balance)}</strong> },
              { key: 'available', label: t('accounts.fields.available'), children: formatMoney(b.available) },
              { key: 'blocked', label: t('accounts.fields.blocked'), children: formatMoney(b.blocked) },
              { key: 'overdraft', label: t('accounts.fields.overdraft'), children: formatMoney(b.overdraft_limit) },
              {
                key: 'consistent',
                label: t('accounts.actions.balance.consistent'),
                children: b.consistent ? t('accounts.actions.balance.yes') : <Typography.Text type="danger">{t('accounts.actions.balance.no')}</Typography.Text>,
              },
              { key: 'asOf', label: t('accounts.actions.balance.asOf'), children: formatDateTime(b.as_of, locale, { seconds: true }) },
            ]}
          />,
        );
      } else if (spec.key === 'resync') {
        const r = result as ResyncReport;
        setOutcome(
          <div data-testid="resync-result">
            <Alert
              type={r.diverged ? 'warning' : 'success'}
              showIcon
              title={r.diverged ? t('accounts.actions.resync.diverged', { count: r.corrections.length }) : t('accounts.actions.resync.consistent')}
              style={{ marginBottom: 12 }}
            />
            <Totals report={r} />
            {r.corrections.map((c) => (
              <Typography.Paragraph key={c.id} style={{ marginTop: 8 }}>
                {t('accounts.actions.resync.correction', { amount: formatMoney(c.amount), id: c.id })}
              </Typography.Paragraph>
            ))}
          </div>,
        );
      } else {
        void message.success(t(`accounts.actions.${spec.key}.done`));
        close();
      }
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, FORM_FIELDS));
    } finally {
      setBusy(false);
    }
  }

  function start(spec: ActionSpec) {
    form.resetFields();
    setError(undefined);
    setOutcome(undefined);
    setActive(spec);
    // A read needs no confirmation: the authoritative balance is asked at once.
    if (spec.key === 'balance') void run(spec, {});
  }

  const items: MenuProps['items'] = available.map((a) => ({
    key: a.key,
    label: <span data-testid={`account-action-${a.key}`}>{label(a.key)}</span>,
    danger: a.danger,
  }));
  const fields = active?.fields ?? [];
  const number = `${account.number}-${account.check_digit}`;

  return (
    <>
      <Dropdown
        menu={{ items, onClick: ({ key }) => start(ACTIONS.find((a) => a.key === key)!) }}
        trigger={['click']}
        placement="bottomRight"
      >
        <Button data-testid="account-actions">
          {t('common.actions')} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={!!active}
        title={active && label(active.key)}
        onCancel={close}
        destroyOnHidden
        footer={
          outcome || active?.key === 'balance'
            ? [
                <Button key="close" type="primary" onClick={close} data-testid="account-action-close">
                  {t('common.close')}
                </Button>,
              ]
            : [
                <Button key="cancel" onClick={close}>
                  {t('common.back')}
                </Button>,
                <Button
                  key="ok"
                  type="primary"
                  danger={active?.danger}
                  loading={busy}
                  onClick={() => form.submit()}
                  data-testid="account-action-ok"
                >
                  {active && t(`accounts.actions.${active.key}.ok`)}
                </Button>,
              ]
        }
      >
        <div data-testid="account-action-dialog">
          {active && !outcome && active.key !== 'balance' && (
            <Typography.Paragraph>{t(`accounts.actions.${active.key}.text`, { account: accountLabel(account) })}</Typography.Paragraph>
          )}
          {error !== undefined && <ProblemAlert error={error} hideFields={fieldsShown} testId="account-action-error" />}
          {busy && active?.key === 'balance' && <Skeleton active paragraph={{ rows: 4 }} />}
          {outcome}
          {active && !outcome && active.key !== 'balance' && (
            <Form<Values> form={form} layout="vertical" onFinish={(v) => run(active, v)} style={{ marginTop: 12 }}>
              {fields.includes('target') && (
                <Form.Item name="to_account_id" label={t('accounts.actions.residual.target')} rules={[{ required: true, message: t('accounts.actions.residual.targetRequired') }]}>
                  <AccountPicker customerId={account.customer_id} exclude={account.id} testId="residual-target" />
                </Form.Item>
              )}
              {fields.includes('plan') && (
                <Form.Item
                  name="plan_id"
                  label={t('accounts.actions.plan.field')}
                  initialValue={account.plan_id ?? undefined}
                  rules={[{ required: true, message: t('accounts.actions.plan.required') }]}
                >
                  <PlanPicker testId="plan-input" />
                </Form.Item>
              )}
              {fields.includes('night') && (
                <Form.Item
                  name="night_start"
                  label={t('accounts.actions.nightStart.field')}
                  extra={t('accounts.actions.nightStart.hint')}
                  initialValue={dayjs(account.night_start, 'HH:mm')}
                  rules={[{ required: true, message: t('accounts.actions.nightStart.required') }]}
                >
                  <TimePicker
                    format="HH:mm"
                    minuteStep={5}
                    showNow={false}
                    needConfirm={false}
                    disabledTime={() => ({
                      disabledHours: () => Array.from({ length: 24 }, (_, h) => h).filter((h) => h < 18 || h > 22),
                      disabledMinutes: (h: number) => (h === 22 ? Array.from({ length: 59 }, (_, m) => m + 1) : []),
                    })}
                    data-testid="night-start-input"
                  />
                </Form.Item>
              )}
              {fields.includes('amount') && (
                <Form.Item name="amount" label={t('accounts.actions.deposit.amount')} rules={[{ required: true, message: t('accounts.actions.deposit.amountRequired') }]}>
                  <MoneyInput testId="deposit-amount" />
                </Form.Item>
              )}
              {fields.includes('description') && (
                <Form.Item name="description" label={t('accounts.actions.deposit.description')} rules={[{ max: 140 }]}>
                  <Input maxLength={140} data-testid="deposit-description" />
                </Form.Item>
              )}
              {(fields.includes('reason') || fields.includes('reasonOptional')) && (
                <Form.Item
                  name="reason"
                  label={t('accounts.actions.reason')}
                  rules={[{ required: fields.includes('reason'), whitespace: true, message: t('accounts.actions.reasonRequired') }, { max: 500 }]}
                >
                  <Input.TextArea rows={3} maxLength={500} showCount data-testid="action-reason" />
                </Form.Item>
              )}
              {fields.includes('confirm') && (
                <Form.Item
                  name="confirm"
                  label={t('accounts.actions.cancel.typeNumber', { number })}
                  rules={[
                    {
                      validator: (_, v: string | undefined) =>
                        (v ?? '').trim() === number ? Promise.resolve() : Promise.reject(new Error(t('accounts.actions.cancel.typeMismatch', { number }))),
                    },
                  ]}
                >
                  <Input autoComplete="off" placeholder={number} data-testid="cancel-confirm" />
                </Form.Item>
              )}
            </Form>
          )}
        </div>
      </Modal>
    </>
  );
}
