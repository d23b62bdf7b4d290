// Seed 000 "Tarifas" (TRX-06): the tariffs of every plan with filters (plan, operation, active)
// and export; a click on edit opens the tariff's dialog.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Flex, Popconfirm, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { deleteTariff, usePlans, useRefreshPlans, useTariffOperations, useTariffs, type Tariff, type TariffFilters } from '../../api/plans';
import { useCan } from '../../auth/session';
import ExportButton from '../../components/ExportButton';
import { FilterBar, ListEmpty, ListTable, PageHeader, usePagedList } from '../../components/list';
import { problemMessage } from '../../components/problemMessage';
import { formatMoney, formatNumber } from '../../format';
import { currentLanguage } from '../../i18n';
import TariffFormModal from './TariffFormModal';

const FILTER_KEYS = ['plan_id', 'operation', 'active'] as const;

/** "R$ 8,90" or "0,99 %", with the minimum/maximum when set. */
export function TariffValue({ tariff }: { tariff: Tariff }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const main =
    tariff.kind === 'fixed'
      ? formatMoney(tariff.fixed_amount)
      : `${formatNumber(tariff.rate_bps / 100, locale)} %`;
  const bounds = [
    tariff.min_amount !== null ? `${t('tariffs.fields.min')} ${formatMoney(tariff.min_amount)}` : '',
    tariff.max_amount !== null ? `${t('tariffs.fields.max')} ${formatMoney(tariff.max_amount)}` : '',
  ].filter(Boolean);
  return (
    <Flex vertical>
      <span className="rg-mono" data-testid="tariff-value">
        {main}
      </span>
      {bounds.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{bounds.join(' · ')}</Typography.Text>}
    </Flex>
  );
}

/** The columns of a tariffs table (the plan column only across plans), with edit/delete. */
export function useTariffColumns({ withPlan, onEdit }: { withPlan: boolean; onEdit: (t: Tariff) => void }): TableColumnsType<Tariff> {
  const { t } = useTranslation();
  const pt = currentLanguage() === 'pt-BR';
  const { message } = App.useApp();
  const can = useCan();
  const refresh = useRefreshPlans();
  const writable = can('tariffs.write');
  async function remove(x: Tariff) {
    try {
      await deleteTariff(x.id);
      await refresh();
      void message.success(t('tariffs.deleted'));
    } catch (e) {
      void message.error(problemMessage(e, t));
    }
  }
  return [
    ...(withPlan
      ? [{ key: 'plan', title: t('tariffs.fields.plan'), render: (_: unknown, x: Tariff) => <Link to={`/plans/${x.plan_id}`}>{x.plan_name}</Link> }]
      : []),
    { key: 'operation', title: t('tariffs.fields.operation'), render: (_, x) => (pt ? x.operation_label_pt : x.operation_label_en) || x.operation },
    { key: 'kind', title: t('tariffs.fields.kind'), render: (_, x) => t(`tariffs.kind.${x.kind}`) },
    { key: 'value', title: t('tariffs.fields.value'), render: (_, x) => <TariffValue tariff={x} /> },
    {
      key: 'free_quota',
      title: t('tariffs.fields.freeQuota'),
      align: 'right',
      render: (_, x) => (x.free_quota ? t('tariffs.quota', { count: x.free_quota }) : '—'),
    },
    {
      key: 'active',
      title: t('tariffs.fields.active'),
      render: (_, x) => <Tag color={x.active ? 'green' : 'default'}>{x.active ? t('tariffs.active') : t('tariffs.inactive')}</Tag>,
    },
    { key: 'description', title: t('tariffs.fields.description'), render: (_, x) => x.description || '—' },
    {
      key: 'actions',
      title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
      align: 'right',
      render: (_, x) =>
        writable && (
          <Flex gap={4} justify="flex-end">
            <Button size="small" icon={<EditOutlined />} aria-label={t('tariffs.edit')} onClick={() => onEdit(x)} data-testid={`tariff-edit-${x.operation}`} />
            <Popconfirm
              title={t('tariffs.deleteConfirm')}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'tariff-delete-confirm' } as never}
              onConfirm={() => remove(x)}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`tariff-delete-${x.operation}`} />
            </Popconfirm>
          </Flex>
        ),
    },
  ];
}

export default function TariffsPage() {
  const { t } = useTranslation();
  const pt = currentLanguage() === 'pt-BR';
  const can = useCan();
  const [editing, setEditing] = useState<Tariff | 'new'>();
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f): TariffFilters => ({ plan_id: f.plan_id, operation: f.operation, active: f.active as 'true' | 'false' | undefined }),
    usePage: useTariffs,
  });
  const { filters, setFilters, clearFilters, query, apiFilters } = list;
  const plans = usePlans({ page_size: 100 });
  const operations = useTariffOperations();
  const columns = useTariffColumns({ withPlan: true, onEdit: setEditing });

  return (
    <Flex vertical gap={16} data-testid="tariffs-page">
      <PageHeader
        title={t('tariffs.title')}
        subtitle={t('tariffs.subtitle')}
        extra={
          can('tariffs.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="tariff-new">
              {t('tariffs.new')}
            </Button>
          )
        }
      />
      <FilterBar anyFilter={list.anyFilter} onClear={clearFilters} end={<ExportButton path="/api/v1/tariffs" filters={apiFilters} testId="tariffs-export" />}>
        <Select
          allowClear
          value={filters.plan_id}
          onChange={(v) => setFilters({ plan_id: v })}
          placeholder={t('tariffs.fields.plan')}
          aria-label={t('tariffs.fields.plan')}
          style={{ width: 200 }}
          loading={plans.isPending}
          options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          data-testid="filter-plan"
        />
        <Select
          allowClear
          value={filters.operation}
          onChange={(v) => setFilters({ operation: v })}
          placeholder={t('tariffs.fields.operation')}
          aria-label={t('tariffs.fields.operation')}
          style={{ width: 220 }}
          options={(operations.data ?? []).map((o) => ({ value: o.code, label: pt ? o.label_pt : o.label_en }))}
          data-testid="filter-operation"
        />
        <Select
          allowClear
          value={filters.active}
          onChange={(v) => setFilters({ active: v })}
          placeholder={t('tariffs.fields.active')}
          aria-label={t('tariffs.fields.active')}
          style={{ width: 150 }}
          options={[
            { value: 'true', label: t('tariffs.active') },
            { value: 'false', label: t('tariffs.inactive') },
          ]}
          data-testid="filter-active"
        />
      </FilterBar>
      <ListTable<Tariff>
        query={query}
        pager={list}
        loadError={t('tariffs.loadError')}
        size="small"
        columns={columns}
        scroll={{ x: 1000 }}
        tableLayout="auto"
        rowTestId={(x) => `tariff-row-${x.plan_name}-${x.operation}`}
        data-testid="tariffs-table"
        empty={<ListEmpty title={t('tariffs.empty')} hint={list.anyFilter ? t('tariffs.emptyFiltered') : t('tariffs.emptyHint')} />}
      />
      {editing && <TariffFormModal open tariff={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
    </Flex>
  );
}
