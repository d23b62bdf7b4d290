// The built-in mailbox: every e-mail the system wrote while no SMTP server is configured (and
// the ones it sent), newest first. Opening a message marks it read.
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Badge, Flex, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMailbox, type MailSummary } from '../../api/platform';
import { FilterBar, ListEmpty, ListTable, PageHeader, PAGE_SIZES, SearchFilter, usePagedList } from '../../components/list';
import ExportButton from '../../components/ExportButton';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { MailStatusTag, useTemplateLabel } from './labels';

const FILTER_KEYS = ['to'] as const;

export default function MailboxPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const navigate = useNavigate();
  const templateLabel = useTemplateLabel();
  const list = usePagedList(FILTER_KEYS, { toApi: (f) => ({ to: f.to }), usePage: useMailbox, defaultPageSize: PAGE_SIZES[1] });
  const { filters, setFilters } = list;

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
        extra={<ExportButton path="/api/v1/mailbox" filters={list.apiFilters} testId="mailbox-export" />}
      />
      <FilterBar>
        <SearchFilter
          value={filters.to}
          onSearch={(to) => setFilters({ to })}
          placeholder={t('mailbox.searchPlaceholder')}
          width={320}
          testId="mailbox-search"
        />
      </FilterBar>
      <ListTable<MailSummary>
        query={list.query}
        pager={list}
        loadError={t('mailbox.loadError')}
        skeletonTestId="mailbox-skeleton"
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="mailbox-table"
        onRow={(m) =>
          ({
            'data-testid': `mail-row-${m.id}`,
            onDoubleClick: () => navigate(`/mailbox/${m.id}`),
          }) as HTMLAttributes<HTMLElement>
        }
        empty={<ListEmpty hint={filters.to ? t('mailbox.emptyFiltered') : t('mailbox.empty')} />}
      />
    </Flex>
  );
}
