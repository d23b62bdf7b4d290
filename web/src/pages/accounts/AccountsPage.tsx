// ACC-05/10 "Contas": every account of the institution with filters in the URL (status, kind,
// number), keyset pages and export; the number links to the account's page.
import { Link } from 'react-router-dom';
import { Flex, Select, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_KINDS, ACCOUNT_STATUSES, useAccounts, type Account, type AccountFilters, type AccountKind, type AccountStatus } from '../../api/accounts';
import ExportButton from '../../components/ExportButton';
import { ColumnChooser, FilterBar, ListEmpty, ListTable, PageHeader, SearchFilter, useColumnChooser, usePagedList } from '../../components/list';
import { formatDateTime, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { DocumentNumber } from '../customers/labels';
import { PlanLink } from '../plans/PlanPicker';
import { AccountNumber, AccountStatusTag, useAccountLabels } from './labels';

const FILTER_KEYS = ['status', 'kind', 'number'] as const;

export function useAccountColumns(): TableColumnsType<Account> {
  const { t } = useTranslation();
  const labels = useAccountLabels();
  return [
    {
      key: 'number',
      title: t('accounts.fields.number'),
      render: (_, a) => (
        <Link to={`/accounts/${a.id}`} data-testid="account-link">
          <AccountNumber account={a} />
        </Link>
      ),
    },
    {
      key: 'holder',
      title: t('accounts.fields.holder'),
      render: (_, a) => (
        <Flex vertical>
          <span>{a.holder.name}</span>
          <DocumentNumber value={a.holder.document} />
        </Flex>
      ),
    },
    { key: 'kind', title: t('accounts.fields.kind'), render: (_, a) => labels.kind(a.kind) },
    { key: 'status', title: t('accounts.fields.status'), render: (_, a) => <AccountStatusTag status={a.status} /> },
    { key: 'plan', title: t('accounts.fields.plan'), render: (_, a) => <PlanLink id={a.plan_id} /> },
    {
      key: 'balance',
      title: t('accounts.fields.balance'),
      align: 'right',
      render: (_, a) => <span style={{ whiteSpace: 'nowrap' }} data-testid="account-balance-cell">{formatMoney(a.balance)}</span>,
    },
    {
      key: 'available',
      title: t('accounts.fields.available'),
      align: 'right',
      render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(a.available)}</span>,
    },
  ];
}

/** Columns the "Contas" list may also show (hidden at first). */
function useExtraColumns(): TableColumnsType<Account> {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return [
    {
      key: 'blocked',
      title: t('accounts.fields.blocked'),
      align: 'right',
      render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(a.blocked)}</span>,
    },
    { key: 'description', title: t('accounts.fields.description'), render: (_, a) => a.description || '—' },
    { key: 'created_at', title: t('accounts.fields.createdAt'), render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(a.created_at, locale)}</span> },
  ];
}

const OPTIONAL_HIDDEN = ['blocked', 'description', 'created_at'];

export default function AccountsPage() {
  const { t } = useTranslation();
  const labels = useAccountLabels();
  const allColumns = [...useAccountColumns(), ...useExtraColumns()];
  const columnChooser = useColumnChooser('accounts', OPTIONAL_HIDDEN);
  const columns = allColumns.filter((c) => c.key === 'number' || !columnChooser.hidden.includes(String(c.key)));
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f): AccountFilters => ({ status: f.status as AccountStatus | undefined, kind: f.kind as AccountKind | undefined, number: f.number }),
    usePage: useAccounts,
  });
  const { filters, setFilters, query } = list;
  return (
    <Flex vertical gap={16} data-testid="accounts-page">
      <PageHeader title={t('accounts.title')} subtitle={t('accounts.subtitle')} />
      <FilterBar
        testId="accounts-filters"
        anyFilter={list.anyFilter}
        onClear={list.clearFilters}
        end={
          <>
            <ColumnChooser
              columns={allColumns.filter((c) => c.key !== 'number').map((c) => ({ key: String(c.key), title: String(c.title) }))}
              hidden={columnChooser.hidden}
              onChange={columnChooser.setHidden}
            />
            <ExportButton path="/api/v1/accounts" filters={list.apiFilters} testId="accounts-export" />
          </>
        }
      >
        <SearchFilter
          value={filters.number}
          onSearch={(number) => setFilters({ number: number?.replace(/[^\d-]/g, '') })}
          placeholder={t('accounts.searchNumber')}
          width={220}
          testId="accounts-number"
        />
        <Select
          allowClear
          value={filters.status}
          onChange={(v) => setFilters({ status: v })}
          placeholder={t('accounts.fields.status')}
          aria-label={t('accounts.fields.status')}
          style={{ width: 160 }}
          options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          data-testid="accounts-status"
        />
        <Select
          allowClear
          value={filters.kind}
          onChange={(v) => setFilters({ kind: v })}
          placeholder={t('accounts.fields.kind')}
          aria-label={t('accounts.fields.kind')}
          style={{ width: 170 }}
          options={ACCOUNT_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
          data-testid="accounts-kind"
        />
      </FilterBar>
      <ListTable<Account>
        query={query}
        pager={list}
        loadError={t('accounts.loadError')}
        errorTestId="accounts-error"
        skeletonTestId="accounts-skeleton"
        size="small"
        columns={columns}
        scroll={{ x: 900 }}
        tableLayout="auto"
        rowTestId={(a) => `account-row-${a.number}`}
        data-testid="accounts-table"
        empty={<ListEmpty title={t('accounts.empty.title')} hint={list.anyFilter ? t('accounts.empty.filtered') : t('accounts.empty.none')} />}
      />
    </Flex>
  );
}
