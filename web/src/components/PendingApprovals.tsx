// Changes sent for approval and not decided yet, shown on the screens of what they change (seed
// 004's "Current Modifications List"): a business-status tag next to the entity's own status, and
// a card on its detail page. The entity itself keeps its current state until a checker approves.
import { Link } from 'react-router-dom';
import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalRequest } from '../api/approvals';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ApprovalStatusTag, BusinessStatusTag, useApprovalActionLabel, useBusinessStatusLabel } from './approvalLabels';

/** One tag per open request, each opening the request. */
export function PendingApprovalTags({ requests }: { requests?: ApprovalRequest[] }) {
  const { t } = useTranslation();
  const businessLabel = useBusinessStatusLabel();
  if (!requests?.length) return null;
  return (
    <>
      {requests.map((r) => (
        <Link
          key={r.id}
          to={`/approvals/${r.id}`}
          data-testid="operator-pending"
          aria-label={t('approvals.pendingTag', { status: businessLabel(r.business_status) })}
          title={t('approvals.pendingTag', { status: businessLabel(r.business_status) })}
        >
          <BusinessStatusTag status={r.business_status} />
        </Link>
      ))}
    </>
  );
}

export function PendingApprovalsCard({ requests }: { requests: ApprovalRequest[] }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const actionLabel = useApprovalActionLabel();
  if (!requests.length) return null;
  const columns: TableColumnsType<ApprovalRequest> = [
    { key: 'business', title: t('approvals.columns.businessStatus'), render: (_, r) => <BusinessStatusTag status={r.business_status} /> },
    {
      key: 'action',
      title: t('approvals.columns.action'),
      render: (_, r) => (
        <Link to={`/approvals/${r.id}`} data-testid="pending-approval-link">
          {actionLabel(r.action)}
        </Link>
      ),
    },
    { key: 'maker', title: t('approvals.columns.maker'), render: (_, r) => r.maker_name },
    { key: 'created', title: t('approvals.columns.createdAt'), render: (_, r) => formatDateTime(r.created_at, locale) },
    { key: 'status', title: t('fields.status'), render: (_, r) => <ApprovalStatusTag status={r.status} /> },
    { key: 'checker', title: t('approvals.columns.checker'), render: (_, r) => r.checker_name || '—' },
    { key: 'expires', title: t('approvals.columns.expiresAt'), render: (_, r) => formatDateTime(r.expires_at, locale) },
  ];
  return (
    <Card size="small" title={t('approvals.pendingCard.title')} data-testid="pending-approvals-card">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('approvals.pendingCard.explain')}
      </Typography.Paragraph>
      <Table<ApprovalRequest>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={requests}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
