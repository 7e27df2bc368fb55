/**
 * @module place/tokens
 * Word tokens for place-name recognition, with exact offsets into the raw text. Apostrophised words stay whole
 * ("Ma'arrat"), hyphens split ("Port-au-Prince" is three tokens that the matcher joins again, so that
 * "Gainesville-area" still yields "Gainesville"); dotted acronyms stay whole ("U.S."); a possessive "'s" is cut
 * off ("Syria's" → "Syria").
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

const TOKEN_RE = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’‘][\p{L}\p{N}]+)*/gu;
const OPENERS = new Set([' ', '\t', '"', '“', '‘', "'", '(', '[', '«', '—', '–', '-', '*', '•']);
const ENDERS = new Set(['.', '!', '?', ':', ';']);

/**
 * Splits a text into word tokens.
 * @param text the raw text.
 * @returns the tokens in text order.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index ?? 0;
    let t = m[0];
    const n = t.length;
    if (n > 3 && (t[n - 1] === 's' || t[n - 1] === 'S') && (t[n - 2] === "'" || t[n - 2] === '’')) t = t.slice(0, -2);
    const c = t[0] as string;
    const cap = c !== c.toLowerCase();
    out.push({
      start,
      end: start + t.length,
      text: t,
      cap,
      upper: cap && t.length > 1 && t === t.toUpperCase() && t !== t.toLowerCase() && /\p{Lu}.*\p{Lu}/u.test(t),
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
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    const boundary = !t || (i > from && (t.sentStart || /[\n.!?]/.test(text.slice((tokens[i - 1] as Token).end, t.start))));
    if (!boundary) continue;
    const words = tokens.slice(from, i).filter((w) => /\p{L}/u.test(w.text) && w.text.length > 3);
    if (words.length >= TITLE_MIN_WORDS && words.filter((w) => w.cap).length / words.length >= TITLE_SHARE) {
      for (let k = from; k < i; k++) (tokens[k] as Token).inTitle = true;
    }
    from = i;
  }
}

function startsSentence(text: string, at: number): boolean {
  let j = at - 1;
  while (j >= 0) {
    const c = text[j] as string;
    if (c === '\n' || c === '\r') return true;
    if (!OPENERS.has(c)) break;
    j--;
  }
  return j < 0 || ENDERS.has(text[j] as string);
}
