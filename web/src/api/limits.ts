// Limits (src/banking/limits/routes.cpp, TRX-05) and cash-out levels (ACC-14). Values are integer
// centavos; null = no limit (base) or "inherit the base" (account override).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export const LIMIT_FIELDS = ['day_per_transaction', 'day_per_day', 'night_per_transaction', 'night_per_day'] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];
export type LimitValues = Record<LimitField, number | null>;

export interface BaseLimit extends LimitValues {
  transaction_type: string;
  label_pt: string;
  label_en: string;
  cash_out: boolean;
  /** null while the type has no base rule. */
  id: string | null;
  updated_at: string | null;
}

export interface LimitRule extends LimitValues {
  id: string;
  scope: 'base' | 'account';
  account_id: string | null;
  transaction_type: string;
  created_at: string;
  updated_at: string;
}

export type Origin = 'none' | 'base' | 'account' | 'cash_out_level';
export interface EffectiveValue {
  value: number | null;
  origin: Origin;
}
export type EffectiveLimits = { transaction_type: string; label_pt: string; label_en: string } & Record<LimitField, EffectiveValue>;

export interface CashOutLevel extends LimitValues {
  id: string;
  level: number;
  name: string;
  accounts: number;
  created_at: string;
  updated_at: string;
}

export interface AccountLimits {
  account_id: string;
  cash_out_level: CashOutLevel | null;
  effective: EffectiveLimits[];
  overrides: LimitRule[];
}

export const limitsKey = ['limits'] as const;

export function useBaseLimits() {
  return useQuery({
    queryKey: [...limitsKey, 'base'],
    queryFn: ({ signal }) => api.get<{ items: BaseLimit[] }>('/api/v1/limits', { signal }).then((r) => r.items),
  });
}

export function useAccountLimits(accountId: string | undefined) {
  return useQuery({
    queryKey: [...limitsKey, 'account', accountId],
    queryFn: ({ signal }) => api.get<AccountLimits>(`/api/v1/limits/accounts/${encodeURIComponent(accountId!)}`, { signal }),
    enabled: !!accountId,
  });
}

export function useCashOutLevels() {
  return useQuery({
    queryKey: [...limitsKey, 'levels'],
    queryFn: ({ signal }) => api.get<{ items: CashOutLevel[] }>('/api/v1/cash-out-levels', { signal }).then((r) => r.items),
  });
}

export function useRefreshLimits() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: limitsKey });
}

export function putBaseLimit(type: string, values: LimitValues) {
  return api.put<LimitRule>(`/api/v1/limits/base/${encodeURIComponent(type)}`, values);
}

export function deleteBaseLimit(type: string) {
  return api.delete<void>(`/api/v1/limits/base/${encodeURIComponent(type)}`);
}

export function putAccountLimit(accountId: string, type: string, values: LimitValues) {
  return api.put<LimitRule>(`/api/v1/limits/accounts/${encodeURIComponent(accountId)}/types/${encodeURIComponent(type)}`, values);
}

export function deleteAccountLimit(accountId: string, type: string) {
  return api.delete<void>(`/api/v1/limits/accounts/${encodeURIComponent(accountId)}/types/${encodeURIComponent(type)}`);
}

export function assignCashOutLevel(accountId: string, levelId: string | null) {
  return api.put<{ account_id: string; cash_out_level: CashOutLevel | null }>(
    `/api/v1/limits/accounts/${encodeURIComponent(accountId)}/cash-out-level`,
    { level_id: levelId },
  );
}

export type CashOutLevelInput = Partial<LimitValues> & { level?: number; name?: string };

export function createCashOutLevel(input: CashOutLevelInput) {
  return api.post<CashOutLevel>('/api/v1/cash-out-levels', input);
}

export function updateCashOutLevel(id: string, input: CashOutLevelInput) {
  return api.patch<CashOutLevel>(`/api/v1/cash-out-levels/${encodeURIComponent(id)}`, input);
}

export function deleteCashOutLevel(id: string) {
  return api.delete<void>(`/api/v1/cash-out-levels/${encodeURIComponent(id)}`);
}
