// Seed 002 "Usuários": the tenant's operators with filters in the URL, the notice of active
// operators without access in the last 30 days, and create / edit / disable / delete.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Checkbox, Flex, Select, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useOpenApprovalsFor, type ApprovalRequest } from '../../api/approvals';
import {
  INACTIVE_DAYS,
  useOperators,
  useRoles,
  type AccessInterface,
  type Operator,
  type OperatorFilters,
  type OperatorStatus,
} from '../../api/identity';
import { useCan } from '../../auth/session';
import { OperatorStatusTag, useAccessInterfaceLabel, useRoleName, YesNoTag } from '../../components/identityLabels';
import { PendingApprovalTags } from '../../components/PendingApprovals';
import {
  ColumnChooser,
  FilterBar,
  ListEmpty,
  ListTable,
  PageHeader,
  SearchFilter,
  useColumnChooser,
  usePagedList,
} from '../../components/list';
import ExportButton from '../../components/ExportButton';
import { formatDateTime, formatPhone } from '../../format';
import { currentLanguage } from '../../i18n';
import { useTagAssignments } from '../../api/tags';
import { TagChips, TagFilterSelect } from '../../components/RecordTags';
import OperatorActions from './OperatorActions';
import OperatorFormModal from './OperatorFormModal';

const FILTER_KEYS = ['q', 'status', 'role_id', 'access_interface', 'email_confirmed', 'inactive_days', 'tag'] as const;

function InactiveNotice({ onShow, filtered }: { onShow: () => void; filtered: boolean }) {
  const { t } = useTranslation();
  // Seed 002: managers see a notice of active operators without access in the last 30 days.
  const inactive = useOperators({ status: 'active', inactive_days: INACTIVE_DAYS, page_size: 100 });
  const count = inactive.data?.items.length ?? 0;
  if (!count) return null;
  const more = !!inactive.data?.next_cursor;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="inactive-notice"
      title={t('operators.inactive.notice', { count, more: more ? '+' : '', days: INACTIVE_DAYS })}
      description={t('operators.inactive.hint')}
      action={
        filtered ? undefined : (
          <Button size="small" onClick={onShow} data-testid="inactive-show">
            {t('operators.inactive.show')}
          </Button>
        )
      }
    />
  );
}

export default function OperatorsPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const roleName = useRoleName();
  const interfaceLabel = useAccessInterfaceLabel();
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f): OperatorFilters => ({
      q: f.q,
      status: f.status as OperatorStatus | undefined,
      role_id: f.role_id,
      access_interface: f.access_interface as AccessInterface | undefined,
      email_confirmed: f.email_confirmed as 'true' | 'false' | undefined,
      inactive_days: f.inactive_days ? Number(f.inactive_days) : undefined,
      tag: f.tag,
    }),
    usePage: useOperators,
  });
  const { filters, setFilters, query } = list;
  const roles = useRoles();
  const tagsOf = useTagAssignments('operator', (query.data?.items ?? []).map((op) => op.id), can('tags.read'));
  // Changes sent for approval and not decided yet (seed 004's "current modifications").
  const openRequests = useOpenApprovalsFor('operator', 'operator.', can('approvals.read'));
  const pendingBy = useMemo(() => {
    const map = new Map<string, ApprovalRequest[]>();
    for (const r of openRequests.data ?? []) map.set(r.target_id, [...(map.get(r.target_id) ?? []), r]);
    return map;
  }, [openRequests.data]);
  const [creating, setCreating] = useState(false);
  const columnChooser = useColumnChooser('operators', ['last_sign_in_at']);

  const allColumns: TableColumnsType<Operator> = [
    {
      key: 'name',
      title: t('fields.name'),
      dataIndex: 'name',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (name: string, op) => (
        <Link to={`/operators/${op.id}`} data-testid="operator-link">
          {name}
        </Link>
      ),
    },
    { key: 'email', title: t('fields.email'), dataIndex: 'email', render: (v: string) => <span data-testid="operator-row-email">{v}</span> },
    { key: 'role', title: t('fields.role'), render: (_, op) => roleName(op) },
    { key: 'access_interface', title: t('fields.accessInterface'), render: (_, op) => interfaceLabel(op.access_interface) },
    { key: 'phone', title: t('fields.phone'), render: (_, op) => (op.phone ? <span style={{ whiteSpace: 'nowrap' }}>{formatPhone(op.phone)}</span> : '—') },
    { key: 'email_confirmed', title: t('fields.emailConfirmed'), render: (_, op) => <YesNoTag value={op.email_confirmed} testId="operator-email-confirmed" /> },
    {
      key: 'status',
      title: t('fields.status'),
      render: (_, op) => (
        <Flex gap={4} wrap="nowrap" align="center">
          <OperatorStatusTag status={op.status} />
          <PendingApprovalTags requests={pendingBy.get(op.id)} />
        </Flex>
      ),
    },
    { key: 'tags', title: t('tags.column'), render: (_, op) => <TagChips tags={tagsOf.data?.get(op.id)} /> },
    {
      key: 'last_sign_in_at',
      title: t('fields.lastSignIn'),
      render: (_, op) => (op.last_sign_in_at ? formatDateTime(op.last_sign_in_at, locale) : t('operators.neverSignedIn')),
    },
  ];
  const chooserColumns = allColumns.map((c) => ({ key: String(c.key), title: String(c.title) }));
  // Filtering by inactivity, the last access is what the manager is looking at.
  const hidden = filters.inactive_days ? columnChooser.hidden.filter((k) => k !== 'last_sign_in_at') : columnChooser.hidden;
  const columns: TableColumnsType<Operator> = [
    ...allColumns.filter((c) => c.key === 'name' || !hidden.includes(String(c.key))),
    {
      key: 'actions',
      title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
      width: 56,
      align: 'right',
      fixed: 'right',
      render: (_, op) => <OperatorActions operator={op} compact pending={pendingBy.get(op.id)} />,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="operators-page">
      <PageHeader
        title={t('operators.title')}
        subtitle={t('operators.subtitle')}
        extra={
          can('operators.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="operator-new">
              {t('operators.new')}
            </Button>
          )
        }
      />

      <InactiveNotice filtered={filters.inactive_days === String(INACTIVE_DAYS)} onShow={() => setFilters({ inactive_days: String(INACTIVE_DAYS), status: 'active' })} />

      <FilterBar
        testId="operators-filters"
        anyFilter={list.anyFilter}
        onClear={list.clearFilters}
        end={
          <>
            <ColumnChooser columns={chooserColumns.filter((c) => c.key !== 'name')} hidden={columnChooser.hidden} onChange={columnChooser.setHidden} />
            <ExportButton path="/api/v1/operators" filters={list.apiFilters} testId="operators-export" />
          </>
        }
      >
        <SearchFilter
          value={filters.q}
          onSearch={(q) => setFilters({ q })}
          placeholder={t('operators.searchPlaceholder')}
          testId="operators-search"
        />
        <Select
          allowClear
          value={filters.status}
          onChange={(v) => setFilters({ status: v })}
          placeholder={t('fields.status')}
          aria-label={t('fields.status')}
          style={{ width: 150 }}
          data-testid="filter-status"
          options={[
            { value: 'active', label: t('operatorStatus.active') },
            { value: 'disabled', label: t('operatorStatus.disabled') },
          ]}
        />
        <Select
          allowClear
          value={filters.role_id}
          onChange={(v) => setFilters({ role_id: v })}
          placeholder={t('fields.role')}
          aria-label={t('fields.role')}
          style={{ width: 200 }}
          loading={roles.isPending}
          options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleName(r) }))}
          data-testid="filter-role"
        />
        <Select
          allowClear
          value={filters.access_interface}
          onChange={(v) => setFilters({ access_interface: v })}
          placeholder={t('fields.accessInterface')}
          aria-label={t('fields.accessInterface')}
          style={{ width: 190 }}
          options={(['console', 'api', 'both'] as const).map((v) => ({ value: v, label: interfaceLabel(v) }))}
          data-testid="filter-interface"
        />
        <Select
          allowClear
          value={filters.email_confirmed}
          onChange={(v) => setFilters({ email_confirmed: v })}
          placeholder={t('fields.emailConfirmed')}
          aria-label={t('fields.emailConfirmed')}
          style={{ width: 180 }}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          data-testid="filter-email-confirmed"
        />
        <TagFilterSelect value={filters.tag} onChange={(tag) => setFilters({ tag })} />
        <Checkbox
          checked={filters.inactive_days === String(INACTIVE_DAYS)}
          onChange={(e) => setFilters({ inactive_days: e.target.checked ? String(INACTIVE_DAYS) : undefined })}
          data-testid="filter-inactive"
        >
          {t('operators.inactive.filter', { days: INACTIVE_DAYS })}
        </Checkbox>
      </FilterBar>

      <ListTable<Operator>
        query={query}
        pager={list}
        loadError={t('operators.loadError')}
        errorTestId="operators-error"
        skeletonTestId="operators-skeleton"
        size="small"
        columns={columns}
        scroll={{ x: 1000 }}
        tableLayout="auto"
        rowTestId={(op) => `operator-row-${op.email}`}
        data-testid="operators-table"
        empty={<ListEmpty title={t('operators.empty.title')} hint={list.anyFilter ? t('operators.empty.filtered') : t('operators.empty.none')} />}
      />

      <OperatorFormModal open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}
