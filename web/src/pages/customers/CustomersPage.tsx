// ACC-01 "Clientes": people (CPF) and companies (CNPJ) with filters in the URL (document with or
// without mask, name prefix, e-mail, kind, tag, registration period), keyset pages and export.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, DatePicker, Flex, Select, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCustomers, type Customer, type CustomerFilters, type CustomerKind } from '../../api/customers';
import { useTagAssignments } from '../../api/tags';
import { useCan } from '../../auth/session';
import ExportButton from '../../components/ExportButton';
import { FilterBar, ListEmpty, ListTable, PageHeader, SearchFilter, usePagedList } from '../../components/list';
import { TagChips, TagFilterSelect } from '../../components/RecordTags';
import { formatDateTime, formatMoney, formatPhone } from '../../format';
import { currentLanguage } from '../../i18n';
import CustomerFormModal from './CustomerFormModal';
import { DocumentNumber, useCustomerLabels } from './labels';

const FILTER_KEYS = ['document', 'name', 'email', 'kind', 'tag', 'created_from', 'created_to'] as const;
const DATE = 'YYYY-MM-DD';

export default function CustomersPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const navigate = useNavigate();
  const labels = useCustomerLabels();
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f): CustomerFilters => ({
      document: f.document,
      name: f.name,
      email: f.email,
      kind: f.kind as CustomerKind | undefined,
      tag: f.tag,
      created_from: f.created_from,
      created_to: f.created_to,
    }),
    usePage: useCustomers,
  });
  const { filters, setFilters, query } = list;
  const tagsOf = useTagAssignments('customer', (query.data?.items ?? []).map((c) => c.id), can('tags.read'));
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Customer> = [
    {
      key: 'name',
      title: t('customers.fields.name'),
      render: (_, c) => (
        <Link to={`/customers/${c.id}`} data-testid="customer-link">
          {c.name}
        </Link>
      ),
    },
    { key: 'document', title: t('customers.fields.document'), render: (_, c) => <DocumentNumber value={c.document} /> },
    { key: 'kind', title: t('customers.fields.kind'), render: (_, c) => labels.kind(c.kind) },
    { key: 'email', title: t('fields.email'), dataIndex: 'email' },
    { key: 'phone', title: t('fields.phone'), render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatPhone(c.phone)}</span> },
    {
      key: 'income',
      title: t('customers.fields.incomeOrRevenue'),
      align: 'right',
      render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(c.monthly_income_cents ?? c.monthly_revenue_cents ?? 0)}</span>,
    },
    { key: 'city', title: t('customers.fields.city'), render: (_, c) => `${c.address.city}/${c.address.uf}` },
    { key: 'tags', title: t('tags.column'), render: (_, c) => <TagChips tags={tagsOf.data?.get(c.id)} /> },
    { key: 'created_at', title: t('customers.fields.createdAt'), render: (_, c) => formatDateTime(c.created_at, locale) },
  ];

  return (
    <Flex vertical gap={16} data-testid="customers-page">
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        extra={
          can('customers.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-new">
              {t('customers.new')}
            </Button>
          )
        }
      />
      <FilterBar
        testId="customers-filters"
        anyFilter={list.anyFilter}
        onClear={list.clearFilters}
        end={<ExportButton path="/api/v1/customers" filters={list.apiFilters} testId="customers-export" />}
      >
        <SearchFilter value={filters.name} onSearch={(name) => setFilters({ name })} placeholder={t('customers.searchName')} testId="customers-search" />
        <SearchFilter
          value={filters.document}
          onSearch={(document) => setFilters({ document: document?.trim() })}
          placeholder={t('customers.searchDocument')}
          width={220}
          testId="customers-document"
        />
        <SearchFilter value={filters.email} onSearch={(email) => setFilters({ email: email?.trim() })} placeholder={t('fields.email')} width={220} testId="customers-email" />
        <Select
          allowClear
          value={filters.kind}
          onChange={(v) => setFilters({ kind: v })}
          placeholder={t('customers.fields.kind')}
          aria-label={t('customers.fields.kind')}
          style={{ width: 170 }}
          options={(['pf', 'pj'] as const).map((k) => ({ value: k, label: labels.kind(k) }))}
          data-testid="customers-kind"
        />
        <TagFilterSelect value={filters.tag} onChange={(tag) => setFilters({ tag })} />
        <DatePicker.RangePicker
          format={locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}
          value={[filters.created_from ? dayjs(filters.created_from, DATE) : null, filters.created_to ? dayjs(filters.created_to, DATE) : null]}
          onChange={(range) => setFilters({ created_from: range?.[0]?.format(DATE), created_to: range?.[1]?.format(DATE) })}
          allowEmpty={[true, true]}
          aria-label={t('customers.period')}
          placeholder={[t('customers.from'), t('customers.to')]}
          data-testid="customers-period"
        />
      </FilterBar>
      <ListTable<Customer>
        query={query}
        pager={list}
        loadError={t('customers.loadError')}
        errorTestId="customers-error"
        skeletonTestId="customers-skeleton"
        size="small"
        columns={columns}
        scroll={{ x: 1000 }}
        tableLayout="auto"
        rowTestId={(c) => `customer-row-${c.document}`}
        data-testid="customers-table"
        empty={<ListEmpty title={t('customers.empty.title')} hint={list.anyFilter ? t('customers.empty.filtered') : t('customers.empty.none')} />}
      />
      <CustomerFormModal open={creating} onClose={() => setCreating(false)} onSaved={(c) => navigate(`/customers/${c.id}`)} />
    </Flex>
  );
}
