// Shared Brazilian formats for every screen (DESIGN §10): money `R$ 1.234,56`, dates
// `dd/mm/aaaa` in America/Sao_Paulo, CPF/CNPJ/phone/CEP masks. Pure functions, no React.

export const TIME_ZONE = 'America/Sao_Paulo';

export type Locale = 'pt-BR' | 'en-US';

// ---------------------------------------------------------------------------------------------
// Money. The API carries amounts as integer centavos (a JSON number or, for int64 safety, a
// string of digits). Formatting goes through a decimal string so no float rounding is involved.
// Note: Intl puts a no-break space (U+00A0) between "R$" and the number; compare texts with
// whitespace normalised.

const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** Integer centavos → decimal string in reais, e.g. 123456n → "1234.56", -5 → "-0.05". */
export function centavosToDecimal(centavos: number | bigint | string): string {
  let v: bigint;
  if (typeof centavos === 'bigint') v = centavos;
  else if (typeof centavos === 'number') {
    if (!Number.isSafeInteger(centavos)) throw new RangeError(`centavos must be an integer: ${centavos}`);
    v = BigInt(centavos);
  } else {
    if (!/^-?\d+$/.test(centavos.trim())) throw new RangeError(`centavos must be an integer: ${centavos}`);
    v = BigInt(centavos.trim());
  }
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const reais = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${reais}.${cents}`;
}

/** Integer centavos → "R$ 1.234,56" (always pt-BR/BRL, whatever the UI language). */
export function formatMoney(centavos: number | bigint | string): string {
  // Intl.NumberFormat formats decimal strings exactly (ES2023).
  return brl.format(centavosToDecimal(centavos) as `${number}`);
}

// ---------------------------------------------------------------------------------------------
// Dates and times, always shown in America/Sao_Paulo. pt-BR: dd/mm/aaaa HH:mm; en-US keeps its
// own field order (mm/dd/yyyy) with a 24-hour clock. Built from formatToParts so the output
// does not depend on the engine's separator choices (comma, narrow spaces).

type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function parts(date: Date, locale: Locale): Parts {
  let f = partsFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(locale, f);
  }
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const p of f.formatToParts(date)) if (p.type in out) out[p.type as keyof Parts] = p.value;
  return out;
}

function toDate(value: string | number | Date): Date | undefined {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "22/11/2026" (pt-BR) or "11/22/2026" (en-US), in America/Sao_Paulo. "—" if invalid. */
export function formatDate(value: string | number | Date, locale: Locale = 'pt-BR'): string {
  const d = toDate(value);
  if (!d) return '—';
  const p = parts(d, locale);
  return locale === 'en-US' ? `${p.month}/${p.day}/${p.year}` : `${p.day}/${p.month}/${p.year}`;
}

/** "22/11/2026 05:00" (pt-BR) or "11/22/2026 05:00" (en-US), in America/Sao_Paulo. */
export function formatDateTime(
  value: string | number | Date,
  locale: Locale = 'pt-BR',
  { seconds = false }: { seconds?: boolean } = {},
): string {
  const d = toDate(value);
  if (!d) return '—';
  const p = parts(d, locale);
  const time = seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${formatDate(d, locale)} ${time}`;
}

/** "05:00:12" in America/Sao_Paulo. */
export function formatTime(value: string | number | Date, locale: Locale = 'pt-BR'): string {
  const d = toDate(value);
  if (!d) return '—';
  const p = parts(d, locale);
  return `${p.hour}:${p.minute}:${p.second}`;
}

// ---------------------------------------------------------------------------------------------
// Numbers and durations.

export function formatNumber(value: number, locale: Locale = 'pt-BR'): string {
  return new Intl.NumberFormat(locale).format(value);
}

/**
 * Seconds → "2 dias 3 h 4 min" / "2 days 3 hr 4 min" (localised unit names from Intl).
 * Seconds are shown only while the duration is under an hour.
 */
export function formatDuration(totalSeconds: number, locale: Locale = 'pt-BR'): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const units: [Intl.NumberFormatOptions['unit'], number][] = [
    ['day', Math.floor(s / 86400)],
    ['hour', Math.floor((s % 86400) / 3600)],
    ['minute', Math.floor((s % 3600) / 60)],
    ['second', s < 3600 ? s % 60 : 0],
  ];
  const shown = units.filter(([, n]) => n > 0);
  if (shown.length === 0) shown.push(['second', 0]);
  return shown
    .map(([unit, n]) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(n))
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// Brazilian document and contact masks. Input may already be formatted; anything that does not
// have the right length is returned unchanged so a bad value is never silently hidden.

const digits = (s: string) => s.replace(/\D/g, '');

/** "12345678909" → "123.456.789-09". */
export function formatCpf(value: string): string {
  const d = digits(value);
  return d.length === 11 ? `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}` : value;
}

/** "12ABC34501DE35" → "12.ABC.345/01DE-35" (alphanumeric CNPJ accepted, upper-cased). */
export function formatCnpj(value: string): string {
  const c = value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return /^[0-9A-Z]{12}\d{2}$/.test(c)
    ? `${c.slice(0, 2)}.${c.slice(2, 5)}.${c.slice(5, 8)}/${c.slice(8, 12)}-${c.slice(12)}`
    : value;
}

/** "11912345678" → "(11) 91234-5678"; "1132345678" → "(11) 3234-5678". */
export function formatPhone(value: string): string {
  let d = digits(value);
  if (d.length > 11 && d.startsWith('55')) d = d.slice(2);
  if (d.length === 11) return `(${d.slice(0, 2)}) ${d.slice(2, 7)}-${d.slice(7)}`;
  if (d.length === 10) return `(${d.slice(0, 2)}) ${d.slice(2, 6)}-${d.slice(6)}`;
  return value;
}

/** "01310100" → "01310-100". */
export function formatCep(value: string): string {
  const d = digits(value);
  return d.length === 8 ? `${d.slice(0, 5)}-${d.slice(5)}` : value;
}

/** CPF (11 digits) or CNPJ (14 characters) by length, masked; anything else unchanged. */
export function formatDocument(value: string): string {
  const c = value.replace(/[^0-9A-Za-z]/g, '');
  return c.length === 11 ? formatCpf(c) : formatCnpj(value);
}

/** Live mask for a Brazilian phone while typing: "(11) 91234-5678". */
export function maskPhone(value: string): string {
  const d = value.replace(/\D/g, '').slice(0, 11);
  if (d.length <= 2) return d.length ? `(${d}` : '';
  if (d.length <= 6) return `(${d.slice(0, 2)}) ${d.slice(2)}`;
  if (d.length <= 10) return `(${d.slice(0, 2)}) ${d.slice(2, 6)}-${d.slice(6)}`;
  return `(${d.slice(0, 2)}) ${d.slice(2, 7)}-${d.slice(7)}`;
}

/** Live mask for a CPF while typing: "123.456.789-09". */
export function maskCpf(value: string): string {
  const d = value.replace(/\D/g, '').slice(0, 11);
  return d.replace(/^(\d{3})(\d)/, '$1.$2').replace(/^(\d{3})\.(\d{3})(\d)/, '$1.$2.$3').replace(/\.(\d{3})(\d{1,2})$/, '.$1-$2');
}

/** Live mask for a CNPJ (numeric or alphanumeric) while typing: "12.ABC.345/01DE-35". */
export function maskCnpj(value: string): string {
  const c = value.replace(/[^0-9A-Za-z]/g, '').toUpperCase().slice(0, 14);
  let out = c.slice(0, 2);
  if (c.length > 2) out += `.${c.slice(2, 5)}`;
  if (c.length > 5) out += `.${c.slice(5, 8)}`;
  if (c.length > 8) out += `/${c.slice(8, 12)}`;
  if (c.length > 12) out += `-${c.slice(12)}`;
  return out;
}

/** Live mask for a CEP while typing: "01310-100". */
export function maskCep(value: string): string {
  const d = value.replace(/\D/g, '').slice(0, 8);
  return d.length > 5 ? `${d.slice(0, 5)}-${d.slice(5)}` : d;
}
