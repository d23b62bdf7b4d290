// One operator: key facts and status in the header, the actions the signed-in operator may take,
// and tabs for the data and the operator's history in the audit trail.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Card, Descriptions, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOperator } from '../../api/identity';
import { useOpenApprovalsFor } from '../../api/approvals';
import { useCan } from '../../auth/session';
import { OperatorStatusTag, useAccessInterfaceLabel, useRoleName, YesNoTag } from '../../components/identityLabels';
import { PendingApprovalsCard, PendingApprovalTags } from '../../components/PendingApprovals';
import { DetailCrumbs, DetailFallback } from '../../components/detail';
import { PageHeader, PAGE_SIZES } from '../../components/list';
import { formatDateTime, formatNumber, formatPhone } from '../../format';
import { currentLanguage } from '../../i18n';
import AuditTable from '../audit/AuditTable';
import { RecordTagsEditor } from '../../components/RecordTags';
import OperatorActions from './OperatorActions';

export default function OperatorDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const navigate = useNavigate();
  const can = useCan();
  const roleName = useRoleName();
  const interfaceLabel = useAccessInterfaceLabel();
  const query = useOperator(id);
  const openRequests = useOpenApprovalsFor('operator', 'operator.', can('approvals.read'));
  const pending = (openRequests.data ?? []).filter((r) => r.target_id === id);
  const [historySize, setHistorySize] = useState<number>(PAGE_SIZES[0]);
  const op = query.data;

  const crumbs = <DetailCrumbs list={t('operators.title')} to="/operators" current={op?.name} />;
  if (!op) {
    return (
      <DetailFallback
        query={query}
        crumbs={crumbs}
        notFound={t('operators.detail.notFound')}
        backTo="/operators"
        backLabel={t('operators.detail.backToList')}
        loadError={t('operators.loadError')}
        testIdPrefix="operator"
      />
    );
  }

  return (
    <Flex vertical gap={16} data-testid="operator-detail">
      {crumbs}
      <PageHeader
        title={op.name}
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            <OperatorStatusTag status={op.status} />
            <PendingApprovalTags requests={pending} />
            <Typography.Text type="secondary">{op.email}</Typography.Text>
            <Typography.Text type="secondary">· {roleName(op)}</Typography.Text>
          </Flex>
        }
        extra={<OperatorActions operator={op} pending={pending} onDeleted={() => navigate('/operators', { replace: true })} />}
      />
      <PendingApprovalsCard requests={pending} />
      <Card>
        <Tabs
          items={[
            {
              key: 'data',
              label: t('operators.detail.data'),
              children: (
                <Descriptions
                  bordered
                  size="small"
                  column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 3 }}
                  items={[
                    { key: 'name', label: t('fields.name'), children: op.name },
                    { key: 'email', label: t('fields.email'), children: op.email },
                    { key: 'phone', label: t('fields.phone'), children: op.phone ? <span style={{ whiteSpace: 'nowrap' }}>{formatPhone(op.phone)}</span> : '—' },
                    { key: 'role', label: t('fields.role'), children: roleName(op) },
                    { key: 'interface', label: t('fields.accessInterface'), children: interfaceLabel(op.access_interface) },
                    { key: 'status', label: t('fields.status'), children: <OperatorStatusTag status={op.status} /> },
                    { key: 'confirmed', label: t('fields.emailConfirmed'), children: <YesNoTag value={op.email_confirmed} /> },
                    { key: 'totp', label: t('fields.totp'), children: <YesNoTag value={op.totp_enabled} /> },
                    { key: 'locale', label: t('fields.locale'), children: t(`language.${op.locale}`) },
                    ...(op.daily_query_limit != null
                      ? [
                          { key: 'daily', label: t('fields.dailyLimit'), children: formatNumber(op.daily_query_limit, locale) },
                          { key: 'monthly', label: t('fields.monthlyLimit'), children: formatNumber(op.monthly_query_limit ?? 0, locale) },
                        ]
                      : []),
                    {
                      key: 'last',
                      label: t('fields.lastSignIn'),
                      children: op.last_sign_in_at ? formatDateTime(op.last_sign_in_at, locale) : t('operators.neverSignedIn'),
                    },
                    { key: 'created', label: t('fields.createdAt'), children: formatDateTime(op.created_at, locale) },
                    ...(can('tags.read')
                      ? [{ key: 'tags', label: t('tags.column'), children: <RecordTagsEditor recordType="operator" recordId={op.id} /> }]
                      : []),
                  ]}
                />
              ),
            },
            ...(can('audit.read')
              ? [
                  {
                    key: 'history',
                    label: t('operators.detail.history'),
                    children: (
                      <AuditTable
                        filters={{ target_type: 'operator', target_id: op.id }}
                        pageSize={historySize}
                        onPageSize={setHistorySize}
                        emptyHint={t('operators.detail.noHistory')}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Flex>
  );
}
