// GET /api/v1/status — the server's health summary (platform module).
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface SystemStatus {
  product: string;
  version: string;
  /** Database reachable and every migration applied: the same check as /readyz. */
  ready: boolean;
  /** `ready` here means only that the database answers. */
  database: { kind: 'sqlite' | 'postgresql' | (string & {}); ready: boolean };
  migrations: { applied: number; expected: number };
  jobs: { queued: number; running: number; dead: number };
  /** RFC 3339 UTC instant. */
  started_at: string;
  uptime_s: number;
  /** RFC 3339 UTC instant. */
  server_time: string;
}

export const statusQueryKey = ['platform', 'status'] as const;

export function fetchStatus(signal?: AbortSignal): Promise<SystemStatus> {
  return api.get<SystemStatus>('/api/v1/status', { signal, cache: 'no-store' });
}

export function useSystemStatus() {
  return useQuery({
    queryKey: statusQueryKey,
    queryFn: ({ signal }) => fetchStatus(signal),
    refetchInterval: 30_000,
  });
}
