// ACC-12 "Subcontas": the sub-accounts (escrow, loan, wallet) of a main account, "Nova subconta"
// and "Resgatar" — a sub-account's balance (all, or an amount) back into its main account.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Flex, Form, Input, Modal, Select, type TableColumnsType, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accountLabel, accountsKey, openSubAccount, redeemSubAccount, SUB_ACCOUNT_KINDS, type Account, type SubAccountKind } from '../../api/accounts';
import { useCan } from '../../auth/session';
import { ListEmpty } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { showFieldErrors } from '../../components/formErrors';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { AccountNumber, AccountStatusTag, MoneyInput, toCentavos, useAccountLabels } from './labels';

type Dialog = { kind: 'open' } | { kind: 'redeem'; sub: Account };

export default function SubAccountsTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const labels = useAccountLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ kind?: SubAccountKind; description?: string; amount?: number | null }>();
  const [dialog, setDialog] = useState<Dialog>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const subs = account.sub_accounts ?? [];

  function close() {
    setDialog(undefined);
    setError(undefined);
    form.resetFields();
  }

  async function submit(v: { kind?: SubAccountKind; description?: string; amount?: number | null }) {
    if (!dialog) return;
    setBusy(true);
    setError(undefined);
    try {
      if (dialog.kind === 'open') {
        await openSubAccount(account.id, v.kind!, v.description?.trim() ?? '');
        void message.success(t('accounts.sub.opened'));
      } else {
        const moved = await redeemSubAccount(dialog.sub.id, v.amount ? toCentavos(v.amount) : 0);
        void message.success(t('accounts.sub.redeemed', { amount: formatMoney(moved.amount) }));
      }
      void queryClient.invalidateQueries({ queryKey: accountsKey });
      close();
    } catch (e) {
      setError(e);
      showFieldErrors(form, e, t, locale, ['kind', 'description', 'amount']);
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<Account> = [
    {
      key: 'number',
      title: t('accounts.fields.number'),
      render: (_, a) => (
        <Link to={`/accounts/${a.id}`}>
          <AccountNumber account={a} />
        </Link>
      ),
    },
    { key: 'kind', title: t('accounts.fields.kind'), render: (_, a) => labels.kind(a.kind) },
    { key: 'description', title: t('accounts.fields.description'), render: (_, a) => a.description || '—' },
    { key: 'status', title: t('accounts.fields.status'), render: (_, a) => <AccountStatusTag status={a.status} /> },
    { key: 'balance', title: t('accounts.fields.balance'), align: 'right', render: (_, a) => <span data-testid="sub-balance">{formatMoney(a.balance)}</span> },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, a) =>
        can('accounts.manage') && a.status !== 'cancelled' && a.balance > 0 ? (
          <Button size="small" onClick={() => setDialog({ kind: 'redeem', sub: a })} data-testid="sub-redeem">
            {t('accounts.sub.redeem')}
          </Button>
        ) : null,
    },
  ];

  const canOpen = can('accounts.open') && account.kind === 'main' && account.status === 'active';
  return (
    <Flex vertical gap={12} data-testid="sub-accounts">
      {canOpen && (
        <Flex justify="flex-end">
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'open' })} data-testid="sub-new">
            {t('accounts.sub.new')}
          </Button>
        </Flex>
      )}
      <Table<Account>
        rowKey="id"
        size="small"
        dataSource={subs}
        columns={columns}
        pagination={false}
        onRow={(a) => ({ 'data-testid': `sub-row-${a.kind}` }) as never}
        locale={{ emptyText: <ListEmpty title={t('accounts.sub.empty')} hint={canOpen ? t('accounts.sub.emptyHint') : undefined} /> }}
      />
      <Modal
        open={!!dialog}
        title={dialog?.kind === 'redeem' ? t('accounts.sub.redeemTitle', { account: accountLabel(dialog.sub) }) : t('accounts.sub.new')}
        onCancel={close}
        onOk={() => form.submit()}
        okText={dialog?.kind === 'redeem' ? t('accounts.sub.redeem') : t('accounts.sub.create')}
        cancelText={t('common.back')}
        okButtonProps={{ loading: busy, 'data-testid': 'sub-dialog-ok' } as never}
        destroyOnHidden
      >
        {error !== undefined && <ProblemAlert error={error} />}
        <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 12 }}>
          {dialog?.kind === 'open' ? (
            <>
              <Form.Item name="kind" label={t('accounts.fields.kind')} rules={[{ required: true, message: t('accounts.sub.kindRequired') }]}>
                <Select options={SUB_ACCOUNT_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))} data-testid="sub-kind" />
              </Form.Item>
              <Form.Item name="description" label={t('accounts.fields.description')} rules={[{ max: 200 }]}>
                <Input maxLength={200} data-testid="sub-description" />
              </Form.Item>
            </>
          ) : (
            dialog && (
              <>
                <Typography.Paragraph>
                  {t('accounts.sub.redeemText', { balance: formatMoney(dialog.sub.balance), main: accountLabel(account) })}
                </Typography.Paragraph>
                <Form.Item name="amount" label={t('accounts.sub.redeemAmount')} extra={t('accounts.sub.redeemAll')}>
                  <MoneyInput testId="sub-redeem-amount" />
                </Form.Item>
              </>
            )
          )}
        </Form>
      </Modal>
    </Flex>
  );
}
