/**
 * @module text/dates
 * Date and time expressions in news text, resolved against the publication
 * date and leaning into the PAST, as news does: "on Monday" in a Tuesday story
 * is yesterday, in a Monday story it is that day; "in March" is the most recent
 * March not after publication; "on 5 September" without a year is the latest
 * 5 September not after publication. A future cue in the same clause ("due to
 * meet on Saturday", "next Monday") resolves forward instead.
 *
 * Conventions for `date`, the single best day of a mention:
 * - day: that day (precision 1); "overnight" and "last night" = publication − 1;
 * - week-like periods: the middle day ("last week" = Thursday of the previous
 *   Monday–Sunday week), precision 2;
 * - month: the 15th (or the middle of "early/mid/late" thirds), precision 3;
 * - year: 1 July (the middle of "early/mid/late" thirds), precision 3;
 * - range: the middle day; precision 1 when it spans ≤ 2 days, 2 when ≤ 7, else 3;
 * - since: `earliest` = start of the inner expression, `latest` = publication,
 *   `date` = the start, precision of the inner expression;
 * - time ("05:00", "4 a.m."): `date` null (a time alone names no day).
 * With `published` null, relative expressions (and day-months without a year)
 * get `date`, `earliest` and `latest` null.
 *
 * Vocabulary lives in `data/lexicons/dates.yaml`; the structural rules below
 * each carry an id, reported in `DateMention.rule`. chrono-node is a fallback
 * for forms the rules do not cover (numeric dates such as "3/4/2019").
 */
import type * as Chrono from 'chrono-node';

import type { Span, TimePrecision } from '../domain/types.js';
import { lazyRequire } from '../util/lazy-require.js';
import { addDays, daysBetween, daysInMonth, isoDate, midpoint } from './calendar.js';
import { day, dayRange, monthRange, periodFor, weekdayDate, yearFor, yearForMonth, yearRange, type Ctx, type Resolved } from './date-resolve.js';
import { monthOf, partOf, vocab, weekdayOf, type DateKind } from './date-vocab.js';
import { PhraseMatcher } from './lexicon.js';
import { parseQuantity } from './numbers.js';

export type { DateKind } from './date-vocab.js';

/** A date or time expression and its resolution. */
export interface DateMention extends Span {
  text: string;
  /** Best single day, `YYYY-MM-DD`, or null when it cannot be resolved. */
  date: string | null;
  /** 1 day, 2 week or a few days, 3 month or more. */
  precision: TimePrecision;
  kind: DateKind;
  earliest: string | null;
  latest: string | null;
  /** True when the whole mention lies more than 30 days before publication. */
  historical_hint?: boolean;
  /** Id of the rule that matched (provenance). */
  rule?: string;
  /** For `since` mentions: the kind of the date after "since" ("since 2014" → year). */
  anchor?: DateKind;
}

/** Days before publication after which a mention is "historical". */
const HISTORICAL_DAYS = 30;
/** Days in the units of "N days/weeks/months/years ago". */
const AGO_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

const DAY_RE = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR_RE = '((?:19|20)\\d\\d)';
/** not followed by more digits ("April 30,000" is not 30 April) */
const NO_DIGIT_AFTER = '(?![\\d]|[.,]\\d)';

// ---------------------------------------------------------------- rules

/** A structural rule: an id, a regex and how to resolve a match. */
/** A match of a rule: the matched text in [0], groups from [1], its offset in `index`. */
interface Match {
  index: number;
  [group: number]: string | undefined;
  0: string;
}

/** Cheap tests on a span that decide which rules can match at all. */
type Need = 'digit' | 'month' | 'weekday' | 'ago' | 'past' | 'year' | 'isoDate' | 'dayRange' | 'clock' | 'ampm' | 'nightOf' | 'nOf';

/**
 * Cheap necessary conditions of the rules (non-unicode regexes, each a part
 * every match of the rules that list it must contain): most sentences fail
 * them, so the large rule regexes do not run on them.
 */
const NEED_RE: Record<Exclude<Need, 'month' | 'weekday'>, RegExp> = {
  digit: /\d/,
  ago: /\bago\b/,
  past: /\b(?:past|last|previous)\b/i,
  year: /(?:19|20)\d\d/,
  isoDate: /\d{4}-\d{2}-\d{2}/,
  dayRange: /\d(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*\d/,
  clock: /\d:[0-5]\d/,
  ampm: /\d\s*[aApP]/,
  nightOf: /night\s+of/,
  nOf: /(?:days|weeks)\s+of/,
};

interface Rule {
  id: string;
  /** all of these must be present in the span for the rule to run */
  needs: Need[];
  /** a regex (global) … */
  re?: RegExp;
  /** … or a scanner over the span */
  scan?(text: string, span: Span): Match[];
  resolve(m: Match, ctx: Ctx): Resolved | null;
}

/** Phrase-lexicon scanner for a rule: each hit becomes a Match. */
function phraseScan(matcher: PhraseMatcher<true>): (text: string, span: Span) => Match[] {
  return (text, span) => matcher.findAll(text, span.start, span.end).map((h) => ({ 0: text.slice(h.start, h.end), index: h.start - span.start }));
}

/** "three" or "3" as a small number. */
function smallNumber(s: string): number | null {
  const q = parseQuantity(s);
  return q && q.exact ? q.low : null;
}

let RULES: Rule[] | null = null;
function rules(): Rule[] {
  if (RULES) return RULES;
  const { MONTH, WEEKDAY, PART, PARTDAY, y } = vocab();
  const WD_PREFIX = `(?:${WEEKDAY},?\\s+)?`;
  // words that make a bare month name a date ("in March", "since December"), in lower and Title case
  const MONTH_CUES = y.month_cues.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1)]).join('|');
  const re = (s: string): RegExp => new RegExp(s, 'gu');
  RULES = [
    {
      id: 'iso-date',
      needs: ['digit', 'isoDate'],
      re: re(`\\b(\\d{4})-(\\d{2})-(\\d{2})\\b`),
      resolve: (m) => day(isoDate(Number(m[1]), Number(m[2]), Number(m[3]))),
    },
    {
      id: 'night-of-range',
      needs: ['digit', 'nightOf', 'month'],
      re: re(`(?:the\\s+)?night\\s+of\\s+${WD_PREFIX}${DAY_RE}\\s*(?:to|and|into|-|–)\\s*${WD_PREFIX}${DAY_RE}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR_RE})?`),
      resolve: (m, ctx) => dayRange(Number(m[2]), Number(m[4]), monthOf(m[5]!), m[6] ? Number(m[6]) : null, ctx),
    },
    {
      id: 'day-range-dmy',
      needs: ['digit', 'dayRange', 'month'],
      re: re(`(?:between\\s+${DAY_RE}\\s+and|${DAY_RE}\\s*(?:-|–|to))\\s*${DAY_RE}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR_RE})?`),
      resolve: (m, ctx) => dayRange(Number(m[1] ?? m[2]), Number(m[3]), monthOf(m[4]!), m[5] ? Number(m[5]) : null, ctx),
    },
    {
      id: 'day-range-mdy',
      needs: ['digit', 'dayRange', 'month'],
      re: re(`(?:between\\s+)?${MONTH}\\s+${DAY_RE}\\s*(?:-|–|to|and)\\s*${DAY_RE}${NO_DIGIT_AFTER}(?:,?\\s+${YEAR_RE})?`),
      resolve: (m, ctx) => dayRange(Number(m[2]), Number(m[3]), monthOf(m[1]!), m[4] ? Number(m[4]) : null, ctx),
    },
    {
      id: 'first-n-of-month',
      needs: ['month', 'nOf'],
      re: re(`(?:the\\s+)?(first|last)\\s+(\\w+)\\s+(days|weeks)\\s+of\\s+${MONTH}(?:,?\\s+${YEAR_RE})?`),
      resolve: (m, ctx) => {
        const n = smallNumber(m[2]!);
        const month = monthOf(m[4]!);
        const year = m[5] ? Number(m[5]) : yearForMonth(month, ctx, null);
        if (n === null || year === null) return null;
        const len = Math.min(n * (m[3] === 'weeks' ? 7 : 1), daysInMonth(year, month));
        const first = m[1] === 'first';
        const a = isoDate(year, month, first ? 1 : daysInMonth(year, month) - len + 1)!;
        return { kind: 'range', earliest: a, latest: addDays(a, len - 1) };
      },
    },
    {
      id: 'date-dmy',
      needs: ['digit', 'year', 'month'],
      re: re(`${WD_PREFIX}(?:the\\s+)?${DAY_RE}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR_RE}`),
      resolve: (m) => day(isoDate(Number(m[4]), monthOf(m[3]!), Number(m[2]))),
    },
    {
      id: 'date-mdy',
      needs: ['digit', 'year', 'month'],
      re: re(`${WD_PREFIX}${MONTH}\\s+${DAY_RE}${NO_DIGIT_AFTER},?\\s+${YEAR_RE}`),
      resolve: (m) => day(isoDate(Number(m[4]), monthOf(m[2]!), Number(m[3]))),
    },
    {
      id: 'day-month',
      needs: ['digit', 'month'],
      re: re(`${WD_PREFIX}(?:the\\s+)?${DAY_RE}\\s+(?:of\\s+)?${MONTH}`),
      resolve: (m, ctx) => {
        const month = monthOf(m[3]!);
        const d = Number(m[2]);
        const year = yearFor(month, d, ctx);
        return year === null ? null : day(isoDate(year, month, d));
      },
    },
    {
      id: 'month-day',
      needs: ['digit', 'month'],
      re: re(`${WD_PREFIX}${MONTH}\\s+${DAY_RE}${NO_DIGIT_AFTER}(?![\\p{L}])`),
      resolve: (m, ctx) => {
        const month = monthOf(m[2]!);
        const d = Number(m[3]);
        const year = yearFor(month, d, ctx);
        return year === null ? null : day(isoDate(year, month, d));
      },
    },
    {
      id: 'month-year',
      needs: ['digit', 'year', 'month'],
      re: re(`(?:${PART})?${MONTH},?\\s+(?:of\\s+)?${YEAR_RE}`),
      resolve: (m) => monthRange(Number(m[4]), monthOf(m[3]!), partOf(m[1] ?? m[2])),
    },
    {
      id: 'month',
      needs: ['month'],
      re: re(`(?<=\\b(?:${MONTH_CUES})\\s+|(?:early|mid|late|Early|Mid|Late)(?:\\s+|-))(?:(last|this|next|Last|This|Next)\\s+)?(?:${PART})?${MONTH}`),
      resolve: (m, ctx) => {
        const month = monthOf(m[4]!);
        const year = yearForMonth(month, ctx, (m[1]?.toLowerCase() as 'last' | 'this' | 'next' | undefined) ?? null);
        return year === null ? null : monthRange(year, month, partOf(m[2] ?? m[3]));
      },
    },
    {
      id: 'year-range',
      needs: ['digit', 'year'],
      re: re(`(?<![\\d,.$])(?:between\\s+)?${YEAR_RE}\\s*(?:-|–|to|and)\\s*((?:19|20)?\\d\\d)(?![\\d%]|[.,]\\d)`),
      resolve: (m) => {
        const a = Number(m[1]);
        let b = Number(m[2]);
        if (b < 100) b += Math.floor(a / 100) * 100;
        if (b <= a) return null;
        return { kind: 'range', earliest: isoDate(a, 1, 1), latest: isoDate(b, 12, 31), precision: 3 };
      },
    },
    {
      id: 'year',
      needs: ['digit', 'year'],
      re: re(`(?<![\\d,.$£€#/])(?:${PART})?${YEAR_RE}(?![\\d%]|[.,]\\d|\\s*(?:people|persons|civilians|soldiers|troops|fighters)\\b)`),
      resolve: (m) => yearRange(Number(m[3]), partOf(m[1] ?? m[2])),
    },
    {
      id: 'weekday',
      needs: ['weekday'],
      re: re(`(?:(last|this|next|Last|This|Next)\\s+)?${WEEKDAY}(?:['’]s)?(?:\\s+${PARTDAY})?`),
      resolve: (m, ctx) => day(weekdayDate(weekdayOf(m[2]!), ctx, m[1])),
    },
    {
      id: 'ago',
      needs: ['ago'],
      re: re(`(?<![\\p{L}])(a|an|[\\w-]+)\\s+(day|days|week|weeks|month|months|year|years)\\s+ago(?![\\p{L}])`),
      resolve: (m, ctx) => {
        const n = /^an?$/i.test(m[1]!) ? 1 : smallNumber(m[1]!);
        if (n === null) return null;
        const unit = m[2]!.replace(/s$/, '');
        const kind: DateKind = unit === 'day' ? 'day' : unit === 'week' ? 'week' : unit === 'month' ? 'month' : 'year';
        if (!ctx.published) return { kind, earliest: null, latest: null };
        const back = n * AGO_DAYS[unit]!;
        const d = addDays(ctx.published, -back);
        return { kind, earliest: d, latest: d, date: d, precision: unit === 'day' ? 1 : unit === 'week' ? 2 : 3 };
      },
    },
    {
      id: 'relative-day',
      needs: [],
      scan: phraseScan(new PhraseMatcher([...vocab().relDay.keys()].map((k) => [k, true] as const))),
      resolve: (m, ctx) => {
        const r = vocab().relDay.get(m[0].toLowerCase().replace(/\s+/g, ' '));
        return r && ctx.published ? day(addDays(ctx.published, r.offset)) : r ? { kind: 'day', earliest: null, latest: null } : null;
      },
    },
    {
      id: 'relative-period',
      needs: [],
      scan: phraseScan(new PhraseMatcher([...vocab().relPeriod.keys()].map((k) => [k, true] as const))),
      resolve: (m, ctx) => {
        const r = vocab().relPeriod.get(m[0].toLowerCase().replace(/\s+/g, ' '));
        if (!r) return null;
        const p = ctx.published ? periodFor(r.anchor, ctx.published) : null;
        return { kind: r.kind, earliest: p?.[0] ?? null, latest: p?.[1] ?? null, precision: r.precision };
      },
    },
    {
      id: 'past-n-days',
      needs: ['past'],
      re: re(`(?:the\\s+)?(?:past|last|previous)\\s+(\\w+)\\s+(days|weeks|months|years)`),
      resolve: (m, ctx) => {
        const n = smallNumber(m[1]!);
        if (n === null) return null;
        const len = n * AGO_DAYS[m[2]!.replace(/s$/, '')]!;
        if (!ctx.published) return { kind: len > 7 ? 'month' : 'week', earliest: null, latest: null };
        return { kind: 'range', earliest: addDays(ctx.published, -len), latest: addDays(ctx.published, -1) };
      },
    },
    {
      id: 'clock-time',
      needs: ['digit', 'clock'],
      re: re(`(?<![\\d:])(?:[01]?\\d|2[0-3]):[0-5]\\d(?![\\d:])(?:\\s*(?:GMT|UTC|EET|CET|[A-Z][a-z]+\\s+time|local\\s+time))?`),
      resolve: () => ({ kind: 'time', earliest: null, latest: null }),
    },
    {
      id: 'am-pm-time',
      needs: ['digit', 'ampm'],
      re: re(`(?<![\\d:])(?:1[0-2]|0?\\d)(?::[0-5]\\d)?\\s*(?:a\\.m\\.|p\\.m\\.|am|pm|AM|PM)(?![\\p{L}])(?:\\s+(?:local\\s+time|GMT|UTC))?`),
      resolve: () => ({ kind: 'time', earliest: null, latest: null }),
    },
  ];
  return RULES;
}

// ---------------------------------------------------------------- assembly

const PRECISION_OF: Record<DateKind, TimePrecision> = { day: 1, time: 1, week: 2, month: 3, year: 3, since: 3, range: 3 };

function rangePrecision(earliest: string, latest: string): TimePrecision {
  const len = daysBetween(earliest, latest) + 1;
  return len <= 2 ? 1 : len <= 7 ? 2 : 3;
}

function assemble(text: string, start: number, end: number, rule: string, r: Resolved, published: string | null): DateMention {
  const date = r.date !== undefined ? r.date : r.earliest && r.latest ? midpoint(r.earliest, r.latest) : null;
  const precision = r.precision ?? (r.kind === 'range' && r.earliest && r.latest ? rangePrecision(r.earliest, r.latest) : PRECISION_OF[r.kind]);
  const m: DateMention = { start, end, text: text.slice(start, end), date, precision, kind: r.kind, earliest: r.earliest, latest: r.latest, rule };
  const last = r.latest ?? date;
  if (published && last && daysBetween(last, published) > HISTORICAL_DAYS) m.historical_hint = true;
  return m;
}

/** Is there a future cue shortly before `start`, inside the same clause? */
function futureBefore(text: string, floor: number, start: number): boolean {
  const from = Math.max(floor, start - vocab().y.future_window);
  return vocab().futureRe.test(text.slice(from, start));
}

/** Turns "since <date>" into a `since` mention spanning both. */
function withSince(text: string, floor: number, m: DateMention, published: string | null): DateMention {
  if (m.kind === 'time') return m;
  const before = text.slice(Math.max(floor, m.start - 20), m.start);
  const s = vocab().sinceRe.exec(before);
  if (!s) return m;
  const start = m.start - (before.length - s.index);
  const out: DateMention = {
    ...m,
    start,
    text: text.slice(start, m.end),
    kind: 'since',
    anchor: m.kind,
    date: m.earliest ?? m.date,
    earliest: m.earliest ?? m.date,
    latest: published,
    rule: `since+${m.rule}`,
  };
  delete out.historical_hint;
  return out;
}

/** chrono-node, loaded when a text first has a slash or dotted date (see `util/lazy-require`). */
const chronoLib = lazyRequire<typeof Chrono>('chrono-node');

let numeric: Chrono.Chrono | undefined;
/**
 * chrono-node with only its numeric-date parsers ("3/4/2019", "2019-03-04") and the English
 * refiners: the fall-back below keeps nothing else, and chrono's other parsers cost ~200 ms
 * of pattern compiling the first time they run.
 */
function numericChrono(): Chrono.Chrono {
  if (numeric) return numeric;
  const chrono = chronoLib();
  const full = chrono.en.configuration.createConfiguration(false);
  const keep = new Set(['SlashDateFormatParser', 'ENYearMonthDayParser']);
  const parsers = full.parsers.filter((p) => keep.has(p.constructor.name));
  // chrono-node names its parsers in its compiled code; should a release stop doing so, use all of them.
  return (numeric = parsers.length === keep.size ? new chrono.Chrono({ ...full, parsers }) : chrono.en.casual);
}

/** chrono-node for what the rules missed: only expressions with a digit ("3/4/2019"). */
function chronoFallback(text: string, span: Span, taken: readonly Span[], published: string | null): DateMention[] {
  const slice = text.slice(span.start, span.end);
  // A slash date ("3/4", "3/4/2019") or a dotted one with three parts ("3.4.2019"); not a decimal ("1.5 million").
  if (!/\d\/\d|\d\.\d{1,2}\.\d/.test(slice)) return [];
  const ref = published ? new Date(`${published}T12:00:00Z`) : new Date();
  const out: DateMention[] = [];
  for (const r of numericChrono().parse(slice, ref)) {
    const start = span.start + r.index;
    const end = start + r.text.length;
    if (!/\d/.test(r.text) || taken.some((t) => start < t.end && end > t.start)) continue;
    const k = r.start;
    if (!k.isCertain('day') || !k.isCertain('month')) continue;
    const year = k.isCertain('year') ? k.get('year')! : yearFor(k.get('month')!, k.get('day')!, { published, future: false });
    if (year === null) continue;
    const d = isoDate(year, k.get('month')!, k.get('day')!);
    if (d) out.push(assemble(text, start, end, 'chrono', { kind: 'day', earliest: d, latest: d }, published));
  }
  return out;
}

/** Which kinds of rule can match in a span (see `Rule.needs`), tested lazily, once each. */
function features(slice: string): (n: Need) => boolean {
  const memo: Partial<Record<Need, boolean>> = {};
  return (n) => (memo[n] ??= testNeed(slice, n));
}

let MONTH_RE: RegExp | null = null;
let WEEKDAY_RE: RegExp | null = null;

function testNeed(slice: string, n: Need): boolean {
  const v = vocab();
  // a quick hint (the first three letters), then the exact name every such rule contains
  if (n === 'month') return v.monthHint.test(slice) && (MONTH_RE ??= new RegExp(v.MONTH, 'u')).test(slice);
  if (n === 'weekday') return v.weekdayHint.test(slice) && (WEEKDAY_RE ??= new RegExp(v.WEEKDAY, 'u')).test(slice);
  return NEED_RE[n].test(slice);
}

/**
 * Finds and resolves the date and time expressions in a span of text.
 * @param text the article text
 * @param span the region to scan (a sentence, a paragraph or the whole text)
 * @param published publication date `YYYY-MM-DD`, or null when unknown
 * @returns mentions in text order, without overlaps (longest match wins)
 * @example findDates('Troops withdrew late on Monday.', {start: 0, end: 31}, '2019-08-20') // date 2019-08-19
 */
export function findDates(text: string, span: Span, published: string | null): DateMention[] {
  const slice = text.slice(span.start, span.end);
  const found: { start: number; end: number; order: number; rule: Rule; m: Match }[] = [];
  const has = features(slice);
  rules().forEach((rule, order) => {
    for (const n of rule.needs) if (!has(n)) return;
    const matches: Match[] = rule.scan ? rule.scan(text, span) : [];
    if (rule.re) {
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(slice); m; m = rule.re.exec(slice)) {
        matches.push(m as unknown as Match);
        if (m[0].length === 0) rule.re.lastIndex++;
      }
    }
    for (const m of matches) found.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, order, rule, m });
  });
  // longest first, then rule order; keep non-overlapping
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order);
  const kept: DateMention[] = [];
  for (const f of found) {
    if (kept.some((k) => f.start < k.end && f.end > k.start)) continue;
    const ctx: Ctx = { published, future: futureBefore(text, span.start, f.start) };
    const r = f.rule.resolve(f.m, ctx);
    if (!r) continue;
    kept.push(withSince(text, span.start, assemble(text, f.start, f.end, f.rule.id, r, published), published));
  }
  kept.push(...chronoFallback(text, span, kept, published));
  return kept.sort((a, b) => a.start - b.start);
}
