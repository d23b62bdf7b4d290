// P2P transfers between the tenant's accounts (src/banking/transfers/routes.cpp; TRX-02):
// immediate or scheduled (run on the next business day when the date is not one), cancelled
// while scheduled, processed again when failed, reversed in full or in part by chargebacks
// (estornos: transfers of kind "chargeback" with the accounts swapped). Amounts in centavos.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './identity';

export type TransferStatus = 'scheduled' | 'completed' | 'failed' | 'cancelled';
export const TRANSFER_STATUSES: TransferStatus[] = ['scheduled', 'completed', 'failed', 'cancelled'];

export type TransferKind = 'p2p' | 'chargeback';

export interface Transfer {
  id: string;
  /** "chargeback": an estorno of `reversal_of`, from its payee back to its payer. */
  kind: TransferKind;
  client_id: string;
  from_account_id: string;
  to_account_id: string;
  amount: number;
  description: string;
  status: TransferStatus;
  /** YYYY-MM-DD as asked. */
  scheduled_for: string | null;
  /** The business day it runs on. */
  execute_on: string | null;
  ledger_transfer_id: string | null;
  tariff_amount: number;
  failure_code: string | null;
  failure_reason: string | null;
  attempts: number;
  reversal_of: string | null;
  /** What completed chargebacks of this transfer have given back so far. */
  reversed_amount: number;
  created_by_name: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface TransferFilters {
  account_id?: string;
  /** The chargebacks of this transfer. */
  reversal_of?: string;
  status?: TransferStatus;
  from?: string;
  to?: string;
  page_size?: number;
  cursor?: string;
}

export interface TransferInput {
  from_account_id: string;
  to_account_id: string;
  amount: number;
  description?: string;
  scheduled_for?: string;
  client_id?: string;
}

export const transfersKey = ['transfers'] as const;

export function useTransfers(filters: TransferFilters, enabled = true) {
  return useQuery({
    queryKey: [...transfersKey, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<Transfer>>('/api/v1/transfers', { signal, query: { ...filters } }),
    enabled,
    placeholderData: (previous) => previous,
  });
}

const transferPath = (id: string) => `/api/v1/transfers/${encodeURIComponent(id)}`;

export function useTransfer(id: string | undefined) {
  return useQuery({
    queryKey: [...transfersKey, 'one', id],
    queryFn: ({ signal }) => api.get<Transfer>(transferPath(id!), { signal }),
    enabled: !!id,
  });
}

export const createTransfer = (input: TransferInput) => api.post<Transfer>('/api/v1/transfers', input);
export const cancelTransfer = (id: string) => api.post<Transfer>(`${transferPath(id)}/cancel`);
export const processTransfer = (id: string) => api.post<Transfer>(`${transferPath(id)}/process`);
/** An estorno of a completed P2P transfer (TRX-02): `amount` absent reverses what is left. */
export const chargebackTransfer = (id: string, input: { reason: string; amount?: number }) =>
  api.post<Transfer>(`${transferPath(id)}/chargeback`, input);
/** The receipt PDF of a completed transfer (TRX-04), fetched with downloadFile. */
export const transferReceiptPath = (id: string) => `${transferPath(id)}/receipt`;
