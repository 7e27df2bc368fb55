/**
 * @module eval/gold
 * The gold-set format (see `devset/README.md` in the shared data) and a strict
 * parser for it. Parsing is pure: it takes the file's text and its name (for
 * error messages) and either returns the articles or throws one
 * {@link GoldFormatError} naming the file and the line.
 */

/** A string field that the gold may give as one value or a list of acceptable values. */
export type OneOrMany<T> = T | readonly T[];

/** One gold event. Field names follow ACLED; see `devset/README.md`. */
export interface GoldEvent {
  id: string;
  /** `false` = optional: no recall penalty, and no false positive when matched. */
  required?: boolean;
  event_type: OneOrMany<string>;
  sub_event_type?: OneOrMany<string> | null;
  event_date: string;
  date_tolerance_days?: number | null;
  location?: string | null;
  admin1?: string | null;
  iso3?: string | null;
  country?: string | null;
  /** Null for a country-level event: then only the country is compared. */
  latitude?: number | null;
  longitude?: number | null;
  km_tolerance?: number | null;
  actor1?: OneOrMany<string> | null;
  actor2?: OneOrMany<string> | null;
  /** Null = not scored. */
  fatalities?: number | null;
  historical?: boolean;
}

/** One gold territorial change. */
export interface GoldControlChange {
  location?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  date: string;
  date_tolerance_days?: number | null;
  to_side?: OneOrMany<string> | null;
  from_side?: OneOrMany<string> | null;
  held_since?: string | null;
}

/** One gold casualty or displacement figure. */
export interface GoldClaim {
  claim_type: string;
  value_low: number;
  value_high?: number | null;
  victims?: string | null;
  /** Null when the figure is not attributed; otherwise acceptable source names. */
  source?: OneOrMany<string> | null;
  period_start?: string | null;
}

/** One line of the gold file: everything one article says. */
export interface GoldArticle {
  /** File name of the article, e.g. `d01.txt`; articles are paired by base name. */
  article: string;
  published?: string | null;
  events?: readonly GoldEvent[];
  control_changes?: readonly GoldControlChange[];
  claims?: readonly GoldClaim[];
  /** 1-based line of the gold file this article came from (set by {@link parseGold}). */
  line?: number;
}

/** A malformed gold file. `line` is 1-based, or null when the whole file is at fault. */
export class GoldFormatError extends Error {
  readonly code = 'GOLD_FORMAT';

  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = 'GoldFormatError';
  }
}

/** Thrown inside the validators; turned into a {@link GoldFormatError} with the line. */
class FieldError extends Error {}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function fail(where: string, expected: string): never {
  throw new FieldError(`${where}: expected ${expected}`);
}

function optional(o: Json, key: string, where: string, ok: (v: unknown) => boolean, expected: string): void {
  const v = o[key];
  if (v !== undefined && v !== null && !ok(v)) fail(`${where}.${key}`, expected);
}

const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): boolean => typeof v === 'string';
const isStringOrList = (v: unknown): boolean =>
  typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

function checkEvent(e: unknown, where: string): void {
  if (!isObject(e)) fail(where, 'an object');
  if (typeof e.id !== 'string' || e.id === '') fail(`${where}.id`, 'a non-empty string');
  const t = e.event_type;
  if (!(typeof t === 'string' || (Array.isArray(t) && t.length > 0 && t.every((x) => typeof x === 'string')))) {
    fail(`${where}.event_type`, 'a string or a non-empty list of strings');
  }
  if (!isDate(e.event_date)) fail(`${where}.event_date`, 'a YYYY-MM-DD date');
  optional(e, 'required', where, (v) => typeof v === 'boolean', 'true or false');
  optional(e, 'historical', where, (v) => typeof v === 'boolean', 'true or false');
  optional(e, 'sub_event_type', where, isStringOrList, 'a string or a list of strings');
  for (const k of ['actor1', 'actor2']) optional(e, k, where, isStringOrList, 'a string or a list of strings');
  for (const k of ['latitude', 'longitude', 'km_tolerance', 'date_tolerance_days', 'fatalities']) {
    optional(e, k, where, isNumber, 'a number or null');
  }
  for (const k of ['location', 'admin1', 'iso3', 'country']) optional(e, k, where, isString, 'a string or null');
  if ((e.latitude === null || e.latitude === undefined) !== (e.longitude === null || e.longitude === undefined)) {
    fail(`${where}.longitude`, 'latitude and longitude both set or both null');
  }
}

function checkControlChange(c: unknown, where: string): void {
  if (!isObject(c)) fail(where, 'an object');
  if (!isDate(c.date)) fail(`${where}.date`, 'a YYYY-MM-DD date');
  for (const k of ['latitude', 'longitude', 'date_tolerance_days']) optional(c, k, where, isNumber, 'a number or null');
  for (const k of ['to_side', 'from_side']) optional(c, k, where, isStringOrList, 'a string or a list of strings');
  optional(c, 'location', where, isString, 'a string or null');
  if ((c.latitude === null || c.latitude === undefined) && (typeof c.location !== 'string' || c.location === '')) {
    fail(`${where}.location`, 'a location name when there are no coordinates');
  }
}

function checkClaim(c: unknown, where: string): void {
  if (!isObject(c)) fail(where, 'an object');
  if (typeof c.claim_type !== 'string' || c.claim_type === '') fail(`${where}.claim_type`, 'a non-empty string');
  if (!isNumber(c.value_low)) fail(`${where}.value_low`, 'a number');
  optional(c, 'value_high', where, isNumber, 'a number or null');
  optional(c, 'source', where, isStringOrList, 'a string, a list of strings or null');
}

function checkList(o: Json, key: string, check: (v: unknown, where: string) => void): void {
  const v = o[key];
  if (v === undefined || v === null) return;
  if (!Array.isArray(v)) fail(key, 'a list');
  v.forEach((x, i) => check(x, `${key}[${i}]`));
}

function checkArticle(o: unknown): GoldArticle {
  if (!isObject(o)) fail('line', 'one JSON object');
  if (typeof o.article !== 'string' || o.article === '') fail('article', 'the article file name');
  optional(o, 'published', 'article', isDate, 'a YYYY-MM-DD date');
  checkList(o, 'events', checkEvent);
  checkList(o, 'control_changes', checkControlChange);
  checkList(o, 'claims', checkClaim);
  return o as unknown as GoldArticle;
}

/**
 * Parses a gold file (JSON Lines, one article per line; blank lines are skipped).
 *
 * @param text the file's content
 * @param file the file name, used in error messages
 * @returns the gold articles in file order, each with its 1-based `line`
 * @throws {GoldFormatError} on the first malformed line (bad JSON, missing or
 *   mistyped field, duplicate article), naming the file and the line
 * @example
 * parseGold('{"article":"d01.txt","events":[]}\n', 'gold.jsonl'); // [{ article: 'd01.txt', events: [], line: 1 }]
 */
export function parseGold(text: string, file: string): GoldArticle[] {
  const out: GoldArticle[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (!raw.trim()) continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw new GoldFormatError(file, line, `not valid JSON (${(e as Error).message})`);
    }
    let article: GoldArticle;
    try {
      article = checkArticle(value);
    } catch (e) {
      if (e instanceof FieldError) throw new GoldFormatError(file, line, e.message);
      throw e;
    }
    const first = seen.get(article.article);
    if (first !== undefined) throw new GoldFormatError(file, line, `duplicate article ${article.article} (first on line ${first})`);
    seen.set(article.article, line);
    out.push({ ...article, line });
  }
  if (out.length === 0) throw new GoldFormatError(file, null, 'no gold articles in the file');
  return out;
}
