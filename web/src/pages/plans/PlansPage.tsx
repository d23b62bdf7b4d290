// Seed 000 "Planos" (ACC-03): the tenant's plans (service baskets) with filters (name, active,
// tag) and export; "Novo plano" for operators with plans.write; a row opens the plan.
import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Flex, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePlans, type Plan, type PlanFilters } from '../../api/plans';
import { useTagAssignments } from '../../api/tags';
import { useCan } from '../../auth/session';
import ExportButton from '../../components/ExportButton';
import { FilterBar, ListEmpty, ListTable, PageHeader, SearchFilter, usePagedList } from '../../components/list';
import { TagChips, TagFilterSelect } from '../../components/RecordTags';
import { formatMoney } from '../../format';
import PlanFormModal from './PlanFormModal';

const FILTER_KEYS = ['q', 'active', 'tag'] as const;

export function PlanStatusTags({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      <Tag color={plan.active ? 'green' : 'default'} data-testid="plan-active-tag">
        {plan.active ? t('plans.active') : t('plans.inactive')}
      </Tag>
      {plan.is_default && (
        <Tag color="blue" data-testid="plan-default-tag">
          {t('plans.default')}
        </Tag>
      )}
    </Flex>
  );
}

export default function PlansPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f): PlanFilters => ({ q: f.q, active: f.active as 'true' | 'false' | undefined, tag: f.tag }),
    usePage: usePlans,
  });
  const { filters, setFilters, clearFilters, query, apiFilters } = list;
  const tagsOf = useTagAssignments('plan', (query.data?.items ?? []).map((p) => p.id), can('tags.read'));

  const columns: TableColumnsType<Plan> = [
    {
      key: 'name',
      title: t('plans.fields.name'),
      render: (_, x) => (
        <Link to={`/plans/${x.id}`} onClick={(e) => e.stopPropagation()} data-testid="plan-link">
          {x.name}
        </Link>
      ),
    },
    { key: 'description', title: t('plans.fields.description'), render: (_, x) => x.description || '—' },
    { key: 'status', title: t('fields.status'), render: (_, x) => <PlanStatusTags plan={x} /> },
    {
      key: 'overdraft',
      title: t('plans.fields.overdraftLimit'),
      align: 'right',
      render: (_, x) => (x.overdraft_limit ? formatMoney(x.overdraft_limit) : t('plans.noOverdraft')),
    },
    { key: 'fee', title: t('plans.fields.monthlyFee'), align: 'right', render: (_, x) => formatMoney(x.monthly_fee) },
    { key: 'tariffs', title: t('plans.fields.tariffs'), align: 'right', dataIndex: 'tariff_count' },
    { key: 'tags', title: t('tags.title'), render: (_, x) => <TagChips tags={tagsOf.data?.get(x.id)} /> },
  ];

  return (
    <Flex vertical gap={16} data-testid="plans-page">
      <PageHeader
        title={t('plans.title')}
        subtitle={t('plans.subtitle')}
        extra={
          can('plans.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">
              {t('plans.new')}
            </Button>
          )
        }
      />
      <FilterBar anyFilter={list.anyFilter} onClear={clearFilters} end={<ExportButton path="/api/v1/plans" filters={apiFilters} testId="plans-export" />}>
        <SearchFilter value={filters.q} onSearch={(q) => setFilters({ q })} placeholder={t('plans.search')} testId="filter-q" />
        <Select
          allowClear
          value={filters.active}
          onChange={(v) => setFilters({ active: v })}
          placeholder={t('fields.status')}
          aria-label={t('fields.status')}
          style={{ width: 150 }}
          options={[
            { value: 'true', label: t('plans.active') },
            { value: 'false', label: t('plans.inactive') },
          ]}
          data-testid="filter-active"
        />
        <TagFilterSelect value={filters.tag} onChange={(tag) => setFilters({ tag })} />
      </FilterBar>
      <ListTable<Plan>
        query={query}
        pager={list}
        loadError={t('plans.loadError')}
        size="small"
        columns={columns}
        scroll={{ x: 900 }}
        tableLayout="auto"
        rowClassName={() => 'rg-clickable-row'}
        onRow={(x) => ({ 'data-testid': `plan-row-${x.name}`, onClick: () => navigate(`/plans/${x.id}`) }) as HTMLAttributes<HTMLElement>}
        data-testid="plans-table"
        empty={<ListEmpty title={t('plans.empty.title')} hint={list.anyFilter ? t('plans.empty.filtered') : t('plans.empty.none')} />}
      />
      {creating && <PlanFormModal open onClose={() => setCreating(false)} onSaved={(p) => navigate(`/plans/${p.id}`)} />}
    </Flex>
  );
}
