/**
 * @module code/triggers
 * Event triggers (`data/rules/triggers.yaml`): the words that make a sentence
 * report an ACLED event. Rules are compiled once; `findTriggers` scans a span
 * of text and returns every match with the rule that fired.
 */
import type { Span, SubEventType } from '../domain/types.js';
import { DataError, loadYaml } from '../data/load.js';
import { leadingWords, type Lead } from './regex-heads.js';
import type { Taxonomy } from './taxonomy.js';

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
  requires: RegExp | null;
  unless: RegExp | null;
  /** The match counts only when a place name follows it directly. */
  placeAfter: boolean;
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
  place_after?: boolean;
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
  return doc.rules.map((r) => {
    if (seen.has(r.id)) throw new DataError(FILE, `duplicate rule id ${r.id}`);
    seen.add(r.id);
    if (r.sub !== 'territory' && !taxonomy.subTypes.has(r.sub as SubEventType)) {
      throw new DataError(FILE, `rule ${r.id}: unknown sub-event type "${r.sub}"`);
    }
    if (!(r.weight > 0 && r.weight <= 1)) throw new DataError(FILE, `rule ${r.id}: weight must be in (0, 1]`);
    // Word boundaries at both ends; the rule's own text decides the inside. Non-Unicode
    // regexes run about twice as fast in V8; non-ASCII letters at the edges are checked after.
    const inner = expand(r.match, macros, r.id);
    const body = `\\b(?:${inner})\\b`;
    return {
      id: r.id,
      sub: r.sub as TriggerSub,
      weight: r.weight,
      weak: r.weak ?? false,
      placeAfter: r.place_after ?? false,
      pattern: compile(body, r.id, 'gi'),
      sticky: compile(body, r.id, 'iy'),
      starts: leadingWords(inner),
      requires: r.requires ? compile(expand(r.requires, macros, r.id), r.id, 'i') : null,
      unless: r.unless ? compile(expand(r.unless, macros, r.id), r.id, 'i') : null,
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

/** Slots of the prefix tree: a-z (either case), 0-9, _; -1 for other ASCII (not word characters). */
const SLOT = new Int8Array(128).fill(-1);
for (let c = 0; c < 26; c++) SLOT[97 + c] = SLOT[65 + c] = c;
for (let c = 0; c < 10; c++) SLOT[48 + c] = 26 + c;
SLOT[95] = 36;
const SLOTS = 37;

/** The slot of a `[A-Za-z0-9_]` code unit (a word character of `\b` without the `u` flag), else -1. */
const slotOf = (c: number): number => (c < 128 ? SLOT[c]! : -1);

/**
 * The rules indexed by the words their matches start with: one pass over the
 * text finds, for every rule, the words where it can match, so each rule's
 * regex runs only there (a sticky match per candidate word) instead of scanning
 * the whole text. Rules without `starts` still scan.
 */
class StartIndex {
  /** `next[node * SLOTS + slot]`: the child of a node of the prefix tree, 0 for none (0 is the root). */
  private readonly next: Int32Array;
  /** Per node: the rules with a `starts` prefix that ends there. */
  private readonly prefix: (number[] | null)[] = [null];
  /** Per node: the rules with a `starts` whole word that ends there. */
  private readonly exact: (number[] | null)[] = [null];

  constructor(rules: readonly TriggerRule[]) {
    const next: number[] = new Array<number>(SLOTS).fill(0);
    rules.forEach((rule, r) => {
      for (const { word, exact } of rule.starts ?? []) {
        let node = 0;
        for (let i = 0; i < word.length; i++) {
          const at = node * SLOTS + slotOf(word.charCodeAt(i));
          if (!next[at]) {
            next[at] = this.prefix.length;
            this.prefix.push(null);
            this.exact.push(null);
            for (let k = 0; k < SLOTS; k++) next.push(0);
          }
          node = next[at]!;
        }
        const lists = exact ? this.exact : this.prefix;
        (lists[node] ??= []).push(r);
      }
    });
    this.next = Int32Array.from(next);
  }

  /**
   * Where each rule may match: per rule index, the offsets in `body` of the words
   * it may start at, ascending (undefined: none).
   */
  candidates(body: string, nRules: number): (number[] | undefined)[] {
    const out: (number[] | undefined)[] = new Array(nRules);
    const n = body.length;
    for (let i = 0; i < n; i++) {
      if (slotOf(body.charCodeAt(i)) < 0) continue;
      // i starts a word: follow the tree along it (no lead of a rule implies
      // another, so a rule is met at most once per word)
      let node = 0;
      let j = i;
      for (let s = slotOf(body.charCodeAt(j)); s >= 0; s = slotOf(body.charCodeAt(j))) {
        j++;
        if (node < 0) continue;
        node = this.next[node * SLOTS + s]! || -1;
        if (node < 0) continue;
        const p = this.prefix[node];
        if (p) for (const r of p) (out[r] ??= []).push(i);
        const e = this.exact[node];
        if (e && slotOf(body.charCodeAt(j)) < 0) for (const r of e) (out[r] ??= []).push(i);
      }
      i = j; // body[j] is not a word character
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
    if ((LETTER.test(m[0].charAt(0)) && LETTER.test(text.charAt(start - 1))) ||
      (LETTER.test(m[0].charAt(m[0].length - 1)) && LETTER.test(text.charAt(end)))) return;
    const i = locate(start);
    const s = sentences[i]!;
    if (start < s.start || end > s.end) return;
    if (rule.requires || rule.unless) {
      const key = `${rule.id}@${i}`;
      let pass = ok.get(key);
      if (pass === undefined) {
        const sentence = text.slice(s.start, s.end);
        pass = !(rule.requires && !rule.requires.test(sentence)) && !(rule.unless && rule.unless.test(sentence));
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
