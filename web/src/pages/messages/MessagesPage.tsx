// "Mensagens": what the platform operator broadcast to this institution, newest first, with
// viewed / not viewed per operator. Opening a message marks it viewed. Platform administrators
// also get a link to the broadcast screen.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, Card, Flex, Segmented, Select, Typography, type TableColumnsType } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useInbox, useOpenMessage, type InboxFilters, type InboxMessage } from '../../api/messages';
import { useCan } from '../../auth/session';
import { PageHeader, PAGE_SIZES, useCursorPaging, useUrlFilters } from '../../components/list';
import ExportButton from '../../components/ExportButton';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import MessageModal from './MessageModal';
import PagedTable from './PagedTable';
import SeverityTag from './SeverityTag';

const FILTER_KEYS = ['viewed', 'severity', 'page_size'] as const;

export default function MessagesPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { filters, setFilters } = useUrlFilters(FILTER_KEYS);
  const pageSize = Number(filters.page_size) || PAGE_SIZES[1];
  const apiFilters = useMemo(
    () => ({ viewed: filters.viewed as InboxFilters['viewed'], severity: filters.severity as InboxFilters['severity'] }),
    [filters.viewed, filters.severity],
  );
  const paging = useCursorPaging(JSON.stringify(apiFilters) + pageSize);
  const query = useInbox({ ...apiFilters, page_size: pageSize, cursor: paging.cursor });
  const open = useOpenMessage();
  const [opened, setOpened] = useState<{ id: string; message?: InboxMessage; error?: unknown }>();

  async function show(id: string) {
    setOpened({ id });
    try {
      setOpened({ id, message: await open(id) });
    } catch (error) {
      setOpened({ id, error });
    }
  }

  const columns: TableColumnsType<InboxMessage> = [
    {
      key: 'title',
      title: t('messages.columns.title'),
      render: (_, m) => (
        <Flex gap={8} align="center">
          {!m.viewed && <Badge status="processing" aria-hidden />}
          <Button
            type="link"
            style={{ padding: 0, fontWeight: m.viewed ? 400 : 600 }}
            onClick={() => void show(m.id)}
            data-testid="message-link"
          >
            {m.title}
          </Button>
        </Flex>
      ),
    },
    { key: 'severity', title: t('messages.columns.severity'), render: (_, m) => <SeverityTag severity={m.severity} /> },
    {
      key: 'viewed',
      title: t('fields.status'),
      render: (_, m) =>
        m.viewed ? (
          <Typography.Text type="secondary" data-testid="message-viewed">
            {t('messages.viewedAt', { date: formatDateTime(m.viewed_at!, locale) })}
          </Typography.Text>
        ) : (
          <Typography.Text strong data-testid="message-unread">
            {t('messages.unread')}
          </Typography.Text>
        ),
    },
    {
      key: 'created',
      title: t('messages.columns.sentAt'),
      render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.publish_from ?? m.created_at, locale)}</span>,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="messages-page">
      <PageHeader
        title={t('messages.title')}
        subtitle={t('messages.subtitle')}
        extra={
          <>
            {can('platform.messages') && (
              <Link to="/platform/messages">
                <Button icon={<NotificationOutlined />} data-testid="to-broadcasts">
                  {t('broadcasts.title')}
                </Button>
              </Link>
            )}
            <ExportButton path="/api/v1/messages" filters={apiFilters} testId="messages-export" />
          </>
        }
      />
      <Card size="small">
        <Flex gap={12} wrap role="search" aria-label={t('list.filters')}>
          <Segmented
            value={filters.viewed ?? 'all'}
            onChange={(v) => setFilters({ viewed: v === 'all' ? undefined : String(v) })}
            options={[
              { value: 'all', label: t('messages.filter.all') },
              { value: 'false', label: <span data-testid="filter-unread">{t('messages.filter.unread')}</span> },
              { value: 'true', label: t('messages.filter.viewed') },
            ]}
            aria-label={t('messages.filter.label')}
          />
          <Select
            allowClear
            placeholder={t('messages.columns.severity')}
            aria-label={t('messages.columns.severity')}
            value={filters.severity}
            onChange={(v?: string) => setFilters({ severity: v })}
            style={{ width: 180 }}
            options={[
              { value: 'info', label: t('messages.severity.info') },
              { value: 'warning', label: t('messages.severity.warning') },
            ]}
          />
        </Flex>
      </Card>
      <Card size="small">
        <PagedTable
          query={query}
          columns={columns}
          testId="messages-table"
          rowTestId="message-row"
          empty={filters.viewed || filters.severity ? t('messages.emptyFiltered') : t('messages.empty')}
          paging={paging}
          pageSize={pageSize}
          onPageSize={(n) => setFilters({ page_size: String(n) })}
          loadError={t('messages.loadError')}
        />
      </Card>
      {opened && <MessageModal message={opened.message} error={opened.error} onClose={() => setOpened(undefined)} />}
    </Flex>
  );
}
