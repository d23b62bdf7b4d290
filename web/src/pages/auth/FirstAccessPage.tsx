// First access and password recovery (seed 002, steps 3–7): the operator copies the code from
// the e-mail into "Código de confirmação", types the password twice and clicks "Confirmar";
// then signs in with it. The e-mail's link opens /first-access?email=….
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { confirmCode, requestCode } from '../../api/identity';
import { showFieldErrors } from '../../components/formErrors';
import PasswordRules from '../../components/PasswordRules';
import ProblemAlert from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';

interface Values {
  email: string;
  code: string;
  password: string;
  confirm: string;
}

const FIELDS = ['email', 'code', 'password', 'confirm'] as const;

export default function FirstAccessPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const password = Form.useWatch('password', form) ?? '';
  const email = Form.useWatch('email', form) ?? '';
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [resending, setResending] = useState(false);
  const sent = params.get('sent') === '1';

  useEffect(() => {
    document.title = `${t('auth.firstAccess.title')} · ${t('app.name')}`;
  }, [t]);

  async function onFinish(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      await confirmCode({ email: values.email.trim(), code: values.code.trim(), password: values.password });
      void message.success(t('auth.notice.passwordSet'));
      navigate(`/sign-in?email=${encodeURIComponent(values.email.trim())}&notice=password-set`, { replace: true });
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    try {
      await form.validateFields(['email']);
    } catch {
      return;
    }
    setResending(true);
    try {
      await requestCode((form.getFieldValue('email') as string).trim());
      void message.success(t('auth.recover.sent'));
    } catch (e) {
      setError(e);
    } finally {
      setResending(false);
    }
  }

  return (
    <Card className="rg-public-card rg-wide" data-testid="first-access-page">
      <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="page-title">
        {t('auth.firstAccess.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('auth.firstAccess.subtitle')}</Typography.Paragraph>
      {sent && (
        <Alert
          type="info"
          showIcon
          title={t('auth.recover.sentDetail', { email: params.get('email') ?? '' })}
          style={{ marginBottom: 16 }}
          data-testid="first-access-sent"
        />
      )}
      {error !== undefined && (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} hideFields={fieldsShown} testId="first-access-error" />
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ email: params.get('email') ?? '' }}
        onFinish={(v) => void onFinish(v)}
        data-testid="first-access-form"
      >
        <Form.Item
          name="email"
          label={t('fields.email')}
          rules={[
            { required: true, message: t('validation.emailRequired') },
            { type: 'email', message: t('validation.emailInvalid') },
          ]}
        >
          <Input autoComplete="username" inputMode="email" data-testid="first-access-email" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('fields.confirmationCode')}
          extra={t('auth.firstAccess.codeHint')}
          rules={[{ required: true, message: t('validation.codeRequired') }]}
        >
          <Input
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={12}
            autoFocus={!!params.get('email')}
            data-testid="first-access-code"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('fields.password')}
          rules={[{ required: true, message: t('validation.passwordRequired') }]}
          extra={<PasswordRules password={password} email={email} id="first-access-rules" />}
        >
          <Input.Password autoComplete="new-password" aria-describedby="first-access-rules" data-testid="first-access-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('fields.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="first-access-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="first-access-submit">
          {t('auth.firstAccess.submit')}
        </Button>
      </Form>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 16 }}>
        <Button type="link" style={{ padding: 0 }} onClick={() => void resend()} loading={resending} data-testid="first-access-resend">
          {t('auth.firstAccess.resend')}
        </Button>
        <Link to="/sign-in" data-testid="first-access-back">
          {t('auth.firstAccess.back')}
        </Link>
      </Flex>
    </Card>
  );
}
