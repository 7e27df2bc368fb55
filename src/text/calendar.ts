/**
 * @module text/calendar
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC, with no time of day.
 * Days are counted from 1970-01-01 so that date arithmetic is integer arithmetic.
 */

const MS_PER_DAY = 86_400_000;

/**
 * Day number of an ISO date.
 * @param iso `YYYY-MM-DD`
 * @returns days since 1970-01-01, or NaN when `iso` is not a date
 */
export function dayNumber(iso: string): number {
  let n = DAY_NUMBER.get(iso);
  if (n === undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    n = m ? Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY) : NaN;
    if (DAY_NUMBER.size >= MEMO_SIZE) DAY_NUMBER.clear();
    DAY_NUMBER.set(iso, n);
  }
  return n;
}

/** Memos of the two conversions (pure functions of their argument; bounded). */
const MEMO_SIZE = 50_000;
const DAY_NUMBER = new Map<string, number>();
const ISO_OF_DAY = new Map<number, string>();

/**
 * ISO date of a day number.
 * @param day days since 1970-01-01
 * @returns `YYYY-MM-DD`
 */
export function isoOfDay(day: number): string {
  let iso = ISO_OF_DAY.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (ISO_OF_DAY.size >= MEMO_SIZE) ISO_OF_DAY.clear();
    ISO_OF_DAY.set(day, iso);
  }
  return iso;
}

/**
 * A valid ISO date from parts, or null (31 June, month 13 …).
 * @param year full year
 * @param month 1–12
 * @param day 1–31
 * @returns `YYYY-MM-DD` or null
 */
export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Adds days to an ISO date.
 * @param iso `YYYY-MM-DD`
 * @param days days to add (negative to go back)
 * @returns `YYYY-MM-DD`
 */
export function addDays(iso: string, days: number): string {
  return isoOfDay(dayNumber(iso) + days);
}

/**
 * Number of days in a month.
 * @param year full year
 * @param month 1–12
 * @returns 28–31
 */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * ISO weekday of a date.
 * @param iso `YYYY-MM-DD`
 * @returns 1 = Monday … 7 = Sunday
 */
export function isoWeekday(iso: string): number {
  const d = new Date(dayNumber(iso) * MS_PER_DAY).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * Year, month and day of an ISO date.
 * @param iso `YYYY-MM-DD`
 * @returns `[year, month, day]`
 */
export function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

/**
 * Middle day of a closed range (rounded down).
 * @param earliest `YYYY-MM-DD`
 * @param latest `YYYY-MM-DD`
 * @returns `YYYY-MM-DD`
 */
export function midpoint(earliest: string, latest: string): string {
  return isoOfDay(Math.floor((dayNumber(earliest) + dayNumber(latest)) / 2));
}

/**
 * Whole days from `a` to `b` (positive when `b` is later).
 * @param a `YYYY-MM-DD`
 * @param b `YYYY-MM-DD`
 * @returns b − a in days
 */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}
