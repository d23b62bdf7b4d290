// Webhooks / Gatilhos (src/platform/webhooks/routes.cpp, PLT-08): the event-type catalogue,
// the tenant's triggers (URL, event types, active flag, signing secret shown once), and the
// deliveries log with resend and simulate. Ids are 64-bit and travel as strings.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './identity';

export interface EventType {
  /** e.g. "operator.disabled"; the part before the first dot is the publishing module. */
  type: string;
  description_pt: string;
  description_en: string;
  /** The `data` a simulated delivery carries. */
  sample_payload: unknown;
}

export interface Trigger {
  id: string;
  url: string;
  description: string;
  event_types: string[];
  active: boolean;
  /** Failed attempts in a row and when the streak began (reset by a success or reactivation). */
  consecutive_failures: number;
  failing_since: string | null;
  /** "endpoint_failing" when the server deactivated the trigger itself; null otherwise. */
  disabled_reason: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Create and rotate-secret answer the trigger with its secret, once. */
export interface TriggerWithSecret extends Trigger {
  secret: string;
}

export interface TriggerInput {
  url?: string;
  description?: string;
  event_types?: string[];
  active?: boolean;
}

export type DeliveryStatus = 'queued' | 'delivered' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['queued', 'delivered', 'failed'];

export interface Delivery {
  id: string;
  trigger_id: string;
  /** None for simulations. */
  event_id: string | null;
  event_type: string;
  is_test: boolean;
  status: DeliveryStatus | string;
  attempts: number;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_response_excerpt: string | null;
  last_error: string | null;
  /** When the next retry is due (queued deliveries only). */
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** One HTTP attempt of a delivery. */
export interface DeliveryAttempt {
  /** From 1. */
  attempt: number;
  attempted_at: string;
  /** None when no HTTP answer came (timeout, connection refused…). */
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string;
  error: string | null;
  /** The webhook-timestamp and webhook-signature headers this attempt sent (null on older attempts). */
  webhook_timestamp: number | null;
  webhook_signature: string | null;
}

/** GET /deliveries/{id} adds the exact body POSTed and every attempt. */
export interface DeliveryDetail extends Delivery {
  payload: string;
  attempt_log: DeliveryAttempt[];
}

export interface DeliveryFilters {
  trigger_id?: string;
  status?: string;
  /** Exact event type, e.g. "operator.disabled". */
  event_type?: string;
  /** São Paulo calendar days (YYYY-MM-DD), both inclusive: created on or after / on or before. */
  created_from?: string;
  created_to?: string;
  page_size: number;
  cursor?: string;
}

export const webhooksKey = ['platform', 'webhooks'] as const;
const triggersKey = [...webhooksKey, 'triggers'] as const;
const deliveriesKey = [...webhooksKey, 'deliveries'] as const;

export function useEventTypes(enabled = true) {
  return useQuery({
    queryKey: [...webhooksKey, 'event-types'],
    queryFn: ({ signal }) => api.get<{ items: EventType[] }>('/api/v1/webhooks/event-types', { signal }).then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useTriggers(enabled = true) {
  return useQuery({
    queryKey: triggersKey,
    queryFn: ({ signal }) => api.get<{ items: Trigger[] }>('/api/v1/webhooks/triggers', { signal }).then((r) => r.items),
    enabled,
  });
}

export function useTrigger(id: string | undefined) {
  return useQuery({
    queryKey: [...triggersKey, id],
    queryFn: ({ signal }) => api.get<Trigger>(`/api/v1/webhooks/triggers/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

/** The query of the deliveries list: its filters, without paging (also what an export uses). */
export const deliveryQuery = (f: Omit<DeliveryFilters, 'page_size' | 'cursor'>) => ({
  trigger_id: f.trigger_id,
  status: f.status,
  event_type: f.event_type,
  created_from: f.created_from,
  created_to: f.created_to,
});

/** One page of the log, filtered by the API (newest first, keyset cursor). */
export function listDeliveries(f: DeliveryFilters, signal?: AbortSignal): Promise<Page<Delivery>> {
  return api.get<Page<Delivery>>('/api/v1/webhooks/deliveries', {
    signal,
    query: { ...deliveryQuery(f), page_size: f.page_size, cursor: f.cursor },
  });
}

/** One page of the log; refreshed every few seconds while a delivery is still queued. */
export function useDeliveries(f: DeliveryFilters, enabled = true) {
  return useQuery({
    queryKey: [...deliveriesKey, 'list', f],
    queryFn: ({ signal }) => listDeliveries(f, signal),
    enabled,
    placeholderData: (previous) => previous,
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'queued') ? 3_000 : false),
  });
}

/** One delivery; what it answers is also written into every cached list page that shows the same
 *  delivery, so the row behind the drawer never contradicts it (the list polls more slowly). */
export function useDelivery(id: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...deliveriesKey, 'one', id],
    queryFn: async ({ signal }) => {
      const d = await api.get<DeliveryDetail>(`/api/v1/webhooks/deliveries/${encodeURIComponent(id!)}`, { signal });
      queryClient.setQueriesData<Page<Delivery>>({ queryKey: [...deliveriesKey, 'list'] }, (page) => {
        if (!page?.items.some((x) => x.id === d.id)) return page;
        return {
          ...page,
          items: page.items.map((x) => {
            if (x.id !== d.id) return x;
            const row: Record<string, unknown> = { ...x };
            for (const k of Object.keys(x)) if (k in d) row[k] = (d as unknown as Record<string, unknown>)[k];
            return row as unknown as Delivery;
          }),
        };
      });
      return d;
    },
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'queued' ? 3_000 : false),
  });
}

const triggerPath = (id: string) => `/api/v1/webhooks/triggers/${encodeURIComponent(id)}`;

export const createTrigger = (input: TriggerInput) => api.post<TriggerWithSecret>('/api/v1/webhooks/triggers', input);
export const updateTrigger = (id: string, input: TriggerInput) => api.patch<Trigger>(triggerPath(id), input);
export const deleteTrigger = (id: string) => api.delete<void>(triggerPath(id));
export const rotateTriggerSecret = (id: string) => api.post<TriggerWithSecret>(`${triggerPath(id)}/rotate-secret`);
/** A test delivery of the event type's sample payload (202). */
export const simulateEvent = (id: string, eventType: string) =>
  api.post<Delivery>(`${triggerPath(id)}/simulate`, { event_type: eventType });
/** A new delivery of the same body to the same trigger (202). */
export const resendDelivery = (id: string) =>
  api.post<Delivery>(`/api/v1/webhooks/deliveries/${encodeURIComponent(id)}/resend`);

/** Refreshes triggers and deliveries after a change. */
export function useRefreshWebhooks() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhooksKey });
}
