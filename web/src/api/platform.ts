// Platform services: the built-in mailbox (src/platform/email/routes.cpp) and the audit trail
// (src/platform/audit/routes.cpp).
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './identity';

export interface MailSummary {
  id: string;
  to: string;
  subject: string;
  template: string;
  locale: string;
  /** "mailbox" (kept here, no SMTP), "queued", "sent", "failed"… */
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  read_at: string | null;
}

export interface MailMessage extends MailSummary {
  body_text: string;
  body_html: string | null;
}

export interface MailboxFilters {
  to?: string;
  page_size?: number;
  cursor?: string;
}

export const mailboxKey = ['platform', 'mailbox'] as const;

export function useMailbox(filters: MailboxFilters) {
  return useQuery({
    queryKey: [...mailboxKey, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<MailSummary>>('/api/v1/mailbox', { signal, query: { ...filters } }),
    placeholderData: (previous) => previous,
  });
}

export function useMailMessage(id: string | undefined) {
  return useQuery({
    queryKey: [...mailboxKey, 'one', id],
    queryFn: ({ signal }) => api.get<MailMessage>(`/api/v1/mailbox/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export interface AuditEntry {
  id: string;
  seq: number;
  at: string;
  /** operator | api_key | system | anonymous */
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string;
  before: unknown;
  after: unknown;
  request_id: string;
  ip: string;
  prev_hash: string;
  hash: string;
}

export interface AuditFilters {
  /** Exact action, or a prefix ending with "." (e.g. "operator."). */
  action?: string;
  q?: string;
  actor_id?: string;
  target_type?: string;
  target_id?: string;
  /** São Paulo calendar dates (YYYY-MM-DD), both inclusive. */
  from?: string;
  to?: string;
  page_size?: number;
  cursor?: string;
}

export const auditKey = ['platform', 'audit'] as const;

export function listAudit(filters: AuditFilters, signal?: AbortSignal) {
  return api.get<Page<AuditEntry>>('/api/v1/audit', { signal, query: { ...filters } });
}

export function useAudit(filters: AuditFilters, enabled = true) {
  return useQuery({
    queryKey: [...auditKey, 'list', filters],
    queryFn: ({ signal }) => listAudit(filters, signal),
    placeholderData: (previous) => previous,
    enabled,
  });
}
