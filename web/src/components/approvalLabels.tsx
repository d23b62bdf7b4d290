// How maker-checker values read on screen: action labels (from the tenant's policies), the seed's
// business statuses ("To Be Inactivated" → "A inativar") and the request status.
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
  LockOutlined,
  MinusCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePolicies } from '../api/approvals';
import { currentLanguage } from '../i18n';

/** Server business status → i18n key under approvals.businessStatus. Unknown ones show as sent. */
const BUSINESS: Record<string, { key: string; color: string; icon: ReactNode }> = {
  'To Be Inactivated': { key: 'toBeInactivated', color: 'gold', icon: <ClockCircleOutlined /> },
  'To Be Activated': { key: 'toBeActivated', color: 'gold', icon: <ClockCircleOutlined /> },
  'To Be Deleted': { key: 'toBeDeleted', color: 'gold', icon: <ClockCircleOutlined /> },
  Inactive: { key: 'inactive', color: 'default', icon: <MinusCircleOutlined /> },
  Active: { key: 'active', color: 'success', icon: <CheckCircleOutlined /> },
  Deleted: { key: 'deleted', color: 'default', icon: <CloseCircleOutlined /> },
  Rejected: { key: 'rejected', color: 'error', icon: <CloseCircleOutlined /> },
  Expired: { key: 'expired', color: 'default', icon: <FieldTimeOutlined /> },
};

export function useBusinessStatusLabel() {
  const { t } = useTranslation();
  return (status: string) => {
    const known = BUSINESS[status];
    return known ? (t(`approvals.businessStatus.${known.key}` as 'approvals.businessStatus.inactive') as string) : status;
  };
}

export function BusinessStatusTag({ status }: { status: string }) {
  const label = useBusinessStatusLabel();
  const known = BUSINESS[status];
  return (
    <Tag color={known?.color ?? 'default'} icon={known?.icon} data-testid="approval-business-status" data-value={status}>
      {label(status)}
    </Tag>
  );
}

const STATUS: Record<string, { color: string; icon: ReactNode }> = {
  pending: { color: 'processing', icon: <ClockCircleOutlined /> },
  picked_up: { color: 'blue', icon: <LockOutlined /> },
  approved: { color: 'success', icon: <CheckCircleOutlined /> },
  rejected: { color: 'error', icon: <CloseCircleOutlined /> },
  expired: { color: 'default', icon: <FieldTimeOutlined /> },
  failed: { color: 'warning', icon: <ExclamationCircleOutlined /> },
};

export function useApprovalStatusLabel() {
  const { t } = useTranslation();
  return (status: string) =>
    status in STATUS ? (t(`approvals.status.${status}` as 'approvals.status.pending') as string) : status;
}

export function ApprovalStatusTag({ status }: { status: string }) {
  const label = useApprovalStatusLabel();
  const known = STATUS[status];
  return (
    <Tag color={known?.color ?? 'default'} icon={known?.icon ?? <SyncOutlined />} data-testid="approval-status" data-value={status}>
      {label(status)}
    </Tag>
  );
}

/** "operator.disable" → "Desabilitar operador" / "Disable operator" (from the policies list). */
export function useApprovalActionLabel() {
  const policies = usePolicies();
  useTranslation(); // re-render on a language change
  const locale = currentLanguage();
  return (action: string) => {
    const p = policies.data?.find((x) => x.action === action);
    if (!p) return action;
    return locale === 'en-US' ? p.label_en : p.label_pt;
  };
}
