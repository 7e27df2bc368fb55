/**
 * @module place/normalize
 * Matching keys for place names.
 *
 * Two levels:
 * - {@link fold} (level 1): the spelling-insensitive key. Diacritics and apostrophes (ʿayn, hamza) go, case and
 *   hyphens/spaces are unified, abbreviations expand (St. → saint) and Arabic article spellings become `al`
 *   (`Ma'arrat an-Nu'man` and `Maarrat al Numan` both give `maarrat al numan`).
 * - {@link foldLoose} (level 2): a transliteration-insensitive key built from level 1 by the ordered rules of
 *   `data/places/transliteration.tsv` (articles dropped, ou→u, y→i, vowel runs → a, doubled consonants single,
 *   spaces dropped), so `Maaret al Numan`, `Khan Sheikhoun` and `Dayr az Zawr` meet `Ma'arrat an Nu'man`,
 *   `Khan Shaykhun` and `Deir ez-Zor`. It is deliberately loose: callers rank level-1 matches first.
 */
import { SOURCES } from './paths.js';
import { readTsv } from './tsv.js';

/** One level-2 rewrite rule, compiled from `transliteration.tsv`. */
export interface LooseRule {
  id: string;
  re: RegExp;
  replacement: string;
  /**
   * The pattern itself when it is plain text (letters and spaces) and the replacement has no `$`: the rule is then
   * a plain replaceAll, skipped at the cost of one `includes` when the key does not hold the text (most keys
   * hold few of the two dozen patterns). null for a real expression.
   */
  literal: string | null;
}

/** Plain-text patterns: no character that means something in an expression. */
const LITERAL_RE = /^[a-z ]+$/;

/** The compiled rules behind both keys. */
export interface FoldRules {
  /** Article spelling → the letters the next word must start with (`''` = any word). */
  articles: Map<string, string[]>;
  /** Whole-token abbreviation → expansion. */
  abbrevs: Map<string, string>;
  loose: LooseRule[];
}

/**
 * Compiles the rule file.
 * @param file a file in the `transliteration.tsv` format (defaults to the shipped one).
 * @returns the compiled rules.
 * @throws Error on an unknown rule kind or an invalid regular expression, naming the line.
 */
export function loadFoldRules(file: string = SOURCES.transliteration): FoldRules {
  const rules: FoldRules = { articles: new Map(), abbrevs: new Map(), loose: [] };
  for (const { line, cells } of readTsv(file, 4)) {
    const [id = '', kind, pattern = '', replacement = ''] = cells;
    if (kind === 'article') {
      const list = rules.articles.get(pattern) ?? [];
      list.push(replacement);
      rules.articles.set(pattern, list);
    } else if (kind === 'abbrev') {
      rules.abbrevs.set(pattern, replacement);
    } else if (kind === 'loose') {
      try {
        const literal = LITERAL_RE.test(pattern) && !replacement.includes('$') ? pattern : null;
        rules.loose.push({ id, re: new RegExp(pattern, 'gu'), replacement, literal });
      } catch (e) {
        throw new Error(`${file}:${line}: rule ${id}: ${(e as Error).message}`);
      }
    } else {
      throw new Error(`${file}:${line}: rule ${id}: unknown kind ${String(kind)}`);
    }
  }
  return rules;
}

let shipped: FoldRules | undefined;
/** The shipped rules, compiled on first use (immutable afterwards). */
export function defaultFoldRules(): FoldRules {
  shipped ??= loadFoldRules();
  return shipped;
}

/** Letters that Unicode decomposition does not reduce to ASCII. */
const SPECIAL_LETTERS: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ŋ: 'n', ĸ: 'k',
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g');
/** Apostrophe-like marks: ASCII ', typographic quotes, backtick, acute, modifier letters for ʿayn and hamza. */
const APOSTROPHES_RE = /['’‘`´ʿʾʻʼ′]/g;
/** Everything else that is not a letter or digit separates words (hyphens, dots, commas, brackets, slashes). */
const SEPARATORS_RE = /[^\p{L}\p{N}]+/gu;

/**
 * Level-1 key of a place name.
 * @param name a place name as written.
 * @param rules the rules to apply (defaults to the shipped file).
 * @returns lower-case ASCII-folded words separated by single spaces; `''` when nothing is left.
 * @example fold("Ma'arrat an-Nu'man") === 'maarrat al numan'
 */
export function fold(name: string, rules: FoldRules = defaultFoldRules()): string {
  if (rules !== shipped) return foldWith(name, rules);
  const hit = foldCache.get(name);
  if (hit !== undefined) return hit;
  const key = foldWith(name, rules);
  if (foldCache.size >= FOLD_CACHE) foldCache.clear();
  foldCache.set(name, key);
  return key;
}

/** Keys of recently folded names, for the shipped rules only. */
const foldCache = new Map<string, string>();
const FOLD_CACHE = 100_000;

function foldWith(name: string, rules: FoldRules): string {
  let s = name;
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007f]/.test(s)) s = s.normalize('NFD').replace(/\p{M}+/gu, '');
  s = s.toLowerCase();
  if (/[^\u0000-\u007f]/.test(s)) s = s.replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c);
  s = s.replace(APOSTROPHES_RE, '').replace(SEPARATORS_RE, ' ').trim();
  if (!s) return '';
  return foldWords(s.split(' '), rules);
}

/**
 * Level-1 key from the words of a name already folded letter by letter (lower case, no diacritics, apostrophes
 * or separators): applies the word rules (abbreviations inside multi-word names, Arabic articles).
 * @param words the words, in order (not modified).
 * @param rules the rules to apply.
 * @returns the words after the rules, joined by single spaces.
 * @example foldWords(['st', 'louis']) === 'saint louis'
 */
export function foldWords(words: readonly string[], rules: FoldRules = defaultFoldRules()): string {
  if (words.length === 1) return words[0] as string; // both rules need a second word
  let key = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    let out = w;
    const expanded = rules.abbrevs.get(w);
    if (expanded !== undefined) out = expanded;
    else {
      const next = words[i + 1];
      const need = rules.articles.get(w);
      if (need && next !== undefined && articleBefore(need, next)) out = 'al';
    }
    key = i === 0 ? out : `${key} ${out}`;
  }
  return key;
}

/** Whether an article spelling applies before a word: some of its required beginnings ('' = any) starts it. */
function articleBefore(need: readonly string[], next: string): boolean {
  for (const p of need) if (p === '' || next.startsWith(p)) return true;
  return false;
}

/**
 * The letter-by-letter folded words of a plain-ASCII word token ("U.S." → `u s`, "O'Brien" → `obrien`), so that a
 * name's key can be built from its tokens' words with {@link foldWords} instead of folding its text again.
 * @param token a token of letters, digits, apostrophes and dots, starting with a letter or digit.
 * @returns its words, or null when the token holds another character (fold its text instead).
 * @example asciiTokenWords('Kidal') // ['kidal']
 */
export function asciiTokenWords(token: string): string[] | null {
  let lower = true;
  let marks = false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) continue;
    if (c >= 0x41 && c <= 0x5a) lower = false;
    else if (c === 0x27 || c === 0x60 || c === 0x2e) marks = true;
    else return null;
  }
  const s = lower ? token : token.toLowerCase();
  if (!marks) return [s];
  // apostrophes go, dots separate words
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e) {
      if (word !== '') words.push(word);
      word = '';
    } else if (c !== 0x27 && c !== 0x60) word += s[i];
  }
  if (word !== '') words.push(word);
  return words.length ? words : null;
}

/**
 * Level-2 key from a level-1 key.
 * @param key a value returned by {@link fold}.
 * @param rules the rules to apply.
 * @returns the loose key (no spaces); `''` for an empty key.
 */
export function looseFromFolded(key: string, rules: FoldRules = defaultFoldRules()): string {
  if (!key) return '';
  const words = key.split(' ');
  let s = words.filter((w, i) => !(w === 'al' && i < words.length - 1)).join(' ');
  for (const r of rules.loose) {
    if (r.literal === null) s = s.replace(r.re, r.replacement);
    else if (s.includes(r.literal)) s = s.replaceAll(r.literal, r.replacement);
  }
  return s;
}

/**
 * Level-2 key of a place name: `looseFromFolded(fold(name))`.
 * @param name a place name as written.
 * @param rules the rules to apply.
 * @returns the loose key.
 * @example foldLoose('Khan Sheikhoun') === foldLoose('Khan Shaykhun')
 */
export function foldLoose(name: string, rules: FoldRules = defaultFoldRules()): string {
  return looseFromFolded(fold(name, rules), rules);
}
