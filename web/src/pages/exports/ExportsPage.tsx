// "Exportações" (PLT-09): the operator's background exports — the large ones a list sent to a
// job — with status, row count, size, expiry and the download link. Refreshes itself while an
// export is still queued or running.
import { Card, Empty, Flex, Skeleton, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useExports, type ExportRecord } from '../../api/exports';
import { CursorPager, PageHeader, PAGE_SIZES, useCursorPaging, useUrlFilters } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDateTime, formatNumber } from '../../format';
import { currentLanguage } from '../../i18n';

const FILTER_KEYS = ['page_size'] as const;

const STATUS_COLORS: Record<ExportRecord['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
  expired: 'warning',
};

function formatSize(bytes: number | null, locale: 'pt-BR' | 'en-US'): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${formatNumber(bytes, locale)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10, locale)} KB`;
  return `${formatNumber(Math.round(bytes / (1024 * 104.858)) / 10, locale)} MB`;
}

export default function ExportsPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { filters, setFilters } = useUrlFilters(FILTER_KEYS);
  const pageSize = Number(filters.page_size) || PAGE_SIZES[1];
  const paging = useCursorPaging(String(pageSize));
  const query = useExports({ page_size: pageSize, cursor: paging.cursor });

  const columns: TableColumnsType<ExportRecord> = [
    {
      key: 'list',
      title: t('exports.columns.list'),
      render: (_, e) => <span data-testid="export-list">{locale === 'en-US' ? e.title_en : e.title_pt}</span>,
    },
    { key: 'format', title: t('exports.columns.format'), render: (_, e) => (e.format === 'xlsx' ? 'Excel' : 'CSV') },
    {
      key: 'status',
      title: t('fields.status'),
      render: (_, e) => {
        const tag = (
          <Tag color={STATUS_COLORS[e.status]} data-testid="export-status">
            {t(`exports.status.${e.status}`)}
          </Tag>
        );
        return e.error ? <Tooltip title={e.error}>{tag}</Tooltip> : tag;
      },
    },
    {
      key: 'rows',
      title: t('exports.columns.rows'),
      align: 'right',
      render: (_, e) => <span data-testid="export-rows">{e.row_count === null ? '—' : formatNumber(e.row_count, locale)}</span>,
    },
    { key: 'size', title: t('exports.columns.size'), align: 'right', render: (_, e) => formatSize(e.size_bytes, locale) },
    {
      key: 'filters',
      title: t('exports.columns.filters'),
      render: (_, e) => (e.filters ? <Typography.Text code>{decodeURIComponent(e.filters.replace(/\+/g, ' '))}</Typography.Text> : '—'),
    },
    {
      key: 'created',
      title: t('exports.columns.requestedAt'),
      render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.created_at, locale)}</span>,
    },
    {
      key: 'expires',
      title: t('exports.columns.expiresAt'),
      render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{e.expires_at ? formatDateTime(e.expires_at, locale) : '—'}</span>,
    },
    {
      key: 'download',
      title: t('exports.columns.download'),
      render: (_, e) =>
        e.download_url ? (
          <a href={e.download_url} download={e.file_name} data-testid="export-download">
            <DownloadOutlined /> {e.file_name}
          </a>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="exports-page">
      <PageHeader title={t('exports.title')} subtitle={t('exports.subtitle')} />
      {query.isError && <ProblemAlert error={query.error} message={t('exports.loadError')} onRetry={() => void query.refetch()} />}
      {query.isPending && !query.isError ? (
        <Card aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        query.data && (
          <Card size="small">
            <Flex vertical gap={12}>
              <Table<ExportRecord>
                rowKey="id"
                columns={columns}
                dataSource={query.data.items}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="exports-table"
                locale={{ emptyText: <Empty description={<Typography.Text type="secondary">{t('exports.empty')}</Typography.Text>} /> }}
              />
              <CursorPager
                page={paging.page}
                count={query.data.items.length}
                nextCursor={query.data.next_cursor}
                pageSize={pageSize}
                onNext={paging.next}
                onPrevious={paging.previous}
                onPageSize={(n) => setFilters({ page_size: String(n) })}
                loading={query.isFetching}
              />
            </Flex>
          </Card>
        )
      )}
    </Flex>
  );
}
