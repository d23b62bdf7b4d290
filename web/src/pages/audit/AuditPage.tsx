// The audit trail (PLT-07): who did what and when, with filters by action, text and period in
// the URL, and a drawer with each entry's before/after documents.
import { useMemo } from 'react';
import { Button, Card, DatePicker, Flex, Select } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type AuditFilters } from '../../api/platform';
import ExportButton from '../../components/ExportButton';
import { FilterBar, PageHeader, PAGE_SIZES, SearchFilter, useUrlFilters } from '../../components/list';
import { currentLanguage } from '../../i18n';
import AuditTable, { useActionLabel } from './AuditTable';

const FILTER_KEYS = ['action', 'q', 'from', 'to', 'target_type', 'target_id', 'actor_id', 'page_size'] as const;

// Categories (prefix filters) and the actions this console knows, for the action filter.
const ACTION_GROUPS: { prefix: string; actions: string[] }[] = [
  { prefix: 'session.', actions: ['session.signed_in', 'session.sign_in_failed', 'session.locked_out', 'session.sign_in_locked', 'session.sign_in_refused_api_only', 'session.signed_out', 'session.signed_out_everywhere'] },
  { prefix: 'operator.', actions: ['operator.created', 'operator.updated', 'operator.enabled', 'operator.disabled', 'operator.deleted'] },
  { prefix: 'role.', actions: ['role.created', 'role.updated', 'role.deleted'] },
  { prefix: 'password.', actions: ['password.changed', 'password.recovery_requested', 'password.reset', 'password.code_rejected'] },
  { prefix: 'email.', actions: ['email.code_requested', 'email.confirmed_and_password_set'] },
  { prefix: 'totp.', actions: ['totp.enrollment_started', 'totp.enabled', 'totp.disabled'] },
  { prefix: 'api_key.', actions: ['api_key.created', 'api_key.revoked'] },
  { prefix: 'approval.', actions: ['approval.requested', 'approval.picked_up', 'approval.approved', 'approval.rejected', 'approval.expired'] },
  { prefix: 'approval_policy.', actions: ['approval_policy.updated'] },
  { prefix: 'tenant.', actions: ['tenant.created'] },
];

const DATE = 'YYYY-MM-DD';

export default function AuditPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const actionLabel = useActionLabel();
  const { filters, setFilters, clearFilters } = useUrlFilters(FILTER_KEYS);
  const pageSize = Number(filters.page_size) || PAGE_SIZES[1];
  const apiFilters: AuditFilters = useMemo(
    () => ({
      action: filters.action,
      q: filters.q,
      from: filters.from,
      to: filters.to,
      target_type: filters.target_type,
      target_id: filters.target_id,
      actor_id: filters.actor_id,
    }),
    [filters],
  );
  const anyFilter = Object.entries(filters).some(([k, v]) => k !== 'page_size' && v);

  const actionOptions = ACTION_GROUPS.map((g) => ({
    label: t(`audit.categories.${g.prefix.slice(0, -1)}` as 'audit.categories.session'),
    title: g.prefix,
    options: [
      { value: g.prefix, label: t('audit.allOf', { category: t(`audit.categories.${g.prefix.slice(0, -1)}` as 'audit.categories.session') }) },
      ...g.actions.map((a) => ({ value: a, label: actionLabel(a) })),
    ],
  }));

  return (
    <Flex vertical gap={16} data-testid="audit-page">
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <FilterBar
        anyFilter={anyFilter}
        onClear={clearFilters}
        end={<ExportButton path="/api/v1/audit" filters={apiFilters} testId="audit-export" />}
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.action}
          onChange={(v) => setFilters({ action: v })}
          placeholder={t('audit.columns.action')}
          aria-label={t('audit.columns.action')}
          options={actionOptions}
          style={{ width: 280 }}
          data-testid="audit-filter-action"
        />
        <SearchFilter value={filters.q} onSearch={(q) => setFilters({ q })} placeholder={t('audit.searchPlaceholder')} testId="audit-search" />
        <DatePicker.RangePicker
          format={locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}
          value={[filters.from ? dayjs(filters.from, DATE) : null, filters.to ? dayjs(filters.to, DATE) : null]}
          onChange={(range) => setFilters({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) })}
          allowEmpty={[true, true]}
          aria-label={t('audit.period')}
          placeholder={[t('audit.from'), t('audit.to')]}
          data-testid="audit-period"
        />
        {(filters.target_type || filters.target_id) && (
          <Button icon={<CloseOutlined />} onClick={() => setFilters({ target_type: undefined, target_id: undefined })} title={t('audit.removeTargetFilter')}>
            {t('audit.targetFilter', { target: `${filters.target_type ?? ''} ${filters.target_id ?? ''}`.trim() })}
          </Button>
        )}
      </FilterBar>
      <Card size="small">
        <AuditTable
          filters={apiFilters}
          pageSize={pageSize}
          onPageSize={(n) => setFilters({ page_size: String(n) })}
          emptyHint={anyFilter ? t('audit.emptyFiltered') : t('audit.empty')}
        />
      </Card>
    </Flex>
  );
}
