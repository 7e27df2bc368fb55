/**
 * @module text/sentences
 * Paragraph and sentence boundaries with exact offsets, by plain scanning.
 *
 * Rules (in order):
 * - A blank line ends a paragraph (and a sentence).
 * - Inside a paragraph, a line break ends a sentence unless the paragraph is
 *   hard-wrapped prose (several long lines of similar length), where line
 *   breaks are ordinary spaces.
 * - `.`, `!`, `?` or `…` (with any closing quotes/brackets) followed by
 *   whitespace and an upper-case letter, digit, opening quote or bullet ends a
 *   sentence, except after an abbreviation (`data/lexicons/abbreviations.txt`),
 *   a single-letter initial ("N. Biren Singh") or a number prefix before a
 *   digit ("no. 9"). Decimals ("3.6") never break: no whitespace follows.
 * Leading bullets ("• ", "- ") and surrounding whitespace are not part of a sentence.
 */
import type { Span } from '../domain/types.js';
import { readLines } from './lexicon.js';

type AbbrevClass = 'title' | 'number' | 'month' | 'common';

interface SentenceLexicon {
  abbreviations: ReadonlyMap<string, AbbrevClass>;
  starters: ReadonlySet<string>;
}

const ABBREV_CLASSES: ReadonlySet<string> = new Set(['title', 'number', 'month', 'common']);

function lexicon(): SentenceLexicon {
  const abbreviations = new Map<string, AbbrevClass>();
  for (const line of readLines('abbreviations.txt')) {
    const [form, cls] = line.split(/\s+/);
    if (!form || !cls || !ABBREV_CLASSES.has(cls)) throw new Error(`abbreviations.txt: bad line "${line}"`);
    abbreviations.set(form.toLowerCase().replace(/\.$/, ''), cls as AbbrevClass);
  }
  return { abbreviations, starters: new Set(readLines('sentence-starters.txt')) };
}

let LEX: SentenceLexicon | null = null;
const lex = (): SentenceLexicon => (LEX ??= lexicon());

/** `.`, `!`, `?` or `…`, by code unit. */
const isEndMark = (c: number): boolean => c === 46 || c === 33 || c === 63 || c === 0x2026;
/** What may begin a new sentence: upper-case letter, digit, opening quote/bracket, bullet. */
const OPENER = /[\p{Lu}\p{N}"'“‘«(\[•·▪●*–—-]/u;
/** Leading list bullets and whitespace trimmed from a sentence. */
const LEADING_JUNK = /^(?:[\s]|[•·▪●*](?=\s))+/u;
/** Hard-wrapped prose: at least this many lines … */
const WRAP_MIN_LINES = 3;
/** … of which all but the last are at least this long. */
const WRAP_MIN_LENGTH = 50;

const wholeText = (text: string, span?: Span): Span => span ?? { start: 0, end: text.length };

/**
 * Paragraphs (blocks separated by blank lines), trimmed.
 * @param text the article text
 * @param span the region to split (default: all of `text`)
 * @returns paragraph spans, in order, never empty
 */
export function splitParagraphs(text: string, span?: Span): Span[] {
  const { start, end } = wholeText(text, span);
  const out: Span[] = [];
  const blank = /\n[ \t\r]*\n/g;
  blank.lastIndex = start;
  let from = start;
  for (let m = blank.exec(text); m && m.index < end; m = blank.exec(text)) {
    pushTrimmed(text, from, m.index, out);
    from = m.index + m[0].length;
  }
  pushTrimmed(text, from, end, out);
  return out;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  let s = start;
  let e = end;
  // Most sentences start with a letter (no space or bullet): no need for the regex.
  const first = s < e ? text.charCodeAt(s) : 0;
  if (first >= 128 || isAsciiSpace(first) || first === 42) {
    const head = LEADING_JUNK.exec(text.slice(s, e));
    if (head) s += head[0].length;
  }
  while (e > s && isSpaceAt(text, e - 1)) e--;
  if (e > s) out.push({ start: s, end: e });
}

/** ASCII characters of `\s`: tab, line feed, vertical tab, form feed, carriage return, space. */
const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** `\s` at `i` of `text` (inside it), with an ASCII fast path. */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? isAsciiSpace(c) : /\s/.test(text[i]!);
}

/** What may close a sentence after its final punctuation, by code unit: " ' ” ’ » ) ]. */
const isCloser = (c: number): boolean => c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 41 || c === 93;

/** `OPENER` at `i` of `text` (inside it), with an ASCII fast path. */
function isOpenerAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 128) return OPENER.test(text[i]!);
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 34 || c === 39 || c === 40 || c === 91 || c === 42 || c === 45;
}

/** True when the lines of a paragraph look hard-wrapped (line breaks are spaces). */
function isHardWrapped(text: string, para: Span): boolean {
  const lines = text.slice(para.start, para.end).split('\n');
  if (lines.length < WRAP_MIN_LINES) return false;
  return lines.slice(0, -1).every((l) => l.trim().length >= WRAP_MIN_LENGTH && !/[.!?:"”]$/.test(l.trim()));
}

/**
 * Sentences, with exact offsets into `text`.
 * @param text the article text
 * @param span the region to split (default: all of `text`)
 * @returns sentence spans in order; each is trimmed and never empty
 * @example splitSentences('Gen. Dak was killed. Troops fled.') // two spans
 */
export function splitSentences(text: string, span?: Span): Span[] {
  const out: Span[] = [];
  for (const para of splitParagraphs(text, span)) {
    const wrapped = isHardWrapped(text, para);
    let from = para.start;
    for (let i = para.start; i < para.end; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) {
        // '\n'
        if (!wrapped) {
          pushTrimmed(text, from, i, out);
          from = i + 1;
        }
        continue;
      }
      if (!isEndMark(code)) continue; // . ! ? …
      // extend over repeated punctuation and closing quotes/brackets
      let j = i + 1;
      while (j < para.end && isEndMark(text.charCodeAt(j))) j++;
      while (j < para.end && isCloser(text.charCodeAt(j))) j++;
      // need whitespace, then a plausible sentence opener
      let k = j;
      while (k < para.end) {
        const ck = text.charCodeAt(k);
        if (ck !== 32 && ck !== 9 && ck !== 0xa0) break; // space, tab, no-break space
        k++;
      }
      if (k === j || k >= para.end || text.charCodeAt(k) === 10) {
        i = j - 1;
        continue; // no whitespace (decimal, "U.S.-backed") or the line ends: handled by '\n'
      }
      if (!isOpenerAt(text, k) || (code === 46 && j === i + 1 && !breaksAfterPeriod(text, para.start, i, k))) {
        i = j - 1;
        continue;
      }
      pushTrimmed(text, from, j, out);
      from = k;
      i = k - 1;
    }
    pushTrimmed(text, from, para.end, out);
  }
  return out;
}

const TOKEN_CHAR = /[\p{L}\p{N}.'’]/u;

/** `[\p{L}\p{N}.'’]` at `i`, with an ASCII fast path. */
function isTokenChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 39;
  return TOKEN_CHAR.test(text[i]!);
}

/**
 * Decides whether a period at `dot`, followed by a word at `next`, ends a sentence.
 */
function breaksAfterPeriod(text: string, lineStart: number, dot: number, next: number): boolean {
  let w = dot;
  while (w > lineStart && isTokenChar(text, w - 1)) w--;
  const token = text.slice(w, dot); // the word before the period, inner dots kept ("U.S")
  if (token === '') return true;
  const nextWord = /^[\p{L}\p{N}'’]+/u.exec(text.slice(next, next + 40))?.[0] ?? '';
  const startsWithDigit = /^\p{N}/u.test(nextWord);
  const cls = lex().abbreviations.get(token.toLowerCase());
  switch (cls) {
    case 'title':
      return false;
    case 'number':
    case 'month':
      return !startsWithDigit;
    case 'common':
      return lex().starters.has(nextWord);
    default:
      break;
  }
  if (/^\p{Lu}$/u.test(token)) return lex().starters.has(nextWord); // an initial: "N. Biren Singh"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(token)) return lex().starters.has(nextWord); // unlisted "U.S"-like
  return true;
}
