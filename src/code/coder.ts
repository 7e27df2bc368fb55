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
import { addDays, daysBetween } from './dates.js';
import type { Taxonomy } from './taxonomy.js';
import { findTriggers, type TriggerMatch, type TriggerRule } from './triggers.js';

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
  fatalities: { low: number; high: number; refs: CasualtyRef[] } | null;
  injuries: number | null;
  historical: boolean;
  civilianTargeting: boolean;
  source: string | null;
  confidence: number;
  rules: string[];
  evidence: Evidence[];
}

export interface CoderDeps {
  taxonomy: Taxonomy;
  triggers: TriggerRule[];
  context: ContextRules;
  actors: ActorDictionary;
}

const DEMO = new Set<SubEventType>(['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters', 'Violent demonstration', 'Mob violence']);
const TERRITORY = new Set<SubEventType>(['Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory']);
const ARMED_INTER = new Set<InterCode>([1, 2, 3, 4, 8]);
const LOCATIVE = /(?:\b(?:in|into|across|from|of|to|near|throughout|within|inside|outside|around|towards|toward|on|at)\s+(?:the\s+)?)$/i;
const PASSIVE_BY = /^\s*(?:\S+\s+){0,6}?by\s+(?:the\s+|a\s+|an\s+)?$/i;
const PLURAL_ANAPHOR = /\b(?:those|these|the two|both|the)\s+(?:towns|villages|cities|areas|positions|localities)\b/i;
const ATTRIBUTION = /(?:according to|said|says|reported|told|confirmed|claimed)/i;

/** Precedence inside one sentence: the ids are printed in `rules`. */
function resolvePrecedence(ms: TriggerMatch[], rules: string[][]): TriggerMatch[] {
  // Overlapping matches: keep the longer (then heavier) one.
  const byLen = [...ms].sort((a, b) => b.end - b.start - (a.end - a.start) || b.rule.weight - a.rule.weight);
  let kept: TriggerMatch[] = [];
  for (const m of byLen) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  kept.sort((a, b) => a.start - b.start);
  // Weak triggers (a bare "killed") count only when nothing stronger is in the sentence.
  if (kept.some((m) => !m.rule.weak)) kept = kept.filter((m) => !m.rule.weak);
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
  // Fighting that ends in a change of control is the change of control.
  if (has('territory', 'Government regains territory', 'Non-state actor overtakes territory')) {
    drop((m) => m.rule.sub === 'Armed clash', 'precedence-territory');
  }
  // Remote violence names the means: a killing in the same sentence is part of it.
  if (has('Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon')) {
    drop((m) => m.rule.id === 'massacre' && /opened fire|shot/i.test(m.text) === false && m.rule.sub === 'Attack', 'precedence-remote');
  }
  // A suicide bombing is not also an IED.
  if (has('Suicide bomb')) drop((m) => m.rule.sub === 'Remote explosive/landmine/IED', 'precedence-suicide');
  // "arrested protesters" is a protest with intervention, not a separate arrest event.
  if (has('Protest with intervention', 'Excessive force against protesters', 'Violent demonstration')) {
    drop((m) => m.rule.sub === 'Arrests' && /protest|demonstrat|rioter/i.test(m.text), 'precedence-protest-arrest');
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
  // Passive: "... was attacked by gunmen" → the agent follows "by".
  for (const a of actors) {
    if (a.start >= t.end && PASSIVE_BY.test(text.slice(t.end, a.start))) {
      const a2 = actors.filter((x) => x !== a && x.end <= t.start).pop() ?? null;
      return { a1: a, a2, rule: 'roles-passive' };
    }
  }
  const before = actors.filter((a) => a.end <= t.start);
  const after = actors.filter((a) => a.start >= t.end);
  // The agent is the nearest actor before the trigger; the target the nearest after it.
  const a1 = before.pop() ?? null;
  const a2 = after.find((a) => !a1 || deps_distinct(a, a1)) ?? null;
  if (a1) return { a1, a2, rule: 'roles-svo' };
  // Nothing before: a headline-style "Air strike on X by Y" or an agentless report.
  return { a1: null, a2, rule: 'roles-agentless' };
}

function deps_distinct(a: ActorMention, b: ActorMention): boolean {
  return a.entry.id !== b.entry.id || a.cc !== b.cc;
}

/** The place of an event: the place named nearest the trigger in its clause, or inherited. */
function pickPlace(text: string, s: Sentence, t: TriggerMatch): Toponym | null {
  const places = s.toponyms.filter((p) => p.role === 'place' && p.place);
  if (!places.length) return null;
  const rank = (p: Toponym) => {
    const fc = p.place!.feature_code;
    const level = fc.startsWith('A.PCL') ? 2 : fc.startsWith('A.ADM') ? 1 : 0;
    const dist = p.start >= t.end ? p.start - t.end : (t.start - p.end) * 1.5;
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
function pickDate(s: Sentence, t: TriggerMatch): DateRef | null {
  const ds = s.dates.filter((d) => d.date && d.kind !== 'time' && d.kind !== 'since');
  if (!ds.length) return null;
  const dist = (d: DateRef) => (d.start >= t.end ? d.start - t.end : t.start - d.end);
  return [...ds].sort((a, b) => dist(a) - dist(b))[0] ?? null;
}

function sumFatalities(refs: CasualtyRef[]): { low: number; high: number; refs: CasualtyRef[] } | null {
  const usable = refs.filter((r) => r.kind === 'fatalities' && !r.total && !(r.quantity.vague && !r.negated));
  if (!usable.length) return null;
  // Different victim groups add up ("12 soldiers and 3 civilians"); the same group reported
  // twice keeps its lowest figure (ACLED's conservative rule).
  const byVictims = new Map<string, CasualtyRef[]>();
  for (const r of usable) {
    const k = (r.victims ?? 'all').toLowerCase();
    byVictims.set(k, [...(byVictims.get(k) ?? []), r]);
  }
  let low = 0;
  let high = 0;
  for (const group of byVictims.values()) {
    low += Math.min(...group.map((g) => (g.negated ? 0 : g.quantity.low)));
    high += Math.max(...group.map((g) => (g.negated ? 0 : g.quantity.high ?? g.quantity.low)));
  }
  return { low, high, refs: usable };
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
export function codeMentions(deps: CoderDeps, a: Analysis): EventMention[] {
  const out: EventMention[] = [];
  const published = a.published;
  let lastPlaceByParagraph = new Map<number, { place: Toponym; sentence: Sentence }>();
  let lastDateByParagraph = new Map<number, DateRef>();
  let refDate: string | null = null;
  for (const s of a.sentences) {
    // The lede's first resolved recent date is the article's reference date.
    if (refDate === null && published) {
      const d = s.dates.find((x) => x.date && x.kind !== 'since' && x.kind !== 'time' && Math.abs(daysBetween(x.date, published)) <= 7);
      if (d?.date) refDate = d.date;
    }
    if (s.zone !== 'body' && s.zone !== 'lede') {
      continue;
    }
    const precedence: string[][] = [];
    const triggers = resolvePrecedence(findTriggers(deps.triggers, a.text, s), precedence);
    for (const t of triggers) {
      const rules = [t.rule.id];
      let confidence = t.rule.weight;
      const cues = cuesFor(deps.context, a.text, s, t);
      if (cues.some((c) => c.effect === 'drop')) continue;
      if (cues.some((c) => c.effect === 'lower')) {
        confidence *= 0.8;
        rules.push(...cues.map((c) => `context-${c.id}`));
      }
      const evidence: Evidence[] = [{ field: 'sub_event_type', start: t.start, end: t.end, text: t.text }];

      // ---- place
      let place = pickPlace(a.text, s, t);
      let inherited = false;
      if (place) {
        evidence.push({ field: 'location', start: place.start, end: place.end, text: place.text });
        rules.push('place-same-sentence');
      } else {
        const prev = lastPlaceByParagraph.get(s.paragraph);
        if (prev) {
          place = prev.place;
          rules.push('place-previous-sentence');
        } else if (a.mainPlace) {
          place = a.mainPlace;
          rules.push('place-article-main');
        }
        inherited = true;
      }
      const cc = place?.place?.cc ?? a.focusCc;

      // ---- date
      let dateRef = pickDate(s, t);
      let date: string | null = null;
      let timePrecision: TimePrecision = 3;
      if (dateRef?.date) {
        date = dateRef.date;
        timePrecision = dateRef.precision;
        evidence.push({ field: 'event_date', start: dateRef.start, end: dateRef.end, text: dateRef.text });
        rules.push('date-same-sentence');
      } else {
        const prev = lastDateByParagraph.get(s.paragraph);
        if (prev?.date) {
          dateRef = prev;
          date = prev.date;
          timePrecision = prev.precision;
          rules.push('date-previous-sentence');
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
      const historical = !!(date && published && daysBetween(date, published) > 30);

      // ---- figures: this sentence's, or the next sentence's when it only adds figures
      let casualties = s.casualties.filter((c) => !c.total);
      if (!casualties.some((c) => c.kind === 'fatalities')) {
        const next = a.sentences[s.index + 1];
        if (next && next.paragraph === s.paragraph && !findTriggers(deps.triggers, a.text, next).some((m) => !m.rule.weak)) {
          const more = next.casualties.filter((c) => !c.total);
          if (more.length) {
            casualties = [...casualties, ...more];
            rules.push('figures-next-sentence');
          }
        }
      }
      const fatalities = sumFatalities(casualties);
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
      if (sub === 'Attack' && actor2 && ARMED_INTER.has(actor2.inter) && actor2.inter !== 8 && actor1 && ARMED_INTER.has(actor1.inter)) {
        sub = 'Armed clash';
        rules.push('attack-on-armed-is-clash');
      } else if (sub === 'Armed clash' && t.rule.weak && civilianTarget) {
        sub = 'Attack';
        rules.push('clash-on-civilians-is-attack');
      }

      // ---- default actors per sub-type (ACLED conventions)
      const info = deps.taxonomy.get(sub);
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
      if (!actor1) continue;
      if (actor2 && actor2.name === actor1.name) actor2 = null;
      if (!actor2 && (info.civilian_targeting || civilianTarget) && info.type !== 'Protests' && sub !== 'Violent demonstration') {
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
      if (s.zone === 'lede') confidence += 0.03;
      if (t.rule.weak && inherited && !dateRef) confidence -= 0.15;
      const source = casualties.find((c) => c.source)?.source ?? attributionOf(a.text, s);

      out.push({
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
      });
      // Territory verbs with a list of places ("withdrew from Latamneh and Kafr Zeita"), or "those towns":
      if (TERRITORY.has(sub)) out.push(...spreadOverPlaces(a, s, t, out[out.length - 1]!, lastPlaceByParagraph));
    }
    // Remember this sentence's place and date for the sentences that follow in the paragraph.
    const places = s.toponyms.filter((p) => p.role === 'place' && p.place && !p.place.feature_code.startsWith('A.PCL'));
    if (places.length) lastPlaceByParagraph.set(s.paragraph, { place: places[places.length - 1]!, sentence: s });
    const d = s.dates.filter((x) => x.date && x.kind !== 'time' && x.kind !== 'since').pop();
    if (d) lastDateByParagraph.set(s.paragraph, d);
  }
  lastPlaceByParagraph = new Map();
  lastDateByParagraph = new Map();
  return out.filter((m) => m.confidence >= 0.5);
}

/** A territorial event names several places: one event per place (ACLED: one event per location). */
function spreadOverPlaces(
  a: Analysis,
  s: Sentence,
  t: TriggerMatch,
  first: EventMention,
  lastPlace: Map<number, { place: Toponym; sentence: Sentence }>,
): EventMention[] {
  const after = s.toponyms.filter((p) => p.role === 'place' && p.place && p.start >= t.end && !p.place.feature_code.startsWith('A.'));
  let extra: Toponym[] = [];
  if (after.length > 1) {
    extra = after.filter((p) => p.start !== first.place?.start);
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
  void lastPlace;
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
