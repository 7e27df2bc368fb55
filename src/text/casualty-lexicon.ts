/**
 * @module text/casualty-lexicon
 * The casualty vocabulary (`data/lexicons/casualty-words.yaml`, `victims.yaml`),
 * loaded once and compiled into phrase matchers and regexes for
 * text/casualties, text/victims and text/casualty-context.
 */
import type { ClaimType } from '../domain/types.js';
import { alternation, PhraseMatcher, readLines, readYaml } from './lexicon.js';

/** Where a figure may stand relative to its trigger. */
export type Link = 'after' | 'before';

/** A trigger entry of casualty-words.yaml. */
export interface TriggerDef { id: string; kind: ClaimType; link: Link[]; forms: string[]; requires?: string[] }

/** casualty-words.yaml as parsed. */
export interface CasualtyYaml {
  triggers: TriggerDef[];
  blockers: string[];
  negations: { id: string; kind: ClaimType; pattern: string }[];
  subset_before: string[];
  subset_after: string[];
  total_cues: string[];
  total_cues_before: string[];
  war_nouns: string[];
  war_window: number;
  superlatives: string[];
  refugee_cues: string[];
  count_lead: string[];
  count_nouns: string[];
  age_before: string[];
  after_gap_words: string[];
  auxiliaries: string[];
  np_stop: string[];
  adjective_triggers: string[];
  prepositions: string[];
  refugee_prepositions: string[];
  object_starts: string[];
  leaving_verbs: string[];
}
interface VictimsYaml { groups: { group: string; forms: string[] }[] }

/** The compiled casualty vocabulary. */
export interface CasualtyLexicon {
  y: CasualtyYaml;
  triggers: PhraseMatcher<TriggerDef>;
  blockers: PhraseMatcher<true>;
  insertionRe: RegExp;
  negations: { id: string; kind: ClaimType; re: RegExp }[];
  subsetBeforeRe: RegExp;
  subsetAfterRe: RegExp;
  totalRe: RegExp;
  totalBeforeRe: RegExp;
  warRe: RegExp;
  warSubjectRe: RegExp;
  superlativeRe: RegExp;
  refugeeRes: RegExp[];
  countLeadRe: RegExp;
  countNounRe: RegExp;
  ageRe: RegExp;
  victims: PhraseMatcher<string>;
  /** month and weekday names: never an area */
  notPlaces: Set<string>;
  requiresRe: Map<string, RegExp>;
  /** gap between a trigger and a following figure */
  afterGapRe: RegExp;
  auxiliaries: Set<string>;
  npStop: Set<string>;
  adjectiveTriggers: Set<string>;
  prepositions: Set<string>;
  countries: PhraseMatcher<true>;
  /** an object right after an active verb: "two gunmen killed *three* soldiers" is not a passive */
  objectStartRe: RegExp;
  /** a movement preposition right before a country ("fled *to* Chad") */
  toCountryRe: RegExp;
  /** a trigger that is itself a leaving verb ("have *fled* Ukraine") */
  leavingRe: RegExp;
}

const words = (xs: Iterable<string>, flags = 'giu'): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(xs)})(?![\\p{L}\\p{N}])`, flags);

let LEX: CasualtyLexicon | null = null;

/**
 * The casualty vocabulary, loaded and compiled on first use.
 * @returns the compiled lexicon
 * @throws Error when a trigger form is listed twice
 */
export function casualtyLexicon(): CasualtyLexicon {
  if (LEX) return LEX;
  const y = readYaml<CasualtyYaml>('casualty-words.yaml');
  const v = readYaml<VictimsYaml>('victims.yaml');
  const triggerOf = new Map<string, TriggerDef>();
  const requiresRe = new Map<string, RegExp>();
  for (const t of y.triggers) {
    for (const f of t.forms) {
      if (triggerOf.has(f)) throw new Error(`casualty-words.yaml: form "${f}" in two triggers`);
      triggerOf.set(f, t);
    }
    if (t.requires) requiresRe.set(t.id, words(t.requires, 'iu'));
  }
  const victimOf = new Map<string, string>();
  for (const g of v.groups) for (const f of g.forms) if (!victimOf.has(f)) victimOf.set(f, g.group);
  LEX = {
    y,
    triggers: new PhraseMatcher(triggerOf),
    blockers: new PhraseMatcher(y.blockers.map((b) => [b, true] as const)),
    insertionRe: new RegExp(`,\\s*(?:${alternation(y.subset_before)})\\b[^;]*,`, 'giu'),
    negations: y.negations.map((n) => ({ id: n.id, kind: n.kind, re: new RegExp(n.pattern, 'gi') })),
    subsetBeforeRe: new RegExp(`(?<![\\p{L}])(?:${alternation(y.subset_before)})\\s+(?:[\\p{L}'’-]+\\s+){0,3}$`, 'iu'),
    subsetAfterRe: new RegExp(`^\\s*(?:${alternation(y.subset_after)})(?![\\p{L}])`, 'iu'),
    totalRe: words(y.total_cues, 'iu'),
    totalBeforeRe: words(y.total_cues_before, 'iu'),
    warRe: words(y.war_nouns, 'iu'),
    warSubjectRe: new RegExp(`(?<![\\p{L}])(?:${alternation(y.war_nouns)})(?![\\p{L}])[^.;,]{0,60}?\\b(?:has|have|had|that|which|estimated to have|believed to have|thought to have)(?:\\s+(?:has|have|had|already|so far|now))?\\s+$`, 'iu'),
    superlativeRe: new RegExp(`(?<![\\p{L}])(?:\\p{L}+est|${alternation(y.superlatives)})\\s+(?:[\\p{L}'’-]+\\s+){0,3}$`, 'iu'),
    refugeeRes: y.refugee_cues.map((r) => new RegExp(r)),
    countLeadRe: new RegExp(`(?<![\\p{L}])(?:${alternation(y.count_lead)})\\s+(?:(?:the|a|an|it|them)\\s+)?$`, 'iu'),
    countNounRe: new RegExp(`^\\s*(?:${alternation(y.count_nouns)})(?![\\p{L}])`, 'iu'),
    ageRe: new RegExp(`(?<![\\p{L}])(?:${alternation(y.age_before)})\\s+$`, 'iu'),
    victims: new PhraseMatcher(victimOf),
    notPlaces: new Set(readYaml<{ months: { forms: string[] }[]; weekdays: { forms: string[] }[] }>('dates.yaml').months.concat(readYaml<{ weekdays: { forms: string[] }[] }>('dates.yaml').weekdays).flatMap((x) => x.forms)),
    requiresRe,
    afterGapRe: new RegExp(`^(?:\\s+|\\s*\\b(?:${alternation(y.after_gap_words)})\\b)*\\s*["“]?$`, 'i'),
    auxiliaries: new Set(y.auxiliaries),
    npStop: new Set(y.np_stop),
    adjectiveTriggers: new Set(y.adjective_triggers),
    prepositions: new Set(y.prepositions),
    objectStartRe: new RegExp(`^\\s+(?:(?:${alternation(y.object_starts)})\\s+|\\d)`, 'i'),
    countries: new PhraseMatcher(readLines('countries.txt').map((c) => [c, true] as const)),
    toCountryRe: new RegExp(`(?:^|\\s)(?:${alternation(y.refugee_prepositions)})\\s+(?:the\\s+)?$`, 'i'),
    leavingRe: new RegExp(`(?:^|\\s)(?:${alternation(y.leaving_verbs)})$`, 'i'),
  };
  return LEX;
}

