// Seed 000 "Gerenciar Registros Excluídos" (PLT-14): records deleted in any module, filtered by
// type, period and who deleted them, with Restore (confirmed; needs deleted_records.restore).
import { useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Flex, Popconfirm, Select, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { deletedKey, restoreRecord, useDeletedRecords, useDeletedRecordTypes, type DeletedFilters, type DeletedRecord } from '../../api/deleted';
import { useOperators } from '../../api/identity';
import { useCan } from '../../auth/session';
import { CursorPager, PageHeader, PAGE_SIZES, useCursorPaging, useUrlFilters } from '../../components/list';
import ExportButton from '../../components/ExportButton';
import ProblemAlert from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problemMessage';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

const FILTER_KEYS = ['type', 'deleted_by', 'from', 'to', 'page_size'] as const;
const DATE = 'YYYY-MM-DD';

export default function DeletedRecordsPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const pt = locale === 'pt-BR';
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { filters, setFilters, clearFilters } = useUrlFilters(FILTER_KEYS);
  const pageSize = Number(filters.page_size) || PAGE_SIZES[0];
  const apiFilters: DeletedFilters = useMemo(
    () => ({ type: filters.type, deleted_by: filters.deleted_by, from: filters.from, to: filters.to }),
    [filters],
  );
  const paging = useCursorPaging(JSON.stringify(apiFilters) + pageSize);
  const query = useDeletedRecords({ ...apiFilters, page_size: pageSize, cursor: paging.cursor });
  const types = useDeletedRecordTypes();
  const operators = useOperators({ page_size: 500 }, can('operators.read'));
  const anyFilter = Object.entries(filters).some(([k, v]) => k !== 'page_size' && v);

  async function restore(record: DeletedRecord) {
    try {
      await restoreRecord(record.record_type, record.record_id);
      // The restored record is back in its module's lists.
      await queryClient.invalidateQueries();
      void message.success(t('deleted.restored', { summary: record.summary }));
    } catch (e) {
      void message.error(problemMessage(e, t));
      await queryClient.invalidateQueries({ queryKey: deletedKey });
    }
  }

  const columns: TableColumnsType<DeletedRecord> = [
    { key: 'type', title: t('deleted.type'), render: (_, r) => <Tag>{pt ? r.record_type_label_pt : r.record_type_label_en}</Tag> },
    { key: 'summary', title: t('deleted.record'), dataIndex: 'summary', render: (v: string) => <span data-testid="deleted-summary">{v}</span> },
    { key: 'deleted_by', title: t('deleted.deletedBy'), render: (_, r) => r.deleted_by_name || '—' },
    { key: 'deleted_at', title: t('deleted.deletedAt'), render: (_, r) => formatDateTime(r.deleted_at, locale) },
    {
      key: 'actions',
      title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
      align: 'right',
      render: (_, r) =>
        can('deleted_records.restore') && (
          <Popconfirm
            title={t('deleted.restoreConfirm', { summary: r.summary })}
            description={t(r.record_type === 'operator' ? 'deleted.restoreHintOperator' : r.record_type === 'webhook_trigger' ? 'deleted.restoreHintTrigger' : 'deleted.restoreHint')}
            okText={t('deleted.restore')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'deleted-restore-confirm' } as never}
            onConfirm={() => restore(r)}
          >
            <Button size="small" icon={<UndoOutlined />} data-testid={`deleted-restore-${r.record_id}`}>
              {t('deleted.restore')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="deleted-page">
      <PageHeader title={t('deleted.title')} subtitle={t('deleted.subtitle')} />
      <Card size="small">
        <Flex gap={12} wrap align="center" role="search" aria-label={t('list.filters')}>
          <Select
            allowClear
            value={filters.type}
            onChange={(v?: string) => setFilters({ type: v })}
            placeholder={t('deleted.type')}
            aria-label={t('deleted.type')}
            style={{ width: 200 }}
            loading={types.isPending}
            options={(types.data ?? []).map((x) => ({ value: x.type, label: pt ? x.label_pt : x.label_en }))}
            data-testid="filter-type"
          />
          {can('operators.read') && (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              value={filters.deleted_by}
              onChange={(v?: string) => setFilters({ deleted_by: v })}
              placeholder={t('deleted.deletedBy')}
              aria-label={t('deleted.deletedBy')}
              style={{ width: 220 }}
              loading={operators.isPending}
              options={(operators.data?.items ?? []).map((op) => ({ value: op.id, label: op.name }))}
              data-testid="filter-deleted-by"
            />
          )}
          <DatePicker.RangePicker
            format={locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}
            value={[filters.from ? dayjs(filters.from, DATE) : null, filters.to ? dayjs(filters.to, DATE) : null]}
            onChange={(range) => setFilters({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) })}
            allowEmpty={[true, true]}
            aria-label={t('deleted.period')}
            placeholder={[t('audit.from'), t('audit.to')]}
            data-testid="filter-period"
          />
          {anyFilter && (
            <Button type="link" onClick={clearFilters} data-testid="filters-clear">
              {t('list.clearFilters')}
            </Button>
          )}
          <Flex style={{ marginInlineStart: 'auto' }}>
            <ExportButton path="/api/v1/deleted-records" filters={apiFilters} testId="deleted-export" />
          </Flex>
        </Flex>
      </Card>
      {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && !query.isError ? (
        <Card aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton active paragraph={{ rows: 5 }} />
        </Card>
      ) : (
        query.data && (
          <Card size="small">
            <Flex vertical gap={12}>
              <Table<DeletedRecord>
                rowKey={(r) => `${r.record_type}:${r.record_id}`}
                size="small"
                columns={columns}
                dataSource={query.data.items}
                pagination={false}
                loading={query.isFetching && query.isPlaceholderData}
                data-testid="deleted-table"
                locale={{
                  emptyText: (
                    <Empty
                      description={
                        <>
                          <Typography.Text strong>{t('deleted.empty')}</Typography.Text>
                          <br />
                          <Typography.Text type="secondary">{anyFilter ? t('deleted.emptyFiltered') : t('deleted.emptyHint')}</Typography.Text>
                        </>
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
