import { useMemo } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import ptBR from 'antd/locale/pt_BR';
import enUS from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api/client';
import AppLayout from './layout/AppLayout';
import NotFoundPage from './pages/NotFoundPage';
import { HOME_PATH, navigation } from './navigation';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // Client errors (4xx) will not change on retry; anything else gets one more attempt.
      retry: (failures, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 1,
    },
  },
});

const moduleRoutes: RouteObject[] = navigation.flatMap((g) =>
  g.items.flatMap((item) => [
    { path: item.path, Component: item.page },
    ...(item.routes ?? []).map((r) => ({ path: r.path, Component: r.page })),
  ]),
);

const router = createBrowserRouter([
  {
    path: '/',
    Component: AppLayout,
    children: [
      { index: true, element: <Navigate to={HOME_PATH} replace /> },
      ...moduleRoutes,
      { path: '*', Component: NotFoundPage },
    ],
  },
]);

export default function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en-US' ? enUS : ptBR;
  const theme = useMemo(() => ({ token: { colorPrimary: '#0b5cad', borderRadius: 6 } }), []);
  return (
    <ConfigProvider locale={locale} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
