import { useMemo, type ComponentType } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import ptBR from 'antd/locale/pt_BR';
import enUS from 'antd/locale/en_US';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api/client';
import { meQueryKey } from './api/identity';
import { isPasswordExpired } from './api/problemText';
import { RequireAuth, RequirePermission } from './auth/session';
import AppLayout from './layout/AppLayout';
import PublicLayout from './layout/PublicLayout';
import NotFoundPage from './pages/NotFoundPage';
import { accountRoutes, changePasswordRoute, HOME_PATH, navigation, publicRoutes } from './navigation';

// A 401 on any call means the session ended (expired, signed out elsewhere, operator disabled);
// a 403 "password expired" means the operator must choose a new one. Either way /me is asked
// again, and the session guard (auth/session.tsx) sends the operator where they must go.
function onApiError(error: unknown, key?: readonly unknown[]) {
  if (key && key[0] === meQueryKey[0] && key[1] === meQueryKey[1]) return;
  if ((isApiError(error) && error.status === 401) || isPasswordExpired(error)) {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onApiError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onApiError(error) }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // Client errors (4xx) will not change on retry; anything else gets one more attempt.
      retry: (failures, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 1,
    },
  },
});

function guarded(Page: ComponentType, permission?: string) {
  return function GuardedPage() {
    return (
      <RequirePermission permission={permission}>
        <Page />
      </RequirePermission>
    );
  };
}

const moduleRoutes: RouteObject[] = navigation.flatMap((g) =>
  g.items.flatMap((item) => [
    { path: item.path, Component: guarded(item.page, item.permission) },
    ...(item.routes ?? []).map((r) => ({ path: r.path, Component: guarded(r.page, r.permission ?? item.permission) })),
  ]),
);

const ChangePasswordPage = changePasswordRoute.page;

const router = createBrowserRouter([
  {
    Component: PublicLayout,
    children: [
      ...publicRoutes.map((r) => ({ path: r.path, Component: r.page })),
      {
        path: changePasswordRoute.path,
        element: (
          <RequireAuth allowExpiredPassword>
            <ChangePasswordPage />
          </RequireAuth>
        ),
      },
    ],
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to={HOME_PATH} replace /> },
      ...moduleRoutes,
      ...accountRoutes.map((r) => ({ path: r.path, Component: r.page })),
      { path: '*', Component: NotFoundPage },
    ],
  },
]);

/**
 * Where antd puts a popup (a select's list, a date picker, a tooltip). One opened from a dialog
 * goes inside the dialog's layer: the layer is fixed to the window while the page behind it can
 * still be scrolled (by the browser bringing an element into view, or by scroll anchoring when a
 * list behind it refreshes), and a popup placed in the page would then move away from its field
 * until it is aligned again; a click that lands meanwhile picks nothing. Elsewhere, the page.
 */
function popupContainer(trigger?: HTMLElement): HTMLElement {
  return trigger?.closest<HTMLElement>('.ant-modal-wrap') ?? document.body;
}

export default function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en-US' ? enUS : ptBR;
  const theme = useMemo(() => ({ token: { colorPrimary: '#0b5cad', borderRadius: 6 } }), []);
  return (
    <ConfigProvider locale={locale} theme={theme} getPopupContainer={popupContainer}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
