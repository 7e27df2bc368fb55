/**
 * @module code/context
 * Modality around a trigger (`data/rules/context.yaml`): negated, future,
 * generic or commemorated events are dropped; hedged ones lose confidence.
 */
import type { Span } from '../domain/types.js';
import { DataError, loadYaml } from '../data/load.js';

export type CueEffect = 'drop' | 'lower';

export interface ContextCue {
  id: string;
  effect: CueEffect;
  /** Matches the cue at the END of the text before the trigger. */
  before: RegExp;
}

export interface ContextRules {
  window: number;
  cues: ContextCue[];
  clauseBreak: RegExp;
}

interface RawCue {
  id: string;
  effect: string;
  before: string;
}

const FILE = 'rules/context.yaml';

/** Loads the context cues. @throws DataError on a bad file */
export function loadContextRules(): ContextRules {
  const doc = loadYaml(FILE) as { window: number; cues: RawCue[]; clause_breaks: string };
  const ids = new Set<string>();
  const cues = doc.cues.map((c) => {
    if (ids.has(c.id)) throw new DataError(FILE, `duplicate cue id ${c.id}`);
    ids.add(c.id);
    if (c.effect !== 'drop' && c.effect !== 'lower') throw new DataError(FILE, `cue ${c.id}: effect must be drop or lower`);
    try {
      return { id: c.id, effect: c.effect as CueEffect, before: new RegExp(`(?<![\\p{L}])(?:${c.before})(?![\\p{L}])`, 'iu') };
    } catch (e) {
      throw new DataError(FILE, `cue ${c.id}: bad pattern: ${(e as Error).message}`);
    }
  });
  return { window: doc.window, cues, clauseBreak: new RegExp(doc.clause_breaks, 'giu') };
}

/**
 * The cues that govern a trigger: those in the same clause within `window`
 * words before it.
 * @param rules context rules
 * @param text article text
 * @param sentence the trigger's sentence
 * @param trigger the trigger span
 * @returns the cues that apply, in file order
 */
export function cuesFor(rules: ContextRules, text: string, sentence: Span, trigger: Span): ContextCue[] {
  let left = text.slice(sentence.start, trigger.start);
  // Cut at the last clause break: a cue before it governs another clause.
  rules.clauseBreak.lastIndex = 0;
  let cut = 0;
  for (let m = rules.clauseBreak.exec(left); m; m = rules.clauseBreak.exec(left)) cut = m.index + m[0].length;
  left = left.slice(cut);
  const words = left.trim().split(/\s+/).filter(Boolean);
  const windowText = words.slice(-rules.window).join(' ');
  if (!windowText) return [];
  return rules.cues.filter((c) => c.before.test(windowText));
}
