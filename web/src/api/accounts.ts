// Digital accounts, sub-accounts and the statement (src/banking/accounts/routes.cpp; ACC-05…08,
// ACC-10, ACC-12, ACC-16). Ids are 64-bit and travel as strings; money is in centavos.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './identity';

export type AccountKind = 'main' | 'escrow' | 'loan' | 'wallet';
export type AccountStatus = 'active' | 'suspended' | 'cancelled';
export type SubAccountKind = Exclude<AccountKind, 'main'>;

export const ACCOUNT_STATUSES: AccountStatus[] = ['active', 'suspended', 'cancelled'];
export const ACCOUNT_KINDS: AccountKind[] = ['main', 'escrow', 'loan', 'wallet'];
export const SUB_ACCOUNT_KINDS: SubAccountKind[] = ['escrow', 'loan', 'wallet'];
/** The night period may start from 18:00 to 22:00 (service rule). */
export const NIGHT_START_MIN = '18:00';
export const NIGHT_START_MAX = '22:00';

export interface Account {
  id: string;
  customer_id: string;
  holder: { name: string; document: string };
  kind: AccountKind;
  parent_id: string | null;
  branch: string;
  number: string;
  check_digit: string;
  status: AccountStatus;
  status_reason: string;
  plan_id: string | null;
  /** "HH:MM", America/Sao_Paulo. */
  night_start: string;
  description: string;
  balance: number;
  available: number;
  blocked: number;
  incoming_pending: number;
  overdraft_limit: number;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  /** Only on GET /accounts/{id}. */
  sub_accounts?: Account[];
}

export interface AccountFilters {
  customer_id?: string;
  status?: AccountStatus;
  kind?: AccountKind;
  parent_id?: string;
  number?: string;
  page_size?: number;
  cursor?: string;
}

export interface StatementLine {
  id: string;
  created_at: string;
  /** p2p, tariff, deposit, residual, redeem, correction… */
  code: string;
  description: string;
  direction: 'credit' | 'debit';
  amount: number;
  signed_amount: number;
  balance_after: number;
  state: 'posted' | 'pending' | 'voided';
  counterparty_account_id: string;
  client_id: string;
}

export interface StatementFilters {
  account_id: string;
  from?: string;
  to?: string;
  code?: string;
  page_size?: number;
  cursor?: string;
}

/** The statement's transaction types the console offers as a filter. */
export const STATEMENT_CODES = ['p2p', 'chargeback', 'tariff', 'deposit', 'residual', 'redeem', 'correction'] as const;

export interface AccountBalance {
  account_id: string;
  balance: number;
  available: number;
  blocked: number;
  overdraft_limit: number;
  consistent: boolean;
  as_of: string;
}

export interface AccountTotals {
  debits_pending: number;
  debits_posted: number;
  credits_pending: number;
  credits_posted: number;
  balance: number;
}

/** A ledger transfer as the account actions answer it (deposit, residual, redeem, corrections). */
export interface LedgerTransfer {
  id: string;
  amount: number;
  code: string;
  description?: string;
  debit_account_id: string;
  credit_account_id: string;
}

export interface ResyncReport {
  diverged: boolean;
  before: AccountTotals;
  from_transfers: AccountTotals;
  after: AccountTotals;
  corrections: LedgerTransfer[];
}

export const accountsKey = ['accounts'] as const;

/** "0001 / 10000001-5". */
export const accountLabel = (a: Pick<Account, 'branch' | 'number' | 'check_digit'>) => `${a.branch} / ${a.number}-${a.check_digit}`;

export function useAccounts(filters: AccountFilters, enabled = true) {
  return useQuery({
    queryKey: [...accountsKey, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<Account>>('/api/v1/accounts', { signal, query: { ...filters } }),
    enabled,
    placeholderData: (previous) => previous,
  });
}

const accountPath = (id: string) => `/api/v1/accounts/${encodeURIComponent(id)}`;

export function useAccount(id: string | undefined) {
  return useQuery({
    queryKey: [...accountsKey, 'one', id],
    queryFn: ({ signal }) => api.get<Account>(accountPath(id!), { signal }),
    enabled: !!id,
  });
}

export function useStatement(filters: StatementFilters) {
  return useQuery({
    queryKey: [...accountsKey, 'statement', filters],
    queryFn: ({ signal }) => api.get<Page<StatementLine>>('/api/v1/statement', { signal, query: { ...filters } }),
    enabled: !!filters.account_id,
    placeholderData: (previous) => previous,
  });
}

export const fetchBalance = (id: string) => api.get<AccountBalance>(`${accountPath(id)}/balance`);

export const openAccount = (input: { customer_id: string; plan_id?: string; night_start?: string; description?: string }) =>
  api.post<Account>('/api/v1/accounts', input);
export const openSubAccount = (id: string, kind: SubAccountKind, description: string) =>
  api.post<Account>(`${accountPath(id)}/sub-accounts`, { kind, description });
export const suspendAccount = (id: string, reason: string) => api.post<Account>(`${accountPath(id)}/suspend`, { reason });
export const reactivateAccount = (id: string, reason: string) => api.post<Account>(`${accountPath(id)}/reactivate`, { reason });
export const cancelAccount = (id: string, reason: string) => api.post<Account>(`${accountPath(id)}/cancel`, { reason });
export const moveResidual = (id: string, toAccountId: string) =>
  api.post<LedgerTransfer>(`${accountPath(id)}/residual`, { to_account_id: toAccountId });
/** `amount` 0 redeems the whole balance. */
export const redeemSubAccount = (id: string, amount = 0) => api.post<LedgerTransfer>(`${accountPath(id)}/redeem`, { amount });
export const setAccountPlan = (id: string, planId: string) => api.put<Account>(`${accountPath(id)}/plan`, { plan_id: planId });
export const setNightStart = (id: string, nightStart: string) =>
  api.put<Account>(`${accountPath(id)}/night-start`, { night_start: nightStart });
export const syncAlias = (id: string) => api.post<Account>(`${accountPath(id)}/sync-alias`);
export const syncStatus = (id: string) => api.post<Account>(`${accountPath(id)}/sync-status`);
export const depositToAccount = (id: string, amount: number, description: string) =>
  api.post<LedgerTransfer>(`${accountPath(id)}/deposits`, { amount, description });
/** The receipt PDF of a posted statement line (its ledger transfer id; TRX-04), fetched with downloadFile. */
export const statementReceiptPath = (accountId: string, lineId: string) => `${accountPath(accountId)}/receipts/${encodeURIComponent(lineId)}`;
export const resyncAccount = (id: string) => api.post<ResyncReport>(`${accountPath(id)}/resync`);
