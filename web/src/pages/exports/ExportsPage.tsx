// "Exportações" (PLT-09): the operator's background exports — the large ones a list sent to a
// job — with status, row count, size, expiry and the download link. Refreshes itself while an
// export is still queued or running.
import { Flex, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useExports, type ExportRecord } from '../../api/exports';
import { ListEmpty, ListTable, PageHeader, PAGE_SIZES, usePagedList } from '../../components/list';
import { formatDateTime, formatNumber } from '../../format';
import { currentLanguage } from '../../i18n';

const NO_FILTERS = [] as const;

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
  const list = usePagedList(NO_FILTERS, { toApi: () => ({}), usePage: useExports, defaultPageSize: PAGE_SIZES[1] });

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
      <ListTable<ExportRecord>
        query={list.query}
        pager={list}
        loadError={t('exports.loadError')}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="exports-table"
        empty={<ListEmpty hint={t('exports.empty')} />}
      />
    </Flex>
  );
}
