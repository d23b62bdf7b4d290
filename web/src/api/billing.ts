// Revenue and billing centres (TRX-06): what tariffs brought in (GET /api/v1/revenue, grouped by
// tariff, operation or month) and the tariff charges to collect (GET /api/v1/tariff-charges),
// collected now or waived with a reason. Amounts are integer centavos; ids travel as strings.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { KeysetPage, PageParams } from '../components/list';

export type RevenueGroup = 'tariff' | 'operation' | 'month';
export const REVENUE_GROUPS: RevenueGroup[] = ['tariff', 'operation', 'month'];

export interface RevenueLine {
  key: string;
  /** The tariff's description, the operation's code or the month ("YYYY-MM"). */
  label: string;
  operation: string | null;
  tariff_id: string | null;
  plan_id: string | null;
  plan_name: string | null;
  count: number;
  amount: number;
}

export interface Totals {
  count: number;
  amount: number;
}

export interface Revenue {
  group_by: RevenueGroup;
  items: RevenueLine[];
  /** Collected in the period. */
  total: Totals;
  /** Pending now, whatever the period. */
  pending: Totals;
}

export interface RevenueFilters {
  /** YYYY-MM-DD, both ends included. */
  from?: string;
  to?: string;
  group_by?: RevenueGroup;
}

export type ChargeStatus = 'pending' | 'collected' | 'waived';
export const CHARGE_STATUSES: ChargeStatus[] = ['pending', 'collected', 'waived'];

export interface TariffCharge {
  id: string;
  account_id: string;
  plan_id: string | null;
  tariff_id: string | null;
  /** p2p, monthly_fee, … */
  operation: string;
  description: string;
  amount: number;
  status: ChargeStatus;
  /** What caused it: a transfer (`source_id` its id) or a month's fee (`source_id` "YYYY-MM"). */
  source_type: 'transfer' | 'monthly_fee';
  source_id: string;
  /** The ledger transfer that collected it. */
  ledger_transfer_id: string | null;
  attempts: number;
  last_attempt_at: string | null;
  created_at: string;
  collected_at: string | null;
  waived_at: string | null;
  waived_by_name: string | null;
  waive_reason: string | null;
}

export interface ChargeFilters {
  status?: ChargeStatus;
  account_id?: string;
  operation?: string;
  from?: string;
  to?: string;
}

export const billingKey = ['billing'] as const;

export function useRevenue(filters: RevenueFilters) {
  return useQuery({
    queryKey: [...billingKey, 'revenue', filters],
    queryFn: ({ signal }) => api.get<Revenue>('/api/v1/revenue', { signal, query: { ...filters } }),
    placeholderData: (previous) => previous,
  });
}

export function useTariffCharges(params: ChargeFilters & Partial<PageParams>) {
  return useQuery({
    queryKey: [...billingKey, 'charges', params],
    queryFn: ({ signal }) => api.get<KeysetPage<TariffCharge>>('/api/v1/tariff-charges', { signal, query: { ...params } }),
    placeholderData: (previous) => previous,
  });
}

const chargePath = (id: string) => `/api/v1/tariff-charges/${encodeURIComponent(id)}`;
export const collectCharge = (id: string) => api.post<TariffCharge>(`${chargePath(id)}/collect`);
export const waiveCharge = (id: string, reason: string) => api.post<TariffCharge>(`${chargePath(id)}/waive`, { reason });
