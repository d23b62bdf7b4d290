// The built-in mailbox: every e-mail the system wrote while no SMTP server is configured (and
// the ones it sent), newest first. Opening a message marks it read.
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Badge, Card, Empty, Flex, Input, Skeleton, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMailbox, type MailSummary } from '../../api/platform';
import { CursorPager, PageHeader, PAGE_SIZES, useCursorPaging, useUrlFilters } from '../../components/list';
import ExportButton from '../../components/ExportButton';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { MailStatusTag, useTemplateLabel } from './labels';

const FILTER_KEYS = ['to', 'page_size'] as const;

export default function MailboxPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const navigate = useNavigate();
  const templateLabel = useTemplateLabel();
  const { filters, setFilters } = useUrlFilters(FILTER_KEYS);
  const [search, setSearch] = useState(filters.to ?? '');
  const pageSize = Number(filters.page_size) || PAGE_SIZES[1];
  const apiFilters = useMemo(() => ({ to: filters.to }), [filters.to]);
  const paging = useCursorPaging(JSON.stringify(apiFilters) + pageSize);
  const query = useMailbox({ ...apiFilters, page_size: pageSize, cursor: paging.cursor });

  const columns: TableColumnsType<MailSummary> = [
    {
      key: 'subject',
      title: t('mailbox.columns.subject'),
      render: (_, m) => (
        <Flex gap={8} align="center">
          {!m.read_at && <Badge status="processing" aria-hidden />}
          <Link to={`/mailbox/${m.id}`} data-testid="mail-link" style={{ fontWeight: m.read_at ? 400 : 600 }}>
            {m.subject}
          </Link>
          {!m.read_at && <span className="rg-visually-hidden">{t('mailbox.unread')}</span>}
        </Flex>
      ),
    },
    { key: 'to', title: t('mailbox.columns.to'), render: (_, m) => <span data-testid="mail-to">{m.to}</span> },
    { key: 'template', title: t('mailbox.columns.template'), render: (_, m) => templateLabel(m.template) },
    { key: 'status', title: t('fields.status'), render: (_, m) => <MailStatusTag status={m.status} /> },
    {
      key: 'created',
      title: t('mailbox.columns.createdAt'),
      render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.created_at, locale)}</span>,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="mailbox-page">
      <PageHeader
        title={t('mailbox.title')}
        subtitle={t('mailbox.subtitle')}
        extra={<ExportButton path="/api/v1/mailbox" filters={apiFilters} testId="mailbox-export" />}
      />
      <Card size="small">
        <Flex gap={12} wrap role="search" aria-label={t('list.filters')}>
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) setFilters({ to: undefined });
            }}
            onSearch={(v) => setFilters({ to: v.trim() || undefined })}
            placeholder={t('mailbox.searchPlaceholder')}
            aria-label={t('mailbox.searchPlaceholder')}
            style={{ width: 320 }}
            data-testid="mailbox-search"
          />
        </Flex>
      </Card>
      {query.isError && <ProblemAlert error={query.error} message={t('mailbox.loadError')} onRetry={() => void query.refetch()} />}
      {query.isPending && !query.isError ? (
        <Card aria-busy="true" aria-label={t('app.loading')} data-testid="mailbox-skeleton">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        query.data && (
          <Card size="small">
            <Flex vertical gap={12}>
              <Table<MailSummary>
                rowKey="id"
                columns={columns}
                dataSource={query.data.items}
                pagination={false}
                loading={query.isFetching && query.isPlaceholderData}
                scroll={{ x: 'max-content' }}
                data-testid="mailbox-table"
                onRow={(m) =>
                  ({
                    'data-testid': `mail-row-${m.id}`,
                    onDoubleClick: () => navigate(`/mailbox/${m.id}`),
                  }) as HTMLAttributes<HTMLElement>
                }
                locale={{
                  emptyText: (
                    <Empty
                      description={
                        <Typography.Text type="secondary">{filters.to ? t('mailbox.emptyFiltered') : t('mailbox.empty')}</Typography.Text>
                      }
                    />
                  ),
                }}
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
