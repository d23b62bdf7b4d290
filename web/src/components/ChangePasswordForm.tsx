// POST /api/v1/me/password: current password, new password twice, with the policy's live hints.
import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../api/identity';
import { currentLanguage } from '../i18n';
import { showFieldErrors } from './formErrors';
import PasswordRules from './PasswordRules';
import ProblemAlert from './ProblemAlert';

interface Values {
  current_password: string;
  new_password: string;
  confirm: string;
}

const FIELDS = ['current_password', 'new_password', 'confirm'] as const;

export default function ChangePasswordForm({
  email,
  name,
  onDone,
  submitText,
}: {
  email: string;
  name: string;
  onDone: () => void;
  submitText?: string;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const [form] = Form.useForm<Values>();
  const password = Form.useWatch('new_password', form) ?? '';
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onFinish(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await changePassword({ current_password: values.current_password, new_password: values.new_password });
      form.resetFields();
      onDone();
    } catch (e) {
      setError(e);
      // The server names the new password "password" in its policy errors.
      setFieldsShown(showFieldErrors(form, e, t, locale, FIELDS, { password: 'new_password' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)} data-testid="change-password-form">
      {error !== undefined && (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} hideFields={fieldsShown} testId="change-password-error" />
        </div>
      )}
      {/* Lets password managers pair the new password with the account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Form.Item
        name="current_password"
        label={t('fields.currentPassword')}
        rules={[{ required: true, message: t('validation.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="change-password-current" />
      </Form.Item>
      <Form.Item
        name="new_password"
        label={t('fields.newPassword')}
        rules={[{ required: true, message: t('validation.passwordRequired') }]}
        extra={<PasswordRules password={password} email={email} name={name} id="change-password-rules" />}
      >
        <Input.Password autoComplete="new-password" aria-describedby="change-password-rules" data-testid="change-password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('fields.confirmPassword')}
        dependencies={['new_password']}
        rules={[
          { required: true, message: t('validation.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('new_password')
                ? Promise.resolve()
                : Promise.reject(new Error(t('validation.passwordsDiffer'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="change-password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit">
        {submitText ?? t('auth.changePassword.submit')}
      </Button>
    </Form>
  );
}
