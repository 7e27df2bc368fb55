/**
 * @module code/discards
 * Discard rules (`data/rules/discards.yaml`): contexts — a flood, a factory
 * fire, a drug bust — in which some triggers do not report what ACLED codes.
 */
import type { Span, SubEventType } from '../domain/types.js';
import { DataError, loadYaml } from '../data/load.js';
import type { Taxonomy } from './taxonomy.js';
import type { TriggerMatch } from './triggers.js';

export interface DiscardRule {
  id: string;
  when: RegExp;
  /** The context does not count when the sentence also matches this (e.g. names an armed group). */
  unless: RegExp | null;
  drops: Set<SubEventType>;
  /** Per dropped sub-type, a pattern that keeps its triggers when the sentence matches it (e.g. weapons seized). */
  keeps: Map<SubEventType, RegExp>;
  reason: string;
}

interface RawDiscard {
  id: string;
  when: string;
  unless?: string;
  drops: string[];
  keeps?: Record<string, string>;
  reason: string;
}

const FILE = 'rules/discards.yaml';

/**
 * Loads the discard rules.
 * @param taxonomy to check the sub-event types each rule drops
 * @throws DataError on a duplicate id, an unknown sub-type or a bad pattern
 */
export function loadDiscards(taxonomy: Taxonomy): DiscardRule[] {
  const doc = loadYaml(FILE);
  if (!Array.isArray(doc)) throw new DataError(FILE, 'expected a list of discard rules');
  const ids = new Set<string>();
  return (doc as RawDiscard[]).map((r) => {
    if (ids.has(r.id)) throw new DataError(FILE, `duplicate id ${r.id}`);
    ids.add(r.id);
    if (!r.reason) throw new DataError(FILE, `${r.id}: a rule needs a reason`);
    for (const d of r.drops) if (!taxonomy.subTypes.has(d as SubEventType)) throw new DataError(FILE, `${r.id}: unknown sub-event type "${d}"`);
    for (const k of Object.keys(r.keeps ?? {})) if (!r.drops.includes(k)) throw new DataError(FILE, `${r.id}: keeps "${k}", which it does not drop`);
    let when: RegExp;
    let unless: RegExp | null;
    const keeps = new Map<SubEventType, RegExp>();
    try {
      when = new RegExp(r.when, 'iu');
      unless = r.unless ? new RegExp(r.unless, 'iu') : null;
      for (const [k, v] of Object.entries(r.keeps ?? {})) keeps.set(k as SubEventType, new RegExp(v, 'iu'));
    } catch (e) {
      throw new DataError(FILE, `${r.id}: bad pattern: ${(e as Error).message}`);
    }
    return { id: r.id, when, unless, drops: new Set(r.drops as SubEventType[]), keeps, reason: r.reason };
  });
}

/** The sentence before a sentence, in its paragraph: one it continues when `continues()` says so. */
export interface PreviousSentence {
  span: Span;
  /** Asked only when a context of the sentence before would drop a trigger: the answer may cost a geoparse. */
  continues: () => boolean;
}

/**
 * Removes the triggers a discard rule rules out in this sentence.
 * @param rules discard rules
 * @param text article text
 * @param sentence the sentence the triggers come from
 * @param triggers the sentence's triggers
 * @param onDrop told of each removed trigger, with `discard-<id>` as the reason
 * @param previous the sentence before, in the same paragraph, when this one may continue it (a note's "5 crew
 *   arrested." after "Navy seized 2 tonnes of cocaine off Guayaquil."): when `continues()` says it does, its
 *   context holds for this sentence too, unless either names what the rule's `unless` excepts
 */
export function discard(
  rules: DiscardRule[],
  text: string,
  sentence: Span,
  triggers: TriggerMatch[],
  onDrop?: (n: { trigger: TriggerMatch; reason: string }) => void,
  previous?: PreviousSentence | null,
): TriggerMatch[] {
  if (!triggers.length) return triggers;
  const body = text.slice(sentence.start, sentence.end);
  const before = previous ? text.slice(previous.span.start, previous.span.end) : null;
  // Each context is tested at most once, and only when it could drop one of the triggers.
  const holds = new Map<DiscardRule, boolean>();
  const applies = (r: DiscardRule) => {
    let v = holds.get(r);
    if (v === undefined) {
      // The context first (it rarely holds; the exceptions are the long patterns), `continues()` last: it may
      // geoparse the article.
      if (r.when.test(body)) v = !r.unless?.test(body);
      else v = before !== null && r.when.test(before) && !r.unless?.test(body) && !r.unless?.test(before) && previous!.continues();
      holds.set(r, v);
    }
    return v;
  };
  return triggers.filter((t) => {
    // A territory trigger's sub-type waits for its actor: a rule drops it when it drops both of them.
    const drops = (r: DiscardRule): boolean => (t.rule.sub === 'territory'
      ? r.drops.has('Government regains territory') && r.drops.has('Non-state actor overtakes territory')
      : r.drops.has(t.rule.sub) && !r.keeps.get(t.rule.sub)?.test(body));
    const rule = rules.find((r) => drops(r) && applies(r));
    if (!rule) return true;
    onDrop?.({ trigger: t, reason: `discard-${rule.id}` });
    return false;
  });
}
