// Registros Excluídos (src/platform/deleted/routes.cpp, PLT-14): records soft-deleted in any
// module, with restore. Ids are 64-bit and travel as strings.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './identity';

export interface DeletedRecord {
  record_type: string;
  record_type_label_pt: string;
  record_type_label_en: string;
  record_id: string;
  summary: string;
  deleted_by: string | null;
  deleted_by_name: string;
  deleted_at: string;
  restored_by: string | null;
  restored_at: string | null;
}

export interface DeletedFilters {
  type?: string;
  deleted_by?: string;
  /** São Paulo calendar dates, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  page_size?: number;
  cursor?: string;
}

export interface DeletedRecordType {
  type: string;
  label_pt: string;
  label_en: string;
}

export const deletedKey = ['deleted-records'] as const;

export function useDeletedRecords(filters: DeletedFilters) {
  return useQuery({
    queryKey: [...deletedKey, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<DeletedRecord>>('/api/v1/deleted-records', { signal, query: { ...filters } }),
    placeholderData: (previous) => previous,
  });
}

export function useDeletedRecordTypes() {
  return useQuery({
    queryKey: [...deletedKey, 'types'],
    queryFn: ({ signal }) => api.get<{ items: DeletedRecordType[] }>('/api/v1/deleted-records/types', { signal }).then((r) => r.items),
    staleTime: Infinity,
  });
}

export const restoreRecord = (type: string, id: string) =>
  api.post<DeletedRecord>(`/api/v1/deleted-records/${encodeURIComponent(type)}/${encodeURIComponent(id)}/restore`);
