/**
 * @module code/triggers
 * Event triggers (`data/rules/triggers.yaml`): the words that make a sentence
 * report an ACLED event. Rules are compiled once; `findTriggers` scans a span
 * of text and returns every match with the rule that fired.
 */
import type { Span, SubEventType } from '../domain/types.js';
import { DataError, loadYaml } from '../data/load.js';
import { leadingWords } from './regex-heads.js';
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
   * Lower-case prefixes of the word every match starts with ("kill" for "killed",
   * "killing" …), from `code/regex-heads`; null when the pattern could start anywhere.
   */
  starts: readonly string[] | null;
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

/** A node of the prefix tree over lower-case ASCII word characters. */
interface PrefixNode {
  next: Map<number, PrefixNode>;
  /** Indices of the rules one of whose `starts` ends here. */
  rules: number[];
}

/** `[A-Za-z0-9_]`: the word characters of `\b` without the `u` flag. */
const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * The rules indexed by the word prefixes their matches start with: one pass over
 * the text finds, for every rule, the words where it can match, so each rule's
 * regex runs only there (a sticky match per candidate word) instead of scanning
 * the whole text. Rules without `starts` still scan.
 */
class StartIndex {
  private readonly root: PrefixNode = { next: new Map(), rules: [] };

  constructor(rules: readonly TriggerRule[]) {
    rules.forEach((rule, r) => {
      for (const w of rule.starts ?? []) {
        let node = this.root;
        for (let i = 0; i < w.length; i++) {
          const c = w.charCodeAt(i);
          let child = node.next.get(c);
          if (!child) node.next.set(c, (child = { next: new Map(), rules: [] }));
          node = child;
        }
        node.rules.push(r);
      }
    });
  }

  /**
   * Where each rule may match: per rule index, the offsets in `body` of the words
   * that start with one of its prefixes, ascending (undefined: none).
   */
  candidates(body: string, nRules: number): (number[] | undefined)[] {
    const out: (number[] | undefined)[] = new Array(nRules);
    const n = body.length;
    for (let i = 0; i < n; i++) {
      if (!isWordCode(body.charCodeAt(i))) continue;
      // i starts a word: follow the tree along it (a rule's prefixes are never
      // prefixes of each other, so a rule is met at most once per word)
      let node: PrefixNode | undefined = this.root;
      let j = i;
      for (; j < n; j++) {
        let c = body.charCodeAt(j);
        if (!isWordCode(c)) break;
        if (node) {
          if (c >= 65 && c <= 90) c |= 32;
          node = node.next.get(c);
          if (node) for (const r of node.rules) (out[r] ??= []).push(i);
        }
      }
      i = j; // the character after the word is not a word character
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
