// Exports (PLT-09): every list endpoint answers `format=csv|xlsx` with its own filters
// (src/platform/exports). Small exports come back at once as a file; large ones answer 202 and
// are written by a background job listed in GET /api/v1/exports ("Exportações").
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type Problem } from './client';
import type { Page } from './identity';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRecord {
  id: string;
  /** The exported list: operators, roles, api_keys, audit, approvals, mailbox, webhook_triggers… */
  type: string;
  title_pt: string;
  title_en: string;
  format: ExportFormat;
  status: 'queued' | 'running' | 'done' | 'failed' | 'expired';
  filters: string;
  locale: string;
  file_name: string;
  row_count: number | null;
  size_bytes: number | null;
  requested_by: { id: string; name: string };
  created_at: string;
  finished_at: string | null;
  expires_at: string | null;
  error: string | null;
  download_url: string | null;
}

export const exportsKey = ['platform', 'exports'] as const;

/** The caller's background exports; refreshes every 2 s while one is queued or running. */
export function useExports(filters: { page_size?: number; cursor?: string }) {
  return useQuery({
    queryKey: [...exportsKey, filters],
    queryFn: ({ signal }) => api.get<Page<ExportRecord>>('/api/v1/exports', { signal, query: { ...filters } }),
    placeholderData: (previous) => previous,
    refetchInterval: (query) =>
      query.state.data?.items.some((e) => e.status === 'queued' || e.status === 'running') ? 2000 : false,
  });
}

export type ExportOutcome = { kind: 'file'; fileName: string } | { kind: 'queued'; record: ExportRecord };

function fileNameOf(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename="([^"]+)"/);
  return match ? match[1] : fallback;
}

/** Saves a Blob under `fileName` through a temporary link (the browser's download). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * GETs `url` with the session and answers the raw response (2xx, 202 included); a failure is thrown
 * as `ApiError` with the problem's fields when the server sent one.
 */
async function fetchFile(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError('network', 0, {}, undefined, { cause });
  }
  if (!res.ok) {
    const requestId = res.headers.get('X-Request-Id') ?? undefined;
    let problem: Problem = { title: res.statusText };
    try {
      problem = (await res.json()) as Problem;
    } catch {
      /* not a problem body */
    }
    throw new ApiError('problem', res.status, { ...problem, status: res.status }, requestId);
  }
  return res;
}

/**
 * Downloads a file the API draws on request (a receipt PDF) with the session, under the name the
 * server gives in Content-Disposition (`fallbackName` without one). Answers the file name.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  return saveResponse(await fetchFile(path), fallbackName);
}

async function saveResponse(res: Response, fallbackName: string): Promise<string> {
  const fileName = fileNameOf(res.headers.get('Content-Disposition'), fallbackName);
  saveBlob(await res.blob(), fileName);
  return fileName;
}

/**
 * Asks `listPath` (e.g. `/api/v1/audit`) for a file with the list's current filters. A small
 * result is downloaded at once; a large one is queued (202) and shows up in "Exportações".
 */
export async function requestExport(
  listPath: string,
  filters: object,
  format: ExportFormat,
  lang: string,
): Promise<ExportOutcome> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(filters) as [string, unknown][]) {
    if (v === undefined || v === null || v === '' || k === 'cursor' || k === 'page_size') continue;
    query.append(k, String(v));
  }
  query.set('format', format);
  query.set('lang', lang);
  const res = await fetchFile(`${listPath}?${query.toString()}`);
  if (res.status === 202) return { kind: 'queued', record: (await res.json()) as ExportRecord };
  return { kind: 'file', fileName: await saveResponse(res, `export.${format}`) };
}
