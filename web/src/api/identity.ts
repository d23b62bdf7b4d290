// Identity API (src/identity/routes.cpp): sign-in and sessions, the signed-in operator (/me),
// operators, roles and permissions, API keys. Ids are 64-bit and travel as strings.
import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import type { ApprovalRequired } from './approvals';

export type AccessInterface = 'console' | 'api' | 'both';
export type OperatorStatus = 'active' | 'disabled';

export interface Operator {
  id: string;
  name: string;
  email: string;
  /** Digits only, e.g. "11912345678". */
  phone: string | null;
  role_id: string;
  role_code: string;
  role_name: string;
  access_interface: AccessInterface;
  daily_query_limit: number | null;
  monthly_query_limit: number | null;
  email_confirmed: boolean;
  status: OperatorStatus;
  locale: 'pt-BR' | 'en-US';
  totp_enabled: boolean;
  last_sign_in_at: string | null;
  created_at: string;
}

/** GET /api/v1/me: the operator, what they may do, and the session's CSRF token. */
export interface Me extends Operator {
  permissions: string[];
  tenant_id: string;
  must_change_password: boolean;
  csrf_token?: string;
}

/** POST /api/v1/auth/sign-in answers the operator without `permissions`. */
export type SignInAnswer = Omit<Me, 'permissions'>;

export interface Role {
  id: string;
  /** manager | common | commercial for the built-in roles; custom roles have their own. */
  code: string;
  name: string;
  built_in: boolean;
  permissions: string[];
}

export interface Permission {
  code: string;
  group: string;
  label_pt: string;
  label_en: string;
  sensitive: boolean;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  operator_id: string;
  operator_name: string;
  permissions: string[];
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  status: 'active' | 'revoked';
}

export interface NewApiKey extends ApiKey {
  /** The whole key; the server shows it this once only. */
  secret: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Built-in role codes (seed 002). */
export const ROLE_MANAGER = 'manager';
export const ROLE_COMMON = 'common';
export const ROLE_COMMERCIAL = 'commercial';

/** Seed 002: "Usuários ativos sem acesso nos últimos 30 dias". */
export const INACTIVE_DAYS = 30;

// ---------------------------------------------------------------------------------------------
// Session

export const meQueryKey = ['identity', 'me'] as const;

export async function fetchMe(signal?: AbortSignal): Promise<Me> {
  const me = await api.get<Me>('/api/v1/me', { signal, cache: 'no-store' });
  setCsrfToken(me.csrf_token);
  return me;
}

/** The signed-in operator; fails with ApiError 401 when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => fetchMe(signal), retry: false, staleTime: 0 });
}

export interface SignInInput {
  email: string;
  password: string;
  totp_code?: string;
}

export async function signIn(input: SignInInput): Promise<SignInAnswer> {
  const answer = await api.post<SignInAnswer>('/api/v1/auth/sign-in', input);
  setCsrfToken(answer.csrf_token);
  return answer;
}

export async function signOut(): Promise<void> {
  try {
    await api.post<void>('/api/v1/auth/sign-out');
  } finally {
    setCsrfToken(undefined);
  }
}

export async function signOutEverywhere(): Promise<{ sessions_ended: number }> {
  try {
    return await api.post<{ sessions_ended: number }>('/api/v1/auth/sign-out-everywhere');
  } finally {
    setCsrfToken(undefined);
  }
}

/** E-mails a first-access or recovery code; the server answers 202 whatever the e-mail. */
export function requestCode(email: string) {
  return api.post<{ sent: boolean }>('/api/v1/auth/codes', { email });
}

export function confirmCode(input: { email: string; code: string; password: string }) {
  return api.post<void>('/api/v1/auth/codes/confirm', input);
}

export function changePassword(input: { current_password: string; new_password: string }) {
  return api.post<void>('/api/v1/me/password', input);
}

export function startTotp() {
  return api.post<{ secret: string; otpauth_uri: string }>('/api/v1/me/totp');
}

export function confirmTotp(code: string) {
  return api.post<void>('/api/v1/me/totp/confirm', { code });
}

export function disableTotp(password: string) {
  return api.post<void>('/api/v1/me/totp/disable', { password });
}

// ---------------------------------------------------------------------------------------------
// Operators

export interface OperatorFilters {
  q?: string;
  status?: OperatorStatus;
  role_id?: string;
  access_interface?: AccessInterface;
  email_confirmed?: 'true' | 'false';
  inactive_days?: number;
  /** A tag id (PLT-13): operators carrying that tag. */
  tag?: string;
  page_size?: number;
  cursor?: string;
}

export interface OperatorInput {
  name?: string;
  email?: string;
  phone?: string | null;
  role_id?: string;
  access_interface?: AccessInterface;
  daily_query_limit?: number | null;
  monthly_query_limit?: number | null;
  locale?: 'pt-BR' | 'en-US';
}

export const operatorsKey = ['identity', 'operators'] as const;

export function listOperators(filters: OperatorFilters, signal?: AbortSignal) {
  return api.get<Page<Operator>>('/api/v1/operators', { signal, query: { ...filters } });
}

export function useOperators(filters: OperatorFilters, enabled = true) {
  return useQuery({
    queryKey: [...operatorsKey, 'list', filters],
    queryFn: ({ signal }) => listOperators(filters, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useOperator(id: string | undefined) {
  return useQuery({
    queryKey: [...operatorsKey, 'one', id],
    queryFn: ({ signal }) => api.get<Operator>(`/api/v1/operators/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export const createOperator = (input: OperatorInput) => api.post<Operator>('/api/v1/operators', input);
export const updateOperator = (id: string, input: OperatorInput) =>
  api.patch<Operator>(`/api/v1/operators/${encodeURIComponent(id)}`, input);
// Enable, disable and delete answer 202 with the request sent for approval when the tenant
// requires a checker for the action (maker-checker); the change has not happened then.
export const enableOperator = (id: string) =>
  api.post<Operator | ApprovalRequired>(`/api/v1/operators/${encodeURIComponent(id)}/enable`);
export const disableOperator = (id: string) =>
  api.post<Operator | ApprovalRequired>(`/api/v1/operators/${encodeURIComponent(id)}/disable`);
export const sendOperatorCode = (id: string) =>
  api.post<void>(`/api/v1/operators/${encodeURIComponent(id)}/send-code`);
export const deleteOperator = (id: string) =>
  api.delete<void | ApprovalRequired>(`/api/v1/operators/${encodeURIComponent(id)}`);

// ---------------------------------------------------------------------------------------------
// Roles and permissions

export const rolesKey = ['identity', 'roles'] as const;
export const permissionsKey = ['identity', 'permissions'] as const;

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: rolesKey,
    queryFn: ({ signal }) => api.get<{ items: Role[] }>('/api/v1/roles', { signal }).then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export function usePermissions(enabled = true) {
  return useQuery({
    queryKey: permissionsKey,
    queryFn: ({ signal }) => api.get<{ items: Permission[] }>('/api/v1/permissions', { signal }).then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export const createRole = (input: { name: string; permissions: string[] }) => api.post<Role>('/api/v1/roles', input);
export const updateRole = (id: string, input: { name?: string; permissions?: string[] }) =>
  api.patch<Role>(`/api/v1/roles/${encodeURIComponent(id)}`, input);
export const deleteRole = (id: string) => api.delete<void>(`/api/v1/roles/${encodeURIComponent(id)}`);

// ---------------------------------------------------------------------------------------------
// API keys

export const apiKeysKey = ['identity', 'api-keys'] as const;

export function useApiKeys() {
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: ({ signal }) => api.get<{ items: ApiKey[] }>('/api/v1/api-keys', { signal }).then((r) => r.items),
  });
}

export const createApiKey = (input: { name: string; operator_id?: string; permissions: string[] }) =>
  api.post<NewApiKey>('/api/v1/api-keys', input);
export const revokeApiKey = (id: string) => api.delete<void>(`/api/v1/api-keys/${encodeURIComponent(id)}`);
