/**
 * @module place/tokens
 * Word tokens for place-name recognition, with exact offsets into the raw text. Apostrophised words stay whole
 * ("Ma'arrat"), hyphens split ("Port-au-Prince" is three tokens that the matcher joins again, so that
 * "Gainesville-area" still yields "Gainesville"); dotted acronyms stay whole ("U.S."); a possessive "'s" is cut
 * off ("Syria's" → "Syria").
 *
 * A word is a run of letters and digits (`\p{L}`, `\p{N}`) joined by single apostrophes (`'`, `’`, `‘`), or two
 * or more capital letters each followed by a dot. The text is scanned once, character by character: every
 * article goes through here, and a scanner with per-character class tables does a fraction of the work of a
 * Unicode regular expression plus the case conversions it would need per token.
 */
import type { Span } from '../domain/types.js';

/** One word. */
export interface Token extends Span {
  text: string;
  /** Starts with a capital letter. */
  cap: boolean;
  /** Two or more capitals and no lower-case letter ("US", "NSW", "U.S."). */
  upper: boolean;
  /** First word of a sentence, line or quotation (computed for capitalised tokens only). */
  sentStart: boolean;
  /** In a headline-case stretch (most words capitalised), where capitals say little. */
  inTitle: boolean;
}

/** A sentence with at least this many words, this share of them capitalised, is headline case. */
const TITLE_MIN_WORDS = 4;
const TITLE_SHARE = 0.6;

/**
 * Character classes (bit flags) of the Basic Multilingual Plane: the Latin letters, combining marks and general
 * punctuation are classified when the module loads, any other character on first sight. One table serves ASCII
 * and the rest alike, so the scanner has no separate paths that only later articles take.
 */
const WORD = 1;
const LETTER = 2;
const UPPER = 4;
/** Changes under toLowerCase(): what makes a word capitalised. */
const CASED_UP = 8;
/** A high surrogate: the letter or digit, if any, is the code point it starts ({@link astralClass}). */
const HIGH = 16;
const KNOWN = 32;
const classes = new Uint8Array(0x10000);
const WORD_RE = /^[\p{L}\p{N}]$/u;
const LETTER_RE = /^\p{L}$/u;
const UPPER_RE = /^\p{Lu}$/u;

function classify(code: number): number {
  if (code >= 0xd800 && code <= 0xdbff) return KNOWN | HIGH;
  const c = String.fromCharCode(code);
  return KNOWN | (WORD_RE.test(c) ? WORD : 0) | (LETTER_RE.test(c) ? LETTER : 0) | (UPPER_RE.test(c) ? UPPER : 0)
    | (c !== c.toLowerCase() ? CASED_UP : 0);
}

for (const [from, to] of [[0, 0x36f], [0x1e00, 0x1eff], [0x2000, 0x206f]] as const) {
  for (let code = from; code <= to; code++) classes[code] = classify(code);
}

/** Class flags of a UTF-16 unit. */
function classOf(code: number): number {
  const k = classes[code] as number;
  return k !== 0 ? k : (classes[code] = classify(code));
}

/** Class flags of a code point outside the BMP (rare in news: no table). */
function astralClass(cp: number): number {
  const c = String.fromCodePoint(cp);
  return (WORD_RE.test(c) ? WORD : 0) | (LETTER_RE.test(c) ? LETTER : 0) | (UPPER_RE.test(c) ? UPPER : 0);
}

const APOS = 0x27; // '
const RSQUO = 0x2019; // ’
const LSQUO = 0x2018; // ‘
const DOT = 0x2e;

/**
 * The word at `at` of `text` when one starts there: its end and whether it holds a letter.
 * @returns the end offset, or -1 when no word character is at `at`.
 */
function wordEnd(text: string, at: number, n: number): number {
  let i = at;
  for (;;) {
    // a run of letters and digits
    const start = i;
    while (i < n) {
      const k = classOf(text.charCodeAt(i));
      if ((k & WORD) !== 0) i++;
      else if ((k & HIGH) !== 0 && i + 1 < n && (astralClass(text.codePointAt(i) as number) & WORD) !== 0) i += 2;
      else break;
    }
    if (i === start) return start === at ? -1 : start - 1; // an apostrophe not followed by a word character
    // an apostrophe joins the next run
    if (i + 1 < n) {
      const c = text.charCodeAt(i);
      if (c === APOS || c === RSQUO || c === LSQUO) {
        i++;
        continue;
      }
    }
    return i;
  }
}

/** Length of a dotted acronym ("U.S.", "U.N.") at `at`: two or more capital letters each followed by a dot; 0 if none. */
function acronymEnd(text: string, at: number, n: number): number {
  let i = at;
  let parts = 0;
  while (i < n) {
    const k = classOf(text.charCodeAt(i));
    let w = 1; // UTF-16 units of the letter
    if ((k & HIGH) !== 0) {
      if ((astralClass(text.codePointAt(i) as number) & UPPER) === 0) break;
      w = 2;
    } else if ((k & UPPER) === 0) break;
    if (i + w >= n || text.charCodeAt(i + w) !== DOT) break;
    parts++;
    i += w + 1;
  }
  return parts >= 2 ? i : 0;
}

/** Whether a character starts a word (a letter or digit; an astral one needs its surrogate pair). */
function startsWord(text: string, i: number, n: number): boolean {
  const k = classOf(text.charCodeAt(i));
  if ((k & WORD) !== 0) return true;
  return (k & HIGH) !== 0 && i + 1 < n && (astralClass(text.codePointAt(i) as number) & WORD) !== 0;
}

/** Whether a capitalised word is all capitals: no lower-case letter and at least two capital letters. */
function isUpper(t: string): boolean {
  let caps = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) caps++;
    else if (c >= 0x80) return t === t.toUpperCase() && t !== t.toLowerCase() && /\p{Lu}.*\p{Lu}/u.test(t);
  }
  return caps >= 2;
}

/** Whether a word holds a letter (not only digits). */
function hasLetter(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const k = classOf(text.charCodeAt(i));
    if ((k & LETTER) !== 0) return true;
    if ((k & HIGH) !== 0) {
      if ((astralClass(text.codePointAt(i) as number) & LETTER) !== 0) return true;
      i++;
    }
  }
  return false;
}

/**
 * Splits a text into word tokens.
 * @param text the raw text.
 * @returns the tokens in text order.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (!startsWord(text, i, n)) {
      i++;
      continue;
    }
    const start = i;
    let end = acronymEnd(text, i, n);
    if (end === 0) end = wordEnd(text, i, n);
    i = end;
    // A possessive "'s" is not part of the name.
    if (end - start > 3) {
      const last = text.charCodeAt(end - 1);
      const apos = text.charCodeAt(end - 2);
      if ((last === 0x73 || last === 0x53) && (apos === APOS || apos === RSQUO)) end -= 2;
    }
    const t = text.slice(start, end);
    const cap = (classOf(text.charCodeAt(start)) & CASED_UP) !== 0;
    out.push({
      start,
      end,
      text: t,
      cap,
      upper: cap && end - start > 1 && isUpper(t),
      sentStart: cap && startsSentence(text, start),
      inTitle: false,
    });
  }
  markTitles(text, out);
  return out;
}

/** Marks the tokens of headline-case sentences (split at . ! ? and line breaks). */
function markTitles(text: string, tokens: Token[]): void {
  let from = 0;
  let words = 0;
  let capWords = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    const boundary = !t || (i > from && (t.sentStart || breaksSentence(text, (tokens[i - 1] as Token).end, t.start)));
    if (boundary) {
      if (words >= TITLE_MIN_WORDS && capWords / words >= TITLE_SHARE) {
        for (let k = from; k < i; k++) (tokens[k] as Token).inTitle = true;
      }
      from = i;
      words = 0;
      capWords = 0;
    }
    // Words of more than three characters with a letter count; digits alone do not.
    if (t && t.end - t.start > 3 && hasLetter(text, t.start, t.end)) {
      words++;
      if (t.cap) capWords++;
    }
  }
}

/** Whether the text between two tokens holds a line break or sentence-final punctuation. */
function breaksSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === DOT || c === 0x21 || c === 0x3f) return true;
  }
  return false;
}

/** Characters that may stand between a sentence end (or line start) and its first word. */
function isOpener(c: number): boolean {
  switch (c) {
    case 0x20: case 0x09: case 0x22: case 0x201c: case 0x2018: case 0x27: case 0x28: case 0x5b:
    case 0xab: case 0x2014: case 0x2013: case 0x2d: case 0x2a: case 0x2022:
      return true;
    default:
      return false;
  }
}

/** . ! ? : ; */
function isEnder(c: number): boolean {
  return c === DOT || c === 0x21 || c === 0x3f || c === 0x3a || c === 0x3b;
}

function startsSentence(text: string, at: number): boolean {
  let j = at - 1;
  while (j >= 0) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d) return true;
    if (!isOpener(c)) break;
    j--;
  }
  return j < 0 || isEnder(text.charCodeAt(j));
}

/**
 * UTF-16 units of the letter (`\p{L}`) at `i` of `text`, within `end`: 1, 2 for a surrogate pair, 0 when no
 * letter starts there.
 */
export function letterUnits(text: string, i: number, end: number): number {
  if (i >= end) return 0;
  const k = classOf(text.charCodeAt(i));
  if ((k & LETTER) !== 0) return 1;
  if ((k & HIGH) === 0 || i + 1 >= end) return 0;
  const cp = text.codePointAt(i) as number;
  return cp > 0xffff && (astralClass(cp) & LETTER) !== 0 ? 2 : 0;
}

/** Whether a UTF-16 unit is white space as regular expressions' `\s` defines it. */
export function isJsSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f
    || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Whether one UTF-16 unit is a letter or digit, as `/[\p{L}\p{N}]/u` tests a one-unit string (a surrogate half
 * alone is neither).
 */
export function isWordUnit(c: number): boolean {
  return (classOf(c) & WORD) !== 0;
}
