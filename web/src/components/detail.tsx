// Building blocks of every detail page (DESIGN §10): the breadcrumb back to the list, and what
// the page shows before its record is there.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Breadcrumb, Card, Flex, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import ProblemAlert from './ProblemAlert';

/** The list the record belongs to, linked, then the record ("…" while it loads). */
export function DetailCrumbs({ list, to, current }: { list: string; to: string; current: string | undefined }) {
  return <Breadcrumb items={[{ title: <Link to={to}>{list}</Link> }, { title: current ?? '…' }]} />;
}

/**
 * A detail page without its record: the breadcrumb over a skeleton while it loads, a 404 that
 * leads back to the list, or the problem with a retry. Test ids are `${testIdPrefix}-skeleton`
 * and `${testIdPrefix}-not-found`.
 */
export function DetailFallback({
  query,
  crumbs,
  notFound,
  backTo,
  backLabel,
  loadError,
  skeletonRows = 8,
  testIdPrefix,
}: {
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
  crumbs: ReactNode;
  notFound: string;
  backTo: string;
  backLabel: string;
  loadError: string;
  skeletonRows?: number;
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Flex vertical gap={16}>
        {crumbs}
        <Card aria-busy="true" aria-label={t('app.loading')} data-testid={`${testIdPrefix}-skeleton`}>
          <Skeleton active paragraph={{ rows: skeletonRows }} />
        </Card>
      </Flex>
    );
  }
  if (isApiError(query.error) && query.error.status === 404) {
    return <Result status="404" title={notFound} extra={<Link to={backTo}>{backLabel}</Link>} data-testid={`${testIdPrefix}-not-found`} />;
  }
  return <ProblemAlert error={query.error} message={loadError} onRetry={() => void query.refetch()} />;
}
