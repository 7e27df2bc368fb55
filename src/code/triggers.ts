/**
 * @module code/triggers
 * Event triggers (`data/rules/triggers.yaml`): the words that make a sentence
 * report an ACLED event. Rules are compiled once; `findTriggers` scans a span
 * of text and returns every match with the rule that fired.
 */
import type { Span, SubEventType } from '../domain/types.js';
import { DataError, loadYaml } from '../data/load.js';
import type { Taxonomy } from './taxonomy.js';

/** `territory`: the sub-type depends on who took the place (see coder). */
export type TriggerSub = SubEventType | 'territory';

export interface TriggerRule {
  id: string;
  sub: TriggerSub;
  weight: number;
  weak: boolean;
  pattern: RegExp;
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
    const body = `\\b(?:${expand(r.match, macros, r.id)})\\b`;
    return {
      id: r.id,
      sub: r.sub as TriggerSub,
      weight: r.weight,
      weak: r.weak ?? false,
      placeAfter: r.place_after ?? false,
      pattern: compile(body, r.id, 'gi'),
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
