/**
 * @module text/date-vocab
 * The date vocabulary of `data/lexicons/dates.yaml` (months, weekdays, parts
 * of a period, relative days and periods, cue words), loaded once and compiled
 * into regex pieces for the rules of text/dates.
 */
import type { TimePrecision } from '../domain/types.js';
import { alternation, escapeRegExp, readYaml } from './lexicon.js';

/** What a date mention denotes. */
export type DateKind = 'day' | 'week' | 'month' | 'year' | 'since' | 'range' | 'time';

export interface PartDef { id: string; forms: string[]; month_days: [number, number]; year_months: [number, number] }
export interface RelDay { id: string; offset: number; forms: string[] }
export interface RelPeriod { id: string; anchor: string; kind: DateKind; precision: TimePrecision; forms: string[] }
export interface DatesYaml {
  months: { n: number; forms: string[] }[];
  weekdays: { n: number; forms: string[] }[];
  parts_of_day: string[];
  parts: PartDef[];
  relative_days: RelDay[];
  relative_periods: RelPeriod[];
  future_cues: string[];
  month_cues: string[];
  future_window: number;
  since_cues: string[];
}

/** The compiled date vocabulary. */
export interface Vocab {
  y: DatesYaml;
  month: Map<string, number>;
  weekday: Map<string, number>;
  part: Map<string, PartDef>;
  relDay: Map<string, RelDay>;
  relPeriod: Map<string, RelPeriod>;
  MONTH: string;
  WEEKDAY: string;
  PART: string;
  PARTDAY: string;
  futureRe: RegExp;
  sinceRe: RegExp;
  /** quick tests: a month or weekday name may occur (first three letters) */
  monthHint: RegExp;
  weekdayHint: RegExp;
}

/** Title and UPPER forms of a lexicon word; "Jan." also matches "Jan". */
function caseForms(forms: string[]): string {
  const out: string[] = [];
  for (const f of forms) {
    for (const v of new Set([f, f.toUpperCase()])) out.push(v.endsWith('.') ? `${escapeRegExp(v.slice(0, -1))}\\.?` : escapeRegExp(v));
  }
  return `(?<![\\p{L}])(?:${out.sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}])`;
}

/** A fast pre-test: the first three letters of any form, Title or UPPER case. */
function hint(forms: string[]): RegExp {
  const stems = new Set(forms.flatMap((f) => [f.slice(0, 3), f.slice(0, 3).toUpperCase()]));
  return new RegExp(`(?:${[...stems].map(escapeRegExp).join('|')})`);
}

let VOCAB: Vocab | null = null;

/**
 * The date vocabulary, loaded and compiled on first use.
 * @returns the compiled vocabulary
 */
export function vocab(): Vocab {
  if (VOCAB) return VOCAB;
  const y = readYaml<DatesYaml>('dates.yaml');
  const key = (s: string): string => s.toLowerCase().replace(/\.$/, '');
  const month = new Map<string, number>();
  for (const m of y.months) for (const f of m.forms) month.set(key(f), m.n);
  const weekday = new Map<string, number>();
  for (const w of y.weekdays) for (const f of w.forms) weekday.set(key(f), w.n);
  const part = new Map<string, PartDef>();
  for (const p of y.parts) for (const f of p.forms) part.set(f.toLowerCase(), p);
  const relDay = new Map<string, RelDay>();
  for (const r of y.relative_days) for (const f of r.forms) relDay.set(f.toLowerCase(), r);
  const relPeriod = new Map<string, RelPeriod>();
  for (const r of y.relative_periods) for (const f of r.forms) relPeriod.set(f.toLowerCase(), r);
  VOCAB = {
    y,
    month,
    weekday,
    part,
    relDay,
    relPeriod,
    MONTH: `(${caseForms(y.months.flatMap((m) => m.forms))})`,
    WEEKDAY: `(${caseForms(y.weekdays.flatMap((w) => w.forms))})`,
    PART: `(?:(${alternation(y.parts.flatMap((p) => p.forms.filter((f) => !f.endsWith('-'))))})(?:\\s+|-)|(mid)-)`,
    PARTDAY: `(${alternation(y.parts_of_day)})`,
    futureRe: new RegExp(`\\b(?:${alternation(y.future_cues)})\\b[^.;!?]*$`, 'i'),
    sinceRe: new RegExp(`\\b(?:${alternation(y.since_cues)})\\s+$`, 'i'),
    monthHint: hint(y.months.flatMap((m) => m.forms)),
    weekdayHint: hint(y.weekdays.flatMap((w) => w.forms)),
  };
  return VOCAB;
}

/** Month number (1–12) of a month form, 0 when unknown. */
export const monthOf = (s: string): number => vocab().month.get(s.toLowerCase().replace(/\.$/, '')) ?? 0;
/** ISO weekday (1 = Monday) of a weekday form, 0 when unknown. */
export const weekdayOf = (s: string): number => vocab().weekday.get(s.toLowerCase().replace(/\.$/, '')) ?? 0;


/**
 * The part of a period ("early", "mid-", "the end of") named by a form.
 * @param s the form as matched, or undefined
 * @returns its definition, or null
 */
export function partOf(s: string | undefined): PartDef | null {
  if (!s) return null;
  return vocab().part.get(s.toLowerCase().replace(/-$/, '')) ?? vocab().part.get(`${s.toLowerCase()}-`) ?? null;
}
