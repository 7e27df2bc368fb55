/**
 * @module code/context
 * Modality around a trigger (`data/rules/context.yaml`): negated, future,
 * generic or commemorated events are dropped; hedged ones lose confidence.
 */
import type { Span } from '../domain/types.js';
import { DataError, loadYaml } from '../data/load.js';

export type CueEffect = 'drop' | 'lower' | 'dated';

export interface ContextCue {
  id: string;
  effect: CueEffect;
  /** Matches the cue in the words just before the trigger, inside its clause. */
  before: RegExp | null;
  /** Matches the end of the words that open the trigger's clause, break word included. */
  opener: RegExp | null;
  /** Matches the cue in the words just after the trigger, inside its clause. */
  after: RegExp | null;
  /** Must also occur somewhere in the sentence. */
  sentence: RegExp | null;
  /**
   * For `dated` cues: what makes the recalled event codable. `date-and-dead` (default): its clause
   * dates it and counts its dead; `calendar-date`: its clause gives its calendar date ("on April 4, 2017").
   */
  datedBy: 'date-and-dead' | 'calendar-date';
}

export interface ContextRules {
  window: number;
  cues: ContextCue[];
  clauseBreak: RegExp;
  /**
   * Per place a cue is looked for, one pattern that matches where any cue's does (their alternation):
   * most triggers have no cue at all, and one failed test then answers for every cue.
   */
  any: { before: RegExp | null; after: RegExp | null; opener: RegExp | null };
}

interface RawCue {
  id: string;
  effect: string;
  before?: string;
  after?: string;
  opener?: string;
  sentence?: string;
  dated_by?: string;
}

const FILE = 'rules/context.yaml';

/** A cue's pattern with its edges, per place it is looked for: whole words, or a clause opener's start. */
const EDGED = {
  before: (src: string): string => `(?<![\\p{L}])(?:${src})(?![\\p{L}])`,
  after: (src: string): string => `(?<![\\p{L}])(?:${src})(?![\\p{L}])`,
  opener: (src: string): string => `(?<![\\p{L}])(?:${src})`,
};

/** Loads the context cues. @throws DataError on a bad file */
export function loadContextRules(): ContextRules {
  const doc = loadYaml(FILE) as { window: number; cues: RawCue[]; clause_breaks: string };
  const ids = new Set<string>();
  const cues = doc.cues.map((c) => {
    if (ids.has(c.id)) throw new DataError(FILE, `duplicate cue id ${c.id}`);
    ids.add(c.id);
    if (c.effect !== 'drop' && c.effect !== 'lower' && c.effect !== 'dated') throw new DataError(FILE, `cue ${c.id}: effect must be drop, lower or dated`);
    if (!c.before && !c.opener && !c.after) throw new DataError(FILE, `cue ${c.id}: needs before, after or opener`);
    if (c.dated_by !== undefined && (c.effect !== 'dated' || (c.dated_by !== 'date-and-dead' && c.dated_by !== 'calendar-date'))) {
      throw new DataError(FILE, `cue ${c.id}: dated_by is date-and-dead or calendar-date, on a dated cue`);
    }
    // (Cues are also tested together, as one alternation: a group reference would change meaning there.)
    for (const src of [c.before, c.after, c.opener]) {
      if (src && /\\(?:[1-9]|k<)|\(\?<[A-Za-z]/.test(src)) throw new DataError(FILE, `cue ${c.id}: back-references and named groups are not supported`);
    }
    try {
      return {
        id: c.id,
        effect: c.effect as CueEffect,
        before: c.before ? new RegExp(EDGED.before(c.before), 'iu') : null,
        opener: c.opener ? new RegExp(EDGED.opener(c.opener), 'iu') : null,
        after: c.after ? new RegExp(EDGED.after(c.after), 'iu') : null,
        sentence: c.sentence ? new RegExp(c.sentence, 'iu') : null,
        datedBy: (c.dated_by ?? 'date-and-dead') as ContextCue['datedBy'],
      };
    } catch (e) {
      throw new DataError(FILE, `cue ${c.id}: bad pattern: ${(e as Error).message}`);
    }
  });
  // The alternation of the cues' patterns, with the same edges and flags: it matches a string
  // exactly when one of them does (no cue pattern refers back to a group, so none changes meaning).
  const any = (place: keyof typeof EDGED): RegExp | null => {
    const alts = doc.cues.map((c) => c[place]).filter((x): x is string => !!x);
    return alts.length ? new RegExp(EDGED[place](alts.map((x) => `(?:${x})`).join('|')), 'iu') : null;
  };
  return {
    window: doc.window,
    cues,
    clauseBreak: new RegExp(doc.clause_breaks, 'giu'),
    any: { before: any('before'), after: any('after'), opener: any('opener') },
  };
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
  const whole = text.slice(sentence.start, sentence.end);
  let left = text.slice(sentence.start, trigger.start);
  // Cut at the last clause break: a cue before it governs another clause.
  rules.clauseBreak.lastIndex = 0;
  let cut = 0;
  let breakAt = -1;
  for (let m = rules.clauseBreak.exec(left); m; m = rules.clauseBreak.exec(left)) {
    cut = m.index + m[0].length;
    breakAt = m.index;
  }
  // The clause opener: up to three words before the break, and the break word itself.
  const opener = breakAt >= 0 ? left.slice(0, cut).split(/\s+/).slice(-4).join(' ').trim() : '';
  // "claimed that a US air strike …", "denied that …": the verb before a "that" governs its clause.
  const keep = breakAt >= 0 && /^that$/i.test(left.slice(breakAt, cut).trim()) ? left.slice(0, cut).split(/\s+/).slice(-4).join(' ') + ' ' : '';
  left = keep + left.slice(cut);
  const words = left.trim().split(/\s+/).filter(Boolean);
  // A trailing space lets a cue that must directly precede the trigger ("any ") match.
  const windowText = words.length ? `${words.slice(-rules.window).join(' ')} ` : '';
  // The words after the trigger, up to the next clause break.
  let right = text.slice(trigger.end, sentence.end);
  const rb = /[;:—–,]|\b(?:after|when|as|while|because|but|which|who)\b/i.exec(right);
  if (rb) right = right.slice(0, rb.index);
  const afterText = right.trim().split(/\s+/).filter(Boolean).slice(0, rules.window).join(' ');
  // No cue's words near the trigger (most triggers): no cue applies.
  const { any } = rules;
  if (!(any.after && afterText && any.after.test(afterText)) && !(any.before && windowText && any.before.test(windowText)) &&
    !(any.opener && opener && any.opener.test(opener))) return [];
  // The cue's words near the trigger first: the whole-sentence condition is the dearer test.
  return rules.cues.filter((c) =>
    ((c.after && afterText && c.after.test(afterText)) || (c.before && windowText && c.before.test(windowText)) || (c.opener && opener && c.opener.test(opener))) &&
    (!c.sentence || c.sentence.test(whole)));
}
