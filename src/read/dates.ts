/**
 * @module read/dates
 * Publication dates as `YYYY-MM-DD`, from the forms news metadata uses:
 * ISO 8601 (`2020-10-23`, `2020-10-23T08:00:00+03:00`), RFC 822 (`Fri, 23 Oct 2020 08:00:00 GMT`),
 * `October 23, 2020`, `23 October 2020`, epoch numbers and `Date` objects.
 *
 * A timestamp keeps the calendar day written in it (its own time zone), because that
 * is the day the outlet published on; nothing here depends on the machine's time zone.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\\.?';
const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?![\d])/;
const SLASHED = /^\s*(\d{4})\/(\d{1,2})\/(\d{1,2})(?![\d])/;
const DAY_MONTH_YEAR = new RegExp(`^\\s*(?:[a-z]{3,9},?\\s+)?(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^\\s*(?:[a-z]{3,9},?\\s+)?${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i');

/**
 * Whether `s` is a real calendar date written `YYYY-MM-DD`.
 * @param s any string
 * @returns true for `2024-02-29`, false for `2023-02-29` or `2024-2-1`
 */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && ymd(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/**
 * A publication date from a metadata value.
 * @param value a string, number (epoch seconds or milliseconds) or Date
 * @returns `YYYY-MM-DD`, or null when the value is not a recognisable date
 */
export function toIsoDay(value: unknown): string | null {
  if (value instanceof Date) return fromEpochMs(value.getTime());
  if (typeof value === 'number') return fromEpochMs(value > 1e11 ? value : value * 1000);
  if (typeof value !== 'string') return null;
  let m = ISO.exec(value) ?? SLASHED.exec(value);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_MONTH_YEAR.exec(value);
  if (m) return ymd(Number(m[3]), monthNumber(m[2]), Number(m[1]));
  m = MONTH_DAY_YEAR.exec(value);
  if (m) return ymd(Number(m[3]), monthNumber(m[1]), Number(m[2]));
  return null;
}

function monthNumber(name: string | undefined): number {
  return MONTHS[(name ?? '').toLowerCase().slice(0, 3)] ?? 0;
}

function fromEpochMs(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
