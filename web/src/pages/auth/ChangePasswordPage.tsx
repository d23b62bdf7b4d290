// The password change every page redirects to once the password has expired (seed 002: "A
// senha expira em 90 dias"); the other API calls answer 403 until it is done.
import { useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meQueryKey, signOut } from '../../api/identity';
import { safeNext, useCurrentOperator } from '../../auth/session';
import ChangePasswordForm from '../../components/ChangePasswordForm';
import { HOME_PATH, SIGN_IN_PATH } from '../../navigation';

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useCurrentOperator();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const from = safeNext((location.state as { from?: string } | null)?.from, HOME_PATH);

  useEffect(() => {
    document.title = `${t('auth.changePassword.title')} · ${t('app.name')}`;
  }, [t]);

  async function done() {
    void message.success(t('auth.changePassword.done'));
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
    navigate(from === '/change-password' ? HOME_PATH : from, { replace: true });
  }

  async function leave() {
    try {
      await signOut();
    } catch {
      /* already gone */
    }
    queryClient.clear();
    navigate(SIGN_IN_PATH, { replace: true });
  }

  return (
    <Card className="rg-public-card rg-wide" data-testid="change-password-page">
      <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="page-title">
        {t('auth.changePassword.title')}
      </Typography.Title>
      {me.must_change_password ? (
        <Alert type="warning" showIcon title={t('auth.changePassword.expired')} style={{ marginBottom: 16 }} data-testid="password-expired" />
      ) : (
        <Typography.Paragraph type="secondary">{t('auth.changePassword.subtitle', { name: me.name })}</Typography.Paragraph>
      )}
      <ChangePasswordForm email={me.email} name={me.name} onDone={() => void done()} />
      <Flex justify="space-between" style={{ marginTop: 16 }}>
        {me.must_change_password ? <span /> : <Link to={HOME_PATH}>{t('common.back')}</Link>}
        <Button type="link" style={{ padding: 0 }} onClick={() => void leave()} data-testid="change-password-sign-out">
          {t('userMenu.signOut')}
        </Button>
      </Flex>
    </Card>
  );
}
