// Money and limit fields shared by the limits and plans screens: reais typed in an InputNumber,
// integer centavos to and from the API, a limit value shown as "R$ 1.000,00" or "Sem limite", and
// the dialog that edits the four values of a base rule or an account's override.
import { useState } from 'react';
import { App, Form, InputNumber, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMIT_FIELDS, useRefreshLimits, type LimitField, type LimitValues } from '../../api/limits';
import { showFieldErrors } from '../../components/formErrors';
import ProblemAlert from '../../components/ProblemAlert';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';

/** Reais as typed (a number with up to two decimals) → integer centavos; empty → null. */
export function toCentavos(reais: number | null | undefined): number | null {
  return reais === null || reais === undefined ? null : Math.round(reais * 100);
}

/** Integer centavos → reais for an InputNumber; null stays null. */
export function toReais(centavos: number | null | undefined): number | null {
  return centavos === null || centavos === undefined ? null : centavos / 100;
}

/** An amount in reais ("R$" before, comma decimals in pt-BR); the form holds reais. */
export function MoneyInput({ testId, ...props }: { testId?: string; value?: number | null; onChange?: (v: number | null) => void; placeholder?: string }) {
  const pt = currentLanguage() === 'pt-BR';
  return (
    <InputNumber<number>
      {...props}
      min={0}
      precision={2}
      decimalSeparator={pt ? ',' : '.'}
      prefix="R$"
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

export function LimitValue({ value, empty }: { value: number | null; empty?: string }) {
  const { t } = useTranslation();
  if (value === null) return <Typography.Text type="secondary">{empty ?? t('limits.noLimit')}</Typography.Text>;
  return <span className="rg-mono">{formatMoney(value)}</span>;
}

export type LimitFormValues = Record<LimitField, number | null>;

export function limitsToForm(values: Partial<LimitValues> | undefined): LimitFormValues {
  return Object.fromEntries(LIMIT_FIELDS.map((f) => [f, toReais(values?.[f] ?? null)])) as LimitFormValues;
}

export function formToLimits(values: Partial<LimitFormValues>): LimitValues {
  return Object.fromEntries(LIMIT_FIELDS.map((f) => [f, toCentavos(values[f])])) as LimitValues;
}

/** The four values of a limit rule or level as form items (empty = no limit / inherit). */
export function LimitFields({ placeholder, testPrefix }: { placeholder: string; testPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      {LIMIT_FIELDS.map((f) => (
        <Form.Item key={f} name={f} label={t(`limits.fields.${f}`)}>
          <MoneyInput placeholder={placeholder} testId={`${testPrefix}-${f}`} />
        </Form.Item>
      ))}
    </>
  );
}

/**
 * Edits the four values of a limit rule: `onSave` sends them (centavos, null for an empty field);
 * field errors show next to their fields. Test ids: `${testPrefix}-form`, `${testPrefix}-save` and
 * `${testPrefix}-<field>`.
 */
export function LimitValuesModal({
  open,
  title,
  hint,
  placeholder,
  initial,
  testPrefix,
  onSave,
  onClose,
}: {
  open: boolean;
  title: string;
  hint: string;
  /** What an empty field means ("Sem limite", "Herda da base"). */
  placeholder: string;
  initial?: Partial<LimitValues>;
  testPrefix: string;
  onSave: (values: LimitValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LimitFormValues>();
  const refresh = useRefreshLimits();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  async function save(values: LimitFormValues) {
    setSaving(true);
    setError(undefined);
    try {
      await onSave(formToLimits(values));
      await refresh();
      void message.success(t('limits.saved'));
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, t, currentLanguage(), LIMIT_FIELDS)) setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': `${testPrefix}-save` } as never}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={limitsToForm(initial)} onFinish={(v) => void save(v)} data-testid={`${testPrefix}-form`}>
        {error !== undefined && <ProblemAlert error={error} />}
        <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
        <LimitFields placeholder={placeholder} testPrefix={testPrefix} />
      </Form>
    </Modal>
  );
}
