/**
 * @module text/victims
 * Who a figure counts: the victim noun after it ("12 civilians", "48 wounded
 * people", "13 US service members"), mapped to a canonical group by
 * `data/lexicons/victims.yaml`, and singular victims after "a"/"an" ("a
 * 65-year-old woman"), which count one.
 */
import type { Span } from '../domain/types.js';
import { casualtyLexicon as lex } from './casualty-lexicon.js';
import { wordsOf, type Word } from './lexicon.js';
import type { Quantity } from './numbers.js';

/** Characters after a figure searched for its victim noun. */
const VICTIM_WINDOW = 80;
/** Words after a figure searched for its victim noun. */
const VICTIM_WORDS = 6;
/** Words after a figure searched for an unlisted plural noun. */
const PLURAL_WORDS = 3;
/** Modifier words allowed between "a" and its victim noun ("a 65-year-old woman"). */
const ARTICLE_MODIFIERS = 2;

/** Victims named after a figure. */
export interface Victims { victims: string; span: Span }

/** The victim noun phrase right after a figure: the first victims-lexicon phrase in the next few words. */
/**
 * @param text the article text
 * @param from just after the figure
 * @param limit do not look past this offset (the sentence end)
 * @returns the canonical group (or the noun as written) and where it is, or null
 */
export function victimsAfter(text: string, from: number, limit: number): Victims | null {
  const L = lex();
  const ws = wordsOf(text, from, Math.min(limit, from + VICTIM_WINDOW));
  for (let n = 0; n < ws.length && n < VICTIM_WORDS; n++) {
    const w = ws[n]!;
    if (/^[,;:.()]$/.test(w.w)) break;
    if (L.auxiliaries.has(w.w) && n > 0) break;
    const v = L.victims.matchTokens(ws, n);
    if (v) return { victims: v.value, span: { start: w.start, end: ws[n + v.n - 1]!.end } };
    if (L.triggers.matchTokens(ws, n)) {
      if (n > 0 && !L.adjectiveTriggers.has(w.w)) break;
      continue; // "48 wounded people"
    }
    if (/^\p{Lu}[\p{L}'’-]*s$/u.test(text.slice(w.start, w.end))) {
      // a plural demonym or group name ("Palestinians", "Afghans")
      return { victims: text.slice(w.start, w.end), span: { start: w.start, end: w.end } };
    }
  }
  // an unlisted plural noun close to the figure ("two suspected robbers")
  for (let n = 0; n < ws.length && n < PLURAL_WORDS; n++) {
    const w = ws[n]!;
    if (!/^\p{Ll}[\p{L}-]{2,}s$/u.test(w.w) || L.auxiliaries.has(w.w) || L.npStop.has(w.w) || L.triggers.matchTokens(ws, n)) continue;
    if (ws.slice(0, n + 1).some((x) => /^[,;:.()]$/.test(x.w) || L.auxiliaries.has(x.w) || L.prepositions.has(x.w))) break;
    return { victims: text.slice(w.start, w.end), span: { start: w.start, end: w.end } };
  }
  return null;
}

/** An "a"/"an" that counts one victim, with the number of words up to the end of the victim noun. */
export interface ArticleQuantity { q: Quantity; words: number }

/**
 * Singular victim nouns after "a"/"an", with up to two modifiers ("killed a
 * woman and four children", "a 65-year-old man", "a young soldier"): quantities of 1.
 * @param text the article text
 * @param sentence the sentence span
 * @returns each article as a quantity, with its word count up to the end of the noun
 */
export function articleQuantities(text: string, sentence: Span): ArticleQuantity[] {
  const ws: Word[] = wordsOf(text, sentence.start, sentence.end);
  const out: ArticleQuantity[] = [];
  for (let i = 0; i + 1 < ws.length; i++) {
    const a = ws[i]!;
    if (a.w !== 'a' && a.w !== 'an') continue;
    for (let k = 1; k <= 1 + ARTICLE_MODIFIERS && i + k < ws.length; k++) {
      if (k > 1 && !/^[\p{L}\p{N}][\p{L}\p{N}'’-]*$/u.test(ws[i + k - 1]!.w)) break; // modifiers are words
      const v = lex().victims.matchTokens(ws, i + k);
      if (!v) continue;
      if (/s$/.test(ws[i + k + v.n - 1]!.w)) break; // plural nouns are not "one"
      const q: Quantity = { start: a.start, end: a.end, text: text.slice(a.start, a.end), low: 1, high: 1, exact: true, qualifier: null, vague: false };
      out.push({ q, words: k + v.n - 1 });
      break;
    }
  }
  return out;
}

