// Maker-checker (src/platform/approvals/routes.cpp): requests sent for approval, their pick-up,
// approval and rejection, and the tenant's policies (which actions need a second operator).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './identity';

export type ApprovalStatus = 'pending' | 'picked_up' | 'approved' | 'rejected' | 'expired' | 'failed';
export const APPROVAL_STATUSES: readonly ApprovalStatus[] = ['pending', 'picked_up', 'approved', 'rejected', 'expired', 'failed'];
/** Requests still waiting for a decision (the list's default view). */
export const OPEN_STATUSES: readonly ApprovalStatus[] = ['pending', 'picked_up'];

export interface ApprovalRequest {
  id: string;
  /** e.g. "operator.disable" */
  action: string;
  target_type: string;
  target_id: string;
  payload: unknown;
  /** Written by the server when the request is made, e.g. "Desabilitar Bruno Lima (bruno@…)". */
  summary: string;
  /** The seed's business status: "To Be Inactivated", "Inactive", "Rejected"… */
  business_status: string;
  status: ApprovalStatus | string;
  maker_id: string;
  maker_name: string;
  checker_id: string | null;
  checker_name: string | null;
  picked_up_at: string | null;
  decided_at: string | null;
  reason: string | null;
  result: unknown;
  expires_at: string;
  created_at: string;
}

/** What enable/disable/delete of an operator answer (202) when the action needs approval. */
export interface ApprovalRequired {
  approval_required: true;
  request: ApprovalRequest;
}

export function isApprovalRequired(v: unknown): v is ApprovalRequired {
  return !!v && typeof v === 'object' && (v as { approval_required?: unknown }).approval_required === true;
}

export interface ApprovalPolicy {
  action: string;
  label_pt: string;
  label_en: string;
  requires_approval: boolean;
  expires_after_hours: number;
}

export interface ApprovalFilters {
  /** Statuses to show; empty = every status. */
  statuses: readonly string[];
  /** Action code (the server matches it as a prefix). */
  action?: string;
  page_size: number;
  cursor?: string;
}

export const approvalsKey = ['platform', 'approvals'] as const;
export const policiesKey = ['platform', 'approval-policies'] as const;

function listOne(status: string | undefined, f: ApprovalFilters, signal?: AbortSignal) {
  return api.get<Page<ApprovalRequest>>('/api/v1/approvals', {
    signal,
    query: { status, action: f.action, page_size: f.page_size, cursor: f.cursor },
  });
}

/**
 * One page of requests. The API filters by one status at a time; several statuses (the default
 * "pending + picked up") are asked one by one and merged. The API's cursor is the id of the last
 * row and every list is newest (highest id) first, so the same cursor continues each of them and
 * the merged page is the `page_size` highest ids of the union.
 */
export async function listApprovals(f: ApprovalFilters, signal?: AbortSignal): Promise<Page<ApprovalRequest>> {
  if (f.statuses.length <= 1) return listOne(f.statuses[0], f, signal);
  const pages = await Promise.all(f.statuses.map((s) => listOne(s, f, signal)));
  const all = pages.flatMap((p) => p.items).sort((a, b) => compareIds(b.id, a.id));
  const items = all.slice(0, f.page_size);
  const more = all.length > f.page_size || pages.some((p) => p.next_cursor);
  return { items, next_cursor: more && items.length ? items[items.length - 1].id : null };
}

/** Ids are 64-bit decimal strings. */
function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

export function useApprovals(f: ApprovalFilters, enabled = true) {
  return useQuery({
    queryKey: [...approvalsKey, 'list', f],
    queryFn: ({ signal }) => listApprovals(f, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** Open requests (pending or picked up) about one kind of target, e.g. operators. */
export function useOpenApprovalsFor(targetType: string, actionPrefix: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...approvalsKey, 'open', targetType, actionPrefix],
    queryFn: async ({ signal }) => {
      const page = await listApprovals({ statuses: OPEN_STATUSES, action: actionPrefix, page_size: 500 }, signal);
      return page.items.filter((r) => r.target_type === targetType);
    },
    enabled,
  });
}

export function useApproval(id: string | undefined) {
  return useQuery({
    queryKey: [...approvalsKey, 'one', id],
    queryFn: ({ signal }) => api.get<ApprovalRequest>(`/api/v1/approvals/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export const pickUpApproval = (id: string) =>
  api.post<ApprovalRequest>(`/api/v1/approvals/${encodeURIComponent(id)}/pick-up`);
export const approveApproval = (id: string) =>
  api.post<ApprovalRequest>(`/api/v1/approvals/${encodeURIComponent(id)}/approve`);
export const rejectApproval = (id: string, reason: string) =>
  api.post<ApprovalRequest>(`/api/v1/approvals/${encodeURIComponent(id)}/reject`, { reason });

export function usePolicies(enabled = true) {
  return useQuery({
    queryKey: policiesKey,
    queryFn: ({ signal }) =>
      api.get<{ items: ApprovalPolicy[] }>('/api/v1/approval-policies', { signal }).then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export const savePolicy = (action: string, input: { requires_approval: boolean; expires_after_hours: number }) =>
  api.put<void>(`/api/v1/approval-policies/${encodeURIComponent(action)}`, input);

/** Refreshes every approvals list and request (after a decision or a new request). */
export function useRefreshApprovals() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: approvalsKey });
}
