// Building blocks of every list page (DESIGN §10): filters kept in the URL, keyset paging over
// `next_cursor` (usePagedList), the filter bar, the table with its loading, error and empty
// states and its pager (ListTable), a column chooser remembered per list, CSV export of the
// current filters, and the page header.
import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, Empty, Flex, Input, Popover, Select, Skeleton, Table, Typography, type TableProps } from 'antd';
import { LeftOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import ProblemAlert from './ProblemAlert';

// ---------------------------------------------------------------------------------------------
// Page header

export function PageHeader({
  title,
  subtitle,
  extra,
  testId = 'page-title',
  small = false,
}: {
  title: string;
  subtitle?: ReactNode;
  extra?: ReactNode;
  testId?: string;
  /** A smaller heading (still the page's h2), for long titles such as a request's summary. */
  small?: boolean;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={2} style={{ margin: 0, ...(small ? { fontSize: 22, lineHeight: 1.35 } : {}) }} data-testid={testId}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && (
        <Flex gap={8} wrap align="center">
          {extra}
        </Flex>
      )}
    </Flex>
  );
}

// ---------------------------------------------------------------------------------------------
// Filters in the URL

/**
 * The list's filters as URL query parameters, so a view can be bookmarked and shared.
 * `keys` names the parameters the list understands; others in the URL are left alone.
 *
 * The router shows a new URL in a transition, which a busy page may render only after the
 * operator's next click: built on the URL the page still shows, that second change would undo
 * the first (a multiple select hands back its whole stale value). So the filters are read from
 * what the list last asked for until the URL shows it, and each change builds on that.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const shown = params.toString();
  // The query string last asked for, and every one asked for since the URL last caught up.
  const [asked, setAsked] = useState<{ query: string; trail: string[] }>();
  let current = shown;
  if (asked && asked.query !== shown && asked.trail.includes(shown)) {
    current = asked.query;
  } else if (asked) {
    // The URL caught up, or went elsewhere (a link, the back button).
    setAsked(undefined);
  }
  const latest = useRef(current);
  latest.current = current;

  const filters = useMemo(() => {
    const query = new URLSearchParams(current);
    const out = {} as Partial<Record<K, string>>;
    for (const k of keys) {
      const v = query.get(k);
      if (v !== null && v !== '') out[k] = v;
    }
    return out;
    // `keys` is a constant array per page.
  }, [current]);

  const setFilters = useCallback(
    (patch: Partial<Record<K, string | undefined | null>>) => {
      const next = new URLSearchParams(latest.current);
      for (const [k, v] of Object.entries(patch) as [string, string | undefined | null][]) {
        if (v === undefined || v === null || v === '') next.delete(k);
        else next.set(k, v);
      }
      const query = next.toString();
      const from = latest.current;
      latest.current = query;
      setAsked((a) => ({ query, trail: [...(a?.trail ?? [from]), query] }));
      setParams(next, { replace: true });
    },
    [setParams],
  );

  const clearFilters = useCallback(
    () => setFilters(Object.fromEntries(keys.filter((k) => k !== 'page_size').map((k) => [k, undefined])) as Partial<Record<K, undefined>>),
    // `keys` is a constant array per page.
    [setFilters],
  );

  return { filters, setFilters, clearFilters };
}

// ---------------------------------------------------------------------------------------------
// Keyset paging

export const PAGE_SIZES = [20, 50, 100] as const;

/**
 * Page-by-page navigation over an API that answers `next_cursor`: the cursors of the pages
 * already seen are kept so "previous" works. Any change of `resetKey` (the filters) starts over.
 */
export function useCursorPaging(resetKey: string) {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const [key, setKey] = useState(resetKey);
  if (key !== resetKey) {
    setKey(resetKey);
    setStack([undefined]);
  }
  return {
    cursor: stack[stack.length - 1],
    page: stack.length,
    next: (cursor: string) => setStack((s) => [...s, cursor]),
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([undefined]),
  };
}

export function CursorPager({
  page,
  count,
  nextCursor,
  pageSize,
  onNext,
  onPrevious,
  onPageSize,
  loading,
}: {
  page: number;
  /** Rows on this page. */
  count: number;
  nextCursor: string | null | undefined;
  pageSize: number;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  onPageSize: (size: number) => void;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" wrap gap={8} data-testid="pager">
      <Typography.Text type="secondary" data-testid="row-count" aria-live="polite">
        {t('list.rowCount', { count, page })}
      </Typography.Text>
      <Flex gap={8} align="center" wrap>
        <Select
          size="small"
          value={pageSize}
          onChange={onPageSize}
          aria-label={t('list.pageSize')}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('list.perPage', { count: n }) }))}
          style={{ width: 150 }}
          popupMatchSelectWidth={false}
        />
        <Button size="small" icon={<LeftOutlined />} disabled={page <= 1 || loading} onClick={onPrevious} data-testid="pager-previous">
          {t('list.previous')}
        </Button>
        <Button
          size="small"
          disabled={!nextCursor || loading}
          onClick={() => nextCursor && onNext(nextCursor)}
          data-testid="pager-next"
        >
          {t('list.next')} <RightOutlined />
        </Button>
      </Flex>
    </Flex>
  );
}

// ---------------------------------------------------------------------------------------------
// One paged list: its state and its table

/** What a list table needs of a TanStack query. */
export interface ListQuery<D> {
  data?: D;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  isPlaceholderData?: boolean;
  refetch: () => unknown;
}

/** One page of a keyset-paged list API. */
export interface KeysetPage<T> {
  items: T[];
  next_cursor: string | null;
}

/** What a keyset-paged API hook is asked for besides its filters. */
export interface PageParams {
  page_size: number;
  cursor?: string;
}

/** The paging of a list as its pager shows it. */
export interface ListPager {
  paging: ReturnType<typeof useCursorPaging>;
  pageSize: number;
  setPageSize: (size: number) => void;
}

/**
 * The current page of a keyset-paged list for `filters`: the cursor paging, back to the first
 * page whenever the filters or the page size change, and `usePage`'s query for that page.
 */
export function usePagedQuery<F extends object, T>(
  filters: F,
  pageSize: number,
  usePage: (params: F & PageParams) => ListQuery<KeysetPage<T>>,
) {
  const paging = useCursorPaging(JSON.stringify([filters, pageSize]));
  const query = usePage({ ...filters, page_size: pageSize, cursor: paging.cursor });
  return { paging, query };
}

/**
 * A list page's state (DESIGN §10): its filters in the URL (`keys`, and always `page_size`), the
 * API filters `toApi` makes of them, and the current page of `usePage`. `anyFilter` says whether
 * the operator narrowed the list; `viewKeys` are URL parameters that are not filters (the record
 * open in a drawer).
 */
export function usePagedList<K extends string, F extends object, T>(
  keys: readonly K[],
  {
    toApi,
    usePage,
    defaultPageSize = PAGE_SIZES[0],
    viewKeys = [],
  }: {
    toApi: (filters: Partial<Record<K | 'page_size', string>>) => F;
    usePage: (params: F & PageParams) => ListQuery<KeysetPage<T>>;
    defaultPageSize?: number;
    viewKeys?: readonly K[];
  },
) {
  const { filters, setFilters, clearFilters } = useUrlFilters<K | 'page_size'>([...keys, 'page_size']);
  // Compared by value, so a page may build its API filters from anything it has (a route id).
  const wanted = toApi(filters);
  const wantedKey = JSON.stringify(wanted);
  const apiFilters = useMemo(() => wanted, [wantedKey]);
  const pageSize = Number(filters.page_size) || defaultPageSize;
  const { paging, query } = usePagedQuery(apiFilters, pageSize, usePage);
  const anyFilter = Object.entries(filters).some(([k, v]) => k !== 'page_size' && !(viewKeys as readonly string[]).includes(k) && !!v);
  const setPageSize = useCallback((size: number) => setFilters({ page_size: String(size) } as Partial<Record<K | 'page_size', string>>), [setFilters]);
  return { filters, setFilters, clearFilters, anyFilter, apiFilters, pageSize, setPageSize, paging, query };
}

/** An empty list: what is missing and, in grey, what to do next. */
export function ListEmpty({ title, hint, children }: { title?: ReactNode; hint?: ReactNode; children?: ReactNode }) {
  return (
    <Empty
      description={
        title ? (
          <>
            <Typography.Text strong>{title}</Typography.Text>
            {hint && (
              <>
                <br />
                <Typography.Text type="secondary">{hint}</Typography.Text>
              </>
            )}
          </>
        ) : (
          <Typography.Text type="secondary">{hint}</Typography.Text>
        )
      }
    >
      {children}
    </Empty>
  );
}

/** A list as an API answers it: whole (rows, or `{ items }`), or one keyset page. */
export type ListData<T> = T[] | { items: T[]; next_cursor?: string | null };

const isItems = <T,>(data: ListData<T>): data is Exclude<ListData<T>, T[]> => !Array.isArray(data);

/**
 * The table of a list and its states: the problem (with a retry) when the list cannot be loaded,
 * a skeleton while it loads, then the rows and, with `pager`, the keyset pager. `framed` puts it
 * in cards of its own, as a list page shows it; otherwise it sits in its caller's card.
 */
export function ListTable<T extends object>({
  query,
  rows,
  pager,
  loadError,
  errorTestId,
  skeletonTestId,
  skeletonRows = 6,
  empty,
  framed = true,
  footer,
  rowTestId,
  rowKey = 'id' as TableProps<T>['rowKey'],
  onRow,
  ...table
}: {
  query: ListQuery<ListData<T>>;
  /** The rows to show when they are not the whole answer (a list narrowed here). */
  rows?: readonly T[];
  pager?: ListPager;
  /** What could not be loaded, above the problem's own title. */
  loadError?: string;
  errorTestId?: string;
  skeletonTestId?: string;
  skeletonRows?: number;
  empty: ReactNode;
  framed?: boolean;
  /** Below the table and its pager. */
  footer?: ReactNode;
  /** Each row's data-testid. */
  rowTestId?: (row: T) => string;
} & Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading' | 'locale' | 'footer'>) {
  const { t } = useTranslation();
  const data = query.data;
  const page = data && isItems(data) ? data : undefined;
  const items = rows ?? (data ? (isItems(data) ? data.items : data) : undefined);
  const alert = query.isError && (
    <ProblemAlert error={query.error} message={loadError} onRetry={() => void query.refetch()} testId={errorTestId} />
  );
  const skeleton = <Skeleton active paragraph={{ rows: skeletonRows }} />;
  const body = items && (
    <Flex vertical gap={12}>
      <Table<T>
        rowKey={rowKey}
        dataSource={items}
        pagination={false}
        loading={query.isFetching && !!query.isPlaceholderData}
        locale={{ emptyText: empty }}
        onRow={
          rowTestId
            ? (row, index) => ({ ...onRow?.(row, index), 'data-testid': rowTestId(row) }) as HTMLAttributes<HTMLElement>
            : onRow
        }
        {...table}
      />
      {pager && page && (
        <CursorPager
          page={pager.paging.page}
          count={page.items.length}
          nextCursor={page.next_cursor}
          pageSize={pager.pageSize}
          onNext={pager.paging.next}
          onPrevious={pager.paging.previous}
          onPageSize={pager.setPageSize}
          loading={query.isFetching}
        />
      )}
      {footer}
    </Flex>
  );
  if (!framed) {
    return (
      <Flex vertical gap={12}>
        {alert}
        {query.isPending ? (
          <div aria-busy="true" aria-label={t('app.loading')} data-testid={skeletonTestId}>
            {skeleton}
          </div>
        ) : (
          body
        )}
      </Flex>
    );
  }
  return (
    <>
      {alert}
      {query.isPending ? (
        <Card aria-busy="true" aria-label={t('app.loading')} data-testid={skeletonTestId}>
          {skeleton}
        </Card>
      ) : (
        body && <Card size="small">{body}</Card>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Filter bar

/**
 * The filter bar of a list page: its filters, "clear filters" once any is set, and at the end
 * what acts on the filtered list (column chooser, export, a count).
 */
export function FilterBar({
  children,
  anyFilter = false,
  onClear,
  clearLabel,
  end,
  testId,
}: {
  children?: ReactNode;
  anyFilter?: boolean;
  onClear?: () => void;
  clearLabel?: string;
  end?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid={testId}>
      <Flex gap={12} wrap align="center" className="rg-filter-bar" role="search" aria-label={t('list.filters')}>
        {children}
        {anyFilter && onClear && (
          <Button type="link" onClick={onClear} data-testid="filters-clear">
            {clearLabel ?? t('list.clearFilters')}
          </Button>
        )}
        {end && (
          <Flex gap={8} align="center" style={{ marginInlineStart: 'auto' }}>
            {end}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/**
 * A list's text search: typed freely, applied with Enter or the button (trimmed; empty removes
 * it), removed at once when the text is cleared. Follows `value` when the URL changes it.
 */
export function SearchFilter({
  value,
  onSearch,
  placeholder,
  width = 280,
  testId,
}: {
  value: string | undefined;
  onSearch: (value: string | undefined) => void;
  placeholder: string;
  width?: number;
  testId?: string;
}) {
  const [text, setText] = useState(value ?? '');
  const [applied, setApplied] = useState(value);
  if (applied !== value) {
    setApplied(value);
    setText(value ?? '');
  }
  return (
    <Input.Search
      allowClear
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) onSearch(undefined);
      }}
      onSearch={(v) => onSearch(v.trim() || undefined)}
      placeholder={placeholder}
      aria-label={placeholder}
      style={{ width }}
      data-testid={testId}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// Column chooser

/** Which optional columns are shown, remembered in localStorage under `storageKey`. */
export function useColumnChooser(storageKey: string, defaultHidden: string[] = []) {
  const key = `retaguarda.columns.${storageKey}`;
  const [hidden, setHidden] = useState<string[]>(() => {
    try {
      const v = window.localStorage.getItem(key);
      if (v) return JSON.parse(v) as string[];
    } catch {
      /* ignore */
    }
    return defaultHidden;
  });
  useEffect(() => {
    try {
      window.localStorage.setItem(key, JSON.stringify(hidden));
    } catch {
      /* ignore */
    }
  }, [key, hidden]);
  return { hidden, setHidden };
}

export function ColumnChooser({
  columns,
  hidden,
  onChange,
}: {
  columns: { key: string; title: string }[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}) {
  const { t } = useTranslation();
  const visible = columns.filter((c) => !hidden.includes(c.key)).map((c) => c.key);
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('list.columns')}
      content={
        <Checkbox.Group
          value={visible}
          onChange={(v) => onChange(columns.map((c) => c.key).filter((k) => !(v as string[]).includes(k)))}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          options={columns.map((c) => ({ value: c.key, label: c.title }))}
          data-testid="column-chooser-options"
        />
      }
    >
      <Button icon={<SettingOutlined />} data-testid="column-chooser">
        {t('list.columns')}
      </Button>
    </Popover>
  );
}

// ---------------------------------------------------------------------------------------------
// CSV export

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Formulas are neutralised so a spreadsheet never runs a cell (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Downloads rows as CSV the way Brazilian spreadsheets open it: `;` separators, UTF-8 with BOM.
 */
export function downloadCsv(filename: string, header: string[], rows: unknown[][]): void {
  const text = [header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n');
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Fetches every page of a keyset-paged list (up to `max` rows) for an export. */
export async function fetchAllPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor: string | null }>,
  max = 10_000,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    out.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && out.length < max);
  return out.slice(0, max);
}

/** YYYY-MM-DD of today in São Paulo, for export file names. */
export function todayStamp(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());
}
