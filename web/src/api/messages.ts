// Platform messages, tenant resources, support contact and push notifications
// (src/platform/messages, src/platform/support, src/platform/push).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './identity';

export type Severity = 'info' | 'warning';

/** A message as an operator sees it (GET /api/v1/messages). */
export interface InboxMessage {
  id: string;
  title: string;
  body: string;
  severity: Severity;
  publish_from: string | null;
  publish_until: string | null;
  author_name: string;
  created_at: string;
  updated_at: string;
  viewed: boolean;
  viewed_at: string | null;
}

/** A broadcast as a platform administrator manages it. */
export interface Broadcast extends Omit<InboxMessage, 'viewed' | 'viewed_at'> {
  audience: 'all' | 'tenants';
  tenant_ids: string[];
  views: number;
}

export interface BroadcastInput {
  title: string;
  body: string;
  severity: Severity;
  audience: 'all' | 'tenants';
  tenant_ids?: string[];
  publish_from?: string | null;
  publish_until?: string | null;
}

export interface TenantSummary {
  id: string;
  name: string;
  status: string;
  platform: boolean;
  resources: Record<string, boolean>;
}

export interface InboxFilters {
  viewed?: 'true' | 'false';
  severity?: Severity;
  page_size?: number;
  cursor?: string;
}

export const messagesKey = ['messages'] as const;
/** The header badge polls this often (ms). */
const UNREAD_POLL_MS = 60_000;

export function useInbox(filters: InboxFilters, enabled = true) {
  return useQuery({
    queryKey: [...messagesKey, 'inbox', filters],
    queryFn: ({ signal }) => api.get<Page<InboxMessage>>('/api/v1/messages', { signal, query: { ...filters } }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...messagesKey, 'unread'],
    queryFn: ({ signal }) => api.get<{ count: number; warnings: number }>('/api/v1/messages/unread-count', { signal }),
    refetchInterval: UNREAD_POLL_MS,
    enabled,
  });
}

/** Opening a message marks it viewed, so the lists and the badge are refreshed afterwards. */
export function useOpenMessage() {
  const queryClient = useQueryClient();
  return async (id: string) => {
    const message = await api.get<InboxMessage>(`/api/v1/messages/${encodeURIComponent(id)}`);
    await queryClient.invalidateQueries({ queryKey: messagesKey });
    return message;
  };
}

export function useBroadcasts(filters: { page_size?: number; cursor?: string }) {
  return useQuery({
    queryKey: [...messagesKey, 'broadcasts', filters],
    queryFn: ({ signal }) => api.get<Page<Broadcast>>('/api/v1/platform/messages', { signal, query: { ...filters } }),
    placeholderData: (previous) => previous,
  });
}

export const createBroadcast = (input: BroadcastInput) => api.post<Broadcast>('/api/v1/platform/messages', input);
export const updateBroadcast = (id: string, input: Partial<BroadcastInput>) =>
  api.patch<Broadcast>(`/api/v1/platform/messages/${encodeURIComponent(id)}`, input);
export const deleteBroadcast = (id: string) => api.delete<void>(`/api/v1/platform/messages/${encodeURIComponent(id)}`);

export const tenantsKey = ['platform', 'tenants'] as const;

export function useTenants(enabled = true) {
  return useQuery({
    queryKey: tenantsKey,
    queryFn: ({ signal }) => api.get<{ items: TenantSummary[] }>('/api/v1/platform/tenants', { signal }),
    enabled,
  });
}

export const setTenantResources = (id: string, resources: Record<string, boolean>) =>
  api.patch<TenantSummary>(`/api/v1/platform/tenants/${encodeURIComponent(id)}/resources`, resources);

export function useOwnResources() {
  return useQuery({
    queryKey: ['resources'],
    queryFn: ({ signal }) => api.get<{ resources: Record<string, boolean> }>('/api/v1/resources', { signal }),
  });
}

// ---------------------------------------------------------------------------------------------
// Support contact (PLT-16)

export interface SupportSettings {
  configured: boolean;
  label: string;
  url: string | null;
  email: string | null;
  phone: string | null;
  hours: string | null;
  updated_at: string | null;
}

export type SupportInput = Pick<SupportSettings, 'label' | 'url' | 'email' | 'phone' | 'hours'>;

export const supportKey = ['support'] as const;

export function useSupport() {
  return useQuery({
    queryKey: supportKey,
    queryFn: ({ signal }) => api.get<SupportSettings>('/api/v1/support', { signal }),
    staleTime: 5 * 60_000,
  });
}

export const saveSupport = (input: SupportInput) => api.put<SupportSettings>('/api/v1/support', input);

// ---------------------------------------------------------------------------------------------
// Push notifications (PLT-11)

export type PushStatus = 'queued' | 'sent' | 'delivered' | 'failed';
export const PUSH_STATUSES: readonly PushStatus[] = ['queued', 'sent', 'delivered', 'failed'];

export interface PushDelivery {
  device_id: string;
  platform: 'android' | 'ios';
  token_hint: string;
  status: PushStatus;
  gateway_message_id: string | null;
  error: string | null;
  attempts: number;
}

export interface PushNotification {
  id: string;
  customer_ref: string;
  title: string;
  body: string;
  data: Record<string, string> | null;
  status: PushStatus;
  attempts: number;
  last_error: string | null;
  created_by_name: string;
  created_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  deliveries?: PushDelivery[];
}

export interface PushDevice {
  id: string;
  customer_ref: string;
  platform: 'android' | 'ios';
  token_hint: string;
  status: 'active' | 'invalid' | 'unregistered' | 'removed';
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface GatewayMessage {
  id: string;
  notification_id: string;
  platform: string;
  token_hint: string;
  title: string;
  body: string;
  data: Record<string, string> | null;
  outcome: string;
  received_at: string;
  delivered_at: string | null;
}

export interface PushFilters {
  customer_ref?: string;
  status?: string;
  page_size?: number;
  cursor?: string;
}

export const pushKey = ['push'] as const;

/** Lists refresh while something is still on its way. */
function pollWhilePending(data: Page<PushNotification> | undefined) {
  return data?.items.some((n) => n.status === 'queued' || n.status === 'sent') ? 2000 : false;
}

export function usePushNotifications(filters: PushFilters) {
  return useQuery({
    queryKey: [...pushKey, 'notifications', filters],
    queryFn: ({ signal }) =>
      api.get<Page<PushNotification>>('/api/v1/push/notifications', { signal, query: { ...filters } }),
    placeholderData: (previous) => previous,
    refetchInterval: (query) => pollWhilePending(query.state.data),
  });
}

export function usePushNotification(id: string | undefined) {
  return useQuery({
    queryKey: [...pushKey, 'notification', id],
    queryFn: ({ signal }) => api.get<PushNotification>(`/api/v1/push/notifications/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function usePushDevices(filters: PushFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...pushKey, 'devices', filters],
    queryFn: ({ signal }) => api.get<Page<PushDevice>>('/api/v1/push/devices', { signal, query: { ...filters } }),
    placeholderData: (previous) => previous,
  });
}

export function useGatewayMessages(filters: { page_size?: number; cursor?: string }, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...pushKey, 'gateway', filters],
    queryFn: ({ signal }) => api.get<Page<GatewayMessage>>('/api/v1/push/gateway/messages', { signal, query: { ...filters } }),
    placeholderData: (previous) => previous,
  });
}

export const sendPush = (input: { customer_ref: string; title: string; body: string; data?: Record<string, string> }) =>
  api.post<PushNotification>('/api/v1/push/notifications', input);
