// Tags (src/platform/tags/routes.cpp, PLT-13): the tenant's tags, attaching them to records of
// any registered type (operator, webhook_trigger, …), records by tag, and the tags of a page of
// records in one request. Ids are 64-bit and travel as strings.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './identity';

export interface Tag {
  id: string;
  name: string;
  /** An Ant Design preset color ("blue") or "#rrggbb". */
  color: string;
  description: string;
  /** Live (not deleted) records carrying the tag. */
  record_count: number;
  created_at: string;
  updated_at: string;
}

export interface TagInput {
  name?: string;
  color?: string;
  description?: string;
}

export interface TaggedRecord {
  record_type: string;
  record_id: string;
  label: string;
  tagged_at: string;
}

export interface TagRecordType {
  type: string;
  label_pt: string;
  label_en: string;
}

export const TAG_COLORS = ['blue', 'geekblue', 'cyan', 'green', 'lime', 'gold', 'orange', 'volcano', 'red', 'magenta', 'purple'] as const;

export const tagsKey = ['tags'] as const;

export function useTags(enabled = true) {
  return useQuery({
    queryKey: [...tagsKey, 'list'],
    queryFn: ({ signal }) => api.get<Page<Tag>>('/api/v1/tags', { signal }).then((r) => r.items),
    enabled,
  });
}

export function useTagRecords(tagId: string | undefined, cursor?: string) {
  return useQuery({
    queryKey: [...tagsKey, 'records', tagId, cursor],
    queryFn: ({ signal }) =>
      api.get<Page<TaggedRecord>>(`/api/v1/tags/${encodeURIComponent(tagId!)}/records`, { signal, query: { cursor, page_size: 50 } }),
    enabled: !!tagId,
  });
}

export function useTagRecordTypes() {
  return useQuery({
    queryKey: [...tagsKey, 'record-types'],
    queryFn: ({ signal }) => api.get<{ items: TagRecordType[] }>('/api/v1/tag-record-types', { signal }).then((r) => r.items),
    staleTime: Infinity,
  });
}

/** The tags of each record id (one request per page of a list); records without tags are absent. */
export function useTagAssignments(recordType: string, recordIds: string[], enabled = true) {
  return useQuery({
    queryKey: [...tagsKey, 'assignments', recordType, recordIds],
    queryFn: ({ signal }) =>
      api
        .get<{ items: { record_id: string; tags: Tag[] }[] }>('/api/v1/tag-assignments', {
          signal,
          query: { record_type: recordType, record_ids: recordIds.join(',') },
        })
        .then((r) => new Map(r.items.map((i) => [i.record_id, i.tags]))),
    enabled: enabled && recordIds.length > 0,
    placeholderData: (previous) => previous,
  });
}

export const createTag = (input: TagInput) => api.post<Tag>('/api/v1/tags', input);
export const updateTag = (id: string, input: TagInput) => api.patch<Tag>(`/api/v1/tags/${encodeURIComponent(id)}`, input);
export const deleteTag = (id: string) => api.delete<void>(`/api/v1/tags/${encodeURIComponent(id)}`);
export const attachTag = (tagId: string, recordType: string, recordId: string) =>
  api.post<{ attached: boolean }>(`/api/v1/tags/${encodeURIComponent(tagId)}/records`, { record_type: recordType, record_id: recordId });
export const detachTag = (tagId: string, recordType: string, recordId: string) =>
  api.delete<void>(`/api/v1/tags/${encodeURIComponent(tagId)}/records/${encodeURIComponent(recordType)}/${encodeURIComponent(recordId)}`);

/** Refreshes every tag query (lists, counts, assignments) after a change. */
export function useRefreshTags() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: tagsKey });
}
