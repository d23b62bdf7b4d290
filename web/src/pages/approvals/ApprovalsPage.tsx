// Seed 004 "Requests sent for Approval": the maker-checker queue. By default the requests still
// waiting for a decision (pending or picked up); status and action filters live in the URL.
// A click (or the seed's double-click) on a row opens the request.
import { useRef, type HTMLAttributes, type MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Flex, Select, Typography, type TableColumnsType } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  APPROVAL_STATUSES,
  OPEN_STATUSES,
  useApprovals,
  usePolicies,
  type ApprovalRequest,
} from '../../api/approvals';
import { useCan } from '../../auth/session';
import {
  ApprovalStatusTag,
  BusinessStatusTag,
  useApprovalActionLabel,
  useApprovalStatusLabel,
} from '../../components/approvalLabels';
import { ColumnChooser, FilterBar, ListEmpty, ListTable, PageHeader, useColumnChooser, usePagedList } from '../../components/list';
import ExportButton from '../../components/ExportButton';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

const FILTER_KEYS = ['status', 'action'] as const;
const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** `status` in the URL: absent = pending + picked up; "all" = every status; else a comma list. */
function statusesFrom(param: string | undefined): string[] {
  if (!param) return [...OPEN_STATUSES];
  if (param === 'all') return [];
  return param.split(',').filter((s) => (APPROVAL_STATUSES as readonly string[]).includes(s));
}

function statusParam(statuses: string[]): string | undefined {
  if (statuses.length === 0) return 'all';
  const sorted = [...statuses].sort();
  if (sorted.join(',') === [...OPEN_STATUSES].sort().join(',')) return undefined;
  return APPROVAL_STATUSES.filter((s) => statuses.includes(s)).join(',');
}

export default function ApprovalsPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const navigate = useNavigate();
  const can = useCan();
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f) => ({ statuses: statusesFrom(f.status), action: f.action }),
    usePage: useApprovals,
  });
  const { filters, setFilters, query } = list;
  const statuses = list.apiFilters.statuses;
  const policies = usePolicies();
  const actionLabel = useApprovalActionLabel();
  const statusLabel = useApprovalStatusLabel();
  const columnChooser = useColumnChooser('approvals', []);
  const opening = useRef(false);

  function open(r: ApprovalRequest) {
    if (opening.current) return;
    opening.current = true;
    navigate(`/approvals/${r.id}`);
  }

  const allColumns: TableColumnsType<ApprovalRequest> = [
    {
      key: 'created_at',
      title: t('approvals.columns.createdAt'),
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.created_at, locale)}</span>,
    },
    { key: 'action', title: t('approvals.columns.action'), render: (_, r) => actionLabel(r.action) },
    {
      key: 'summary',
      title: t('approvals.columns.summary'),
      render: (_, r) => (
        <Link to={`/approvals/${r.id}`} data-testid="approval-link" onClick={(e) => e.stopPropagation()}>
          {r.summary}
        </Link>
      ),
    },
    { key: 'business_status', title: t('approvals.columns.businessStatus'), render: (_, r) => <BusinessStatusTag status={r.business_status} /> },
    { key: 'maker', title: t('approvals.columns.maker'), onCell: nowrap, render: (_, r) => r.maker_name },
    { key: 'checker', title: t('approvals.columns.checker'), onCell: nowrap, render: (_, r) => r.checker_name || '—' },
    { key: 'status', title: t('fields.status'), render: (_, r) => <ApprovalStatusTag status={r.status} /> },
    {
      key: 'expires_at',
      title: t('approvals.columns.expiresAt'),
      // Only an open request can still expire.
      render: (_, r) => (OPEN_STATUSES.includes(r.status as never) ? <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.expires_at, locale)}</span> : '—'),
    },
  ];
  const columns = allColumns.filter((c) => c.key === 'summary' || !columnChooser.hidden.includes(String(c.key)));

  return (
    <Flex vertical gap={16} data-testid="approvals-page">
      <PageHeader
        title={t('approvals.title')}
        subtitle={t('approvals.subtitle')}
        extra={
          <Link to="/approvals/settings" data-testid="approvals-settings-link">
            <SettingOutlined /> {t('approvals.settings.title')}
          </Link>
        }
      />

      <FilterBar
        anyFilter={list.anyFilter}
        onClear={list.clearFilters}
        clearLabel={t('approvals.filters.reset')}
        end={
          <>
            <ColumnChooser
              columns={allColumns.filter((c) => c.key !== 'summary').map((c) => ({ key: String(c.key), title: String(c.title) }))}
              hidden={columnChooser.hidden}
              onChange={columnChooser.setHidden}
            />
            <ExportButton path="/api/v1/approvals" filters={{ status: statuses.join(','), action: filters.action }} testId="approvals-export" />
          </>
        }
      >
        <Select
          mode="multiple"
          allowClear
          value={statuses}
          onChange={(v: string[]) => setFilters({ status: statusParam(v) })}
          placeholder={t('approvals.filters.allStatuses')}
          aria-label={t('fields.status')}
          style={{ minWidth: 260 }}
          maxTagCount="responsive"
          data-testid="approvals-filter-status"
          options={APPROVAL_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        <Select
          allowClear
          value={filters.action}
          onChange={(v) => setFilters({ action: v })}
          placeholder={t('approvals.columns.action')}
          aria-label={t('approvals.columns.action')}
          style={{ width: 240 }}
          loading={policies.isPending}
          data-testid="approvals-filter-action"
          options={(policies.data ?? []).map((p) => ({ value: p.action, label: actionLabel(p.action) }))}
        />
      </FilterBar>

      <ListTable<ApprovalRequest>
        query={query}
        pager={list}
        loadError={t('approvals.loadError')}
        skeletonTestId="approvals-skeleton"
        size="small"
        columns={columns}
        scroll={{ x: 960 }}
        tableLayout="auto"
        rowClassName={() => 'rg-clickable-row'}
        onRow={(r) =>
          ({
            'data-testid': `approval-row-${r.id}`,
            title: t('approvals.openHint'),
            // One click opens; the second click of a double-click is the same gesture.
            onClick: (e: MouseEvent) => {
              if (e.detail <= 1) open(r);
            },
            onDoubleClick: () => open(r),
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="approvals-table"
        empty={<ListEmpty title={t('approvals.empty.title')} hint={list.anyFilter ? t('approvals.empty.filtered') : t('approvals.empty.none')} />}
      />
      {!can('approvals.check') && (
        <Typography.Text type="secondary" data-testid="approvals-read-only">
          {t('approvals.readOnly')}
        </Typography.Text>
      )}
    </Flex>
  );
}
