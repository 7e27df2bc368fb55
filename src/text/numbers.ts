/**
 * @module text/numbers
 * Quantities in text: digits ("31,000", "3.6 million", "1.2m"), number words
 * ("twenty-five", "one hundred and five", "two dozen"), vague plurals
 * ("dozens", "hundreds of thousands"), zero phrases ("no one"), ranges
 * ("between 500 and 700", "five to seven") and their qualifiers ("at least",
 * "more than"). All words come from `data/lexicons/numbers.tsv`.
 *
 * Value conventions:
 * - exact figure: `low = high = n`, `exact` true;
 * - "at least / more than / over n": `low = n`, `high = null`;
 * - "about / nearly / some / up to n": `low = high = n`, `exact` false;
 * - range: `low`, `high`; vague plural: `low` = lowest plausible value, `high = null`, `vague` true.
 */
import type { Span } from '../domain/types.js';
import { readTsv } from './lexicon.js';

/** A canonical qualifier of a quantity. */
export type Qualifier = 'at least' | 'more than' | 'over' | 'about' | 'nearly' | 'up to' | 'some' | 'between';

/** A quantity found in text. */
export interface Quantity extends Span {
  text: string;
  low: number;
  high: number | null;
  exact: boolean;
  qualifier: Qualifier | null;
  vague: boolean;
  /** Set when the number measures something other than a head count ("30 km", "80%", "a 30-hour siege"). */
  unit?: string;
}

type Kind = 'unit' | 'tens' | 'scale' | 'suffix' | 'group' | 'count' | 'article' | 'vaguedet' | 'vague' | 'zero' | 'qualifier' | 'measure' | 'currency' | 'yearcue' | 'month';

interface Entry { kind: Kind; value: number; label: string }

interface NumberLexicon {
  /** multi-word forms, by first word; longest first */
  phrases: ReadonlyMap<string, readonly { words: string[]; entry: Entry }[]>;
}

const KINDS: ReadonlySet<string> = new Set(['unit', 'tens', 'scale', 'suffix', 'group', 'count', 'article', 'vaguedet', 'vague', 'zero', 'qualifier', 'measure', 'currency', 'yearcue', 'month']);

let LEX: NumberLexicon | null = null;
function lex(): NumberLexicon {
  if (LEX) return LEX;
  const phrases = new Map<string, { words: string[]; entry: Entry }[]>();
  for (const row of readTsv('numbers.tsv')) {
    const [form, kind, value] = row;
    if (!form || !kind || value === undefined || !KINDS.has(kind)) throw new Error(`numbers.tsv: bad row "${row.join('\t')}"`);
    const n = Number(value);
    const entry: Entry = { kind: kind as Kind, value: Number.isFinite(n) ? n : NaN, label: value };
    const words = tokenizeForm(form);
    const list = phrases.get(words[0]!) ?? [];
    list.push({ words, entry });
    phrases.set(words[0]!, list);
  }
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  LEX = { phrases };
  return LEX;
}

// ---------------------------------------------------------------- tokens

/** A token of the text: a number, a word or one punctuation character. */
interface Token { t: string; lo: string; start: number; end: number; num: boolean }

/** numbers with thousands separators/decimals and an optional glued suffix; words; single symbols */
const LETTERS = 'A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2070-\uFFFF'; // letters, as in text/lexicon (no `u` flag: faster)
const TOKEN_RE = new RegExp(`\\d{1,2}:\\d{2}(?::\\d{2})?|(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)([a-zA-Z]+)?|[${LETTERS}][${LETTERS}0-9]*(?:['’.][${LETTERS}]+)*\\.?|\\S`, 'g');

function tokenizeForm(form: string): string[] {
  return tokenize(form, 0, form.length).map((t) => t.lo);
}

function tokenize(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  const s = text.slice(start, end);
  for (let m = TOKEN_RE.exec(s); m; m = TOKEN_RE.exec(s)) {
    let t = m[0];
    // a sentence-final period belongs to the sentence, not to the word ("killed 12 people.")
    if (t.length > 1 && t.endsWith('.') && !/\./.test(t.slice(0, -1)) && !/^(?:a\.m|p\.m)/i.test(t)) t = t.slice(0, -1);
    out.push({ t, lo: t.toLowerCase(), start: start + m.index, end: start + m.index + t.length, num: m[1] !== undefined });
    if (t.length < m[0].length) TOKEN_RE.lastIndex = m.index + t.length;
  }
  return out;
}

/** Longest lexicon phrase of one of `kinds` at token `i`. */
function phraseAt(toks: readonly Token[], i: number, kinds: readonly Kind[]): { entry: Entry; next: number } | null {
  if (i < 0 || i >= toks.length) return null; // (callers look one token before and after)
  const first = toks[i]!;
  const cands = (LEX ?? lex()).phrases.get(first.lo);
  if (cands === undefined) return null;
  for (const cand of cands) {
    if (!kinds.includes(cand.entry.kind)) continue;
    const ws = cand.words;
    let k = 0;
    // (bounded by the list: V8 deoptimises code that reads past the end)
    while (k < ws.length && i + k < toks.length && toks[i + k]!.lo === ws[k]) k++;
    if (k === ws.length) return { entry: cand.entry, next: i + ws.length };
  }
  return null;
}

// ---------------------------------------------------------------- parsing

interface Parsed { value: number; next: number; vague: boolean; scaled: number }

/** Digits, with a glued suffix ("1.2m") and following scale words ("3.6 million"). */
function parseDigits(toks: readonly Token[], i: number): Parsed | null {
  const tok = toks[i];
  if (!tok?.num) return null;
  const m = /^([\d,]+(?:\.\d+)?)([a-zA-Z]+)?$/.exec(tok.t);
  if (!m) return null;
  let value = Number(m[1]!.replace(/,/g, ''));
  let scaled = 1;
  if (m[2]) {
    const suf = phraseAt([{ ...tok, t: m[2], lo: m[2].toLowerCase() }], 0, ['suffix']);
    if (!suf) return null; // "12th", "3rd", "5G": not a count
    value *= suf.entry.value;
    scaled = suf.entry.value;
  }
  let j = i + 1;
  for (let sc = phraseAt(toks, j, ['scale']); sc; sc = phraseAt(toks, j, ['scale'])) {
    value *= sc.entry.value;
    scaled *= sc.entry.value;
    j = sc.next;
  }
  return { value: Math.round(value * 1000) / 1000, next: j, vague: false, scaled };
}

/** Number words: "twenty-five", "one hundred and five", "two million", "a dozen". */
function parseWords(toks: readonly Token[], i: number): Parsed | null {
  let total = 0;
  let current = 0;
  let j = i;
  let seen = false;
  let scaled = 1;
  let last: Kind | null = null;
  for (;;) {
    const tok = toks[j];
    if (!tok) break;
    if (tok.lo === 'and' && last === 'scale') {
      const after = phraseAt(toks, j + 1, ['unit', 'tens']);
      if (!after) break;
      j++;
      continue;
    }
    if (tok.t === '-' && last === 'tens' && toks[j + 1]?.start === tok.end && phraseAt(toks, j + 1, ['unit'])) {
      j++;
      continue;
    }
    const p = phraseAt(toks, j, ['unit', 'tens', 'scale', 'group', 'article']);
    if (!p) break;
    const { kind, value } = p.entry;
    if (kind === 'article') {
      if (seen || !phraseAt(toks, p.next, ['scale', 'group'])) break;
      current = 1;
    } else if (kind === 'unit' || kind === 'tens') {
      if (last === 'unit' || (last === 'tens' && kind === 'tens')) break; // "two three": two numbers
      current += value;
    } else if (kind === 'scale') {
      if (!seen && last !== 'article') break;
      if (current === 0) current = 1;
      if (value === 100) current *= 100;
      else {
        total += current * value;
        current = 0;
      }
      scaled = Math.max(scaled, value);
    } else if (kind === 'group') {
      if (!seen && last !== 'article') break;
      current = (current || 1) * value;
      scaled = value;
    }
    seen = seen || kind !== 'article';
    last = kind;
    j = p.next;
  }
  if (!seen) return null;
  return { value: total + current, next: j, vague: false, scaled };
}

/** Vague quantities: "dozens", "several hundred", "tens of thousands", "a few dozen". */
function parseVague(toks: readonly Token[], i: number): Parsed | null {
  const det = phraseAt(toks, i, ['vaguedet']);
  if (det) {
    let value = det.entry.value;
    let j = det.next;
    let ok = false;
    for (let sc = phraseAt(toks, j, ['scale', 'group']); sc; sc = phraseAt(toks, j, ['scale', 'group'])) {
      value *= sc.entry.value;
      j = sc.next;
      ok = true;
    }
    if (ok) return { value, next: j, vague: true, scaled: 1 };
  }
  const v = phraseAt(toks, i, ['vague']);
  if (!v) return null;
  return { value: v.entry.value, next: v.next, vague: true, scaled: 1 };
}

function parseNumber(toks: readonly Token[], i: number): Parsed | null {
  const zero = phraseAt(toks, i, ['zero']);
  if (zero) return { value: 0, next: zero.next, vague: false, scaled: 1 };
  const count = phraseAt(toks, i, ['count']);
  if (count) return { value: count.entry.value, next: count.next, vague: false, scaled: 1 };
  return parseDigits(toks, i) ?? parseVague(toks, i) ?? parseWords(toks, i);
}

/** Connectors of a range: "five to seven", "500-700", "between 500 and 700". */
function rangeConnector(toks: readonly Token[], j: number, between: boolean): number | null {
  const tok = toks[j];
  if (!tok) return null;
  if (between) return tok.lo === 'and' ? j + 1 : null;
  if (tok.lo === 'to' || tok.lo === 'or') return j + 1;
  if ((tok.t === '-' || tok.t === '–') && toks[j - 1]?.end === tok.start && toks[j + 1]?.start === tok.end) return j + 1;
  return null;
}

function isYear(toks: readonly Token[], i: number, p: Parsed): boolean {
  const tok = toks[i]!;
  if (!tok.num || !/^(?:19|20)\d\d$/.test(tok.t) || p.next !== i + 1) return false;
  const prev = toks[i - 1];
  if (!prev) return false;
  if (phraseAt(toks, i - 1, ['yearcue'])) return true;
  // "June 10, 2014", "in March 2012", "2013-2018"
  return phraseAt(toks, i - 1, ['month']) !== null || (prev.t === ',' && toks[i - 2]?.num === true) || (prev.t === '-' || prev.t === '–');
}

/** "June 10", "10 September": a day of the month, not a count. */
function isDayOfMonth(toks: readonly Token[], i: number, p: Parsed): boolean {
  const tok = toks[i]!;
  if (!tok.num || p.next !== i + 1 || !/^\d{1,2}$/.test(tok.t) || Number(tok.t) > 31) return false;
  return phraseAt(toks, i - 1, ['month']) !== null || phraseAt(toks, i + 1, ['month']) !== null || (toks[i + 1]?.lo === 'of' && phraseAt(toks, i + 2, ['month']) !== null);
}

function measureAfter(toks: readonly Token[], j: number, text: string): { unit: string; next: number } | null {
  const tok = toks[j];
  if (!tok) return null;
  // "a 30-hour siege", "five-storey": a hyphen compound is a modifier, not a head count
  if ((tok.t === '-' || tok.t === '–') && toks[j - 1]?.end === tok.start && toks[j + 1] && toks[j + 1]!.start === tok.end && !toks[j + 1]!.num) {
    const m = phraseAt(toks, j + 1, ['measure']);
    return { unit: m ? m.entry.label : toks[j + 1]!.lo, next: j + 2 };
  }
  const m = phraseAt(toks, j, ['measure']);
  if (m) return { unit: m.entry.label, next: m.next };
  if (tok.t === ':' && toks[j + 1]?.num && tok.start === toks[j - 1]?.end) return { unit: 'clock', next: j + 2 };
  if (tok.t === '+' || (tok.t === '/' && text[tok.end]?.match(/\d/))) return { unit: 'other', next: j + 2 };
  return null;
}

/**
 * Parses one quantity starting at token `i`.
 */
function quantityAt(toks: readonly Token[], i: number, text: string): { q: Quantity; next: number } | null {
  let j = i;
  let qualifier: Qualifier | null = null;
  const qual = phraseAt(toks, j, ['qualifier']);
  if (qual) {
    qualifier = qual.entry.label as Qualifier;
    j = qual.next;
  }
  let currency = false;
  const cur = phraseAt(toks, j, ['currency']);
  if (cur) {
    currency = true;
    j = cur.next;
  }
  const first = parseNumber(toks, j);
  if (!first) return null;
  if (isYear(toks, j, first) || isDayOfMonth(toks, j, first)) return null;
  let low = first.value;
  let high: number | null = first.value;
  let end = first.next;
  let ranged = false;
  const conn = rangeConnector(toks, end, qualifier === 'between');
  if (conn !== null && !first.vague) {
    const second = parseNumber(toks, conn);
    if (second && !second.vague && !isYear(toks, conn, second)) {
      let a = first.value;
      if (a < second.value / second.scaled && second.scaled > first.scaled) a *= second.scaled; // "3 to 4 million"
      if (second.value >= a) {
        low = a;
        high = second.value;
        end = second.next;
        ranged = true;
      }
    }
  }
  if (qualifier === 'between' && !ranged) qualifier = null;
  if (!ranged) {
    if (first.vague || qualifier === 'at least' || qualifier === 'more than' || qualifier === 'over') high = null;
  }
  const measure = measureAfter(toks, end, text);
  const startTok = toks[i]!;
  const endTok = toks[end - 1]!;
  const q: Quantity = {
    start: startTok.start,
    end: endTok.end,
    text: text.slice(startTok.start, endTok.end),
    low,
    high,
    exact: !ranged && !first.vague && qualifier === null,
    qualifier: ranged ? 'between' : qualifier,
    vague: first.vague,
  };
  if (currency) q.unit = 'money';
  else if (measure) q.unit = measure.unit;
  return { q, next: measure ? Math.max(end, measure.next) : end };
}

/**
 * Finds the quantities in a span of text, left to right, without overlaps.
 * Bare articles ("a", "an") are not quantities here; years after a year cue
 * ("in 2014", "June 10, 2014") are skipped.
 * @param text the article text
 * @param span the region to scan
 * @param exclude spans to skip (for example date mentions)
 * @returns the quantities, with offsets into `text`
 * @example findQuantities('at least 3.6 million fled', {start: 0, end: 25}) // low 3600000, high null
 */
export function findQuantities(text: string, span: Span, exclude: readonly Span[] = []): Quantity[] {
  const toks = tokenize(text, span.start, span.end);
  const out: Quantity[] = [];
  for (let i = 0; i < toks.length; ) {
    const tok = toks[i]!;
    const blocked = exclude.some((x) => tok.start < x.end && tok.end > x.start);
    const hit = blocked ? null : quantityAt(toks, i, text);
    if (hit && !exclude.some((x) => hit.q.start < x.end && hit.q.end > x.start)) {
      out.push(hit.q);
      i = hit.next;
    } else i++;
  }
  return out;
}

/**
 * Parses a whole string as one quantity; also accepts a bare article ("a" = 1).
 * @param s a quantity phrase ("at least a dozen", "3.6 million", "between 500 and 700")
 * @returns the quantity (offsets into `s`), or null when `s` is not one quantity
 */
export function parseQuantity(s: string): Quantity | null {
  const trimmed = s.trim().replace(/\s+of$/i, ''); // "hundreds of" 
  const offset = s.indexOf(trimmed);
  const toks = tokenize(s, offset, offset + trimmed.length);
  if (toks.length === 0) return null;
  const article = phraseAt(toks, 0, ['article']);
  if (article && article.next === toks.length) {
    return { start: toks[0]!.start, end: toks[0]!.end, text: toks[0]!.t, low: 1, high: 1, exact: true, qualifier: null, vague: false };
  }
  const hit = quantityAt(toks, 0, s);
  return hit && hit.next === toks.length ? hit.q : null;
}
