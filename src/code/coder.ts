/**
 * @module code/coder
 * The event coder: from an analysed article (sentences with their dates,
 * places, figures and actors) to ACLED-style event mentions. Each decision
 * carries the id of the rule that made it, so every event can be explained.
 *
 * Per sentence: find triggers → drop those a context cue negates → resolve
 * precedence between triggers of one sentence (`precedence`) → drop those a discard
 * or a missing place rules out (weighing the others again without them) → give each
 * surviving trigger a sub-type, actors (`roles`), a date (`event-date`), a place
 * (`event-place`) and its figures (`figures`).
 */
import type { Evidence, GeoPrecision, InterCode, SubEventType, TimePrecision, Toponym } from '../domain/types.js';
import type { ActorDictionary, ActorMention } from './actors.js';
import type { Analysis, CasualtyRef, DateRef, Sentence } from './analysis.js';
import { coderPattern } from './coder-words.js';
import { cuesFor, type ContextCue, type ContextRules } from './context.js';
import { addDays, daysBetween } from '../text/calendar.js';
import type { Taxonomy } from './taxonomy.js';
import { discard, type DiscardRule, type PreviousSentence } from './discards.js';
import { clauseOpener, pickDate, previousDate, REPORTING_BEFORE } from './event-date.js';
import { geoPrecisionOf, hasPlaceObject, pickPlace, spreadOverPlaces, TERRITORY_TRIGGER, TOWN_ANAPHOR, unresolvedPlace } from './event-place.js';
import { addFigures, casualtyOwners, injuriesOf, SINGLE_HURT, SINGLE_KILLED, sumFatalities } from './figures.js';
import type { SnippetClassifier } from './classifier.js';
import { fallbackTrigger, UNSURE_DROPS } from './fallback.js';
import { REMOTE, resolvePrecedence, SUBSUMES_KILLING } from './precedence.js';
import { actorFrom, adjectiveState, ENDS_ON_FROM, genericActor, pickRoles } from './roles.js';
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

/** The owners of the figures of a sentence without triggers: none (shared, never modified). */
const NO_OWNERS: ReadonlyMap<CasualtyRef, TriggerMatch> = new Map();

/** Mentions below this confidence are not reported. */
export const MIN_CONFIDENCE = 0.5;

export interface CoderDeps {
  taxonomy: Taxonomy;
  discards: DiscardRule[];
  triggers: TriggerRule[];
  context: ContextRules;
  actors: ActorDictionary;
  /** The fall-back classifier for articles no rule matches (trained on first use); absent: rules only. */
  classifier?: () => SnippetClassifier;
}

// The coder's word lists are data (`data/lexicons/coder-words.yaml`, by entry id); the grammar around them stays here.
/** Killings no victim can answer: never a battle. */
const ONE_SIDED = coderPattern('one-sided');
/** A de facto authority's police, courts or intelligence: the arrests they make are arrests. */
const ARRESTING_INSTITUTIONS = coderPattern('arresting-institutions');
/** An arrest made by the armed group named before it in the active voice, or after "by" in the passive, not by a de facto authority's institutions. */
function arrestByArmedGroup(text: string, a1Start: number, tStart: number, rule: string): boolean {
  const between = text.slice(Math.min(a1Start, tStart), Math.max(a1Start, tStart));
  if (ARRESTING_INSTITUTIONS.test(between)) return false;
  if (rule === 'roles-passive') return a1Start > tStart;
  return a1Start < tStart && !/\b(?:was|were|been|be|is|are|being)\s+(?:[\w'’-]+ly\s+)?$/i.test(text.slice(Math.max(0, tStart - 25), tStart));
}

/** A protest the sentence reports as held (not yet met with force). */
const PROTEST_HELD = new Set<string>(['Peaceful protest', 'Protest with intervention']);
/** Rebels, political and identity militias (ACLED inter codes 2-4). */
const NON_STATE_INTER = new Set([2, 3, 4]);
/** A place taken by force, by one side or the other. */
const TAKING_SUBS = new Set<string>(['Government regains territory', 'Non-state actor overtakes territory']);
const TERRITORY = new Set<SubEventType>(['Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory']);
/** Attack rules whose match names the civilian victim or a one-sided act ("shot dead a reporter", "slit their throats"): an armed actor named later in the sentence is not the target. */
const VICTIM_IN_TRIGGER = new Set(['killing-person', 'kill-civ', 'kill-off-duty', 'kill-individual', 'assassination', 'attack-civ-more', 'taken-and-killed']);
/** Means only a state's air force has, named in a chemical attack's sentence. */
const AIR_DROPPED = coderPattern('air-dropped');
const ARMED_INTER = new Set<InterCode>([1, 2, 3, 4, 8]);
/** "X said it had carried out the attack": a claim of responsibility names the perpetrator of the event just reported. */
const RESPONSIBILITY = coderPattern('responsibility-claim');
/** A plural trigger ("assassinations", "drone strikes"): with no date of its own, a pattern rather than an event. */
const GENERIC_PLURAL = coderPattern('generic-plural');
/** Between the two halves of a joint subject: "troops and allied militias", "the army, backed by". */
const JOINT_SUBJECT = /^\s*(?:,\s*)?(?:and|together with|alongside)\s+(?:the\s+)?(?:(?:their|its|allied|local|pro-government|government-backed|affiliated)\s+|\p{Lu}[\p{L}'’-]*\s+){0,3}$/u;
/** A protest or the state's forces named in a sentence: a clash there is not between unorganised crowds alone. */
const PROTEST_OR_FORCES = coderPattern('protest-or-forces');
/** A plural trigger followed, in its clause, by a past-tense verb of impact: a reported event, not a pattern. */
const PLURAL_DID = coderPattern('impact-verbs');
/** Before that verb, a habit or a relative clause ("have hit", "which regularly hit"): still a pattern. */
const HABITUAL_BEFORE_DID = coderPattern('habitual-before-verb');
function pluralDid(rest: string): boolean {
  const m = PLURAL_DID.exec(rest);
  return !!m && !HABITUAL_BEFORE_DID.test(m[0]);
}
/** A sentence that attributes its report: only then does `attributionOf` try its frames (whose verbs are among these). */
const ATTRIBUTION = coderPattern('attribution');
/** "…, police said": an actor named after the trigger only as the source of the report. */
const SAID_AFTER = coderPattern('said-after-actor');

/** A protest, a demonstration or a riot named in the sentence: its students or workers are protesters. */
const PROTEST_WORDS = coderPattern('protest-words');

/** Victims, or the words after a trigger, that name civilians or armed men: is an attack a battle? */
const CIVILIAN_WORDS = coderPattern('civilian-words');
const ARMED_WORDS = coderPattern('armed-words');

/**
 * Codes the events of an analysed article.
 * @param deps taxonomy, rules and dictionaries
 * @param a the analysed article
 * @returns one mention per trigger that survived context and precedence
 */
export function codeMentions(deps: CoderDeps, a: Analysis, onDrop?: DropListener, forced?: { sentence: Sentence; match: TriggerMatch }): EventMention[] {
  const reasons: string[] = [];
  const dropped = (t: TriggerMatch, reason: string) => {
    reasons.push(reason);
    onDrop?.({ trigger: t, reason });
  };
  const only = forced;
  const found = only ? a.sentences.map((s) => (s === only.sentence ? [only.match] : [])) : findTriggersBySentence(deps.triggers, a.text, a.sentences);
  const out: EventMention[] = [];
  // No trigger in any sentence that can report an event: the classifier may read the opening;
  // otherwise nothing to code (and nothing to date or place).
  if (!a.sentences.some((s) => (s.zone === 'body' || s.zone === 'lede') && found[s.index]!.length)) {
    const fb = deps.classifier ? fallbackTrigger(deps.classifier(), a) : null;
    if (!fb) return out;
    found[fb.sentence.index] = [fb.match];
    forced = fb;
  }
  const published = a.published;
  /**
   * The body and lede sentences already read, in order: where a mention without a place of its own
   * looks back for one (their places are looked up only then: an article whose triggers all fall
   * before needing a place is never geoparsed).
   */
  const before: Sentence[] = [];
  let sectionStart = 0;
  let refDate: string | null = null;
  let lastStrong: EventMention | null = null;
  /** The last sentence that reported (or added figures to) `lastStrong`. */
  let lastEventSentence = -1;
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
        const town = s.toponyms.find(isSubCountryPlace);
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
    // (Most sentences have no trigger: they skip straight to what they tell the sentences after them.)
    const matches = found[s.index]!;
    const cuesOf = new Map<number, ContextCue[]>();
    const triggers = matches.length ? survivors(deps, a.text, s, matches, firstEventSentence, precedence, cuesOf, dropped, onDrop, continuedFrom(a, s)) : [];
    // Weak mentions of another means ("days after twin bombings killed 20") keep their figures
    // even when a stronger trigger of the sentence wins, so those figures do not go to it.
    const otherMeans = matches.filter((m) => m.rule.weak && REMOTE.has(m.rule.sub) && !triggers.includes(m) &&
      !triggers.some((k) => k.rule.sub === m.rule.sub || (m.start < k.end && k.start < m.end)));
    const owner = triggers.length ? casualtyOwners(a.text, s, [...triggers, ...otherMeans].sort((x, y) => x.start - y.start)) : NO_OWNERS;
    // A grenade the state's forces threw into a protest the sentence reports: excessive force against it (ACLED Codebook,
    // Excessive force against protesters: lethal force by state forces against demonstrators), which is the protest's event.
    const forcesGrenade = triggers.some((m) => PROTEST_HELD.has(m.rule.sub))
      ? triggers.find((g) => {
        if (g.rule.sub !== 'Grenade') return false;
        // (The forces as the subject of the throwing, not its victims: "policemen were injured when a grenade went off".)
        const by = pickRoles(a.text, s, g).a1;
        return by?.entry.inter === 1 && (by.start > g.end || !/[,;:]|\b(?:when|after|as|while|were|was|been)\b/i.test(a.text.slice(by.end, g.start)));
      }) ?? null : null;
    for (const t of triggers) {
      const rules = [t.rule.id];
      if (forcesGrenade && PROTEST_HELD.has(t.rule.sub)) {
        dropped(t, 'precedence-grenade-by-forces');
        continue;
      }
      let confidence = t.rule.weight;
      const cues = cuesOf.get(spanKey(t)) ?? cuesFor(deps.context, a.text, s, t);
      if (cues.some((c) => c.effect === 'lower')) {
        confidence *= 0.8;
        rules.push(...cues.map((c) => `context-${c.id}`));
      }
      const evidence: Evidence[] = [{ field: 'sub_event_type', start: t.start, end: t.end, text: t.text }];

      // ---- place
      let place = pickPlace(a.text, s, t, a.focusCc);
      // A town the gazetteer lacks, named near the trigger: its name, at the coordinates of the division around it.
      const picked = place;
      const lacking = unresolvedPlace(a.text, s, t, picked, () => divisionAround(a, before, s, picked));
      if (lacking) {
        place = lacking;
        rules.push('place-not-in-gazetteer');
      }
      let inherited = false;
      if (place) {
        evidence.push({ field: 'location', start: place.start, end: place.end, text: place.text });
        rules.push('place-same-sentence');
      } else {
        const prev = lastInParagraph(before, s.paragraph, isSubCountryPlace);
        // "the town's former headquarters": the last town the text named, whatever the paragraph.
        const town = !prev && TOWN_ANAPHOR.test(a.text.slice(s.start, s.end)) ? lastTownBefore(before) : null;
        if (prev) {
          place = prev;
          rules.push('place-previous-sentence');
        } else if (town) {
          place = town;
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
      // A plural that did something ("shells fired from across the border hit two houses", "drone strikes knocked out the
      // plant") is one reported event, not a pattern.
      if (GENERIC_PLURAL.test(t.text) && !rules.includes('date-same-sentence') && inherited && !s.casualties.length &&
        !pluralDid(a.text.slice(t.start, s.end))) {
        dropped(t, 'generic-plural');
        continue;
      }
      const datedCue = cues.find((c) => c.effect === 'dated');
      // A recalled event ("the deadliest since gunmen killed 132 in Solhan in June 2021") is coded
      // only when its own clause dates it and counts its dead, or dates it to a day of this week ("since
      // protests began on Monday": the event is this week's news, whatever its toll).
      if (datedCue && (!rules.includes('date-same-sentence') || !dateRef || dateRef.end < (clauseOpener(a.text, s, t.start)?.at ?? s.start) ||
        (datedCue.datedBy === 'calendar-date'
          ? !(dateRef.precision === 1 && /\d/.test(dateRef.text))
          : !s.casualties.some((c) => c.kind === 'fatalities' && !c.total && owner.get(c) === t) &&
            !(dateRef.precision === 1 && dateRef.date && published && daysBetween(dateRef.date, published) >= 0 && daysBetween(dateRef.date, published) <= 7)))) {
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
      // The date that names a group ACLED recoded (the Taliban after August 2021): one the text gives, not the
      // guess of "the day before publication" for text that gives none (which names groups as they are now).
      const actorDate = rules.includes('date-before-publication') ? null : date;
      let actor1 = roles.a1 ? actorFrom(deps, roles.a1, cc, actorDate) : null;
      // "Police arrested a suspect accused of raping a schoolgirl": the subject of the arrest is not the perpetrator.
      if (t.rule.sub === 'Sexual violence' && roles.a1 && matches.some((m) => m.rule.sub === 'Arrests' && m.start >= roles.a1!.end && m.end <= t.start)) {
        actor1 = null;
        rules.push('actor1-arrester-not-perpetrator');
      }
      // "..., local activists said": an actor named after the trigger only as the source of the report is no party to it.
      let actor2 = roles.a2 && !SAID_AFTER.test(a.text.slice(roles.a2.end, roles.a2.end + 12)) ? actorFrom(deps, roles.a2, cc, actorDate) : null;
      if (roles.a2 && !actor2) rules.push('actor2-only-the-source');
      const backer = roles.a1?.backer ?? null;
      // "Hundreds of families were driven out of the village by bandits": people driven from their homes are displaced,
      // not a side losing control of a place (ACLED Codebook: territory changes hands between armed actors).
      const expelled = TERRITORY_TRIGGER.has(t.rule.sub) && ENDS_ON_FROM.test(t.text) && (roles.rule === 'roles-passive' || roles.rule === 'roles-passive-expelled');
      if (expelled && actor2?.inter === 7) {
        dropped(t, 'expelled-civilians');
        continue;
      }
      // "Rebels were forced out of Fallujah", no one named as forcing them: the government took it back.
      if (expelled && !actor1 && actor2 && NON_STATE_INTER.has(actor2.inter)) {
        actor1 = genericActor(deps, 'military', cc);
        rules.push('actor1-expelled-non-state');
      }
      // "Somali troops and allied militias took the town", "M23 fighters and Rwandan troops took the airport": in a
      // joint subject ACLED names the first force as actor1 and the other as its associate, so a place taken by the
      // army with its auxiliaries is regained, and one taken by rebels with foreign troops is overtaken.
      const joint: ActorMention[] = roles.a1 ? [roles.a1] : [];
      if (TERRITORY_TRIGGER.has(t.rule.sub) && roles.a1) {
        let first = roles.a1;
        for (let prev = first; prev; ) {
          const head = prev;
          prev = s.actors.filter((x) => x.end <= head.start && JOINT_SUBJECT.test(a.text.slice(x.end, head.start))).pop()!;
          if (prev) joint.push((first = prev));
        }
        if (first !== roles.a1) {
          actor1 = actorFrom(deps, first, cc, actorDate);
          rules.push('actor1-joint-subject');
        }
      }
      // ---- sub-type
      let sub: SubEventType;
      // The ACLED Codebook gives a place taken by a foreign state's forces ("Russian forces captured Izium",
      // "Turkish troops took Afrin") to Non-state actor overtakes territory: only a country's own government regains it.
      // Not when the country's own forces are in the subject ("the US-led coalition and Iraqi forces retook Ramadi",
      // "Mozambican and Rwandan troops"), nor when the place is not surely in another country than the forces'.
      const foreign = actor1?.inter === 1 && foreignForces(actor1.mention, cc) && (place?.confidence ?? 0) >= FOREIGN_PLACE_MIN &&
        !joint.some((m) => m.entry.inter === 1 && !foreignForces(deps.actors.resolve(m, cc), cc)) &&
        !wordsBefore(a.text, joint[joint.length - 1]!.start, 3).some((w) => deps.actors.countryOfWord(w) === cc);
      // ACLED Codebook: government forces "or their affiliates" regain territory; non-state actors other than those
      // operating on the government's behalf overtake it. A pro-government militia's capture is regained.
      const m1 = actor1?.mention;
      const affiliate = !!m1 && m1.entry.inter >= 2 && m1.entry.inter <= 4 &&
        (m1.entry.proGovernment || PRO_GOVERNMENT_BEFORE.test(a.text.slice(Math.max(s.start, m1.start - 40), m1.start)));
      // (The fall-back classifier's territorial answers too: who took the place decides which side of the line it is.)
      if (t.rule.sub === 'territory' || (t.rule.id === 'classifier' && TAKING_SUBS.has(t.rule.sub))) {
        const own = (actor1?.inter === 1 || affiliate) && !foreign;
        sub = own ? 'Government regains territory' : 'Non-state actor overtakes territory';
        rules.push(own ? 'territory-by-state' : foreign ? 'territory-by-foreign-state' : 'territory-by-non-state');
      } else if (t.rule.sub === 'Government regains territory' && actor1 && ((NON_STATE_INTER.has(actor1.inter) && !affiliate) || foreign)) {
        // Rebels or foreign troops who "retake" a town overtake it: only a government regains territory (ACLED).
        sub = 'Non-state actor overtakes territory';
        rules.push(foreign ? 'recapture-by-foreign-state' : 'recapture-by-non-state');
      } else if (t.rule.sub === 'Arrests' && actor1 && NON_STATE_INTER.has(actor1.inter) && !actor1.mention?.state && roles.a1 &&
        !actor1.mention?.entry.governs && arrestByArmedGroup(a.text, roles.a1.start, t.start, roles.rule)) {
        // "Fano fighters detained six officials": the ACLED Codebook codes arrests by non-state groups as
        // Abduction/forced disappearance. An opposition figure who "was detained" is the one taken, not the captor;
        // a de facto authority's police, courts or intelligence ("Taliban intelligence arrested") make arrests, and so
        // does a group that governs the area it holds ("SDF forces detained a suspected ISIS cell leader").
        sub = 'Abduction/forced disappearance';
        rules.push('arrest-by-non-state');
      } else {
        sub = t.rule.sub;
      }
      const victims = casualties.find((c) => c.kind === 'fatalities' || c.kind === 'injuries')?.victims ?? '';
      const targetText = a.text.slice(t.start, Math.min(s.end, t.end + 60));
      const civilianTarget =
        (actor2 && actor2.inter === 7) || (!actor2 && (CIVILIAN_WORDS.test(victims) || CIVILIAN_WORDS.test(targetText)) && !ARMED_WORDS.test(victims));
      // An "attack" on armed men is a battle; a battle whose victims are all civilians is an attack.
      // Executing, beheading or assassinating someone is one-sided whoever the victim (ACLED: Attack).
      if (sub === 'Attack' && !ONE_SIDED.test(t.text) && !VICTIM_IN_TRIGGER.has(t.rule.id) && actor2 && ARMED_INTER.has(actor2.inter) && actor2.inter !== 8 && actor1 && ARMED_INTER.has(actor1.inter) &&
        !(CIVILIAN_WORDS.test(victims) && !ARMED_WORDS.test(victims))) {
        sub = 'Armed clash';
        rules.push('attack-on-armed-is-clash');
      } else if (sub === 'Armed clash' && t.rule.weak && civilianTarget) {
        sub = 'Attack';
        rules.push('clash-on-civilians-is-attack');
      }

      // Protesters or rioters in a "clash" are rioting (ACLED: Violent demonstration), whoever is named first.
      // Residents, traders or youths who clash with one another, no armed group and no protest named, are a mob
      // (ACLED Codebook, Mob violence: violence by unorganised crowds, communal clashes included).
      const sentenceText = a.text.slice(s.start, s.end);
      if (sub === 'Armed clash' && t.rule.twoSided && actor1 && actor1.inter === 7 &&
        !(actor2 && ARMED_INTER.has(actor2.inter)) && !PROTEST_OR_FORCES.test(sentenceText)) {
        sub = 'Mob violence';
        rules.push('clash-by-civilians-is-mob');
      }
      if (sub === 'Armed clash' && ((actor1 && (actor1.inter === 5 || actor1.inter === 6)) || (actor2 && (actor2.inter === 5 || actor2.inter === 6)))) {
        sub = 'Violent demonstration';
        rules.push('clash-by-protesters-is-riot');
      }
      if (t === forcesGrenade) {
        sub = 'Excessive force against protesters';
        rules.push('grenade-by-forces-on-protesters');
      } else if (sub === 'Grenade' && triggers.some((m) => PROTEST_HELD.has(m.rule.sub)) && (!actor2 || actor2.inter === 5 || actor2.inter === 6)) {
        // Thrown by others into a protest: a grenade attack whose target is the protesters (ACLED Codebook), not rioters.
        actor2 = genericActor(deps, 'protesters', cc);
        rules.push('grenade-on-protesters');
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
      // "Militants", "insurgents", "the fighters": in an article that names one armed group, that group (ACLED
      // coders attribute what the report attributes); not "unidentified" or "unknown" gunmen, who stay so.
      // (Words that name an identity militia, "settlers", "clan militias", "armed Fulani herders", say who acted.)
      if (actor1?.mention?.entry.generic && actor1.mention.entry.inter !== 1 && actor1.mention.entry.inter <= 3 &&
        !UNNAMED_ON_PURPOSE.test(actor1.mention.text)) {
        const group = soleNamedGroup(a);
        if (group) {
          actor1 = actorFrom(deps, group, cc, actorDate);
          rules.push('actor1-article-group');
        }
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
        // The state's forces when named; else the armed men who used force ("gunmen opened fire on protesters": ACLED
        // names them, not the police).
        const sides = [actor1, actor2].filter((x): x is CodedActor => !!x);
        const force = sides.find((x) => x.inter === 1 && x.mention) ?? sides.find((x) => x.inter >= 2 && x.inter <= 4 && x.mention) ??
          sides.find((x) => x.inter === 1) ?? null;
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
      } else if (actor2?.inter === 6 && !PROTEST_WORDS.test(sentenceText)) {
        // "kidnapped a council official and two teachers": students, teachers or workers are protesters only where
        // the sentence speaks of a protest; elsewhere they are civilians (ACLED: Civilians (country)).
        actor2 = genericActor(deps, 'civilians', cc);
        rules.push('actor2-civilians-not-protesters');
      }
      if (!actor1) {
        const dflt =
          sub === 'Arrests' ? 'police' :
          sub === 'Air/drone strike' || sub === 'Shelling/artillery/missile attack' || sub === 'Government regains territory' ? 'military' :
          // Gas dropped from the air ("a barrel bomb released a cloud of gas") came from the state's aircraft, as an air strike's does.
          sub === 'Chemical weapon' && AIR_DROPPED.test(a.text.slice(s.start, s.end)) ? 'military' :
          sub === 'Agreement' ? 'government' :
          'unidentified';
        // An unnamed striker is the state whose forces the article names most ("Israeli aircraft" earlier, then
        // "a drone strike hit Jenin"), not necessarily the state of the place struck.
        const striker = dflt === 'military' ? mostNamedForces(a) : null;
        actor1 = genericActor(deps, dflt, striker ?? cc);
        rules.push(`actor1-default-${dflt}`);
        if (striker && striker !== cc) rules.push('actor1-default-article-forces');
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
    // This sentence's places serve the sentences that follow (see `before`).
    before.push(s);
    // "Al-Shabaab said it had carried out the attack": the claimant is the perpetrator of the event just reported.
    if (lastStrong && RESPONSIBILITY.test(a.text.slice(s.start, s.end)) && (!lastStrong.actor1.mention || lastStrong.actor1.mention.entry.generic)) {
      const claimant = s.actors.find((x) => !x.entry.generic && !x.state);
      if (claimant) {
        lastStrong.actor1 = actorFrom(deps, claimant, lastStrong.place?.place?.cc ?? a.focusCc, lastStrong.rules.includes('date-before-publication') ? null : lastStrong.date);
        lastStrong.evidence.push({ field: 'actor1', start: claimant.start, end: claimant.end, text: claimant.text });
        lastStrong.rules.push('actor1-claimed-responsibility');
      }
    }

  }
  const kept = out.filter((m) => {
    if (m.confidence >= MIN_CONFIDENCE) return true;
    dropped(m.trigger, 'low-confidence');
    return false;
  });
  // Every trigger fell for a reason that says the rules were unsure, not that nothing happened
  // (a territory verb whose place they could not find, a low confidence): the classifier may decide.
  if (!kept.length && !forced && deps.classifier && reasons.length && reasons.every((r) => UNSURE_DROPS.has(r))) {
    const fb = fallbackTrigger(deps.classifier(), a);
    if (fb) return codeMentions(deps, a, onDrop, fb);
  }
  return kept;
}

/** The key of a match's span (a match precedence recoded keeps its span, and with it its cues). */
const spanKey = (t: TriggerMatch): number => t.start * 65536 + (t.end - t.start);

/**
 * The matches of a sentence that become events: each faces the context cues that drop it before precedence
 * weighs it against the others (a protest told as background, "two days before planned protests", must not take
 * the arrest the sentence reports into itself and then fall, losing both). The checks that need the sentence's
 * verdict come after precedence (a withdrawal with no place of its own still makes the taking beside it
 * non-violent; a riot's looting escapes a discard of looting): when one drops a match that precedence had
 * preferred to others, the others are weighed again without it.
 */
function survivors(deps: CoderDeps, text: string, s: Sentence, matches: readonly TriggerMatch[], firstEventSentence: number,
  precedence: string[][], cuesOf: Map<number, ContextCue[]>, dropped: (t: TriggerMatch, reason: string) => void, onDrop?: DropListener,
  continued?: PreviousSentence | null): TriggerMatch[] {
  let strongDrop: string | null = null;
  let pool = matches.filter((t) => {
    const cues = cuesFor(deps.context, text, s, t);
    cuesOf.set(spanKey(t), cues);
    // A recalled event whose clause gives it no date of its own ("two days after MRC supporters demonstrated", "days
    // before the march") is background whatever else the sentence says (see the dated cues below); not a withdrawal,
    // which tells how the taking beside it went ("entered the town two days after the soldiers left": non-violent).
    const dropCue = cues.find((c) => c.effect === 'drop') ??
      cues.find((c) => c.effect === 'dated' && t.rule.sub !== 'Non-violent transfer of territory' && !ownClauseDate(text, s, t));
    if (dropCue) {
      dropped(t, `context-${dropCue.id}`);
      if (!t.rule.weak && SUBSUMES_KILLING.has(t.rule.sub)) strongDrop ??= `context-${dropCue.id}`;
    }
    return !dropCue;
  });
  // A bare "killed" beside a violent event the cues dropped ("claimed responsibility for the ambush, saying it had
  // killed eight") is that event's toll, not one of its own.
  if (strongDrop) {
    const why = strongDrop;
    pool = pool.filter((t) => !t.rule.weak || (dropped(t, why), false));
  }
  /** The matches no cue dropped: those whose place a transfer told in two verbs may take (see `laterCheck`). */
  const told = pool;
  for (;;) {
    precedence.length = 0;
    const failed: TriggerMatch[] = [];
    const fail = (t: TriggerMatch, reason: string) => {
      failed.push(t);
      dropped(t, reason);
    };
    const resolved = resolvePrecedence(pool, precedence, text);
    // (A discard names a context the whole sentence is in: what precedence took into the match it drops goes with it.
    // Its notes are told once, from the last weighing.)
    const discarded: DropNote[] = [];
    const kept = discard(deps.discards, text, s, resolved, (n) => discarded.push(n), continued).filter((t) => {
      const why = laterCheck(text, s, t, firstEventSentence, told);
      if (why) fail(t, why);
      return !why;
    });
    // (A recoded match is the one of its span whose rule id it extends.)
    let rest = pool.filter((m) => !failed.some((f) => f.start === m.start && f.end === m.end && f.rule.id.split('+')[0] === m.rule.id));
    // Nothing dropped, or nothing weighed against what was (precedence kept every match): the verdict stands.
    if (!failed.length || resolved.length === pool.length || rest.length === pool.length) {
      for (const n of discarded) onDrop?.(n);
      return kept;
    }
    // (A bare "killed" or "the bombing" beside a violent event dropped for want of a place is still part of it.)
    const strong = failed.find((f) => !f.rule.weak && SUBSUMES_KILLING.has(f.rule.sub));
    if (strong) rest = rest.filter((m) => !m.rule.weak || (dropped(m, 'territory-without-place'), false));
    pool = rest;
  }
}

/**
 * The sentence before `s` in its paragraph, for the discards: a sentence that names no place of its own continues it
 * ("5 crew arrested." after a drug seizure), and they read its context too. Whether `s` names a place is asked only
 * when that context matters: the first look at a sentence's places geoparses the article, which an article whose
 * triggers all drop for other reasons is spared.
 */
function continuedFrom(a: Analysis, s: Sentence): PreviousSentence | null {
  const prevS = s.index > 0 ? a.sentences[s.index - 1]! : null;
  return prevS && prevS.paragraph === s.paragraph && (prevS.zone === 'body' || prevS.zone === 'lede')
    ? { span: prevS, continues: () => !s.toponyms.some((p) => p.role === 'place') } : null;
}

/** Whether the trigger's sentence dates it in the trigger's own clause. */
function ownClauseDate(text: string, s: Sentence, t: TriggerMatch): boolean {
  const d = pickDate(text, s, t);
  return !!d?.date && d.end >= (clauseOpener(text, s, t.start)?.at ?? s.start);
}

/**
 * Why a match that precedence kept cannot be an event, or null: a place it needs and lacks, a strategic
 * development told in passing.
 */
function laterCheck(text: string, s: Sentence, t: TriggerMatch, firstEventSentence: number, pool: readonly TriggerMatch[]): string | null {
  // (A name read as a place counts even when the gazetteer lacks it: "took Kashma", "left Akobo".)
  if (t.rule.placeAfter && !s.toponyms.some((p) => p.role === 'place' && p.start >= t.end && p.start - t.end <= 5)) return 'no-place-after';
  // A strategic development told in passing, deep in a report on something else, is context (ACLED
  // codes strategic developments selectively, when they are significant: a report leads with them).
  if (t.rule.ledeOnly && s.zone !== 'lede' && s.index !== firstEventSentence) return 'not-lede';
  if (TERRITORY_TRIGGER.has(t.rule.sub) && !hasPlaceObject(text, s, t) &&
    // A transfer told in two verbs ("left Kavumu airport, which M23 fighters then took without a fight", "vacated three
    // checkposts, and a lashkar took them over") is one change of hands (ACLED Codebook, Non-violent transfer of
    // territory): the place either verb names is its place.
    !(t.rule.sub === 'Non-violent transfer of territory' &&
      pool.some((m) => m.start !== t.start && TERRITORY_TRIGGER.has(m.rule.sub) && hasPlaceObject(text, s, m)))) return 'territory-without-place';
  return null;
}

/** The country a mention names as its own ("Russian forces" → RU, an entry's `forces_of`), or null ("the army"). */
const ownCountry = (m: ActorMention): string | null => m.cc ?? m.entry.forcesOf ?? m.entry.country;

/**
 * Whether a mention is the state forces of another country than `cc`, the event's: one that
 * names its country ("Russian forces", "Turkey") unlike the place.
 */
function foreignForces(m: ActorMention | null | undefined, cc: string | null): boolean {
  if (!m || m.entry.inter !== 1 || !cc) return false;
  const own = ownCountry(m);
  return own !== null && own !== cc;
}

/** Words before a militia that make it the government's affiliate ("pro-government tribal fighters"). */
const PRO_GOVERNMENT_BEFORE = coderPattern('pro-government-before');

/** Words that leave a perpetrator unnamed on purpose ("unidentified gunmen", "suspected militants"). */
const UNNAMED_ON_PURPOSE = coderPattern('unnamed-on-purpose');

/** `f` of an article, worked out on first use and kept while the analysis lives. */
function perArticle<T>(f: (a: Analysis) => T): (a: Analysis) => T {
  const memo = new WeakMap<Analysis, T>();
  return (a) => {
    if (memo.has(a)) return memo.get(a)!;
    const v = f(a);
    memo.set(a, v);
    return v;
  };
}

/** The actor mentions of the sentences that can report events (lede and body), in text order. */
function* eventZoneActors(a: Analysis): Generator<ActorMention> {
  for (const s of a.sentences) if (s.zone === 'body' || s.zone === 'lede') yield* s.actors;
}

/**
 * The one armed group (rebels or militia, named in the dictionary, not a generic noun nor a pro-government
 * militia) that the article's event sentences name, or null when they name none or several.
 */
const soleNamedGroup = perArticle((a): ActorMention | null => {
  const byId = new Map<string, ActorMention>();
  for (const m of eventZoneActors(a)) {
    // (A pro-government militia, "the CJTF", "VDP volunteers", fights the group the article is about: not counted.)
    if (!m.entry.generic && !m.state && !m.entry.proGovernment && m.entry.inter >= 2 && m.entry.inter <= 4 && !byId.has(m.entry.id)) byId.set(m.entry.id, m);
  }
  return byId.size === 1 ? [...byId.values()][0]! : null;
});

/**
 * The country whose state forces the article names most often ("Israeli aircraft", "Russian troops",
 * "Turkey"; forces named without a country count for the story's country), in the sentences that can
 * report events; null when it names none, or two countries equally often.
 */
const mostNamedForces = perArticle((a): string | null => {
  const counts = new Map<string, number>();
  for (const m of eventZoneActors(a)) {
    if (m.entry.inter !== 1) continue;
    // ("Government forces", "the army": the forces of the country the story is in.)
    const own = ownCountry(m) ?? a.focusCc;
    if (own) counts.set(own, (counts.get(own) ?? 0) + 1);
  }
  const ranked = [...counts].sort((x, y) => y[1] - x[1]);
  return ranked.length && (ranked.length === 1 || ranked[0]![1] > ranked[1]![1]) ? ranked[0]![0] : null;
});

/** The confidence a place needs before its country says the forces that took it are foreign. */
const FOREIGN_PLACE_MIN = 0.8;

/** Up to `n` words right before `at` ("Mozambican and" before "Rwandan troops"). */
function wordsBefore(text: string, at: number, n: number): string[] {
  return text.slice(Math.max(0, at - 60), at).split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean).slice(-n);
}

/** A place a sentence names (not a country). */
const isSubCountryPlace = (p: Toponym): boolean => p.role === 'place' && !!p.place && !p.place.feature_code.startsWith('A.PCL');

/** A place that is a division or a country (not a town), or null. */
function division(p: Toponym | null | undefined): Toponym | null {
  return p?.place?.feature_code.startsWith('A.') ? p : null;
}

/** A first- or second-level division the text names (not a town, not a country). */
const isDivision = (p: Toponym): boolean => p.role === 'place' && !!p.place?.feature_code.startsWith('A.ADM');

/**
 * The division an event's town the gazetteer lacks lies in, as far as the text tells: the province or district the
 * sentence's own place is, else the last one its paragraph named before, else the lede's, else the article's main
 * division, else the country (the sentence's, or the article's). Each in the country of the sentence's place when it
 * names one. (Not any earlier province: an article that moves from one province's news to another's recalled attack
 * puts a town in the wrong one.)
 */
function divisionAround(a: Analysis, before: readonly Sentence[], s: Sentence, picked: Toponym | null): Toponym | null {
  if (picked && isDivision(picked)) return picked;
  const sameCountry = (p: Toponym | null): Toponym | null => (p && (!picked?.place || p.place?.cc === picked.place.cc) ? p : null);
  return sameCountry(lastInParagraph(before, s.paragraph, isDivision)) ?? sameCountry(ledeDivision(a)) ??
    sameCountry(division(a.mainPlace)) ?? division(picked) ?? a.focusPlace;
}

/** The last province or district the lede names: the frame of the story ("an air strike on a village in the Sagaing region"). */
function ledeDivision(a: Analysis): Toponym | null {
  let found: Toponym | null = null;
  for (const s of a.sentences) if (s.zone === 'lede') for (const p of s.toponyms) if (isDivision(p)) found = p;
  return found;
}

/**
 * The last place `keep` accepts named by the sentences of `paragraph` read so far (`before`, in text order;
 * paragraphs never decrease along it), or null.
 */
function lastInParagraph(before: readonly Sentence[], paragraph: number, keep: (p: Toponym) => boolean): Toponym | null {
  for (let i = before.length - 1; i >= 0 && before[i]!.paragraph === paragraph; i--) {
    const places = before[i]!.toponyms.filter(keep);
    if (places.length) return places[places.length - 1]!;
  }
  return null;
}

/** The last town (populated place) the sentences read so far name, whatever the paragraph, or null. */
function lastTownBefore(before: readonly Sentence[]): Toponym | null {
  for (let i = before.length - 1; i >= 0; i--) {
    const towns = before[i]!.toponyms.filter((p) => isSubCountryPlace(p) && p.place!.feature_code.startsWith('P.'));
    if (towns.length) return towns[towns.length - 1]!;
  }
  return null;
}

/**
 * "…, the Syrian Observatory for Human Rights said." → the attributed source. The three frames are
 * extraction grammar (a capture group, a capital letter read case-sensitively) and stay here; a verb
 * added to one of them must also be in `attribution` (coder-words.yaml), the gate before them.
 */
function attributionOf(text: string, s: Sentence): string | null {
  const body = text.slice(s.start, s.end);
  if (!ATTRIBUTION.test(body)) return null;
  const m =
    /according to (?:a |an |the )?([^,.;]+)/i.exec(body) ??
    /,\s*(?:the |a |an )?([A-Z][^,.;]*?)\s+(?:said|says|reported|told|confirmed)\b/.exec(body) ??
    /^(?:the |a |an )?([A-Z][^,.;]*?)\s+(?:said|says|reported|confirmed)\b/.exec(body);
  return m ? m[1]!.trim() : null;
}
