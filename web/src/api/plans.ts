// Plans (src/banking/plans/routes.cpp, ACC-03) and tariffs (TRX-06). Amounts are integer
// centavos; rates are basis points (1 bps = 0,01 %). Ids are 64-bit and travel as strings.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { currentLanguage } from '../i18n';
import type { KeysetPage, PageParams } from '../components/list';

export interface Plan {
  id: string;
  name: string;
  description: string;
  active: boolean;
  is_default: boolean;
  overdraft_limit: number;
  monthly_fee: number;
  parameters: Record<string, string>;
  card_product_ids: string[];
  tariff_count: number;
  created_at: string;
  updated_at: string;
}

export interface PlanInput {
  name?: string;
  description?: string;
  active?: boolean;
  is_default?: boolean;
  overdraft_limit?: number;
  monthly_fee?: number;
  parameters?: Record<string, string>;
  card_product_ids?: string[];
}

export interface PlanFilters {
  q?: string;
  active?: 'true' | 'false';
  tag?: string;
}

export type TariffKind = 'fixed' | 'percentage';

export interface Tariff {
  id: string;
  plan_id: string;
  plan_name: string;
  operation: string;
  operation_label_pt: string;
  operation_label_en: string;
  kind: TariffKind;
  fixed_amount: number;
  rate_bps: number;
  min_amount: number | null;
  max_amount: number | null;
  free_quota: number;
  active: boolean;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface TariffInput {
  plan_id?: string;
  operation?: string;
  kind?: TariffKind;
  fixed_amount?: number;
  rate_bps?: number;
  min_amount?: number | null;
  max_amount?: number | null;
  free_quota?: number;
  active?: boolean;
  description?: string;
}

export interface TariffFilters {
  plan_id?: string;
  operation?: string;
  active?: 'true' | 'false';
}

export interface TariffOperation {
  code: string;
  label_pt: string;
  label_en: string;
  has_amount: boolean;
}

export const plansKey = ['plans'] as const;
export const tariffsKey = ['tariffs'] as const;

export function usePlans(params: PlanFilters & Partial<PageParams>) {
  return useQuery({
    queryKey: [...plansKey, 'list', params],
    queryFn: ({ signal }) => api.get<KeysetPage<Plan>>('/api/v1/plans', { signal, query: { ...params } }),
    placeholderData: (previous) => previous,
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: [...plansKey, 'one', id],
    queryFn: ({ signal }) => api.get<Plan>(`/api/v1/plans/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useTariffs(params: TariffFilters & Partial<PageParams>) {
  return useQuery({
    queryKey: [...tariffsKey, 'list', params],
    queryFn: ({ signal }) => api.get<KeysetPage<Tariff>>('/api/v1/tariffs', { signal, query: { ...params } }),
    placeholderData: (previous) => previous,
  });
}

export function useTariffOperations() {
  return useQuery({
    queryKey: [...tariffsKey, 'operations'],
    queryFn: ({ signal }) => api.get<{ items: TariffOperation[] }>('/api/v1/tariff-operations', { signal }).then((r) => r.items),
    staleTime: Infinity,
  });
}

/** The tariff operations, and an operation's name in the console's language (its code when unknown). */
export function useOperationLabels() {
  const operations = useTariffOperations().data ?? [];
  const pt = currentLanguage() === 'pt-BR';
  const label = (code: string) => {
    const op = operations.find((o) => o.code === code);
    return op ? (pt ? op.label_pt : op.label_en) : code;
  };
  return { operations, label };
}

/** Plans and tariffs change together (counts, names): refresh both. */
export function useRefreshPlans() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: plansKey }), client.invalidateQueries({ queryKey: tariffsKey })]);
}

export const createPlan = (input: PlanInput) => api.post<Plan>('/api/v1/plans', input);
export const updatePlan = (id: string, input: PlanInput) => api.patch<Plan>(`/api/v1/plans/${encodeURIComponent(id)}`, input);
export const deletePlan = (id: string) => api.delete<void>(`/api/v1/plans/${encodeURIComponent(id)}`);
export const addCardProduct = (id: string, cardProductId: string) =>
  api.post<Plan>(`/api/v1/plans/${encodeURIComponent(id)}/card-products`, { card_product_id: cardProductId });
export const removeCardProduct = (id: string, cardProductId: string) =>
  api.delete<void>(`/api/v1/plans/${encodeURIComponent(id)}/card-products/${encodeURIComponent(cardProductId)}`);
export const createTariff = (input: TariffInput) => api.post<Tariff>('/api/v1/tariffs', input);
export const updateTariff = (id: string, input: TariffInput) => api.patch<Tariff>(`/api/v1/tariffs/${encodeURIComponent(id)}`, input);
export const deleteTariff = (id: string) => api.delete<void>(`/api/v1/tariffs/${encodeURIComponent(id)}`);
