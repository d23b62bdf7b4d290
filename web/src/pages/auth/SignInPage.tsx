// Sign-in (seed 002): e-mail and password, the authenticator code when the operator has one,
// and "Recuperar a senha", which e-mails a code to the address typed and opens the code step.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Form, Input, Typography, type InputRef } from 'antd';
import { LockOutlined, MailOutlined, SafetyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { requestCode, signIn } from '../../api/identity';
import { translateMessage } from '../../api/problemText';
import { safeNext } from '../../auth/session';
import ProblemAlert from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { HOME_PATH } from '../../navigation';

interface Values {
  email: string;
  password: string;
  totp_code?: string;
}

export default function SignInPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [needsTotp, setNeedsTotp] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const totpRef = useRef<InputRef>(null);
  const next = safeNext(params.get('next'), HOME_PATH);
  const notice = params.get('notice');

  useEffect(() => {
    document.title = `${t('auth.signIn.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    if (needsTotp) totpRef.current?.focus();
  }, [needsTotp]);

  async function onFinish(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await signIn({
        email: values.email.trim(),
        password: values.password,
        totp_code: needsTotp ? values.totp_code?.trim() : undefined,
      });
      // A new session: nothing cached from a previous operator may show.
      queryClient.clear();
      if (answer.must_change_password) navigate('/change-password', { replace: true, state: { from: next } });
      else navigate(next, { replace: true });
    } catch (e) {
      if (isApiError(e) && e.status === 401 && e.fields.some((f) => f.field === 'totp_code')) {
        const wasShown = needsTotp;
        setNeedsTotp(true);
        if (wasShown) {
          const msg = translateMessage(e.fieldMessage('totp_code'), t, locale);
          form.setFields([{ name: 'totp_code', errors: msg ? [msg] : [] }]);
        }
      } else {
        setError(e);
        form.setFieldValue('password', '');
      }
    } finally {
      setBusy(false);
    }
  }

  // Seed 002, steps 1–2: type the e-mail on the sign-in screen, click "Recuperar a senha".
  async function recover() {
    try {
      await form.validateFields(['email']);
    } catch {
      return;
    }
    const email = (form.getFieldValue('email') as string).trim();
    setRecovering(true);
    setError(undefined);
    try {
      await requestCode(email);
      void message.success(t('auth.recover.sent'));
      navigate(`/first-access?email=${encodeURIComponent(email)}&sent=1`);
    } catch (e) {
      setError(e);
    } finally {
      setRecovering(false);
    }
  }

  return (
    <Card className="rg-public-card" data-testid="sign-in-page">
      <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="page-title">
        {t('auth.signIn.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('auth.signIn.subtitle')}</Typography.Paragraph>

      {notice === 'password-set' && (
        <Alert type="success" showIcon title={t('auth.notice.passwordSet')} style={{ marginBottom: 16 }} data-testid="sign-in-notice" />
      )}
      {notice === 'signed-out-everywhere' && (
        <Alert type="info" showIcon title={t('auth.notice.signedOutEverywhere')} style={{ marginBottom: 16 }} data-testid="sign-in-notice" />
      )}
      {error !== undefined && (
        <div style={{ marginBottom: 16 }}>
          <SignInError error={error} />
        </div>
      )}

      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void onFinish(v)}
        initialValues={{ email: params.get('email') ?? '' }}
        data-testid="sign-in-form"
      >
        <Form.Item
          name="email"
          label={t('fields.email')}
          rules={[
            { required: true, message: t('validation.emailRequired') },
            { type: 'email', message: t('validation.emailInvalid') },
          ]}
        >
          <Input
            prefix={<MailOutlined aria-hidden />}
            autoComplete="username"
            inputMode="email"
            autoFocus
            data-testid="sign-in-email"
          />
        </Form.Item>
        <Form.Item name="password" label={t('fields.password')} rules={[{ required: true, message: t('validation.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" data-testid="sign-in-password" />
        </Form.Item>
        {needsTotp && (
          <Form.Item
            name="totp_code"
            label={t('fields.totpCode')}
            extra={t('auth.signIn.totpHint')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.totpCode') }]}
          >
            <Input
              ref={totpRef}
              prefix={<SafetyOutlined aria-hidden />}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              data-testid="sign-in-totp"
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
          {t('auth.signIn.submit')}
        </Button>
      </Form>

      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 16 }}>
        <Button type="link" style={{ padding: 0 }} onClick={() => void recover()} loading={recovering} data-testid="sign-in-recover">
          {t('auth.signIn.recover')}
        </Button>
        <Link to="/first-access" data-testid="sign-in-have-code">
          {t('auth.signIn.haveCode')}
        </Link>
      </Flex>
    </Card>
  );
}

/** 401 wrong credentials, 429 locked, 403 API-only: each with its own words. */
function SignInError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  if (isApiError(error) && [401, 403, 429].includes(error.status)) {
    const title =
      error.status === 429 ? t('auth.signIn.locked') : error.status === 403 ? t('auth.signIn.apiOnly') : t('auth.signIn.badCredentials');
    const detail = error.status === 401 ? undefined : translateMessage(error.detail, t, locale);
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={title}
        description={detail}
        data-testid="sign-in-error"
      />
    );
  }
  return <ProblemAlert error={error} testId="sign-in-error" />;
}
