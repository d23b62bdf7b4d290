// The signed-in operator's own page: who they are, password change, the authenticator (TOTP)
// second factor, and "Sair de todas as sessões".
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, QRCode, Row, Tag, Typography } from 'antd';
import { CheckCircleOutlined, LockOutlined, LogoutOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { confirmTotp, disableTotp, meQueryKey, signOutEverywhere, startTotp } from '../../api/identity';
import { useCurrentOperator } from '../../auth/session';
import ChangePasswordForm from '../../components/ChangePasswordForm';
import { showFieldErrors } from '../../components/formErrors';
import { useAccessInterfaceLabel, useRoleName } from '../../components/identityLabels';
import { PageHeader } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDateTime, formatPhone } from '../../format';
import { currentLanguage } from '../../i18n';
import { SIGN_IN_PATH } from '../../navigation';

function TotpCard() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const me = useCurrentOperator();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauth_uri: string }>();
  const [disabling, setDisabling] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [codeForm] = Form.useForm<{ code: string }>();
  const [passwordForm] = Form.useForm<{ password: string }>();

  async function run(action: () => Promise<void>, form?: Parameters<typeof showFieldErrors>[0], fields: string[] = []) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
      setFieldsShown(form ? showFieldErrors(form, e, t, locale, fields) : false);
    } finally {
      setBusy(false);
    }
  }

  const start = () =>
    run(async () => {
      setEnrolment(await startTotp());
    });

  const confirm = (code: string) =>
    run(
      async () => {
        await confirmTotp(code.trim());
        setEnrolment(undefined);
        codeForm.resetFields();
        void message.success(t('profile.totp.enabled'));
        await queryClient.invalidateQueries({ queryKey: meQueryKey });
      },
      codeForm,
      ['code'],
    );

  const disable = (password: string) =>
    run(
      async () => {
        await disableTotp(password);
        setDisabling(false);
        passwordForm.resetFields();
        void message.success(t('profile.totp.disabled'));
        await queryClient.invalidateQueries({ queryKey: meQueryKey });
      },
      passwordForm,
      ['password'],
    );

  return (
    <Card
      title={
        <span>
          <SafetyCertificateOutlined /> {t('profile.totp.title')}
        </span>
      }
      data-testid="profile-totp"
      extra={
        me.totp_enabled ? (
          <Tag color="success" icon={<CheckCircleOutlined />} data-testid="totp-state">
            {t('profile.totp.on')}
          </Tag>
        ) : (
          <Tag data-testid="totp-state">{t('profile.totp.off')}</Tag>
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('profile.totp.explain')}
        </Typography.Paragraph>
        {error !== undefined && <ProblemAlert error={error} hideFields={fieldsShown} onClose={() => setError(undefined)} />}

        {!me.totp_enabled && !enrolment && (
          <div>
            <Button type="primary" onClick={() => void start()} loading={busy} data-testid="totp-start">
              {t('profile.totp.start')}
            </Button>
          </div>
        )}

        {!me.totp_enabled && enrolment && (
          <Flex vertical gap={16} data-testid="totp-enrolment">
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              <li>
                <Typography.Text strong>{t('profile.totp.step1')}</Typography.Text>{' '}
                <Typography.Text type="secondary">{t('profile.totp.step1Hint')}</Typography.Text>
              </li>
              <li>
                <Typography.Text strong>{t('profile.totp.step2')}</Typography.Text>{' '}
                <Typography.Text type="secondary">{t('profile.totp.step2Hint')}</Typography.Text>
              </li>
              <li>
                <Typography.Text strong>{t('profile.totp.step3')}</Typography.Text>
              </li>
            </ol>
            <Flex gap={24} wrap align="flex-start">
              <QRCode value={enrolment.otpauth_uri} type="svg" size={176} aria-label={t('profile.totp.qrLabel')} data-testid="totp-qr" />
              <Flex vertical gap={8} style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong>{t('profile.totp.secret')}</Typography.Text>
                <Typography.Paragraph
                  className="rg-mono"
                  copyable={{ tooltips: [t('common.copy'), t('common.copied')] }}
                  style={{ margin: 0, wordBreak: 'break-all' }}
                  data-testid="totp-secret"
                >
                  {enrolment.secret}
                </Typography.Paragraph>
                <Typography.Text strong>{t('profile.totp.uri')}</Typography.Text>
                <Typography.Paragraph
                  className="rg-mono"
                  copyable={{ tooltips: [t('common.copy'), t('common.copied')] }}
                  style={{ margin: 0, fontSize: 12, wordBreak: 'break-all' }}
                  data-testid="totp-uri"
                >
                  {enrolment.otpauth_uri}
                </Typography.Paragraph>
              </Flex>
            </Flex>
            <Form form={codeForm} layout="vertical" onFinish={(v) => void confirm(v.code)} style={{ maxWidth: 420 }}>
              <Form.Item
                name="code"
                label={t('fields.totpCode')}
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.totpCode') }]}
              >
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 140 }} data-testid="totp-code" />
              </Form.Item>
              <Form.Item>
                <Flex gap={8}>
                  <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-confirm">
                    {t('profile.totp.confirm')}
                  </Button>
                  <Button onClick={() => setEnrolment(undefined)}>{t('common.cancel')}</Button>
                </Flex>
              </Form.Item>
            </Form>
          </Flex>
        )}

        {me.totp_enabled && !disabling && (
          <div>
            <Button danger onClick={() => setDisabling(true)} data-testid="totp-disable">
              {t('profile.totp.disable')}
            </Button>
          </div>
        )}
        {me.totp_enabled && disabling && (
          <Form form={passwordForm} layout="vertical" onFinish={(v) => void disable(v.password)} style={{ maxWidth: 420 }}>
            <Form.Item name="password" label={t('fields.password')} rules={[{ required: true, message: t('validation.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" data-testid="totp-disable-password" />
            </Form.Item>
            <Form.Item>
              <Flex gap={8}>
                <Button danger htmlType="submit" loading={busy} data-testid="totp-disable-confirm">
                  {t('profile.totp.disable')}
                </Button>
                <Button onClick={() => setDisabling(false)}>{t('common.cancel')}</Button>
              </Flex>
            </Form.Item>
          </Form>
        )}
      </Flex>
    </Card>
  );
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const me = useCurrentOperator();
  const roleName = useRoleName();
  const interfaceLabel = useAccessInterfaceLabel();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [changing, setChanging] = useState(false);

  function confirmSignOutEverywhere() {
    modal.confirm({
      title: t('profile.sessions.confirmTitle'),
      content: t('profile.sessions.confirmText'),
      okText: t('profile.sessions.signOutEverywhere'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-sign-out-everywhere' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await signOutEverywhere();
        } catch (e) {
          void message.error(String((e as Error).message));
          return;
        }
        queryClient.clear();
        navigate(`${SIGN_IN_PATH}?notice=signed-out-everywhere`, { replace: true });
      },
    });
  }

  return (
    <Flex vertical gap={16} data-testid="profile-page">
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('profile.data')}>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'name', label: t('fields.name'), children: <span data-testid="profile-name">{me.name}</span> },
                { key: 'email', label: t('fields.email'), children: <span data-testid="profile-email">{me.email}</span> },
                { key: 'role', label: t('fields.role'), children: <span data-testid="profile-role">{roleName(me)}</span> },
                { key: 'interface', label: t('fields.accessInterface'), children: interfaceLabel(me.access_interface) },
                { key: 'phone', label: t('fields.phone'), children: me.phone ? formatPhone(me.phone) : '—' },
                { key: 'locale', label: t('fields.locale'), children: t(`language.${me.locale}`) },
                {
                  key: 'last',
                  label: t('fields.lastSignIn'),
                  children: me.last_sign_in_at ? formatDateTime(me.last_sign_in_at, locale) : '—',
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <Card
              title={
                <span>
                  <LockOutlined /> {t('profile.password.title')}
                </span>
              }
              data-testid="profile-password"
            >
              {changing ? (
                <ChangePasswordForm
                  email={me.email}
                  name={me.name}
                  onDone={() => {
                    setChanging(false);
                    void message.success(t('auth.changePassword.done'));
                  }}
                />
              ) : (
                <Flex vertical gap={12} align="flex-start">
                  <Typography.Text type="secondary">{t('profile.password.explain')}</Typography.Text>
                  <Button onClick={() => setChanging(true)} data-testid="profile-change-password">
                    {t('profile.password.change')}
                  </Button>
                </Flex>
              )}
            </Card>
            <TotpCard />
            <Card
              title={
                <span>
                  <LogoutOutlined /> {t('profile.sessions.title')}
                </span>
              }
            >
              <Flex vertical gap={12} align="flex-start">
                <Alert type="info" showIcon title={t('profile.sessions.explain')} />
                <Button danger onClick={confirmSignOutEverywhere} data-testid="sign-out-everywhere">
                  {t('profile.sessions.signOutEverywhere')}
                </Button>
              </Flex>
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
