// "Estornar" (TRX-02): gives back all or part of a completed P2P transfer — a chargeback from its
// payee to its payer, with a reason (required) and the amount, which starts at what is left to
// reverse. The answer is the chargeback itself: completed, or failed for lack of balance.
import { useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accountsKey } from '../../api/accounts';
import { chargebackTransfer, transfersKey, type Transfer } from '../../api/transfers';
import ProblemAlert from '../../components/ProblemAlert';
import { showFieldErrors } from '../../components/formErrors';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { MoneyInput, toCentavos } from '../accounts/labels';

interface Values {
  reason: string;
  amount: number;
}
const FIELDS = ['reason', 'amount'] as const;

export default function ChargebackModal({ transfer, onClose, onDone }: { transfer: Transfer; onClose: () => void; onDone: (chargeback: Transfer) => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const remaining = transfer.amount - transfer.reversed_amount;

  async function submit(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const amount = toCentavos(v.amount);
      const chargeback = await chargebackTransfer(transfer.id, { reason: v.reason.trim(), amount });
      void queryClient.invalidateQueries({ queryKey: transfersKey });
      void queryClient.invalidateQueries({ queryKey: accountsKey });
      onDone(chargeback);
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('transfers.chargeback.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('transfers.chargeback.ok')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'chargeback-ok' } as never}
      cancelText={t('common.back')}
      destroyOnHidden
    >
      <div data-testid="chargeback-dialog">
        <Typography.Paragraph>
          {t('transfers.chargeback.text', { amount: formatMoney(transfer.amount), remaining: formatMoney(remaining) })}
        </Typography.Paragraph>
        {error !== undefined && <ProblemAlert error={error} hideFields={fieldsShown} testId="chargeback-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ amount: remaining / 100 }} style={{ marginTop: 12 }}>
          <Form.Item
            name="amount"
            label={t('transfers.chargeback.amount')}
            extra={t('transfers.chargeback.amountHint', { remaining: formatMoney(remaining) })}
            rules={[
              { required: true, message: t('transfers.chargeback.amountRequired') },
              {
                validator: (_, v: number | undefined) =>
                  v === undefined || v === null || toCentavos(v) <= remaining
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('transfers.chargeback.amountTooHigh', { remaining: formatMoney(remaining) }))),
              },
            ]}
          >
            <MoneyInput testId="chargeback-amount" />
          </Form.Item>
          <Form.Item name="reason" label={t('transfers.chargeback.reason')} rules={[{ required: true, whitespace: true, message: t('transfers.chargeback.reasonRequired') }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="chargeback-reason" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
