/**
 * @module text/date-resolve
 * Calendar resolution of date expressions against the publication date,
 * leaning into the past (see text/dates for the conventions): the year of a
 * day-month, the year of a month, a weekday, the named relative periods, the
 * day ranges of months and years.
 */
import { addDays, daysBetween, daysInMonth, isoDate, isoWeekday, midpoint, parts } from './calendar.js';
import type { DateKind, PartDef } from './date-vocab.js';
import type { TimePrecision } from '../domain/types.js';

/** Day of a month-precision date. */
const MONTH_POINT = 15;

/** What a rule resolves to, before the mention is assembled. */
export interface Resolved {
  kind: DateKind;
  earliest: string | null;
  latest: string | null;
  /** defaults to the midpoint of earliest..latest */
  date?: string | null;
  /** defaults by kind (and span length for ranges) */
  precision?: TimePrecision;
}

/** What resolution needs: the publication date and the direction. */
export interface Ctx {
  published: string | null;
  /** a future cue precedes the expression in its clause */
  future: boolean;
}

/** A single-day resolution, or null. */
export const day = (iso: string | null): Resolved | null => (iso ? { kind: 'day', earliest: iso, latest: iso } : null);

/**
 * Year for a day-month without a year: the latest not after publication (or the next, when future).
 * @param month 1–12
 * @param dom day of the month
 * @param ctx publication date and direction
 * @returns the year, or null without a publication date
 */
export function yearFor(month: number, dom: number, ctx: Ctx): number | null {
  if (!ctx.published) return null;
  const [py] = parts(ctx.published);
  const cand = isoDate(py, month, Math.min(dom, daysInMonth(py, month)));
  if (!cand) return null;
  const after = daysBetween(ctx.published, cand) > 0;
  if (ctx.future) return after || cand === ctx.published ? py : py + 1;
  return after ? py - 1 : py;
}

/**
 * Year for a month without a year: the latest not after publication (or the next, when future).
 * @param month 1–12
 * @param ctx publication date and direction
 * @param shift "last", "this" or "next" before the month, if any
 * @returns the year, or null without a publication date
 */
export function yearForMonth(month: number, ctx: Ctx, shift: 'last' | 'this' | 'next' | null): number | null {
  if (!ctx.published) return null;
  const [py, pm] = parts(ctx.published);
  if (shift === 'this') return py;
  if (shift === 'next' || (ctx.future && shift === null)) return month > pm ? py : py + 1;
  if (shift === 'last') return month < pm ? py : py - 1;
  return month <= pm ? py : py - 1;
}

/**
 * A month, or a third of it ("late April"), dated on the 15th (or the middle of the third).
 * @param year full year
 * @param month 1–12
 * @param part early/mid/late, or null for the whole month
 * @returns the resolution
 */
export function monthRange(year: number, month: number, part: PartDef | null): Resolved {
  const last = daysInMonth(year, month);
  const [a, b] = part ? part.month_days : [1, last];
  const earliest = isoDate(year, month, a)!;
  const latest = isoDate(year, month, Math.min(b, last))!;
  return { kind: 'month', earliest, latest, date: part ? midpoint(earliest, latest) : isoDate(year, month, MONTH_POINT) };
}

/**
 * A year, or a third of it ("early 2020"), dated on 1 July (or the middle of the third).
 * @param year full year
 * @param part early/mid/late, or null for the whole year
 * @returns the resolution
 */
export function yearRange(year: number, part: PartDef | null): Resolved {
  const [a, b] = part ? part.year_months : [1, 12];
  const earliest = isoDate(year, a, 1)!;
  const latest = isoDate(year, b, daysInMonth(year, b))!;
  return { kind: 'year', earliest, latest, date: part ? midpoint(earliest, latest) : isoDate(year, 7, 1) };
}

/**
 * Weekday resolved against publication: past-leaning (the publication day
 * itself included) unless "next" or a future cue; "last" = the previous calendar week.
 * @param wd ISO weekday, 1 = Monday
 * @param ctx publication date and direction
 * @param shift "last", "this" or "next" before the weekday, if any
 * @returns the date, or null without a publication date
 */
export function weekdayDate(wd: number, ctx: Ctx, shift: string | undefined): string | null {
  if (!ctx.published) return null;
  const pwd = isoWeekday(ctx.published);
  const monday = addDays(ctx.published, 1 - pwd);
  switch (shift?.toLowerCase()) {
    case 'last':
      return addDays(monday, wd - 1 - 7);
    case 'this':
      return addDays(monday, wd - 1);
    case 'next':
      return addDays(ctx.published, (wd - pwd + 7) % 7 || 7);
    default:
      return ctx.future ? addDays(ctx.published, (wd - pwd + 7) % 7) : addDays(ctx.published, -((pwd - wd + 7) % 7));
  }
}

/**
 * The period named by a relative-period anchor (see dates.yaml, `relative_periods`).
 * @param anchor e.g. `previous-week`, `current-month`, `year-start`
 * @param published publication date
 * @returns `[earliest, latest]`, or null for an unknown anchor
 */
export function periodFor(anchor: string, published: string): [string, string] | null {
  const [py, pm] = parts(published);
  const monday = addDays(published, 1 - isoWeekday(published));
  switch (anchor) {
    case 'previous-week':
      return [addDays(monday, -7), addDays(monday, -1)];
    case 'current-week':
      return [monday, published];
    case 'trailing-week':
      return [addDays(published, -7), addDays(published, -1)];
    case 'weekend': {
      const wd = isoWeekday(published);
      const sat = wd >= 6 ? addDays(monday, 5) : addDays(monday, -2);
      return [sat, addDays(sat, 1)];
    }
    case 'previous-month': {
      const [y, m] = pm === 1 ? [py - 1, 12] : [py, pm - 1];
      return [isoDate(y, m, 1)!, isoDate(y, m, daysInMonth(y, m))!];
    }
    case 'current-month':
      return [isoDate(py, pm, 1)!, published];
    case 'mid-month':
      return [isoDate(py, pm, 11)!, isoDate(py, pm, 20)!];
    case 'month-start':
      return [isoDate(py, pm, 1)!, isoDate(py, pm, 10)!];
    case 'trailing-month':
      return [addDays(published, -30), addDays(published, -1)];
    case 'previous-year':
      return [isoDate(py - 1, 1, 1)!, isoDate(py - 1, 12, 31)!];
    case 'current-year':
      return [isoDate(py, 1, 1)!, published];
    case 'year-start':
      return [isoDate(py, 1, 1)!, isoDate(py, 1, 31)!];
    default:
      return null;
  }
}

/**
 * A range of days in one month ("between 12 and 16 June", "the night of 3 to 4 May").
 * @param d1 first day
 * @param d2 last day
 * @param month 1–12
 * @param year full year, or null to resolve it against publication
 * @param ctx publication date and direction
 * @returns the resolution, or null when the days are not a range
 */
export function dayRange(d1: number, d2: number, month: number, year: number | null, ctx: Ctx): Resolved | null {
  const y = year ?? yearFor(month, d2, ctx);
  if (y === null || d2 < d1) return null;
  const a = isoDate(y, month, d1);
  const b = isoDate(y, month, d2);
  return a && b ? { kind: 'range', earliest: a, latest: b } : null;
}

