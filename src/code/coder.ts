/**
 * @module code/coder
 * The event coder: from an analysed article (sentences with their dates,
 * places, figures and actors) to ACLED-style event mentions. Each decision
 * carries the id of the rule that made it, so every event can be explained.
 *
 * Per sentence: find triggers → drop those a context cue negates → resolve
 * precedence between triggers of one sentence → give each surviving trigger
 * a sub-type, actors, a date, a place and its figures.
 */
import type { Evidence, GeoPrecision, InterCode, SubEventType, TimePrecision, Toponym } from '../domain/types.js';
import type { ActorDictionary, ActorMention } from './actors.js';
import type { Analysis, CasualtyRef, DateRef, Sentence } from './analysis.js';
import { cuesFor, type ContextRules } from './context.js';
import { addDays, daysBetween } from '../text/calendar.js';
import type { Taxonomy } from './taxonomy.js';
import { discard, type DiscardRule } from './discards.js';
import { findTriggersBySentence, type TriggerMatch, type TriggerRule } from './triggers.js';

/** An actor as coded on an event. */
export interface CodedActor {
  name: string;
  inter: InterCode;
  mention: ActorMention | null;
}

/** One event as coded from one sentence (before merging inside the article). */
export interface EventMention {
  sentence: Sentence;
  trigger: TriggerMatch;
  sub: SubEventType;
  date: string | null;
  timePrecision: TimePrecision;
  dateRef: DateRef | null;
  place: Toponym | null;
  geoPrecision: GeoPrecision;
  actor1: CodedActor;
  assoc1: string | null;
  actor2: CodedActor | null;
  /** `implied`: 0 inferred from a report of wounded only, which a count of dead elsewhere overrides. */
  fatalities: { low: number; high: number; refs: CasualtyRef[]; implied?: boolean } | null;
  injuries: number | null;
  historical: boolean;
  civilianTargeting: boolean;
  source: string | null;
  confidence: number;
  rules: string[];
  evidence: Evidence[];
}

/** Why a trigger did not become an event (for `--explain` and for measuring the rules). */
export interface DropNote {
  trigger: TriggerMatch;
  reason: string;
}
export type DropListener = (note: DropNote) => void;

/** Mentions below this confidence are not reported. */
export const MIN_CONFIDENCE = 0.5;

export interface CoderDeps {
  taxonomy: Taxonomy;
  discards: DiscardRule[];
  triggers: TriggerRule[];
  context: ContextRules;
  actors: ActorDictionary;
}

const DEMO = new Set<SubEventType>(['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters', 'Violent demonstration', 'Mob violence']);
/** Strong triggers whose events include the killings their sentence reports ("an air strike killed 5"). */
const SUBSUMES_KILLING = new Set<string>(['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory', 'territory',
  'Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon',
  'Attack', 'Excessive force against protesters', 'Violent demonstration', 'Mob violence']);
const REMOTE = new Set<string>(['Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon']);
const TERRITORY = new Set<SubEventType>(['Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory']);
const ARMED_INTER = new Set<InterCode>([1, 2, 3, 4, 8]);
const LOCATIVE = /(?:\b(?:in|into|across|from|of|to|near|throughout|within|inside|outside|around|towards|toward|on|at)\s+(?:the\s+)?)$/i;
const PASSIVE_BY = /^\s*(?:\S+\s+){0,6}?by\s+(?:the\s+|a\s+|an\s+)?$/i;
const PLURAL_ANAPHOR = /\b(?:those|these|the two|both|the)\s+(?:towns|villages|cities|areas|positions|localities)\b/i;
const SINGLE_KILLED = /\b(?:was|has been|had been) (?:[\w'’-]+ ){0,6}?(?:killed|shot dead|murdered|executed|assassinated|beheaded|died)\b/i;
const SINGLE_HURT = /\b(?:was|has been|had been) (?:[\w'’-]+ ){0,3}?(?:shot|wounded|injured|stabbed|hurt|beaten)\b/i;
const TOWN_ANAPHOR = /\bthe (?:town|city|village)(?:['’]s)?\b/i;
const RESPONSIBILITY = /\b(?:claimed responsibility|claims responsibility|took responsibility|(?:said|says|claimed)\b[^.;]{0,60}\b(?:it|they) (?:had )?carried out)/i;
const GENERIC_PLURAL = /^(?:[\w'’-]+\s+)?(?:attacks|assassinations|kidnappings|abductions|bombings|killings|arrests|raids|ambushes|air ?strikes|airstrikes|drone strikes|strikes|explosions|improvised explosive devices|explosive devices|devices|landmines|mines|shells|rockets|missiles|massacres|lootings|detentions)\b/i;
const REPORTING_BEFORE = /\b(?:said|says|say|announced|told (?:\w+ ){0,2}|reported|stated|added|confirmed|statement|tweeted|wrote|posted)\s+(?:(?:late|early|on|in|a statement|its|a|on its)\s+){0,3}$/i;
const BACKING_BEFORE = /\b(?:backed by|supported by|alongside|with the help of|together with|allied (?:to|with)|aided by|with support from)\s+(?:[\p{L}'’-]+\s+){0,4}$/iu;
const ATTRIBUTION = /(?:according to|said|says|reported|told|confirmed|claimed)/i;

/**
 * Which trigger each casualty figure of a sentence belongs to: the nearest one, a
 * clause break counting triple ("an air strike killed three; the army retook X").
 * Triggers a context cue drops still own their figures, so "six killed in clashes
 * across the country" does not lend its six to another event of the sentence.
 */
function casualtyOwners(text: string, s: Sentence, triggers: TriggerMatch[]): Map<CasualtyRef, TriggerMatch> {
  const out = new Map<CasualtyRef, TriggerMatch>();
  for (const c of s.casualties) {
    let best: TriggerMatch | null = null;
    let bestD = Infinity;
    for (const t of triggers) {
      if (c.start < t.end && t.start < c.end) {
        best = t;
        break;
      }
      const between = c.start >= t.end ? text.slice(t.end, c.start) : text.slice(c.end, t.start);
      const d = (c.start >= t.end ? c.start - t.end : (t.start - c.end) * 1.2) * (/[;:—–]|,\s*(?:and|while|as|but)\b/i.test(between) ? 3 : 1);
      if (d < bestD) {
        bestD = d;
        best = t;
      }
    }
    if (best) out.set(c, best);
  }
  return out;
}

/** Precedence inside one sentence: the ids are printed in `rules`. */
function resolvePrecedence(ms: TriggerMatch[], rules: string[][]): TriggerMatch[] {
  // Overlapping matches: keep the strong over the weak, then the longer, then the heavier one.
  const byLen = [...ms].sort((a, b) => Number(a.rule.weak) - Number(b.rule.weak) || b.end - b.start - (a.end - a.start) || b.rule.weight - a.rule.weight);
  let kept: TriggerMatch[] = [];
  for (const m of byLen) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  kept.sort((a, b) => a.start - b.start);
  // Weak triggers (a bare "killed") count only when nothing stronger is in the sentence,
  // and a killing is part of the remote violence the sentence names, however weakly.
  if (kept.some((m) => !m.rule.weak && SUBSUMES_KILLING.has(m.rule.sub))) kept = kept.filter((m) => !m.rule.weak);
  else if (kept.some((m) => REMOTE.has(m.rule.sub))) kept = kept.filter((m) => REMOTE.has(m.rule.sub) || (m.rule.sub !== 'Attack' && m.rule.sub !== 'Armed clash'));
  const subs = new Set(kept.map((m) => m.rule.sub));
  const drop = (pred: (m: TriggerMatch) => boolean, why: string) => {
    kept = kept.filter((m) => {
      if (!pred(m)) return true;
      rules.push([why, m.rule.id]);
      return false;
    });
  };
  const has = (...s: string[]) => s.some((x) => subs.has(x as SubEventType));
  // A protest that turned violent or met force is coded as that (ACLED precedence).
  if (has('Protest with intervention', 'Excessive force against protesters', 'Violent demonstration', 'Mob violence')) {
    drop((m) => m.rule.sub === 'Peaceful protest', 'precedence-protest');
  }
  if (has('Excessive force against protesters')) drop((m) => m.rule.sub === 'Protest with intervention', 'precedence-force');
  // Protesters who turn violent are rioters, whatever the police then do (ACLED: Violent demonstration).
  if (has('Violent demonstration')) drop((m) => m.rule.sub === 'Protest with intervention', 'precedence-riot-over-intervention');
  // A weapon defused, intercepted or seized did not go off: Disrupted weapons use.
  if (has('Disrupted weapons use')) {
    drop((m) => ['Grenade', 'Remote explosive/landmine/IED', 'Shelling/artillery/missile attack', 'Air/drone strike', 'Suicide bomb'].includes(m.rule.sub), 'precedence-disrupted');
  }
  // Fighting that ends in a change of control is the change of control.
  if (has('territory', 'Government regains territory', 'Non-state actor overtakes territory')) {
    drop((m) => m.rule.sub === 'Armed clash', 'precedence-territory');
  }
  // Remote violence names the means: a killing in the same sentence is part of it.
  if (has('Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon')) {
    drop((m) => m.rule.id === 'massacre' && /opened fire|shot/i.test(m.text) === false && m.rule.sub === 'Attack', 'precedence-remote');
  }
  // Protesters who clash with police are rioting, not fighting a battle.
  if (has('Violent demonstration', 'Mob violence')) drop((m) => m.rule.id === 'clash-noun', 'precedence-riot');
  // Suspects detained with their weapons: the arrest is the event.
  if (has('Arrests')) drop((m) => m.rule.sub === 'Disrupted weapons use' && /seiz|confiscat|recover|found/i.test(m.text), 'precedence-arrest-seizure');
  // Chemical shells or bombs are a chemical weapon attack.
  if (has('Chemical weapon')) drop((m) => m.rule.sub === 'Shelling/artillery/missile attack' || m.rule.sub === 'Air/drone strike', 'precedence-chemical');
  // A suicide bombing is not also an IED.
  if (has('Suicide bomb')) drop((m) => m.rule.sub === 'Remote explosive/landmine/IED', 'precedence-suicide');
  // Arrests at a protest are the police's intervention in it, not a separate arrest event.
  if (has('Peaceful protest', 'Protest with intervention', 'Excessive force against protesters', 'Violent demonstration')) {
    const arrests = kept.filter((m) => m.rule.sub === 'Arrests');
    drop((m) => m.rule.sub === 'Arrests', 'precedence-protest-arrest');
    if (arrests.length && !has('Protest with intervention', 'Excessive force against protesters', 'Violent demonstration')) {
      kept = kept.map((m) => (m.rule.sub === 'Peaceful protest' ? { ...m, rule: { ...m.rule, id: `${m.rule.id}+arrests`, sub: 'Protest with intervention' as const } } : m));
    }
  }
  return kept;
}

function actorFrom(deps: CoderDeps, m: ActorMention, cc: string | null): CodedActor {
  return { name: deps.actors.name(m, cc), inter: m.entry.inter, mention: m };
}

function genericActor(deps: CoderDeps, id: string, cc: string | null): CodedActor | null {
  const e = deps.actors.generic(id);
  if (!e) return null;
  const mention: ActorMention = { start: 0, end: 0, text: '', entry: e, cc, backer: null, state: false };
  return { name: deps.actors.name(mention, cc), inter: e.inter, mention: null };
}

/** Actor mentions that can play a role (a country after "in" is a place, not an actor). */
function roleActors(text: string, s: Sentence): ActorMention[] {
  return s.actors.filter((a) => {
    if (!a.state) return true;
    const before = text.slice(Math.max(s.start, a.start - 20), a.start);
    return !LOCATIVE.test(before);
  });
}

/** Picks actor1 (agent) and actor2 (target) around a trigger. */
function pickRoles(text: string, s: Sentence, t: TriggerMatch): { a1: ActorMention | null; a2: ActorMention | null; rule: string } {
  const actors = roleActors(text, s);
  // Passive: "... was attacked by gunmen" → the agent follows "by"; "the town fell to the rebels" → after "to".
  const fellTo = /\b(?:fell|fallen)\b.*\bto$/i.test(t.text);
  for (const a of actors) {
    if (a.start >= t.end && (PASSIVE_BY.test(text.slice(t.end, a.start)) || (fellTo && /^\s*(?:the\s+)?$/i.test(text.slice(t.end, a.start))))) {
      const a2 = actors.filter((x) => x !== a && x.end <= t.start).pop() ?? null;
      return { a1: a, a2, rule: 'roles-passive' };
    }
  }
  // "Soldiers backed by Wagner fighters entered ...": the backer is not the agent.
  const backing = (a: ActorMention) => BACKING_BEFORE.test(text.slice(Math.max(s.start, a.start - 50), a.start));
  const before = actors.filter((a) => a.end <= t.start && !backing(a));
  const after = actors.filter((a) => a.start >= t.end);
  // The agent is the nearest actor before the trigger; the target the nearest after it.
  let a1 = before.pop() ?? null;
  // "Hezbollah says its fighters clashed ...": a possessive generic is the group named before it.
  if (a1?.entry.generic && /\b(?:its|their)\s+$/i.test(text.slice(Math.max(s.start, a1.start - 8), a1.start))) {
    const owner = [...before].reverse().find((x) => !x.entry.generic && !x.state);
    if (owner) a1 = owner;
  }
  const a2 = after.find((a) => !a1 || deps_distinct(a, a1)) ?? null;
  if (a1) return { a1, a2, rule: 'roles-svo' };
  // Nothing before: a headline-style "Air strike on X by Y" or an agentless report.
  return { a1: null, a2, rule: 'roles-agentless' };
}

function deps_distinct(a: ActorMention, b: ActorMention): boolean {
  return a.entry.id !== b.entry.id || a.cc !== b.cc;
}

const TERRITORY_TRIGGER = new Set<string>(['territory', 'Government regains territory', 'Non-violent transfer of territory']);
/** "the town", "its base" — but not "the town of Kidal", which names the place. */
const OBJECT_ANAPHOR = /^\s*(?:full\s+|complete\s+)?(?:control\s+(?:of|over)\s+)?(?:the|this|that|these|those|its|their|his|her)\s+(?:[\w'’-]+\s+){0,2}?(?:city|town|village|area|region|district|port|base|garrison|camp|positions?|towns|villages|cities|areas|territory|stronghold|capital|airport|airbase|province|county|neighbou?rhoods?|hills?|outposts?|crossings?|bridge|localit(?:y|ies)|settlements?|enclave|barracks|headquarters|suburbs?|outskirts|municipality|commune)\b(?!\s+(?:of|in|at|near|called|named)\s+\p{Lu})/u;
const PASSIVE_BEFORE = /\b(?:been|was|were|being|is|are)\s+$/i;
const PLACE_ANAPHOR = /^\s*(?:full\s+|complete\s+)?(?:control\s+(?:of|over)\s+)?(?:[\w'’-]+\s+){0,4}?(?:city|town|village|area|region|district|port|base|garrison|camp|positions?|towns|villages|cities|areas|territory|territories|stronghold|capital|airport|airbase|province|county|neighbou?rhoods?|hills?|outposts?|crossings?|bridge|highway|road|oil ?fields?|dam|island|localit(?:y|ies)|settlements?|enclave|zone|pocket|strip|front ?line|checkpoints?|barracks|headquarters|HQ|suburbs?|outskirts|municipality|commune|sub-?district)\b/i;

/**
 * A change of control needs a place that changed hands: named right after the verb
 * ("seized Kidal"), before a passive verb ("Kidal was captured"), or referred to ("took the town").
 * "Those freed had been captured in Mariupol" names where people were taken, not a place taken.
 */
function hasPlaceObject(text: string, s: Sentence, t: TriggerMatch): boolean {
  const places = s.toponyms.filter((p) => p.role === 'place' && p.place);
  const passive = PASSIVE_BEFORE.test(text.slice(s.start, t.start));
  if (passive) return places.some((p) => p.end <= t.start);
  const after = text.slice(t.end, Math.min(s.end, t.end + 80));
  if (OBJECT_ANAPHOR.test(after) || PLACE_ANAPHOR.test(after) && /^\s*(?:the|this|that|its|their|several|two|three|four|five|some|many|key|large parts of|parts of|control of)\b/i.test(after)) return true;
  // A proper name right after the verb, even one the gazetteer lacks ("seized Kashma").
  if (/^\s+(?:the\s+)?(?:(?:village|town|city|area|district|locality|hamlet|strategic)\s+(?:of\s+)?)?(?:al-|el-)?\p{Lu}[\p{L}'’-]+/u.test(after) && !/^\s+(?:the\s+)?(?:[\p{Lu}][\p{L}'’-]+\s+)?(?:Army|Forces|Brigade|Group|Movement|Front|Council|Ministry|Government|Party|President|Minister|Commander|General|Colonel|Leader|Chief|Mr|Mrs|Ms)\b/u.test(after)) return true;
  return places.some((p) => p.start >= t.end && p.start - t.end <= 70 && !/[;:]/.test(text.slice(t.end, p.start))) ||
    /(?:in the hands of|fell to|fallen to|returning (?:under|to))/i.test(t.text) && places.length > 0 ||
    places.some((p) => p.end <= t.start && t.start - p.end <= 40);
}

/**
 * Adds another report's figures to an event: a first count is taken; a competing count
 * of the same event keeps ACLED's conservative lowest figure (and widens the range).
 */
function addFigures(m: EventMention, casualties: CasualtyRef[], text: string): void {
  const f = sumFatalities(casualties.filter((c) => !c.total), text);
  if (!f || f.implied) return;
  for (const r of f.refs) m.evidence.push({ field: 'fatalities', start: r.quantity.start, end: r.quantity.end, text: r.quantity.text });
  m.rules.push('figures-continuation');
  if (!m.fatalities || m.fatalities.implied) {
    m.fatalities = f;
    return;
  }
  // Named, different victims complete the toll ("12 Palestinians" … "an Israeli soldier");
  // anything else is a competing count of the same dead: the lowest stands.
  const have = new Set(m.fatalities.refs.map(victimGroup));
  const adds = f.refs.map(victimGroup);
  const complementary = !have.has('all') && !adds.includes('all') && adds.every((g) => !have.has(g));
  m.fatalities = complementary
    ? { low: m.fatalities.low + f.low, high: m.fatalities.high + f.high, refs: [...m.fatalities.refs, ...f.refs] }
    : { low: Math.min(m.fatalities.low, f.low), high: Math.max(m.fatalities.high, f.high), refs: [...m.fatalities.refs, ...f.refs] };
}

/** The victim group of a figure; people in general, or unstated, are "all". */
function victimGroup(r: CasualtyRef): string {
  const v = (r.victims ?? 'all').toLowerCase();
  return /^(?:all|people|persons|individuals|victims|dead|bodies)$/.test(v) ? 'all' : v;
}

/** "Russian shelling", "a US air strike", "Saudi-led coalition jets": the state named right before the trigger. */
function adjectiveState(deps: CoderDeps, text: string, s: Sentence, t: TriggerMatch): { cc: string; start: number; end: number } | null {
  const before = text.slice(Math.max(s.start, t.start - 40), t.start);
  const m = /(?:^|[\s(])([A-Z][\p{L}.]*(?:['’]s)?)(?:-led)?(?:\s+(?:coalition|[a-z][\p{L}-]*)){0,2}\s*$/u.exec(before);
  if (!m) return null;
  const cc = deps.actors.countryOfWord(m[1]!);
  if (!cc) return null;
  const start = t.start - before.length + before.lastIndexOf(m[1]!);
  return { cc, start, end: start + m[1]!.length };
}

/** The place of an event: the place named nearest the trigger in its clause, or inherited. */
function pickPlace(text: string, s: Sentence, t: TriggerMatch, focusCc: string | null): Toponym | null {
  // "Russia's Wagner Group": a country in the possessive names an actor's home, not a place of events.
  let places = s.toponyms.filter((p) => p.role === 'place' && p.place &&
    !(p.place.feature_code.startsWith('A.PCL') && /^['’]s\b/.test(text.slice(p.end, p.end + 3))));
  if (!places.length) return null;
  // "took over the base", "entered the town": the place was named before the verb, or earlier.
  if (TERRITORY_TRIGGER.has(t.rule.sub) && OBJECT_ANAPHOR.test(text.slice(t.end, Math.min(s.end, t.end + 60)))) {
    const before = places.filter((p) => p.end <= t.start && !p.place!.feature_code.startsWith('A.PCL'));
    if (!before.length) return null;
    places = [before[before.length - 1]!];
  }
  // Only countries named: the article's own country if it is among them ("Ukraine says ... with Russia").
  // A foreign country named alone is more often a target or a party ("chanting against France") than the place.
  if (places.every((p) => p.place!.feature_code.startsWith('A.PCL'))) {
    return places.find((p) => p.place!.cc === focusCc) ?? (focusCc ? null : places[0]!);
  }
  const rank = (p: Toponym) => {
    const fc = p.place!.feature_code;
    const level = fc.startsWith('A.PCL') ? 2 : fc.startsWith('A.ADM') ? 1 : 0;
    const between = p.start >= t.end ? text.slice(t.end, p.start) : text.slice(p.end, t.start);
    let dist = p.start >= t.end ? p.start - t.end : (t.start - p.end) * 1.5;
    // A place in another clause ("…, angering Bamako") is a weaker candidate.
    if (/[,;:—–]/.test(between)) dist *= 3;
    // "in X", "near X", "X's": the usual way news locates an event.
    if (/\b(?:in|at|near|outside|into|around|across|from|of|on|inside)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$/i.test(text.slice(Math.max(s.start, p.start - 40), p.start))) dist *= 0.6;
    return level * 1000 + dist;
  };
  return [...places].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

function geoPrecisionOf(p: Toponym | null, inherited: boolean): GeoPrecision {
  if (!p?.place) return 3;
  const fc = p.place.feature_code;
  if (fc.startsWith('A.PCL') || fc.startsWith('A.ADM1')) return 3;
  if (p.relative) return p.relative.geo_precision;
  if (fc.startsWith('A.')) return 2;
  return inherited ? 2 : 1;
}

/** The date of an event: the date expression nearest the trigger in its sentence. */
function pickDate(text: string, s: Sentence, t: TriggerMatch): DateRef | null {
  const ds = s.dates.filter((d) => {
    if (!d.date || d.kind === 'time' || d.kind === 'since') return false;
    // "…, the ministry said on Wednesday": the date of the statement, not of the event.
    if (REPORTING_BEFORE.test(text.slice(Math.max(s.start, d.start - 40), d.start))) return false;
    // "… since the military seized power on February 1": the start of a period, unless the trigger is in that clause.
    const opener = clauseOpener(text, s, d.start);
    return !(opener && /^since\b/i.test(opener.word) && !(t.start >= opener.at && t.end <= d.start));
  });
  if (!ds.length) return null;
  const dist = (d: DateRef) => {
    const between = d.start >= t.end ? text.slice(t.end, d.start) : text.slice(d.end, t.start);
    const raw = d.start >= t.end ? d.start - t.end : t.start - d.end;
    return /[;:—–]|,\s*(?:while|as|after|since|when|but|and|which|who|where)\b|\b(?:which|who|where)\b/i.test(between) ? raw * 3 : raw;
  };
  return [...ds].sort((a, b) => dist(a) - dist(b))[0] ?? null;
}

/** The last usable date of the sentences before `s` in its paragraph (not before a live-blog heading). */
function previousDate(a: Analysis, s: Sentence, from: number): DateRef | null {
  for (let i = s.index - 1; i >= from; i--) {
    const p = a.sentences[i]!;
    if (p.paragraph !== s.paragraph) break;
    if (p.zone !== 'body' && p.zone !== 'lede') continue;
    // "since his ouster last year" does not date what follows.
    const d = p.dates.filter((x) => x.date && x.kind !== 'time' && x.kind !== 'since' &&
      !/^since\b/i.test(clauseOpener(a.text, p, x.start)?.word ?? '')).pop();
    if (d) return d;
  }
  return null;
}

/** The subordinating word that opens the clause holding `pos` ("since", "after" ...), if any. */
function clauseOpener(text: string, s: Sentence, pos: number): { word: string; at: number } | null {
  const left = text.slice(s.start, pos);
  const re = /[,;:—–]|\b(?:since|after|before|when|while|as|until)\b/gi;
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(left); m; m = re.exec(left)) last = m;
  if (!last || /^[,;:—–]$/.test(last[0])) return null;
  return { word: last[0], at: s.start + last.index };
}

function sumFatalities(refs: CasualtyRef[], text?: string): { low: number; high: number; refs: CasualtyRef[]; implied?: boolean } | null {
  const current = refs.filter((r) => !r.total);
  const usable = current.filter((r) => r.kind === 'fatalities' && !(r.quantity.vague && !r.negated));
  const isZero = (r: CasualtyRef) => r.negated || r.quantity.low === 0;
  const positive = usable.filter((r) => !isZero(r));
  if (!positive.length) {
    // "No one was killed", "no injuries were reported", or only wounded: ACLED records 0 dead.
    // "No one was killed" is 0; "no civilian casualties" says nothing about the others.
    const said = usable.find((r) => isZero(r) && (!r.victims || /^(?:all|people|persons|anyone|no one|nobody|casualties)$/i.test(r.victims)));
    if (said) return { low: 0, high: 0, refs: [said] };
    const wounded = current.find((r) => r.kind === 'injuries' && (r.negated || !r.quantity.vague));
    // Implied, not stated: another report of the same event that counts dead overrides it.
    return wounded ? { low: 0, high: 0, refs: [wounded], implied: true } : null;
  }
  // Two sources with their own figures, or figures set against each other ("four died, the
  // hospital said, while the party said eight"), are competing counts: the lowest stands.
  const sources = new Set(positive.map((r) => r.source).filter(Boolean));
  const sorted = [...positive].sort((x, y) => x.start - y.start);
  const contrasted = !!text && sorted.some((r, i) => i > 0 && /\b(?:while|whereas|but|however)\b/i.test(text.slice(sorted[i - 1]!.end, r.start)));
  if ((sources.size >= 2 && positive.every((r) => r.source)) || contrasted) {
    const low = Math.min(...positive.map((r) => r.quantity.low));
    const high = Math.max(...positive.map((r) => r.quantity.high ?? r.quantity.low));
    return { low, high, refs: positive };
  }
  // Different victim groups add up ("12 soldiers and 3 civilians"); the same group reported
  // twice keeps its lowest figure (ACLED's conservative rule). "No civilian casualties" beside
  // "two militants killed" does not lower the two.
  const byVictims = new Map<string, CasualtyRef[]>();
  for (const r of positive) {
    const k = (r.victims ?? 'all').toLowerCase();
    byVictims.set(k, [...(byVictims.get(k) ?? []), r]);
  }
  let low = 0;
  let high = 0;
  for (const group of byVictims.values()) {
    low += Math.min(...group.map((g) => g.quantity.low));
    high += Math.max(...group.map((g) => g.quantity.high ?? g.quantity.low));
  }
  return { low, high, refs: positive };
}

function injuriesOf(refs: CasualtyRef[]): number | null {
  const usable = refs.filter((r) => r.kind === 'injuries' && !r.total && !r.quantity.vague);
  if (!usable.length) return null;
  return Math.min(...usable.map((r) => (r.negated ? 0 : r.quantity.low)));
}

const CIVILIAN_WORDS = /\b(?:civilians?|villagers|residents|worshippers|passengers|people|children|women|families|farmers|students|pupils|herders|traders|shoppers|journalists?|aid workers|patients|displaced|men|man|woman|boy|girl|family)\b/i;
const ARMED_WORDS = /\b(?:soldiers?|troops|servicemen|fighters|militants|rebels|insurgents|police(?:men| officers)?|officers|gunmen|attackers|assailants|militiamen|guards|jihadists|members)\b/i;

/**
 * Codes the events of an analysed article.
 * @param deps taxonomy, rules and dictionaries
 * @param a the analysed article
 * @returns one mention per trigger that survived context and precedence
 */
export function codeMentions(deps: CoderDeps, a: Analysis, onDrop?: DropListener): EventMention[] {
  const dropped = (t: TriggerMatch, reason: string) => onDrop?.({ trigger: t, reason });
  const found = findTriggersBySentence(deps.triggers, a.text, a.sentences);
  const out: EventMention[] = [];
  const published = a.published;
  const lastPlaceByParagraph = new Map<number, { place: Toponym; sentence: Sentence }>();
  let sectionStart = 0;
  let refDate: string | null = null;
  let lastStrong: EventMention | null = null;
  /** The last sentence that reported (or added figures to) `lastStrong`. */
  let lastEventSentence = -1;
  let lastTown: Toponym | null = null;
  let sectionDate: DateRef | null = null;
  let sectionPlace: Toponym | null = null;
  const firstEventSentence = a.sentences.find((x) => x.zone === 'lede' || x.zone === 'body')?.index ?? -1;
  for (const s of a.sentences) {
    // The lede's first resolved recent date is the article's reference date.
    if (refDate === null && published) {
      const d = s.dates.find((x) => x.date && x.kind !== 'since' && x.kind !== 'time' && Math.abs(daysBetween(x.date, published)) <= 7 &&
        !REPORTING_BEFORE.test(a.text.slice(Math.max(s.start, x.start - 40), x.start)));
      if (d?.date) refDate = d.date;
    }
    if (s.zone !== 'body' && s.zone !== 'lede') {
      // A live blog's day heading ("TUESDAY 26 NOVEMBER") dates the entries below it.
      if (s.zone === 'title') {
        const town = s.toponyms.find((p) => p.role === 'place' && p.place && !p.place.feature_code.startsWith('A.PCL'));
        sectionPlace = town ?? null;
        const d = s.dates.find((x) => x.date && x.precision === 1 && x.kind === 'day');
        if (d) {
          sectionDate = d;
          sectionStart = s.index + 1;
        }
      }
      continue;
    }
    const precedence: string[][] = [];
    const triggers = discard(deps.discards, a.text, s, resolvePrecedence(found[s.index]!, precedence), onDrop);
    // Weak mentions of another means ("days after twin bombings killed 20") keep their figures
    // even when a stronger trigger of the sentence wins, so those figures do not go to it.
    const otherMeans = found[s.index]!.filter((m) => m.rule.weak && REMOTE.has(m.rule.sub) && !triggers.includes(m) &&
      !triggers.some((k) => k.rule.sub === m.rule.sub || (m.start < k.end && k.start < m.end)));
    const owner = casualtyOwners(a.text, s, [...triggers, ...otherMeans].sort((x, y) => x.start - y.start));
    for (const t of triggers) {
      const rules = [t.rule.id];
      let confidence = t.rule.weight;
      const cues = cuesFor(deps.context, a.text, s, t);
      const dropCue = cues.find((c) => c.effect === 'drop');
      if (dropCue) {
        dropped(t, `context-${dropCue.id}`);
        continue;
      }
      if (cues.some((c) => c.effect === 'lower')) {
        confidence *= 0.8;
        rules.push(...cues.map((c) => `context-${c.id}`));
      }
      if (t.rule.placeAfter && !s.toponyms.some((p) => p.role === 'place' && p.place && p.start >= t.end && p.start - t.end <= 5)) {
        dropped(t, 'no-place-after');
        continue;
      }
      if (TERRITORY_TRIGGER.has(t.rule.sub) && !hasPlaceObject(a.text, s, t)) {
        dropped(t, 'territory-without-place');
        continue;
      }
      const evidence: Evidence[] = [{ field: 'sub_event_type', start: t.start, end: t.end, text: t.text }];

      // ---- place
      let place = pickPlace(a.text, s, t, a.focusCc);
      let inherited = false;
      if (place) {
        evidence.push({ field: 'location', start: place.start, end: place.end, text: place.text });
        rules.push('place-same-sentence');
      } else {
        const prev = lastPlaceByParagraph.get(s.paragraph);
        if (prev) {
          place = prev.place;
          rules.push('place-previous-sentence');
        } else if (lastTown && TOWN_ANAPHOR.test(a.text.slice(s.start, s.end))) {
          // "the town's former headquarters": the last town the text named, whatever the paragraph.
          place = lastTown;
          rules.push('place-town-anaphor');
        } else if (sectionPlace) {
          place = sectionPlace;
          rules.push('place-section-heading');
        } else if (a.mainPlace) {
          place = a.mainPlace;
          rules.push('place-article-main');
        }
        inherited = true;
      }
      // Agreements signed abroad are coded in the country they concern (ACLED: Geneva talks on Libya → Libya).
      if (t.rule.sub === 'Agreement' && place?.place && a.focusCc && place.place.cc !== a.focusCc && a.focusPlace) {
        place = a.focusPlace;
        inherited = true;
        rules.push('place-agreement-country');
      }
      const cc = place?.place?.cc ?? a.focusCc;

      // ---- date
      let dateRef = pickDate(a.text, s, t);
      let date: string | null = null;
      let timePrecision: TimePrecision = 3;
      if (dateRef?.date) {
        date = dateRef.date;
        timePrecision = dateRef.precision;
        evidence.push({ field: 'event_date', start: dateRef.start, end: dateRef.end, text: dateRef.text });
        rules.push('date-same-sentence');
      } else {
        const prev = previousDate(a, s, sectionStart);
        if (prev?.date) {
          dateRef = prev;
          date = prev.date;
          timePrecision = prev.precision;
          rules.push('date-previous-sentence');
        } else if (sectionDate?.date) {
          dateRef = sectionDate;
          date = sectionDate.date;
          timePrecision = sectionDate.precision;
          rules.push('date-section-heading');
        } else if (refDate) {
          date = refDate;
          timePrecision = 2;
          rules.push('date-article-reference');
        } else if (published) {
          date = addDays(published, -1);
          timePrecision = 2;
          rules.push('date-before-publication');
        }
      }
      // "730 civilians have been killed since April": a running total is a claim, not an event.
      if (t.rule.weak && s.casualties.length && s.casualties.every((c) => c.total)) {
        dropped(t, 'running-total');
        continue;
      }
      // A war-long period ("during the 2013-2018 civil war") is background, not an event date.
      if (dateRef && dateRef.earliest && dateRef.latest && daysBetween(dateRef.earliest, dateRef.latest) > 400) {
        dropped(t, 'period-not-event');
        continue;
      }
      // "Assassinations and arrests are continuing": a plural with no date of its own is a pattern, not an event.
      if (GENERIC_PLURAL.test(t.text) && !rules.includes('date-same-sentence') && inherited && !s.casualties.length) {
        dropped(t, 'generic-plural');
        continue;
      }
      const datedCue = cues.find((c) => c.effect === 'dated');
      // A recalled event ("the deadliest since gunmen killed 132 in Solhan in June 2021") is coded
      // only when its own clause dates it and counts its dead.
      if (datedCue && (!rules.includes('date-same-sentence') || !dateRef || dateRef.end < (clauseOpener(a.text, s, t.start)?.at ?? s.start) ||
        !s.casualties.some((c) => c.kind === 'fatalities' && !c.total && owner.get(c) === t))) {
        dropped(t, `context-${datedCue.id}`);
        continue;
      }
      const historical = !!(date && published && daysBetween(date, published) > 30);
      // A bare "killed" with no date of its own, right after a reported event, adds figures to it.
      if (t.rule.weak && !rules.includes('date-same-sentence') && lastStrong && s.index - lastEventSentence <= 2 && !lastStrong.historical) {
        lastEventSentence = s.index;
        addFigures(lastStrong, s.casualties, a.text);
        dropped(t, 'figures-continuation');
        continue;
      }

      // ---- figures: this sentence's, or the next sentence's when it only adds figures
      let casualties = s.casualties.filter((c) => !c.total && owner.get(c) === t);
      // The next sentence of the paragraph, when it reports no event of its own, adds its figures:
      // all of them when this sentence has none, otherwise the dead of other victim groups
      // ("killed 13 US service members … Afghan officials put the Afghan dead at 95").
      const next = a.sentences[s.index + 1];
      if (next && next.paragraph === s.paragraph && !found[next.index]!.some((m) => !m.rule.weak)) {
        const more = next.casualties.filter((c) => !c.total);
        const groups = new Set(casualties.filter((c) => c.kind === 'fatalities').map((c) => (c.victims ?? 'all').toLowerCase()));
        const added = !groups.size ? more : more.filter((c) => c.kind === 'fatalities' && c.victims && !groups.has(c.victims.toLowerCase()) && !groups.has('all'));
        if (added.length) {
          casualties = [...casualties, ...added];
          rules.push('figures-next-sentence');
        }
      }
      let fatalities = sumFatalities(casualties, a.text);
      // A 0 read only from the next sentence ("no civilian casualties") is implied, not stated for this event.
      if (fatalities && fatalities.low === 0 && !fatalities.implied && fatalities.refs.every((r) => r.start >= s.end)) {
        fatalities = { ...fatalities, implied: true };
      }
      // "The governor was seized and killed": one named victim, no number.
      if (!fatalities && SINGLE_KILLED.test(a.text.slice(s.start, s.end))) {
        fatalities = { low: 1, high: 1, refs: [] };
        rules.push('fatalities-single-victim');
      } else if (!fatalities && SINGLE_HURT.test(a.text.slice(s.start, s.end))) {
        // "The senator was shot twice in the head" and no death: ACLED's "only wounded" is 0.
        fatalities = { low: 0, high: 0, refs: [], implied: true };
        rules.push('fatalities-single-wounded');
      }
      for (const r of fatalities?.refs ?? []) evidence.push({ field: 'fatalities', start: r.quantity.start, end: r.quantity.end, text: r.quantity.text });
      const injuries = injuriesOf(casualties);

      // ---- actors
      const roles = pickRoles(a.text, s, t);
      rules.push(roles.rule);
      let actor1 = roles.a1 ? actorFrom(deps, roles.a1, cc) : null;
      let actor2 = roles.a2 ? actorFrom(deps, roles.a2, cc) : null;
      const backer = roles.a1?.backer ?? null;

      // ---- sub-type
      let sub: SubEventType;
      if (t.rule.sub === 'territory') {
        sub = actor1 && actor1.inter === 1 ? 'Government regains territory' : 'Non-state actor overtakes territory';
        rules.push(actor1?.inter === 1 ? 'territory-by-state' : 'territory-by-non-state');
      } else {
        sub = t.rule.sub;
      }
      const victims = casualties.find((c) => c.kind === 'fatalities' || c.kind === 'injuries')?.victims ?? '';
      const targetText = a.text.slice(t.start, Math.min(s.end, t.end + 60));
      const civilianTarget =
        (actor2 && actor2.inter === 7) || (!actor2 && (CIVILIAN_WORDS.test(victims) || CIVILIAN_WORDS.test(targetText)) && !ARMED_WORDS.test(victims));
      // An "attack" on armed men is a battle; a battle whose victims are all civilians is an attack.
      if (sub === 'Attack' && actor2 && ARMED_INTER.has(actor2.inter) && actor2.inter !== 8 && actor1 && ARMED_INTER.has(actor1.inter) &&
        !(CIVILIAN_WORDS.test(victims) && !ARMED_WORDS.test(victims))) {
        sub = 'Armed clash';
        rules.push('attack-on-armed-is-clash');
      } else if (sub === 'Armed clash' && t.rule.weak && civilianTarget) {
        sub = 'Attack';
        rules.push('clash-on-civilians-is-attack');
      }

      // Protesters or rioters in a "clash" are rioting (ACLED: Violent demonstration), whoever is named first.
      if (sub === 'Armed clash' && ((actor1 && (actor1.inter === 5 || actor1.inter === 6)) || (actor2 && (actor2.inter === 5 || actor2.inter === 6)))) {
        sub = 'Violent demonstration';
        rules.push('clash-by-protesters-is-riot');
      }
      // ---- default actors per sub-type (ACLED conventions)
      const info = deps.taxonomy.get(sub);
      const violent = info.type === 'Battles' || info.type === 'Explosions/Remote violence' || info.type === 'Violence against civilians';
      const adj = violent ? adjectiveState(deps, a.text, s, t) : null;
      if (adj && (!roles.a1 || roles.a1.end < adj.start)) {
        actor1 = genericActor(deps, 'military', adj.cc);
        if (actor1) actor1.mention = { start: adj.start, end: adj.end, text: a.text.slice(adj.start, adj.end), entry: deps.actors.generic('military')!, cc: adj.cc, backer: null, state: true };
        rules.push('actor1-adjective-state');
      }
      // Governments do not fight; their forces do.
      if (violent && actor1?.mention?.entry.id === 'government') {
        actor1 = genericActor(deps, 'military', actor1.mention.cc ?? cc);
        rules.push('actor1-government-forces');
      }
      // Civilians are never the perpetrators of political violence, nor the ones who arrest.
      if ((violent || sub === 'Arrests') && actor1 && actor1.inter === 7) {
        if (sub === 'Arrests' && !actor2) actor2 = actor1;
        actor1 = null;
        rules.push('actor1-not-civilians');
      }
      if (info.type === 'Protests') {
        const force = actor1 && actor1.inter === 1 ? actor1 : actor2 && actor2.inter === 1 ? actor2 : null;
        actor1 = genericActor(deps, 'protesters', cc);
        actor2 = sub === 'Peaceful protest' ? null : force ?? genericActor(deps, 'police', cc);
        rules.push('actors-protest');
      } else if (sub === 'Violent demonstration') {
        const force = [actor1, actor2].find((x) => x && x.inter === 1) ?? null;
        actor1 = genericActor(deps, 'rioters', cc);
        actor2 = force;
        rules.push('actors-riot');
      } else if (sub === 'Mob violence') {
        actor1 = genericActor(deps, 'rioters', cc);
        if (!actor2 || actor2.inter === 5) actor2 = civilianTarget ? genericActor(deps, 'civilians', cc) : actor2;
        rules.push('actors-mob');
      }
      if (!actor1) {
        const dflt =
          sub === 'Arrests' ? 'police' :
          sub === 'Air/drone strike' || sub === 'Shelling/artillery/missile attack' || sub === 'Government regains territory' ? 'military' :
          sub === 'Agreement' ? 'government' :
          'unidentified';
        actor1 = genericActor(deps, dflt, cc);
        rules.push(`actor1-default-${dflt}`);
      }
      if (!actor1) {
        dropped(t, 'no-actor');
        continue;
      }
      if (actor2 && actor2.name === actor1.name) actor2 = null;
      if (sub === 'Agreement' && actor2?.inter === 7) actor2 = null;
      if (!actor2 && violent && !TERRITORY.has(sub) && (info.civilian_targeting || civilianTarget)) {
        actor2 = genericActor(deps, 'civilians', cc);
        rules.push('actor2-civilians');
      }
      if (actor1.mention) evidence.push({ field: 'actor1', start: actor1.mention.start, end: actor1.mention.end, text: actor1.mention.text });
      if (actor2?.mention) evidence.push({ field: 'actor2', start: actor2.mention.start, end: actor2.mention.end, text: actor2.mention.text });
      const assoc1 = backer ? `Military Forces of ${deps.actors.countryName(backer) ?? backer}` : null;

      // ---- confidence
      if (!inherited) confidence += 0.05;
      if (dateRef && !rules.includes('date-previous-sentence')) confidence += 0.05;
      if (fatalities) confidence += 0.05;
      if (roles.a1) confidence += 0.03;
      // News puts the main event first (inverted pyramid): the lede, or the first sentence when there is none.
      if (s.zone === 'lede' || s.index === firstEventSentence) confidence += 0.03;
      if (t.rule.weak && inherited && !dateRef) confidence -= 0.08;
      const source = casualties.find((c) => c.source)?.source ?? attributionOf(a.text, s);

      const mention: EventMention = {
        sentence: s,
        trigger: t,
        sub,
        date,
        timePrecision,
        dateRef,
        place,
        geoPrecision: geoPrecisionOf(place, inherited),
        actor1,
        assoc1,
        actor2,
        fatalities,
        injuries,
        historical,
        civilianTargeting: info.civilian_targeting || (!!actor2 && actor2.inter === 7),
        source,
        confidence: Math.max(0.05, Math.min(0.99, confidence)),
        rules: [...rules, ...precedence.filter((p) => p[1] !== t.rule.id).map((p) => p[0]!)].filter((x, i, xs) => xs.indexOf(x) === i),
        evidence,
      };
      out.push(mention);
      if (!t.rule.weak) {
        lastStrong = mention;
        lastEventSentence = s.index;
      }
      // Territory verbs with a list of places ("withdrew from Latamneh and Kafr Zeita"), or "those towns":
      if (TERRITORY.has(sub)) out.push(...spreadOverPlaces(a, s, t, out[out.length - 1]!));
    }
    // "A security source put the death toll at more than 100": a sentence with figures but no
    // event of its own, right after an event, reports that event's toll.
    if (!found[s.index]!.length && lastStrong && s.index - lastEventSentence <= 2 && !lastStrong.historical &&
      s.casualties.some((c) => c.kind === 'fatalities' && !c.total && !c.negated)) {
      addFigures(lastStrong, s.casualties, a.text);
      lastEventSentence = s.index;
    }
    // Remember this sentence's place for the sentences that follow in the paragraph.
    const places = s.toponyms.filter((p) => p.role === 'place' && p.place && !p.place.feature_code.startsWith('A.PCL'));
    if (places.length) lastPlaceByParagraph.set(s.paragraph, { place: places[places.length - 1]!, sentence: s });
    const towns = places.filter((p) => p.place!.feature_code.startsWith('P.'));
    if (towns.length) lastTown = towns[towns.length - 1]!;
    // "Al-Shabaab said it had carried out the attack": the claimant is the perpetrator of the event just reported.
    if (lastStrong && RESPONSIBILITY.test(a.text.slice(s.start, s.end)) && (!lastStrong.actor1.mention || lastStrong.actor1.mention.entry.generic)) {
      const claimant = s.actors.find((x) => !x.entry.generic && !x.state);
      if (claimant) {
        lastStrong.actor1 = actorFrom(deps, claimant, lastStrong.place?.place?.cc ?? a.focusCc);
        lastStrong.evidence.push({ field: 'actor1', start: claimant.start, end: claimant.end, text: claimant.text });
        lastStrong.rules.push('actor1-claimed-responsibility');
      }
    }

  }
  return out.filter((m) => {
    if (m.confidence >= MIN_CONFIDENCE) return true;
    dropped(m.trigger, 'low-confidence');
    return false;
  });
}

/** A territorial event names several places: one event per place (ACLED: one event per location). */
function spreadOverPlaces(
  a: Analysis,
  s: Sentence,
  t: TriggerMatch,
  first: EventMention,
): EventMention[] {
  const after = s.toponyms.filter((p) => p.role === 'place' && p.place && p.start >= t.end && !p.place.feature_code.startsWith('A.'));
  let extra: Toponym[] = [];
  if (after.length > 1) {
    // Only a coordinated list right after the verb: "Latamneh and Kafr Zeita", "A, B and C".
    const list = [after[0]!];
    for (let i = 1; i < after.length; i++) {
      const gap = a.text.slice(after[i - 1]!.end, after[i]!.start);
      if (!/^\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+|&\s*)(?:the\s+)?(?:(?:town|village|city|towns|villages) of\s+)?$/i.test(gap)) break;
      list.push(after[i]!);
    }
    extra = list.filter((p) => p.start !== first.place?.start);
  } else if (!after.length && PLURAL_ANAPHOR.test(a.text.slice(t.end, s.end))) {
    // "quit those towns": the towns the previous sentence listed.
    const prevS = a.sentences[s.index - 1];
    const towns = prevS?.toponyms.filter((p) => p.role === 'place' && p.place && !p.place.feature_code.startsWith('A.')) ?? [];
    const listed = towns.slice(-2);
    if (listed.length) {
      first.place = listed[0]!;
      first.geoPrecision = 1;
      first.rules.push('place-plural-anaphor');
      extra = listed.slice(1);
    }
  }
  return extra.map((p) => ({
    ...first,
    place: p,
    geoPrecision: 1 as GeoPrecision,
    rules: [...first.rules, 'place-listed'],
    evidence: [...first.evidence.filter((e) => e.field !== 'location'), { field: 'location', start: p.start, end: p.end, text: p.text }],
  }));
}

/** "…, the Syrian Observatory for Human Rights said." → the attributed source. */
function attributionOf(text: string, s: Sentence): string | null {
  const body = text.slice(s.start, s.end);
  if (!ATTRIBUTION.test(body)) return null;
  const m =
    /according to (?:a |an |the )?([^,.;]+)/i.exec(body) ??
    /,\s*(?:the |a |an )?([A-Z][^,.;]*?)\s+(?:said|says|reported|told|confirmed)\b/.exec(body) ??
    /^(?:the |a |an )?([A-Z][^,.;]*?)\s+(?:said|says|reported|confirmed)\b/.exec(body);
  return m ? m[1]!.trim() : null;
}
