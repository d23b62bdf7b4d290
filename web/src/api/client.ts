// Minimal same-origin JSON client for the Retaguarda API.
//
// Every module's screens call `api.get/post/...` (or `apiFetch`) with a relative path such as
// `/api/v1/status`. Failures are thrown as `ApiError`, which carries the RFC 9457
// problem+json fields (`type`, `title`, `status`, `detail`, `errors[]`) so a screen can show
// the `title` and put each field message next to its field.

/** One entry of a problem's `errors` array: a message about one request field. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as the server renders them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  /** The server also echoes its request id in the body. */
  request_id?: string;
}

/**
 * Why a request failed:
 * - `problem`: the server answered with application/problem+json (title/detail are its words);
 * - `http`: a non-2xx answer without a problem body (e.g. a proxy error page);
 * - `network`: no answer at all (server down, connection refused, aborted);
 * - `parse`: a 2xx answer whose body was not the JSON expected.
 */
export type ApiErrorKind = 'problem' | 'http' | 'network' | 'parse';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status, or 0 when there was no answer. */
  readonly status: number;
  /** The problem's `title` when the server sent one. */
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  /** Field errors keyed as the server sent them (`errors[]`). */
  readonly fields: FieldError[];
  /** The server's X-Request-Id, to quote in a support ticket. */
  readonly requestId: string | undefined;

  constructor(
    kind: ApiErrorKind,
    status: number,
    problem: Problem = {},
    requestId?: string,
    options?: { cause?: unknown },
  ) {
    super(problem.title || problem.detail || `${kind} error${status ? ` (HTTP ${status})` : ''}`, options);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.fields = Array.isArray(problem.errors) ? problem.errors : [];
    this.requestId = requestId;
  }

  /** Message for one field (first one if several), for Form.Item `help`. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }

  /** Field errors in the shape antd's `form.setFields` takes. */
  formFields(): { name: string; errors: string[] }[] {
    const byField = new Map<string, string[]>();
    for (const f of this.fields) byField.set(f.field, [...(byField.get(f.field) ?? []), f.message]);
    return [...byField].map(([name, errors]) => ({ name, errors }));
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isProblemContentType(ct: string | null): boolean {
  return !!ct && /application\/problem\+json/i.test(ct);
}

function isJsonContentType(ct: string | null): boolean {
  return !!ct && /application\/(.+\+)?json/i.test(ct);
}

// The session's CSRF token (DESIGN §5): the console signs in with an HttpOnly cookie and must echo
// this token in `X-CSRF-Token` on every request that is not GET/HEAD. It comes from the sign-in
// answer and from GET /api/v1/me, and lives in memory only (never in storage).
let csrfToken: string | undefined;

/** Remembers the session's CSRF token (from sign-in or /me); `undefined` forgets it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token || undefined;
}

export function getCsrfToken(): string | undefined {
  return csrfToken;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestOptions extends Omit<RequestInit, 'body'> {
  /** Serialized as JSON with Content-Type: application/json. */
  json?: unknown;
  body?: BodyInit | null;
  /** Query string parameters; undefined/null/'' values are skipped. */
  query?: Record<string, string | number | boolean | null | undefined>;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.append(k, String(v));
  }
  const s = qs.toString();
  if (!s) return path;
  return path + (path.includes('?') ? '&' : '?') + s;
}

/**
 * Fetches `path` (relative, same origin) and returns the parsed JSON body.
 * Throws `ApiError` for anything but a 2xx answer. 204 returns `undefined`.
 */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { json, query, headers, ...init } = options;
  const h = new Headers(headers);
  if (!h.has('Accept')) h.set('Accept', 'application/json, application/problem+json');
  // The console's language (kept on <html lang> by i18n), so the server may localise problems.
  if (!h.has('Accept-Language') && typeof document !== 'undefined' && document.documentElement.lang) {
    h.set('Accept-Language', document.documentElement.lang);
  }
  const method = (init.method ?? 'GET').toUpperCase();
  if (!SAFE_METHODS.has(method) && csrfToken && !h.has('X-CSRF-Token')) h.set('X-CSRF-Token', csrfToken);
  let body = init.body;
  if (json !== undefined) {
    h.set('Content-Type', 'application/json');
    body = JSON.stringify(json);
  }

  let res: Response;
  try {
    res = await fetch(withQuery(path, query), { credentials: 'same-origin', ...init, headers: h, body });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('network', 0, {}, undefined, { cause });
  }

  const requestId = res.headers.get('X-Request-Id') ?? undefined;
  const ct = res.headers.get('Content-Type');

  if (!res.ok) {
    let problem: Problem | undefined;
    if (isProblemContentType(ct) || isJsonContentType(ct)) {
      try {
        problem = (await res.json()) as Problem;
      } catch {
        problem = undefined; // not a readable problem: reported as a plain HTTP error below
      }
    }
    if (problem && typeof problem === 'object' && (problem.title || problem.type)) {
      throw new ApiError('problem', res.status, { ...problem, status: res.status }, requestId ?? problem.request_id);
    }
    throw new ApiError('http', res.status, { title: res.statusText || undefined }, requestId);
  }

  if (res.status === 204 || res.headers.get('Content-Length') === '0') return undefined as T;
  try {
    return (await res.json()) as T;
  } catch (cause) {
    throw new ApiError('parse', res.status, {}, requestId, { cause });
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiFetch<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, json?: unknown, options?: RequestOptions) =>
    apiFetch<T>(path, { ...options, method: 'POST', json }),
  put: <T>(path: string, json?: unknown, options?: RequestOptions) =>
    apiFetch<T>(path, { ...options, method: 'PUT', json }),
  patch: <T>(path: string, json?: unknown, options?: RequestOptions) =>
    apiFetch<T>(path, { ...options, method: 'PATCH', json }),
  delete: <T>(path: string, options?: RequestOptions) => apiFetch<T>(path, { ...options, method: 'DELETE' }),
};
