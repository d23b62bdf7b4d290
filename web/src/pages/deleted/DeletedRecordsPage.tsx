// Seed 000 "Gerenciar Registros Excluídos" (PLT-14): records deleted in any module, filtered by
// type, period and who deleted them, with Restore (confirmed; needs deleted_records.restore).
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Flex, Popconfirm, Select, Tag, type TableColumnsType } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { deletedKey, restoreRecord, useDeletedRecords, useDeletedRecordTypes, type DeletedFilters, type DeletedRecord } from '../../api/deleted';
import { useOperators } from '../../api/identity';
import { useCan } from '../../auth/session';
import { FilterBar, ListEmpty, ListTable, PageHeader, usePagedList } from '../../components/list';
import ExportButton from '../../components/ExportButton';
import { problemMessage } from '../../components/problemMessage';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

const FILTER_KEYS = ['type', 'deleted_by', 'from', 'to'] as const;
const DATE = 'YYYY-MM-DD';

export default function DeletedRecordsPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const pt = locale === 'pt-BR';
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f): DeletedFilters => ({ type: f.type, deleted_by: f.deleted_by, from: f.from, to: f.to }),
    usePage: useDeletedRecords,
  });
  const { filters, setFilters } = list;
  const types = useDeletedRecordTypes();
  const operators = useOperators({ page_size: 500 }, can('operators.read'));

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
      <FilterBar
        anyFilter={list.anyFilter}
        onClear={list.clearFilters}
        end={<ExportButton path="/api/v1/deleted-records" filters={list.apiFilters} testId="deleted-export" />}
      >
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
      </FilterBar>
      <ListTable<DeletedRecord>
        query={list.query}
        pager={list}
        skeletonRows={5}
        rowKey={(r) => `${r.record_type}:${r.record_id}`}
        size="small"
        columns={columns}
        data-testid="deleted-table"
        empty={<ListEmpty title={t('deleted.empty')} hint={list.anyFilter ? t('deleted.emptyFiltered') : t('deleted.emptyHint')} />}
      />
    </Flex>
  );
}
