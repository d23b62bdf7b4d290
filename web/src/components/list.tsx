// Building blocks of every list page (DESIGN §10): filters kept in the URL, keyset paging over
// `next_cursor`, a column chooser remembered per list, CSV export of the current filters, and
// the page header.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Checkbox, Flex, Popover, Select, Typography } from 'antd';
import { LeftOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

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
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const out = {} as Partial<Record<K, string>>;
    for (const k of keys) {
      const v = params.get(k);
      if (v !== null && v !== '') out[k] = v;
    }
    return out;
    // `keys` is a constant array per page.
  }, [params]);

  const setFilters = useCallback(
    (patch: Partial<Record<K, string | undefined | null>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [string, string | undefined | null][]) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clearFilters = useCallback(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const k of keys) if (k !== 'page_size') next.delete(k);
        return next;
      },
      { replace: true },
    );
  }, [setParams]);

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
