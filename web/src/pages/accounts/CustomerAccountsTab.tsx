// The "Contas" tab of a customer (ACC-05): the customer's accounts and sub-accounts, and "Abrir
// conta" — a main account, with a plan chosen by name (the default one when none) and a description.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Flex, Form, Input, Modal } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accountLabel, accountsKey, openAccount, useAccounts, type Account } from '../../api/accounts';
import type { Customer } from '../../api/customers';
import { useCan } from '../../auth/session';
import { ListEmpty, ListTable, PAGE_SIZES, usePagedQuery } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { showFieldErrors } from '../../components/formErrors';
import { currentLanguage } from '../../i18n';
import PlanPicker from '../plans/PlanPicker';
import { useAccountColumns } from './AccountsPage';

interface Values {
  plan_id?: string;
  description?: string;
}

export default function CustomerAccountsTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const columns = useAccountColumns().filter((c) => c.key !== 'holder');
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const { paging, query } = usePagedQuery({ customer_id: customer.id }, pageSize, useAccounts);
  const [form] = Form.useForm<Values>();
  const [opening, setOpening] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  function close() {
    setOpening(false);
    setError(undefined);
    form.resetFields();
  }

  async function submit(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const created = await openAccount({ customer_id: customer.id, plan_id: v.plan_id || undefined, description: v.description?.trim() || undefined });
      void queryClient.invalidateQueries({ queryKey: accountsKey });
      void message.success(t('accounts.open.done', { account: accountLabel(created) }));
      close();
      navigate(`/accounts/${created.id}`);
    } catch (e) {
      setError(e);
      showFieldErrors(form, e, t, locale, ['plan_id', 'description']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={12} data-testid="customer-accounts">
      {can('accounts.open') && (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="account-open">
            {t('accounts.open.button')}
          </Button>
        </Flex>
      )}
      <ListTable<Account>
        query={query}
        pager={{ paging, pageSize, setPageSize }}
        framed={false}
        loadError={t('accounts.loadError')}
        size="small"
        columns={columns}
        tableLayout="auto"
        rowTestId={(a) => `account-row-${a.number}`}
        empty={<ListEmpty title={t('accounts.empty.title')} hint={t('accounts.empty.customer')} />}
      />
      <Modal
        open={opening}
        title={t('accounts.open.title', { name: customer.name })}
        onCancel={close}
        onOk={() => form.submit()}
        okText={t('accounts.open.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy, 'data-testid': 'account-open-ok' } as never}
        destroyOnHidden
      >
        {error !== undefined && <ProblemAlert error={error} />}
        <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 12 }}>
          <Form.Item name="plan_id" label={t('accounts.fields.plan')} extra={t('accounts.open.planHint')}>
            <PlanPicker allowClear placeholder={t('accounts.open.planDefault')} testId="account-open-plan" />
          </Form.Item>
          <Form.Item name="description" label={t('accounts.fields.description')} rules={[{ max: 200 }]}>
            <Input maxLength={200} data-testid="account-open-description" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
