// "Nova transferência" (TRX-02): from and to accounts picked by number, the amount in R$ (sent
// as centavos), a description and, optionally, "Agendar para" a date — a date that is not a
// business day runs on the next one. The answer is shown as it came: completed, failed with the
// reason, or scheduled for the day it will run.
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Result } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { accountsKey } from '../../api/accounts';
import { createTransfer, transfersKey, type Transfer } from '../../api/transfers';
import ProblemAlert from '../../components/ProblemAlert';
import { showFieldErrors } from '../../components/formErrors';
import { formatDate, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import AccountPicker from '../accounts/AccountPicker';
import { MoneyInput, toCentavos, useAccountLabels } from '../accounts/labels';

interface Values {
  from_account_id: string;
  to_account_id: string;
  amount: number;
  description?: string;
  scheduled_for?: Dayjs | null;
}
const newClientId = () => `console-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
const FIELDS = ['from_account_id', 'to_account_id', 'amount', 'description', 'scheduled_for'] as const;

export default function TransferFormModal({
  open,
  onClose,
  fromAccountId,
  onOpenTransfer,
}: {
  open: boolean;
  onClose: () => void;
  /** Preselected when opened from an account's page. */
  fromAccountId?: string;
  onOpenTransfer?: (t: Transfer) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { message } = App.useApp();
  const labels = useAccountLabels();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [result, setResult] = useState<Transfer>();
  // One id per transfer being filled in: sending it again after a lost answer never moves money
  // twice (the server answers the first result); a new id once a result was shown.
  const [clientId, setClientId] = useState(newClientId);
  const from = Form.useWatch('from_account_id', form);
  const to = Form.useWatch('to_account_id', form);

  function close() {
    form.resetFields();
    setError(undefined);
    setResult(undefined);
    setClientId(newClientId());
    onClose();
  }

  async function submit(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const created = await createTransfer({
        from_account_id: v.from_account_id,
        to_account_id: v.to_account_id,
        amount: toCentavos(v.amount),
        description: v.description?.trim() || undefined,
        scheduled_for: v.scheduled_for ? v.scheduled_for.format('YYYY-MM-DD') : undefined,
        client_id: clientId,
      });
      setResult(created);
      void queryClient.invalidateQueries({ queryKey: transfersKey });
      void queryClient.invalidateQueries({ queryKey: accountsKey });
      if (created.status === 'completed') void message.success(t('transfers.form.completed'));
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const resultView = result && (
    <Result
      status={result.status === 'completed' ? 'success' : result.status === 'failed' ? 'error' : 'info'}
      title={t(`transfers.form.result.${result.status}`)}
      subTitle={
        result.status === 'failed'
          ? labels.failure(result)
          : result.status === 'scheduled'
            ? t('transfers.form.result.scheduledOn', {
                amount: formatMoney(result.amount),
                date: result.execute_on ? formatDate(`${result.execute_on}T12:00:00Z`, locale) : '—',
              })
            : formatMoney(result.amount)
      }
      data-testid="transfer-result"
      extra={[
        onOpenTransfer && (
          <Button key="open" onClick={() => { onOpenTransfer(result); close(); }} data-testid="transfer-result-open">
            {t('transfers.form.openTransfer')}
          </Button>
        ),
        <Button key="close" type="primary" onClick={close} data-testid="transfer-result-close">
          {t('common.close')}
        </Button>,
      ]}
    />
  );

  return (
    <Modal
      open={open}
      title={t('transfers.form.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        result
          ? null
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="transfer-form-submit">
                {t('transfers.form.submit')}
              </Button>,
            ]
      }
    >
      {resultView ?? (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ from_account_id: fromAccountId }}
          data-testid="transfer-form"
        >
          {error !== undefined && <ProblemAlert error={error} hideFields={fieldsShown} testId="transfer-form-error" />}
          <Form.Item name="from_account_id" label={t('transfers.fields.from')} rules={[{ required: true, message: t('transfers.form.fromRequired') }]}>
            <AccountPicker exclude={to} testId="transfer-from" />
          </Form.Item>
          <Form.Item name="to_account_id" label={t('transfers.fields.to')} rules={[{ required: true, message: t('transfers.form.toRequired') }]}>
            <AccountPicker exclude={from} testId="transfer-to" />
          </Form.Item>
          <Form.Item name="amount" label={t('transfers.fields.amount')} rules={[{ required: true, message: t('transfers.form.amountRequired') }]}>
            <MoneyInput testId="transfer-amount-input" />
          </Form.Item>
          <Form.Item name="description" label={t('transfers.fields.description')} rules={[{ max: 140 }]}>
            <Input maxLength={140} data-testid="transfer-description" />
          </Form.Item>
          <Form.Item name="scheduled_for" label={t('transfers.form.scheduleFor')} extra={t('transfers.form.businessDayNote')}>
            <DatePicker
              format={locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}
              disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(1, 'year'), 'day')}
              style={{ width: '100%' }}
              data-testid="transfer-schedule"
            />
          </Form.Item>
          <Alert type="info" showIcon title={t('transfers.form.limitsNote')} />
        </Form>
      )}
    </Modal>
  );
}
