/**
 * @module text/lexicon
 * Loads the plain-data lexicons under `data/lexicons/` (see its README for the
 * formats). Files are read once and cached: lexicons are immutable data, so the
 * cache is not observable state. Paths resolve from this module, so the same
 * code works from `src/text/` (tsx) and `dist/text/` (compiled).
 */
import { readFileSync } from 'node:fs';
import { loadYaml } from '../data/load.js';

const LEXICON_DIR = new URL('../../data/lexicons/', import.meta.url);
const cache = new Map<string, unknown>();

function memo<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

/**
 * Raw text of a lexicon file.
 * @param name file name relative to `data/lexicons/`
 * @returns the file content
 */
export function readLexicon(name: string): string {
  return memo(`raw:${name}`, () => readFileSync(new URL(name, LEXICON_DIR), 'utf8'));
}

/** Strips a `#` comment (a `#` at line start or after whitespace) and trims. */
function stripComment(line: string): string {
  const m = /(^|\s)#/.exec(line);
  return (m ? line.slice(0, m.index) : line).trim();
}

/**
 * Lines of a one-entry-per-line lexicon, comments and blank lines removed.
 * @param name file name relative to `data/lexicons/`
 * @returns the entries, in file order
 */
export function readLines(name: string): readonly string[] {
  return memo(`lines:${name}`, () =>
    readLexicon(name).split(/\r?\n/).map(stripComment).filter((l) => l.length > 0),
  );
}

/**
 * Rows of a tab-separated lexicon (comments and blank lines removed).
 * @param name file name relative to `data/lexicons/`
 * @returns the rows, each a list of trimmed fields
 */
export function readTsv(name: string): readonly (readonly string[])[] {
  return memo(`tsv:${name}`, () => readLines(name).map((l) => l.split('\t').map((f) => f.trim())));
}

/**
 * A parsed YAML lexicon.
 * @param name file name relative to `data/lexicons/`
 * @returns the parsed document (the caller validates its shape)
 */
export function readYaml<T>(name: string): T {
  return memo(`yaml:${name}`, () => loadYaml(`lexicons/${name}`) as T);
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regex alternation of literal phrases, longest first, where a space in a
 * phrase matches any run of whitespace (phrases may wrap lines).
 * @param phrases literal phrases
 * @returns the alternation source, without enclosing group
 */
export function alternation(phrases: Iterable<string>): string {
  return [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRegExp(p).replace(/ +/g, '\\s+'))
    .join('|');
}

/** A phrase found by a `PhraseMatcher`. */
export interface PhraseMatch<T> {
  start: number;
  end: number;
  /** the phrase as listed in the lexicon (lower case, single spaces) */
  phrase: string;
  value: T;
}

/** A lower-cased word of the text and where it is. */
export interface Word { w: string; start: number; end: number }
type Token = Word;
/** Longest lexicon phrase, in words. */
const MAX_PHRASE_WORDS = 12;

/**
 * Word characters for phrase matching: ASCII letters and digits, and every
 * character from U+00C0 up except the Latin-1 signs × ÷ and the General
 * Punctuation block (quotes, dashes, bullets). A plain class without the `u`
 * flag: several times faster than `\p{L}` on news text, same words.
 */
const W = 'A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2070-\uFFFF';
/** Words for phrase matching: word characters with inner hyphens and apostrophes, or one other symbol. */
const WORD_RE = new RegExp(`[${W}]+(?:['’-][${W}]+)*|[^\\s${W}]`, 'g');

/** The scanner of `wordsOf` and `matchAt` (global; compiled once). */
const WORD_SCAN = new RegExp(WORD_RE.source, 'g');

/** A word character (the class `W`), by code unit. */
function isW(c: number): boolean {
  if (c < 0xc0) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return c !== 0xd7 && c !== 0xf7 && (c <= 0x1fff || c >= 0x2070);
}

/** JavaScript `\s` outside the class `W` (the rest of `\s` is in `W`). */
function isSpace(c: number): boolean {
  if (c < 0xc0) return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
  return (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;
}

/**
 * The tokens of `WORD_RE` from `start`, up to the first one that does not end
 * by `end`, by plain scanning (the same tokens as the regex, several times faster).
 */
function scanWords(text: string, start: number, end: number): Token[] {
  const toks: Token[] = [];
  const n = text.length;
  let i = start;
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const a = i;
    if (isW(text.charCodeAt(i))) {
      i++;
      for (;;) {
        while (i < n && isW(text.charCodeAt(i))) i++;
        const c = text.charCodeAt(i); // NaN at the end of the text
        if ((c === 39 || c === 0x2019 || c === 45) && i + 1 < n && isW(text.charCodeAt(i + 1))) {
          i += 2;
          continue;
        }
        break;
      }
    } else i++;
    if (i > end) break;
    toks.push({ w: text.slice(a, i).toLowerCase(), start: a, end: i });
  }
  return toks;
}

/** The last few word lists: several matchers scan the same sentence in a row. */
const wordCache: { text: string; start: number; end: number; toks: Token[] }[] = [];
const WORD_CACHE_SIZE = 4;

/** The cached words of a region, or null. */
function cachedWords(text: string, start: number, end: number): Token[] | null {
  for (const c of wordCache) if (c.start === start && c.end === end && c.text === text) return c.toks;
  return null;
}

/**
 * Lower-cased words of a region, as phrase matchers see them (cached for the
 * last few regions, since several matchers scan the same sentence in a row).
 * @param text the text
 * @param start region start
 * @param end region end
 * @returns the words, in order
 */
export function wordsOf(text: string, start: number, end: number): Token[] {
  const hit = cachedWords(text, start, end);
  if (hit !== null) return hit;
  const toks = scanWords(text, start, end);
  wordCache.unshift({ text, start, end, toks });
  if (wordCache.length > WORD_CACHE_SIZE) wordCache.pop();
  return toks;
}

const SPACE_CHAR = 0;
const WORD_CHAR = 1;
/** `'` and `-`: inside a word when a word character follows */
const JOINER = 2;
const OTHER_CHAR = 3;
/** The kind of each ASCII code unit, as `scanWords` sees it. */
const ASCII_KIND = new Uint8Array(128).map((_, c) => (isSpace(c) ? SPACE_CHAR : isW(c) ? WORD_CHAR : c === 39 || c === 45 ? JOINER : OTHER_CHAR));

/**
 * A set of words, as a tree over lower-case ASCII code units: tells, by scanning
 * a region's characters once and without building its word list, whether any of
 * its words (the tokens of `scanWords`) is in the set.
 */
class WordSet {
  /** The tree's alphabet: the slot of each ASCII code unit of the words (letters case-folded), -1 if none. */
  private readonly slot = new Int8Array(128).fill(-1);
  private readonly slots: number;
  /** `next[node * slots + slot]`: the child of a node, 0 for none (0 is the root). */
  private readonly next: Uint16Array | Uint32Array;
  /** Per node: a word of the set ends here. */
  private readonly end: boolean[] = [false];
  /** Words of one character that is not a word character ("%"), by code unit. */
  private readonly symbols = new Set<number>();

  constructor(words: Iterable<string>) {
    // A non-ASCII character ends a word's path (the rest is not in the tree): the scan
    // treats words that reach it as possible (see mayHold), so the cut word never ends a path.
    const paths: { ascii: string; whole: boolean }[] = [];
    for (const w of words) {
      if (w.length === 1 && !isW(w.charCodeAt(0))) this.symbols.add(w.charCodeAt(0));
      else {
        const ascii = /^[\x00-\x7f]*/.exec(w)![0];
        paths.push({ ascii, whole: ascii.length === w.length });
      }
    }
    let k = 0;
    for (const { ascii } of paths) {
      for (let i = 0; i < ascii.length; i++) {
        const c = ascii.charCodeAt(i);
        if (this.slot[c]! >= 0) continue;
        this.slot[c] = k;
        if (c >= 97 && c <= 122) this.slot[c - 32] = k; // upper case: the same slot
        k++;
      }
    }
    this.slots = Math.max(k, 1);
    const next: number[] = new Array<number>(this.slots).fill(0);
    for (const { ascii, whole } of paths) {
      let node = 0;
      for (let i = 0; i < ascii.length; i++) {
        const at = node * this.slots + this.slot[ascii.charCodeAt(i)]!;
        if (!next[at]) {
          next[at] = this.end.length;
          this.end.push(false);
          for (let sl = 0; sl < this.slots; sl++) next.push(0);
        }
        node = next[at]!;
      }
      if (node && whole) this.end[node] = true;
    }
    this.next = this.end.length < 65536 ? Uint16Array.from(next) : Uint32Array.from(next);
  }

  /**
   * False when no word of the region is in the set; true when one is, or may be
   * (a non-ASCII character on a live path: its lower case is not looked at here).
   * Tokens are those of `scanWords`, including the last one's end rule.
   */
  mayHold(text: string, start: number, end: number): boolean {
    const { next, slot, slots } = this;
    const n = text.length;
    let i = start;
    while (i < n) {
      const c = text.charCodeAt(i);
      const kind = c < 128 ? ASCII_KIND[c]! : isW(c) ? WORD_CHAR : isSpace(c) ? SPACE_CHAR : OTHER_CHAR;
      if (kind === SPACE_CHAR) {
        i++;
        continue;
      }
      if (kind !== WORD_CHAR) {
        // a token of one character
        if (i + 1 > end) return false;
        if (this.symbols.has(c)) return true;
        i++;
        continue;
      }
      // a word token: word characters, joined by inner apostrophes and hyphens;
      // `node` follows it down the tree until it leaves it (-1)
      let node = 0;
      let j = i;
      for (;;) {
        const d = text.charCodeAt(j); // NaN past the end: neither branch
        if (d < 128) {
          const k = ASCII_KIND[d];
          if (k === WORD_CHAR || (k === JOINER && j + 1 < n && isW(text.charCodeAt(j + 1)))) {
            if (node >= 0) {
              const sl = slot[d]!;
              node = sl < 0 ? -1 : next[node * slots + sl]! || -1;
            }
            j++;
            continue;
          }
        } else if (isW(d) || (d === 0x2019 && j + 1 < n && isW(text.charCodeAt(j + 1)))) {
          if (node >= 0) return true; // a non-ASCII character on a live path
          j++;
          continue;
        }
        break;
      }
      if (j > end) return false;
      if (node >= 0 && this.end[node]) return true;
      i = j;
    }
    return false;
  }
}

/**
 * Finds lexicon phrases in text, word by word, case-insensitively: an index
 * from first word to phrases, so the cost grows with the text, not with the
 * size of the lexicon (a large regex alternation is much slower in V8).
 * Phrases match on word boundaries; a space in a phrase matches any whitespace.
 */
export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, { words: string[]; phrase: string; value: T }[]>();
  /**
   * A quick necessary test: a region holds a phrase only if it holds that phrase's
   * longest word (the rarest, as a rule: "lives" rather than "the" in "the lives of").
   */
  private readonly keyWords: WordSet;

  /**
   * @param entries phrases with the value each one stands for
   */
  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [raw, value] of entries) {
      const phrase = raw.toLowerCase().replace(/\s+/g, ' ').trim();
      const words = phrase.match(WORD_RE) ?? [];
      if (words.length === 0) continue;
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push({ words, phrase, value });
      this.byFirst.set(words[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
    const longest = (ws: readonly string[]) => ws.reduce((a, b) => (b.length >= a.length ? b : a));
    this.keyWords = new WordSet([...this.byFirst.values()].flatMap((list) => list.map((c) => longest(c.words))));
  }

  /**
   * All non-overlapping matches in a region, left to right, longest first at each word.
   * @param text the text
   * @param start region start
   * @param end region end
   * @returns the matches with offsets into `text`
   */
  findAll(text: string, start = 0, end = text.length): PhraseMatch<T>[] {
    const toks = cachedWords(text, start, end) ?? (this.keyWords.mayHold(text, start, end) ? wordsOf(text, start, end) : null);
    if (toks === null) return [];
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < toks.length; ) {
      const hit = this.matchTokens(toks, i);
      if (hit) {
        out.push({ start: toks[i]!.start, end: toks[i + hit.n - 1]!.end, phrase: hit.phrase, value: hit.value });
        i += hit.n;
      } else i++;
    }
    return out;
  }

  /**
   * The longest phrase that starts at `pos` (after optional whitespace).
   * @param text the text
   * @param pos where the phrase must start
   * @param limit do not read past this offset
   * @returns the match, or null
   */
  matchAt(text: string, pos: number, limit = text.length): PhraseMatch<T> | null {
    const toks: Token[] = [];
    const re = WORD_SCAN;
    re.lastIndex = pos;
    for (let m = re.exec(text); m && toks.length < MAX_PHRASE_WORDS && m.index + m[0].length <= limit; m = re.exec(text)) {
      if (toks.length === 0 && text.slice(pos, m.index).trim() !== '') return null;
      toks.push({ w: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
    }
    const hit = this.matchTokens(toks, 0);
    return hit ? { start: toks[0]!.start, end: toks[hit.n - 1]!.end, phrase: hit.phrase, value: hit.value } : null;
  }

  /**
   * The longest phrase starting at word `i` of a word list (from `wordsOf`).
   * @param toks words
   * @param i index of the first word
   * @returns the number of words matched, the phrase and its value, or null
   */
  matchTokens(toks: readonly Word[], i: number): { n: number; phrase: string; value: T } | null {
    const first = toks[i];
    if (!first) return null;
    const cands = this.byFirst.get(first.w);
    if (cands === undefined) return null;
    for (const cand of cands) {
      const ws = cand.words;
      let k = 1; // ws[0] is first.w
      // (bounded by the list: V8 deoptimises code that reads past the end)
      while (k < ws.length && i + k < toks.length && toks[i + k]!.w === ws[k]) k++;
      if (k === ws.length) return { n: ws.length, phrase: cand.phrase, value: cand.value };
    }
    return null;
  }

  /**
   * Whether any phrase occurs in a region.
   * @param text the text
   * @param start region start
   * @param end region end
   * @returns true when at least one phrase matches
   */
  test(text: string, start = 0, end = text.length): boolean {
    return this.findAll(text, start, end).length > 0;
  }
}
