// Who is signed in, and the guards every signed-in screen sits behind.
//
// GET /api/v1/me is the one source of truth: it answers the operator, their permissions, the
// session's CSRF token and whether the password has expired. It is asked again on every
// navigation, so a session that ended elsewhere (operator disabled, "sign out everywhere") sends
// the operator to the sign-in page at their next click.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Flex, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useMe, type Me } from '../api/identity';
import ProblemAlert from '../components/ProblemAlert';
import { SIGN_IN_PATH } from '../navigation';

const MeContext = createContext<Me | undefined>(undefined);

/** The signed-in operator; only inside <RequireAuth>. */
export function useCurrentOperator(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentOperator outside <RequireAuth>');
  return me;
}

/** `can('operators.write')`: whether the signed-in operator holds a permission. */
export function useCan(): (permission?: string) => boolean {
  const me = useContext(MeContext);
  return (permission?: string) => !permission || !!me?.permissions.includes(permission);
}

/** `/sign-in?next=<where the operator was going>`. */
export function signInPath(next?: string): string {
  if (!next || next === '/' || next.startsWith(SIGN_IN_PATH)) return SIGN_IN_PATH;
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
}

/** Only a same-origin path may be a `next` target (no open redirect through `//host`). */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

function FullPageSkeleton() {
  const { t } = useTranslation();
  return (
    <Flex vertical style={{ padding: 24 }} aria-busy="true" aria-label={t('app.loading')} data-testid="session-loading">
      <Skeleton active paragraph={{ rows: 8 }} />
    </Flex>
  );
}

/**
 * Renders `children` for a signed-in operator. Without a session it sends the operator to the
 * sign-in page (keeping where they were going); with an expired password, to the password change
 * (unless `allowExpiredPassword`, used by that very screen).
 */
export function RequireAuth({ children, allowExpiredPassword = false }: { children: ReactNode; allowExpiredPassword?: boolean }) {
  const me = useMe();
  const location = useLocation();
  const { refetch } = me;
  const lastPath = useRef(location.pathname);

  useEffect(() => {
    if (lastPath.current === location.pathname) return;
    lastPath.current = location.pathname;
    void refetch();
  }, [location.pathname, refetch]);

  if (me.isError && isApiError(me.error) && me.error.status === 401) {
    return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  }
  if (me.isPending) return <FullPageSkeleton />;
  if (me.isError && !me.data) {
    return (
      <div style={{ padding: 24 }}>
        <ProblemAlert error={me.error} onRetry={() => void refetch()} testId="session-error" />
      </div>
    );
  }
  const data = me.data!;
  if (data.must_change_password && !allowExpiredPassword) {
    return <Navigate to="/change-password" replace state={{ from: location.pathname + location.search }} />;
  }
  return <MeContext.Provider value={data}>{children}</MeContext.Provider>;
}

/** The 403 screen for an operator without the route's permission. */
export function Forbidden() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('forbidden.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title={<h1 style={{ fontSize: 'inherit', margin: 0 }}>{t('forbidden.title')}</h1>}
        subTitle={t('forbidden.subtitle')}
      />
    </div>
  );
}

export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? <>{children}</> : <Forbidden />;
}
