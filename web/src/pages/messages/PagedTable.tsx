// A keyset-paged list as the messages, broadcasts and push screens show it: the problem (with
// retry), a skeleton while loading, then the table and the cursor pager.
import type { HTMLAttributes, ReactNode } from 'react';
import { Empty, Flex, Skeleton, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { CursorPager, type useCursorPaging } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';

interface PageQuery<T> {
  data?: { items: T[]; next_cursor: string | null };
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

export default function PagedTable<T extends { id: string }>({
  query,
  columns,
  testId,
  rowTestId,
  empty,
  paging,
  pageSize,
  onPageSize,
  loadError,
}: {
  query: PageQuery<T>;
  columns: TableColumnsType<T>;
  testId: string;
  /** Each row's data-testid is `${rowTestId}-${id}`. */
  rowTestId: string;
  empty: ReactNode;
  paging: ReturnType<typeof useCursorPaging>;
  pageSize: number;
  onPageSize: (n: number) => void;
  loadError?: string;
}) {
  const { t } = useTranslation();
  if (query.isError) return <ProblemAlert error={query.error} message={loadError} onRetry={() => void query.refetch()} />;
  if (query.isPending || !query.data)
    return (
      <div aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton active paragraph={{ rows: 5 }} />
      </div>
    );
  return (
    <Flex vertical gap={12}>
      <Table<T>
        rowKey="id"
        columns={columns}
        dataSource={query.data.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid={testId}
        onRow={(r) => ({ 'data-testid': `${rowTestId}-${r.id}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty description={<Typography.Text type="secondary">{empty}</Typography.Text>} /> }}
      />
      <CursorPager
        page={paging.page}
        count={query.data.items.length}
        nextCursor={query.data.next_cursor}
        pageSize={pageSize}
        onNext={paging.next}
        onPrevious={paging.previous}
        onPageSize={onPageSize}
        loading={query.isFetching}
      />
    </Flex>
  );
}
