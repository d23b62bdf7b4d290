// "Mensagens": what the platform operator broadcast to this institution, newest first, with
// viewed / not viewed per operator. Opening a message marks it viewed. Platform administrators
// also get a link to the broadcast screen.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, Card, Flex, Segmented, Select, Typography, type TableColumnsType } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useInbox, useOpenMessage, type InboxFilters, type InboxMessage } from '../../api/messages';
import { useCan } from '../../auth/session';
import { FilterBar, ListEmpty, ListTable, PageHeader, PAGE_SIZES, usePagedList } from '../../components/list';
import ExportButton from '../../components/ExportButton';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import MessageModal from './MessageModal';
import SeverityTag from './SeverityTag';

const FILTER_KEYS = ['viewed', 'severity'] as const;

export default function MessagesPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f) => ({ viewed: f.viewed as InboxFilters['viewed'], severity: f.severity as InboxFilters['severity'] }),
    usePage: useInbox,
    defaultPageSize: PAGE_SIZES[1],
  });
  const { filters, setFilters } = list;
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
            <ExportButton path="/api/v1/messages" filters={list.apiFilters} testId="messages-export" />
          </>
        }
      />
      <FilterBar>
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
      </FilterBar>
      <Card size="small">
        <ListTable<InboxMessage>
          framed={false}
          query={list.query}
          pager={list}
          loadError={t('messages.loadError')}
          columns={columns}
          scroll={{ x: 'max-content' }}
          data-testid="messages-table"
          rowTestId={(m) => `message-row-${m.id}`}
          empty={<ListEmpty hint={list.anyFilter ? t('messages.emptyFiltered') : t('messages.empty')} />}
        />
      </Card>
      {opened && <MessageModal message={opened.message} error={opened.error} onClose={() => setOpened(undefined)} />}
    </Flex>
  );
}
