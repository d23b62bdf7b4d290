// Labels of the customers module's codes (kinds, sizes, roles, document kinds and statuses).
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CompanySize, CustomerKind, DocumentKind, DocumentStatus, PartnerRole } from '../../api/customers';
import { formatDocument } from '../../format';

export function useCustomerLabels() {
  const { t } = useTranslation();
  return {
    kind: (k: CustomerKind) => t(`customers.kind.${k}`),
    size: (s: CompanySize | null) => (s ? t(`customers.size.${s}`) : '—'),
    role: (r: PartnerRole) => t(`customers.role.${r}`),
    documentKind: (k: DocumentKind) => t(`customers.documentKind.${k}`),
  };
}

const STATUS_COLOR: Record<DocumentStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

export function DocumentStatusTag({ status }: { status: DocumentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="document-status">
      {t(`customers.documentStatus.${status}`)}
    </Tag>
  );
}

/** A CPF or CNPJ, masked, never broken across lines. */
export function DocumentNumber({ value }: { value: string }) {
  return <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatDocument(value)}</span>;
}

/** Basis points as a percentage: 2500 → "25%", 3333 → "33,33%". */
export function formatShare(bps: number, locale: string): string {
  return `${(bps / 100).toLocaleString(locale, { maximumFractionDigits: 2 })}%`;
}
