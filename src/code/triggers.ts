/**
 * @module code/triggers
 * Event triggers (`data/rules/triggers.yaml`): the words that make a sentence
 * report an ACLED event. Rules are compiled once; `findTriggers` scans a span
 * of text and returns every match with the rule that fired.
 */
import type { Span, SubEventType } from '../domain/types.js';
import { DataError, loadYaml } from '../data/load.js';
import type { Lead } from './regex-heads.js';
import { cachedRuleHeads } from './rule-heads-cache.js';
import type { Taxonomy } from './taxonomy.js';

// The rules' patterns compile fastest with V8's `--no-regexp-tier-up`, which the entry points set on
// the node command line (`util/v8-flags`); matches are the same without it.

/** `territory`: the sub-type depends on who took the place (see coder). */
export type TriggerSub = SubEventType | 'territory';

export interface TriggerRule {
  id: string;
  sub: TriggerSub;
  weight: number;
  weak: boolean;
  pattern: RegExp;
  /** The same pattern, sticky: tried at one position (see `findTriggersBySentence`). */
  sticky: RegExp;
  /**
   * The words every match starts with (the word "a", words starting with "kill" …),
   * from `code/regex-heads`; null when the pattern could start anywhere.
   */
  starts: readonly Lead[] | null;
  /**
   * Per lead of `starts` (same order), the words one of which every match that starts with that lead holds after
   * its first word, from `code/regex-heads` (`leadNeeds`); null for a lead with none known. A text without any
   * of them is not tried at that lead's words ("the" in a rule whose alternatives opening with "the" all name
   * protesters, in a text that names none).
   */
  startNeeds: readonly (readonly Lead[] | null)[] | null;
  /**
   * Words one of which every match holds after its first word (from `code/regex-heads`); null when the
   * pattern names none. A text without any of them is not scanned with the rule.
   */
  needs: readonly Lead[] | null;
  requires: RegExp | null;
  unless: RegExp | null;
  /**
   * A sentence opening that refers back to the previous sentence's actors ("They later", "Some of them"): in a
   * sentence that opens so, `requires` may be met by the previous sentence too. Null: the sentence alone.
   */
  carry: RegExp | null;
  /** The match counts only when a place name follows it directly. */
  placeAfter: boolean;
  /** The match counts only in the article's lede or first body sentence: what the report is about. */
  ledeOnly: boolean;
  /** The match says two sides fought, whoever they are (civilians on both sides make it mob violence). */
  twoSided: boolean;
}

export interface TriggerMatch extends Span {
  rule: TriggerRule;
  text: string;
}

interface RawRule {
  id: string;
  sub: string;
  weight: number;
  weak?: boolean;
  match: string;
  requires?: string;
  unless?: string;
  requires_carry?: string;
  place_after?: boolean;
  lede_only?: boolean;
  two_sided?: boolean;
}

const FILE = 'rules/triggers.yaml';
const LETTER = /[\p{L}\p{N}]/u;

function expand(src: string, macros: Record<string, string>, id: string): string {
  return src.replace(/\{([A-Z]+)\}/g, (_, name: string) => {
    const m = macros[name];
    if (m === undefined) throw new DataError(FILE, `rule ${id}: unknown macro {${name}}`);
    return m;
  });
}

function compile(src: string, id: string, flags: string): RegExp {
  try {
    return new RegExp(src, flags);
  } catch (e) {
    throw new DataError(FILE, `rule ${id}: bad pattern: ${(e as Error).message}`);
  }
}

/**
 * Loads and compiles the trigger rules.
 * @param taxonomy used to check that every rule names a real sub-event type
 * @returns the rules, in file order
 * @throws DataError on a duplicate id, an unknown sub-type or a bad pattern
 */
export function loadTriggers(taxonomy: Taxonomy): TriggerRule[] {
  const doc = loadYaml(FILE) as { macros?: Record<string, string>; rules: RawRule[] };
  const macros = doc.macros ?? {};
  const seen = new Set<string>();
  // What the word index needs of each pattern is read once and cached (`code/rule-heads-cache`).
  const inners = doc.rules.map((r) => expand(r.match, macros, r.id));
  const analysed = cachedRuleHeads(inners);
  return doc.rules.map((r, i) => {
    if (seen.has(r.id)) throw new DataError(FILE, `duplicate rule id ${r.id}`);
    seen.add(r.id);
    if (r.sub !== 'territory' && !taxonomy.subTypes.has(r.sub as SubEventType)) {
      throw new DataError(FILE, `rule ${r.id}: unknown sub-event type "${r.sub}"`);
    }
    if (!(r.weight > 0 && r.weight <= 1)) throw new DataError(FILE, `rule ${r.id}: weight must be in (0, 1]`);
    // Word boundaries at both ends; the rule's own text decides the inside. Non-Unicode
    // regexes run about twice as fast in V8; non-ASCII letters at the edges are checked after.
    const inner = inners[i]!;
    const body = `\\b(?:${inner})\\b`;
    const { heads, needs } = analysed[i]!;
    return {
      id: r.id,
      sub: r.sub as TriggerSub,
      weight: r.weight,
      weak: r.weak ?? false,
      placeAfter: r.place_after ?? false,
      ledeOnly: r.lede_only ?? false,
      twoSided: r.two_sided ?? false,
      pattern: compile(body, r.id, 'gi'),
      sticky: compile(body, r.id, 'iy'),
      starts: heads && heads.map((h) => h.lead),
      startNeeds: heads && heads.map((h) => h.needs),
      needs,
      requires: r.requires ? compile(expand(r.requires, macros, r.id), r.id, 'i') : null,
      unless: r.unless ? compile(expand(r.unless, macros, r.id), r.id, 'i') : null,
      carry: r.requires_carry ? compile(expand(r.requires_carry, macros, r.id), r.id, 'i') : null,
    };
  });
}

/**
 * Finds every trigger inside `span` of `text`.
 * @param rules compiled rules
 * @param text the article text
 * @param span the sentence (offsets are into `text`)
 * @returns matches sorted by position; `requires`/`unless` are checked against the sentence
 */
export function findTriggers(rules: TriggerRule[], text: string, span: Span): TriggerMatch[] {
  const sentence = text.slice(span.start, span.end);
  const out: TriggerMatch[] = [];
  for (const rule of rules) {
    if (rule.requires && !rule.requires.test(sentence)) continue;
    if (rule.unless && rule.unless.test(sentence)) continue;
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(sentence); m; m = rule.pattern.exec(sentence)) {
      if (m[0].length === 0) {
        rule.pattern.lastIndex++;
        continue;
      }
      const end = m.index + m[0].length;
      // "\b" is ASCII-only: a match glued to a non-ASCII letter ("Qaïda") is inside a word.
      if ((LETTER.test(m[0].charAt(0)) && LETTER.test(sentence.charAt(m.index - 1))) ||
        (LETTER.test(m[0].charAt(m[0].length - 1)) && LETTER.test(sentence.charAt(end)))) continue;
      out.push({ rule, start: span.start + m.index, end: span.start + end, text: m[0] });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** `[A-Za-z0-9_]`, by ASCII code unit: the word characters of `\b` without the `u` flag. */
const WORD_CODE = new Uint8Array(128).map((_, c) => Number(/\w/.test(String.fromCharCode(c))));
const isWordCode = (c: number): boolean => c < 128 && WORD_CODE[c] === 1;

/** FNV-1a over lower-cased ASCII code units. */
const FNV_START = 0x811c9dc5 | 0;
const fnv = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);
const lower = (c: number): number => (c >= 65 && c <= 90 ? c | 32 : c);

/** A lead shared by some rules, or a word some rules need. */
interface LeadEntry {
  word: string;
  exact: boolean;
  /** the rules' starts (see `StartIndex.startRule`) that have this lead */
  starts: number[];
  /** indices of the rules that need this word */
  needed: number[];
  /** the starts whose matches need this word (see `TriggerRule.startNeeds`) */
  startsNeeding: number[];
}

/**
 * Where each rule may match in a text: per rule index, the offsets of the words it may start at, ascending
 * (undefined: none). A rule, or one of its leads, whose needed words the text lacks has none there.
 */
type Candidates = (number[] | undefined)[];

/** What the read of a text's words found. */
interface Seen {
  /** The words that are leads, in text order: pairs of offset and entry index. */
  leads: number[];
  /** Per rule index, 1 when the text has one of the words the rule needs, or the rule needs none. */
  rules: Uint8Array;
  /** Per start, 1 when the text has one of the words its matches need, or it needs none. */
  starts: Uint8Array;
}

/**
 * The rules indexed by the words their matches start with: one pass over the
 * text finds, for every rule, the words where it can match, so each rule's
 * regex runs only there (a sticky match per candidate word) instead of scanning
 * the whole text. Rules without `starts` still scan.
 *
 * The leads sit in a small open-addressing hash table (a few KB: it stays in the
 * caches that the geoparser's tables keep flushing); a word is hashed as it is
 * read, and looked up at each length some prefix lead has, then whole.
 */
class StartIndex {
  private readonly entries: LeadEntry[] = [];
  /** A start is one lead of one rule (numbered in rule order, then in the order of the rule's `starts`): its rule. */
  private readonly startRule: number[] = [];
  /** Per start: 1 when it needs no word, 0 when the text must have one of its words (`Seen.starts` before a read). */
  private readonly startsUnneeded: Uint8Array;
  /** Per rule index: 1 when it needs no word (`Seen.rules` before a read). */
  private readonly rulesUnneeded: Uint8Array;
  /** Slot → hash of the entry's word; `vals` slot → entry index + 1, 0 for an empty slot. */
  private readonly keys: Int32Array;
  private readonly vals: Int32Array;
  private readonly mask: number;
  /**
   * By the first character of a word (ASCII, lower case): bit L is set when some prefix (not exact) lead
   * starting with it has L characters. A word is looked up only at those lengths: most have none or one,
   * where a mask shared by every first character had a dozen.
   */
  private readonly prefixLengths = new Int32Array(128);

  constructor(rules: readonly TriggerRule[]) {
    const byKey = new Map<string, LeadEntry>();
    const entry = (word: string, exact: boolean): LeadEntry => {
      const key = `${word}${exact ? ' ' : ''}`;
      let e = byKey.get(key);
      if (!e) byKey.set(key, (e = { word, exact, starts: [], needed: [], startsNeeding: [] }));
      // (leads and needed words are at most MAX_PREFIX (16) long, of lower-case [a-z0-9_])
      if (!exact) this.prefixLengths[word.charCodeAt(0)]! |= 1 << word.length;
      return e;
    };
    const unneeded: number[] = [];
    rules.forEach((rule, r) => {
      (rule.starts ?? []).forEach(({ word, exact }, k) => {
        const start = this.startRule.push(r) - 1;
        entry(word, exact).starts.push(start);
        const needs = rule.startNeeds?.[k] ?? null;
        unneeded.push(needs ? 0 : 1);
        for (const n of needs ?? []) entry(n.word, n.exact).startsNeeding.push(start);
      });
      // (a rule that scans, without leads, is not indexed at all)
      if (rule.starts) for (const { word, exact } of rule.needs ?? []) entry(word, exact).needed.push(r);
    });
    this.startsUnneeded = Uint8Array.from(unneeded);
    this.rulesUnneeded = Uint8Array.from(rules, (rule) => (rule.needs ? 0 : 1));
    let size = 16;
    while (size < byKey.size * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size);
    this.vals = new Int32Array(size);
    for (const e of byKey.values()) {
      this.entries.push(e);
      let h = FNV_START;
      for (let i = 0; i < e.word.length; i++) h = fnv(h, e.word.charCodeAt(i));
      let at = h & this.mask;
      while (this.vals[at]) at = (at + 1) & this.mask;
      this.keys[at] = h;
      this.vals[at] = this.entries.length;
    }
  }

  /**
   * Notes the entry that equals `body[i, i + len)` (lower-cased), if any: the lead word at `i`, and the rules
   * and starts that need that word.
   */
  private lookup(h: number, exact: boolean, body: string, i: number, len: number, seen: Seen): void {
    for (let at = h & this.mask; this.vals[at]; at = (at + 1) & this.mask) {
      if (this.keys[at] !== h) continue;
      const index = this.vals[at]! - 1;
      const e = this.entries[index]!;
      if (e.exact !== exact || e.word.length !== len) continue;
      let k = 0;
      while (k < len && lower(body.charCodeAt(i + k)) === e.word.charCodeAt(k)) k++;
      if (k < len) continue;
      if (e.starts.length) seen.leads.push(i, index);
      for (const r of e.needed) seen.rules[r] = 1;
      for (const start of e.startsNeeding) seen.starts[start] = 1;
    }
  }

  /**
   * Where each rule may match in `body`. The words are read first, and a lead word becomes a candidate of its
   * rules only after: most of the tries a common word ("the") would give are of starts whose words the text lacks,
   * and are never noted.
   */
  candidates(body: string, nRules: number): Candidates {
    const seen: Seen = { leads: [], rules: this.rulesUnneeded.slice(), starts: this.startsUnneeded.slice() };
    const n = body.length;
    for (let i = 0; i < n; i++) {
      const first = body.charCodeAt(i);
      if (!isWordCode(first)) continue;
      // i starts a word (no lead of a rule implies another, so a rule is met at most once per word)
      const lengths = this.prefixLengths[lower(first)]!;
      let h = FNV_START;
      let j = i;
      // (j stays inside the body: V8 deoptimises code that reads past the end)
      for (let c = body.charCodeAt(j); isWordCode(c); c = j < n ? body.charCodeAt(j) : 32) {
        h = fnv(h, lower(c));
        j++;
        if (j - i < 32 && (lengths >>> (j - i)) & 1) this.lookup(h, false, body, i, j - i, seen);
      }
      this.lookup(h, true, body, i, j - i, seen);
      i = j; // body[j] is not a word character
    }
    const out: Candidates = new Array(nRules);
    const { leads, rules, starts } = seen;
    for (let k = 0; k < leads.length; k += 2) {
      const i = leads[k]!;
      for (const start of this.entries[leads[k + 1]!]!.starts) {
        const r = this.startRule[start]!;
        if (starts[start] && rules[r]) (out[r] ??= []).push(i);
      }
    }
    return out;
  }
}

const indexes = new WeakMap<readonly TriggerRule[], StartIndex>();

/** The start index of a rule list, built on first use (the rules are immutable once loaded). */
function startIndex(rules: readonly TriggerRule[]): StartIndex {
  let ix = indexes.get(rules);
  if (!ix) indexes.set(rules, (ix = new StartIndex(rules)));
  return ix;
}

/**
 * Finds the triggers of every sentence at once. Each rule runs over the whole text
 * (one scan per rule rather than one per rule and sentence), and only at the words
 * its matches can start with (see `StartIndex`): the same matches as a global scan,
 * which also finds the leftmost match at or after the end of the previous one.
 * Each match is given to the sentence that holds it. Patterns use literal spaces,
 * never dots or line breaks, so no match spans a sentence boundary; one that would
 * is dropped.
 * @param rules compiled rules
 * @param text the article text
 * @param sentences sentence spans, in text order, not overlapping
 * @returns per sentence (same order), its matches sorted by position
 */
export function findTriggersBySentence(rules: TriggerRule[], text: string, sentences: readonly Span[]): TriggerMatch[][] {
  const out: TriggerMatch[][] = sentences.map(() => []);
  if (!sentences.length) return out;
  const from = sentences[0]!.start;
  const to = sentences[sentences.length - 1]!.end;
  const body = text.slice(from, to);
  const ok = new Map<string, boolean>();
  const locate = (pos: number): number => {
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sentences[mid]!.start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** Gives a non-empty match to its sentence, when the edge, sentence and requires/unless checks pass. */
  const take = (rule: TriggerRule, m: RegExpExecArray): void => {
    const start = from + m.index;
    const end = start + m[0].length;
    if ((start > 0 && LETTER.test(m[0].charAt(0)) && LETTER.test(text.charAt(start - 1))) ||
      (end < text.length && LETTER.test(m[0].charAt(m[0].length - 1)) && LETTER.test(text.charAt(end)))) return;
    const i = locate(start);
    const s = sentences[i]!;
    if (start < s.start || end > s.end) return;
    if (rule.requires || rule.unless) {
      const key = `${rule.id}@${i}`;
      let pass = ok.get(key);
      if (pass === undefined) {
        const sentence = text.slice(s.start, s.end);
        pass = !(rule.unless && rule.unless.test(sentence)) && (!rule.requires || rule.requires.test(sentence) ||
          // "Hundreds marched against the arrest. Some of them later burned a police car.": the previous sentence names who.
          (!!rule.carry && i > 0 && rule.carry.test(sentence) && rule.requires.test(text.slice(sentences[i - 1]!.start, s.end))));
        ok.set(key, pass);
      }
      if (!pass) return;
    }
    out[i]!.push({ rule, start, end, text: m[0] });
  };
  const candidates = startIndex(rules).candidates(body, rules.length);
  rules.forEach((rule, r) => {
    if (rule.starts === null) {
      rule.pattern.lastIndex = 0;
      for (let m = rule.pattern.exec(body); m; m = rule.pattern.exec(body)) {
        if (m[0].length === 0) rule.pattern.lastIndex++;
        else take(rule, m);
      }
      return;
    }
    // (none at words whose matches would lack the words they need: see `StartIndex.candidates`)
    let next = 0; // where a global scan would resume
    for (const p of candidates[r] ?? []) {
      if (p < next) continue;
      rule.sticky.lastIndex = p;
      const m = rule.sticky.exec(body);
      if (!m) continue;
      next = p + (m[0].length || 1);
      if (m[0].length) take(rule, m);
    }
  });
  for (const ms of out) ms.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}
