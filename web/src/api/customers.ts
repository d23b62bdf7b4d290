// Customers PF/PJ, partners and documents (src/banking/customers/routes.cpp; ACC-01, ACC-02,
// ACC-09). Ids are 64-bit and travel as strings; money is in centavos; documents (CPF/CNPJ) are
// canonical, without mask.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './identity';

export type CustomerKind = 'pf' | 'pj';
export type CompanySize = 'mei' | 'me' | 'epp' | 'demais';
export type PartnerRole = 'socio' | 'socio_administrador' | 'administrador' | 'diretor' | 'procurador';
export type DocumentKind =
  | 'identity'
  | 'selfie'
  | 'proof_of_address'
  | 'proof_of_income'
  | 'articles_of_association'
  | 'company_registration'
  | 'other';
export type DocumentStatus = 'pending' | 'approved' | 'rejected';

export const COMPANY_SIZES: CompanySize[] = ['mei', 'me', 'epp', 'demais'];
export const PARTNER_ROLES: PartnerRole[] = ['socio', 'socio_administrador', 'administrador', 'diretor', 'procurador'];
export const DOCUMENT_KINDS: DocumentKind[] = [
  'identity',
  'selfie',
  'proof_of_address',
  'proof_of_income',
  'articles_of_association',
  'company_registration',
  'other',
];
export const UFS = ['AC', 'AL', 'AP', 'AM', 'BA', 'CE', 'DF', 'ES', 'GO', 'MA', 'MT', 'MS', 'MG', 'PA', 'PB', 'PR', 'PE', 'PI', 'RJ', 'RN', 'RS', 'RO', 'RR', 'SC', 'SP', 'SE', 'TO'];
/** The server's cap for one document (core/limits.hpp customer_document_bytes_max). */
export const DOCUMENT_BYTES_MAX = 10 * 1024 * 1024;

export interface Address {
  cep: string;
  street: string;
  number: string;
  complement: string;
  district: string;
  city: string;
  uf: string;
}

export interface Customer {
  id: string;
  kind: CustomerKind;
  document: string;
  /** PF full name, PJ razão social. */
  name: string;
  social_name: string | null;
  trade_name: string | null;
  birth_date: string | null;
  founding_date: string | null;
  mother_name: string | null;
  occupation: string | null;
  company_size: CompanySize | null;
  email: string;
  phone: string;
  monthly_income_cents: number | null;
  monthly_revenue_cents: number | null;
  address: Address;
  created_at: string;
  updated_at: string;
}

export type CustomerInput = Partial<Omit<Customer, 'id' | 'address' | 'created_at' | 'updated_at'>> & {
  address?: Partial<Address>;
};

export interface Partner {
  id: string;
  customer_id: string;
  kind: CustomerKind;
  document: string;
  name: string;
  /** Basis points: 10000 = 100 %. */
  share_bps: number;
  role: PartnerRole;
  legal_representative: boolean;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  joined_on: string | null;
  /** A company partner that is itself a customer of the tenant. */
  partner_customer_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface PartnerInput {
  document?: string;
  name?: string;
  share_bps?: number;
  role?: PartnerRole;
  legal_representative?: boolean;
  email?: string;
  phone?: string;
  birth_date?: string;
  joined_on?: string;
}

export interface CustomerDocument {
  id: string;
  customer_id: string;
  kind: DocumentKind;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  status: DocumentStatus;
  rejection_reason: string | null;
  uploaded_by: string | null;
  uploaded_by_name: string;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewed_at: string | null;
  created_at: string;
}

export interface CustomerFilters {
  document?: string;
  name?: string;
  email?: string;
  kind?: CustomerKind;
  tag?: string;
  created_from?: string;
  created_to?: string;
  page_size?: number;
  cursor?: string;
}

export const customersKey = ['customers'] as const;

export function useCustomers(filters: CustomerFilters, enabled = true) {
  return useQuery({
    queryKey: [...customersKey, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<Customer>>('/api/v1/customers', { signal, query: { ...filters } }),
    enabled,
    placeholderData: (previous) => previous,
  });
}

const customerPath = (id: string) => `/api/v1/customers/${encodeURIComponent(id)}`;

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: [...customersKey, 'one', id],
    queryFn: ({ signal }) => api.get<Customer>(customerPath(id!), { signal }),
    enabled: !!id,
  });
}

export function usePartners(customerId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...customersKey, 'partners', customerId],
    queryFn: ({ signal }) => api.get<{ items: Partner[] }>(`${customerPath(customerId!)}/partners`, { signal }).then((r) => r.items),
    enabled: !!customerId && enabled,
  });
}

export function useCustomerDocuments(customerId: string | undefined) {
  return useQuery({
    queryKey: [...customersKey, 'documents', customerId],
    queryFn: ({ signal }) =>
      api.get<{ items: CustomerDocument[] }>(`${customerPath(customerId!)}/documents`, { signal }).then((r) => r.items),
    enabled: !!customerId,
  });
}

export const createCustomer = (input: CustomerInput) => api.post<Customer>('/api/v1/customers', input);
export const updateCustomer = (id: string, input: CustomerInput) => api.patch<Customer>(customerPath(id), input);
export const deleteCustomer = (id: string) => api.delete<void>(customerPath(id));

export const addPartner = (customerId: string, input: PartnerInput) =>
  api.post<Partner>(`${customerPath(customerId)}/partners`, input);
export const updatePartner = (customerId: string, partnerId: string, input: PartnerInput) =>
  api.patch<Partner>(`${customerPath(customerId)}/partners/${encodeURIComponent(partnerId)}`, input);
export const removePartner = (customerId: string, partnerId: string) =>
  api.delete<void>(`${customerPath(customerId)}/partners/${encodeURIComponent(partnerId)}`);

/** Sends the file's bytes as the body; the server sniffs the type from them. */
export const uploadDocument = (customerId: string, kind: DocumentKind, file: File) =>
  api.post<CustomerDocument>(`${customerPath(customerId)}/documents`, undefined, {
    body: file,
    headers: { 'Content-Type': 'application/octet-stream' },
    query: { kind, file_name: file.name },
  });

export const reviewDocument = (customerId: string, documentId: string, decision: 'approve' | 'reject', reason?: string) =>
  api.post<CustomerDocument>(`${customerPath(customerId)}/documents/${encodeURIComponent(documentId)}/review`, { decision, reason });

export const documentDownloadUrl = (customerId: string, documentId: string) =>
  `${customerPath(customerId)}/documents/${encodeURIComponent(documentId)}/download`;

// ---- Brazilian documents, checked in the browser too (the server is the authority) ----

const cpfDigit = (digits: number[]) => {
  const sum = digits.reduce((s, d, i) => s + d * (digits.length + 1 - i), 0);
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
};

/** 11 digits with matching check digits, not all the same. Masks are ignored. */
export function isValidCpf(value: string): boolean {
  const d = value.replace(/[.\-\s]/g, '');
  if (!/^\d{11}$/.test(d) || /^(\d)\1{10}$/.test(d)) return false;
  const n = d.split('').map(Number);
  return cpfDigit(n.slice(0, 9)) === n[9] && cpfDigit(n.slice(0, 10)) === n[10];
}

const cnpjDigit = (values: number[]) => {
  let sum = 0;
  let weight = 2;
  for (let i = values.length - 1; i >= 0; i--) {
    sum += values[i] * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
};

/** Numeric or alphanumeric CNPJ (12 characters A-Z/0-9 and 2 check digits). Masks are ignored. */
export function isValidCnpj(value: string): boolean {
  const c = value.replace(/[./\-\s]/g, '').toUpperCase();
  if (!/^[0-9A-Z]{12}\d{2}$/.test(c) || /^(.)\1{13}$/.test(c)) return false;
  const v = c.split('').map((ch) => ch.charCodeAt(0) - 48);
  return cnpjDigit(v.slice(0, 12)) === v[12] && cnpjDigit(v.slice(0, 13)) === v[13];
}

/** CPF or CNPJ by length (11 or 14 significant characters). */
export function isValidDocument(value: string): boolean {
  const c = value.replace(/[./\-\s]/g, '');
  return c.length === 11 ? isValidCpf(c) : c.length === 14 ? isValidCnpj(c) : false;
}
