/**
 * @module code/fallback
 * When no trigger rule matches any sentence of an article, the fall-back
 * classifier (`code/classifier`) reads the article's opening and may name the
 * sub-event type it reports. Its answer enters the coder as one trigger match
 * of the rule `classifier`, on the words that weighed most for that answer, so
 * the event gets its date, place, actors and figures, its context checks
 * (negation, threats, plans) and its evidence exactly as a rule's would. It is also asked when every
 * trigger of an article was dropped only because the rules were unsure (`UNSURE_DROPS`).
 *
 * (A second opinion on the sub-types the rules give was tried, trained with the
 * rules' answer as a feature: +2.4 points on cross-validated snippets, but more
 * right answers turned wrong than wrong ones right on an external test, so the
 * rules keep the last word where they fire.)
 */
import type { Analysis, Sentence } from './analysis.js';
import { NONE_LABEL, type SnippetClassifier } from './classifier.js';
import type { TriggerMatch, TriggerRule } from './triggers.js';
import type { SubEventType } from '../domain/types.js';

/** The id of the rule behind every classified event (in its `rules`). */
export const CLASSIFIER_RULE = 'classifier';

/**
 * The smallest probability the classifier must give an event sub-type. Chosen
 * from `scripts/classifier-cv.ts` (cross-validation on the training snippets and
 * the codebook sentences), never from a test set.
 */
export const CLASSIFIER_MIN_P = 0.5;

/**
 * Reasons for dropping a trigger that say the rules were unsure, not that the text reports no event:
 * when every trigger of an article fell for one of these, the classifier is asked as if none had matched
 * (on the team's snippets, out of fold: 37 right, 4 wrong and no non-event given an event, of 81 such).
 * A plural with no date of its own ("defused IEDs", "air strikes") may be a pattern or one undated report: the
 * classifier decides that too (batches held out from its training: batch 3 +1 snippet, batches 4 and 5
 * unchanged, no new false alarm).
 */
export const UNSURE_DROPS: ReadonlySet<string> = new Set(['territory-without-place', 'no-place-after', 'low-confidence', 'generic-plural']);

/** News opens with its main event: the classifier reads this many sentences (a lede and what follows). */
const OPENING_SENTENCES = 3;

const NEVER = /(?!)/y;

/** The pseudo-rule of one sub-type, with a weight that grows with the classifier's probability. */
function ruleFor(sub: SubEventType, p: number): TriggerRule {
  // 0.5 → 0.5, 1.0 → 0.75: below most rules, at or above the coder's floor of 0.5.
  return { id: CLASSIFIER_RULE, sub, weight: 0.25 + 0.5 * p, weak: false, pattern: NEVER, sticky: NEVER, starts: null, startNeeds: null, needs: null, requires: null, unless: null, carry: null, placeAfter: false, ledeOnly: false, twoSided: false };
}

/**
 * The classifier's trigger for an article no rule matched, or null when it finds
 * no event it is sure enough of.
 * @param classifier the trained classifier
 * @param a the analysed article
 * @returns one trigger match, in the opening sentence that holds its evidence
 */
export function fallbackTrigger(classifier: SnippetClassifier, a: Analysis): { sentence: Sentence; match: TriggerMatch } | null {
  const opening = a.sentences.filter((s) => s.zone === 'lede' || s.zone === 'body').slice(0, OPENING_SENTENCES);
  if (!opening.length) return null;
  const start = opening[0]!.start;
  const end = opening[opening.length - 1]!.end;
  const c = classifier.classify(a.text, start, end);
  if (c.label === NONE_LABEL || c.p < CLASSIFIER_MIN_P || !c.evidence) return null;
  const ev = c.evidence;
  const sentence = opening.find((s) => ev.start >= s.start && ev.start < s.end) ?? opening[0]!;
  return { sentence, match: { start: ev.start, end: ev.end, text: a.text.slice(ev.start, ev.end), rule: ruleFor(c.label, c.p) } };
}

