// Create or edit an operator (seed 002 "Usuários"): name, e-mail, phone, role ("Permissão"),
// access interface, and — for the "Comercial do cliente" role only — daily and monthly query
// limits (daily ≤ monthly).
import { useEffect, useMemo, useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  createOperator,
  operatorsKey,
  ROLE_COMMERCIAL,
  updateOperator,
  useRoles,
  type AccessInterface,
  type Operator,
  type OperatorInput,
} from '../../api/identity';
import { showFieldErrors } from '../../components/formErrors';
import { phoneRule } from '../../components/formRules';
import { useAccessInterfaceLabel, useRoleName } from '../../components/identityLabels';
import ProblemAlert from '../../components/ProblemAlert';
import { formatPhone, maskPhone } from '../../format';
import { currentLanguage } from '../../i18n';

interface Values {
  name: string;
  email: string;
  phone?: string;
  role_id?: string;
  access_interface: AccessInterface;
  daily_query_limit?: number | null;
  monthly_query_limit?: number | null;
  locale: 'pt-BR' | 'en-US';
}

const FIELDS = ['name', 'email', 'phone', 'role_id', 'access_interface', 'daily_query_limit', 'monthly_query_limit', 'locale'] as const;

export default function OperatorFormModal({
  open,
  operator,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** Editing this operator; creating when undefined. */
  operator?: Operator;
  onClose: () => void;
  onSaved?: (op: Operator) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roles = useRoles(open);
  const roleName = useRoleName();
  const interfaceLabel = useAccessInterfaceLabel();
  const [form] = Form.useForm<Values>();
  const roleId = Form.useWatch('role_id', form);
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const editing = !!operator;

  const role = useMemo(() => roles.data?.find((r) => r.id === roleId), [roles.data, roleId]);
  const commercial = role?.code === ROLE_COMMERCIAL;

  // The form is filled when the dialog opens, not each time the operator's record is fetched
  // again: a refresh while the dialog is open (the browser tab regaining focus) would otherwise
  // put the stored values back over what the manager typed or chose.
  const operatorId = operator?.id;
  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    form.setFieldsValue(
      operator
        ? {
            name: operator.name,
            email: operator.email,
            phone: operator.phone ? formatPhone(operator.phone) : '',
            role_id: operator.role_id,
            access_interface: operator.access_interface,
            daily_query_limit: operator.daily_query_limit,
            monthly_query_limit: operator.monthly_query_limit,
            locale: operator.locale,
          }
        : { access_interface: 'console', locale: 'pt-BR' },
    );
  }, [open, operatorId, form]);

  async function onFinish(values: Values) {
    setBusy(true);
    setError(undefined);
    const phone = values.phone?.replace(/\D/g, '') ?? '';
    const input: OperatorInput = {
      name: values.name.trim(),
      email: values.email.trim(),
      phone: phone ? phone : editing ? null : undefined,
      role_id: values.role_id,
      access_interface: values.access_interface,
      locale: values.locale,
    };
    if (commercial) {
      input.daily_query_limit = values.daily_query_limit ?? null;
      input.monthly_query_limit = values.monthly_query_limit ?? null;
    }
    try {
      const saved = editing ? await updateOperator(operator.id, input) : await createOperator(input);
      void queryClient.invalidateQueries({ queryKey: operatorsKey });
      void message.success(editing ? t('operators.form.updated', { name: saved.name }) : t('operators.form.created', { email: saved.email }));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={editing ? t('operators.form.editTitle', { name: operator.name }) : t('operators.form.createTitle')}
      okText={editing ? t('common.save') : t('operators.form.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'operator-form-submit' } as never}
      destroyOnHidden
      width={620}
    >
      <div data-testid="operator-form">
        {error !== undefined && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={error} hideFields={fieldsShown} testId="operator-form-error" />
          </div>
        )}
        {roles.isError && <ProblemAlert error={roles.error} message={t('operators.form.rolesError')} />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark>
          <Form.Item name="name" label={t('fields.name')} rules={[{ required: true, whitespace: true, max: 120, message: t('validation.nameRequired') }]}>
            <Input autoComplete="off" data-testid="operator-name" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('fields.email')}
            extra={editing ? undefined : t('operators.form.emailHint')}
            rules={[
              { required: true, message: t('validation.emailRequired') },
              { type: 'email', message: t('validation.emailInvalid') },
            ]}
          >
            <Input autoComplete="off" inputMode="email" data-testid="operator-email" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('fields.phone')}
            normalize={(v: string) => maskPhone(v ?? '')}
            rules={[phoneRule(t('validation.phone'))]}
          >
            <Input autoComplete="off" inputMode="tel" placeholder="(11) 91234-5678" data-testid="operator-phone" />
          </Form.Item>
          <Form.Item name="role_id" label={t('fields.role')} rules={[{ required: true, message: t('validation.roleRequired') }]}>
            <Select
              loading={roles.isPending}
              data-testid="operator-role"
              options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleName(r) }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          {commercial && (
            <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }} data-testid="operator-limits">
              <Form.Item
                name="daily_query_limit"
                label={t('fields.dailyLimit')}
                style={{ flex: 1, minWidth: 200 }}
                dependencies={['monthly_query_limit']}
                rules={[
                  { required: true, message: t('validation.limitRequired') },
                  ({ getFieldValue }) => ({
                    validator: (_, v: number | null) => {
                      const monthly = getFieldValue('monthly_query_limit') as number | null;
                      return v == null || monthly == null || v <= monthly
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('validation.dailyAboveMonthly')));
                    },
                  }),
                ]}
              >
                <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} data-testid="operator-daily-limit" />
              </Form.Item>
              <Form.Item
                name="monthly_query_limit"
                label={t('fields.monthlyLimit')}
                style={{ flex: 1, minWidth: 200 }}
                rules={[{ required: true, message: t('validation.limitRequired') }]}
              >
                <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} data-testid="operator-monthly-limit" />
              </Form.Item>
            </div>
          )}
          <Form.Item name="access_interface" label={t('fields.accessInterface')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              data-testid="operator-interface"
              options={(['console', 'api', 'both'] as const).map((v) => ({ value: v, label: interfaceLabel(v) }))}
            />
          </Form.Item>
          <Form.Item name="locale" label={t('fields.locale')}>
            <Radio.Group
              options={[
                { value: 'pt-BR', label: t('language.pt-BR') },
                { value: 'en-US', label: t('language.en-US') },
              ]}
            />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
