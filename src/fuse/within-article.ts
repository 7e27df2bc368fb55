/**
 * @module fuse/within-article
 * One event per (day, place, actor pair, sub-type) inside one article: the
 * same air strike named in the lede and again in the body is one event, with
 * the evidence of both mentions. Across articles, fusion is the store's job.
 */
import type { SubEventType } from '../domain/types.js';
import type { EventMention } from '../code/coder.js';
import { coderPattern } from '../code/coder-words.js';
import { combineFatalities } from '../code/figures.js';
import { daysBetween } from '../text/calendar.js';
import { distanceKm } from '../place/distance.js';

/** Sub-types one event can absorb at the same place and day (ACLED precedence). */
const ABSORBS: Partial<Record<SubEventType, SubEventType[]>> = {
  'Protest with intervention': ['Peaceful protest'],
  'Excessive force against protesters': ['Peaceful protest', 'Protest with intervention'],
  'Violent demonstration': ['Peaceful protest', 'Protest with intervention'],
  'Government regains territory': ['Armed clash', 'Non-violent transfer of territory'],
  'Non-state actor overtakes territory': ['Armed clash', 'Non-violent transfer of territory'],
  // "Troops foiled an attack on the base, killing 13 militants": an attack foiled by fighting is the battle (ACLED
  // Codebook, Event aggregation: one event, the higher type). Only a foiled attack: weapons seized or a bomb defused
  // the same day stay events of their own. See absorbs().
  'Armed clash': ['Disrupted weapons use'],
  'Suicide bomb': ['Remote explosive/landmine/IED', 'Attack'],
  'Air/drone strike': ['Attack'],
  'Disrupted weapons use': ['Shelling/artillery/missile attack', 'Air/drone strike', 'Remote explosive/landmine/IED'],
  'Chemical weapon': ['Shelling/artillery/missile attack', 'Air/drone strike', 'Attack'],
  'Shelling/artillery/missile attack': ['Attack'],
  // People attacked and taken by the same actors: one event, an Attack if anyone was killed or wounded, else the
  // abduction (ACLED Codebook, Abduction/forced disappearance: "without reports of further violence"). See absorbs().
  Attack: ['Abduction/forced disappearance'],
  'Abduction/forced disappearance': ['Attack'],
};

/** Protest events a report of violence at the same place and day can escalate. */
const PROTEST = new Set<SubEventType>(['Peaceful protest', 'Protest with intervention']);
/** Rebels, militias and external forces: their fighting is a battle, not a riot. */
const ORGANISED_ARMED = new Set([2, 3, 4, 8]);

/**
 * What a protest becomes when another sentence of the article reports violence at it (ACLED:
 * demonstrators who clash or destroy property are a Violent demonstration; state forces who kill
 * or injure protesters use Excessive force). Null when the two reports are unrelated.
 */
function escalation(protest: EventMention, other: EventMention): SubEventType | null {
  // Only actors the text names count: a default "Unidentified Armed Group" says nothing about who fought.
  const armed = (x: EventMention) => (x.actor1.mention !== null && ORGANISED_ARMED.has(x.actor1.inter)) ||
    (x.actor2?.mention != null && ORGANISED_ARMED.has(x.actor2.inter));
  if (other.sub === 'Armed clash' && !armed(other)) return 'Violent demonstration';
  // Property the state's forces destroy at a protest (tents, a picket camp) is their intervention, not a riot.
  if (other.sub === 'Looting/property destruction' && other.actor1.mention !== null && other.actor1.inter === 1) return 'Protest with intervention';
  if (other.sub === 'Looting/property destruction' && !armed(other)) return 'Violent demonstration';
  if (other.sub === 'Attack' && other.actor1.inter === 1) return 'Excessive force against protesters';
  return null;
}

/**
 * Whether `keep` absorbs `other` (same place and day). A weapon that was defused absorbs a
 * mention of the bomb ("the device had been planted by the road"), but not an explosion that
 * killed or wounded: that is an event of its own.
 */
function absorbs(keep: EventMention, other: EventMention): boolean {
  if (!ABSORBS[keep.sub]?.includes(other.sub)) return false;
  if (keep.sub === 'Attack' || keep.sub === 'Abduction/forced disappearance') {
    if (!compatibleActors(keep, other)) return false;
    return (keep.sub === 'Attack') === (harmed(keep) || harmed(other));
  }
  if (keep.sub === 'Armed clash') return compatibleActors(keep, other) && FOILED_ATTACK.test(other.trigger.text);
  if (keep.sub === 'Disrupted weapons use' && other.sub === 'Remote explosive/landmine/IED') {
    return !(other.fatalities && other.fatalities.high > 0) && !other.injuries;
  }
  return true;
}

/** A disrupted-weapons trigger that names an attack prevented ("foiled an attack", "thwarted an infiltration bid"). */
const FOILED_ATTACK = coderPattern('foiled-attack');

/** Someone was reported killed or wounded. */
const harmed = (m: EventMention): boolean => (m.fatalities?.high ?? 0) > 0 || (m.injuries ?? 0) > 0;

const MERGE_KM = 15;

/** Triggers that only say "attack": a later mention of an event already coded more precisely. */
const GENERIC_ATTACK = new Set(['attack-armed']);
const ARMED_TYPES = new Set<SubEventType>(['Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb', 'Remote explosive/landmine/IED', 'Grenade', 'Chemical weapon', 'Armed clash', 'Attack']);

/**
 * A lede mention placed only at the article's dateline or main place: the lede summarises, and where it happened
 * the text says further down.
 */
const ledeUnplaced = (m: EventMention): boolean => m.sentence.zone === 'lede' && m.rules.includes('place-article-main') && !m.rules.includes('place-same-sentence');

/** A mention whose place its own words name (in its sentence, or a list it refers to: "quit those towns"). */
const placeNamed = (m: EventMention): boolean => m.rules.some((r) => r === 'place-same-sentence' || r === 'place-plural-anaphor' || r === 'place-listed');

function samePlace(a: EventMention, b: EventMention, soleOfItsKind: ReadonlySet<SubEventType>): boolean {
  const pa = a.place?.place;
  const pb = b.place?.place;
  if (!pa || !pb) return true;
  // ... when the body names one place for events of its kind.
  if (a.sub === b.sub && soleOfItsKind.has(a.sub) && ledeUnplaced(a) !== ledeUnplaced(b)) return true;
  if (pa.geonameid !== null && pa.geonameid === pb.geonameid) return true;
  // A town the gazetteer lacks, named twice and placed at what each sentence said around it: one town.
  if (pa.geonameid === null && pb.geonameid === null && !pa.feature_code.startsWith('A.') && pa.feature_code === pb.feature_code &&
    pa.name === pb.name) return true;
  // Two towns the text names apart are two places, however near ("Khan Shaykhun" and "Kafr Zeita", 9 km); a town the
  // gazetteer lacks, placed near a listed one, is another town by its name.
  if (pa.feature_code.startsWith('P.') && pb.feature_code.startsWith('P.') && placeNamed(a) && placeNamed(b) &&
    (pa.geonameid !== null && pb.geonameid !== null ? pa.geonameid !== pb.geonameid : pa.name !== pb.name)) return false;
  const adminA = pa.feature_code.startsWith('A.');
  const adminB = pb.feature_code.startsWith('A.');
  // A province and a town inside it: the town is the finer report of the same place.
  if (adminA !== adminB) {
    const admin = adminA ? pa : pb;
    const town = adminA ? pb : pa;
    if (admin.feature_code.startsWith('A.PCL')) return admin.cc === town.cc;
    return admin.cc === town.cc && admin.admin1 !== null && admin.admin1 === town.admin1;
  }
  return distanceKm(pa.latitude, pa.longitude, pb.latitude, pb.longitude) <= MERGE_KM;
}

/** A year or month date contains a day in it: "in 2017" and "on April 4, 2017" can be one event. */
function contains(coarse: EventMention, fine: EventMention): boolean {
  const r = coarse.dateRef;
  if (coarse.timePrecision !== 3 || !r?.earliest || !r.latest || !fine.date) return false;
  return fine.date >= r.earliest && fine.date <= r.latest;
}

function sameDay(a: EventMention, b: EventMention): boolean {
  if (!a.date || !b.date) return true;
  // A mention that borrowed its date from context takes the date of one that states it.
  const own = (m: EventMention) => m.rules.includes('date-same-sentence');
  const related = a.sub === b.sub || !!ABSORBS[a.sub]?.includes(b.sub) || !!ABSORBS[b.sub]?.includes(a.sub);
  if (own(a) !== own(b) && related) return true;
  if (contains(a, b) || contains(b, a)) return true;
  const explicit = a.rules.includes('date-same-sentence') && b.rules.includes('date-same-sentence');
  return Math.abs(daysBetween(a.date, b.date)) <= (explicit ? 0 : 1);
}

function compatibleActors(a: EventMention, b: EventMention): boolean {
  const named = (x: EventMention) => x.actor1.mention !== null;
  if (named(a) && named(b) && a.actor1.name !== b.actor1.name && a.actor2?.name !== b.actor1.name) return false;
  return true;
}

function mergeInto(keep: EventMention, other: EventMention, rule: string): void {
  const keepOwnPlace = keep.rules.includes('place-same-sentence');
  const otherOwnPlace = other.rules.includes('place-same-sentence');
  const otherFiner = otherOwnPlace && other.place?.place && keep.place?.place &&
    ((keep.place.place.feature_code.startsWith('A.') && !other.place.place.feature_code.startsWith('A.')) ||
      // (an unknown town placed more finely: near a town, or in its province rather than its country)
      (keep.place.approximate !== undefined && other.place.approximate !== undefined &&
        (other.place.approximate < keep.place.approximate || (keep.place.place.admin1 === null && other.place.place.admin1 !== null))));
  if ((!keepOwnPlace && otherOwnPlace) || otherFiner) {
    keep.place = other.place;
    keep.geoPrecision = other.geoPrecision;
  }
  const keepOwnDate = keep.rules.includes('date-same-sentence');
  const otherOwnDate = other.rules.includes('date-same-sentence');
  // The date read from the mention's own sentence wins; between two, the more precise one ("April 4, 2017" over "2017").
  const takeOther = (!keepOwnDate && otherOwnDate) || (keepOwnDate === otherOwnDate && other.timePrecision < keep.timePrecision);
  if (takeOther) {
    keep.date = other.date;
    keep.timePrecision = other.timePrecision;
    keep.historical = other.historical;
    keep.dateRef = other.dateRef;
  }
  if (!keep.actor1.mention && other.actor1.mention) keep.actor1 = other.actor1;
  if ((!keep.actor2 || !keep.actor2.mention) && other.actor2?.mention) keep.actor2 = other.actor2;
  keep.assoc1 ??= other.assoc1;
  // Fatalities: the same dead reported twice keep the lowest figure (ACLED's conservative rule), other victims add
  // up, a 0 only implied by a report of wounded gives way to a count of dead (code/figures combineFatalities).
  keep.fatalities = combineFatalities(keep.fatalities, other.fatalities);
  keep.injuries ??= other.injuries;
  keep.source ??= other.source;
  keep.civilianTargeting ||= other.civilianTargeting;
  keep.confidence = Math.min(0.99, Math.max(keep.confidence, other.confidence) + 0.03);
  keep.rules = [...new Set([...keep.rules, ...other.rules, rule])];
  keep.evidence = [...keep.evidence, ...other.evidence];
}

/**
 * Merges the mentions of one article into events.
 * @param mentions coded mentions, in text order
 * @returns one mention per event; the kept one carries the evidence of all
 */
export function mergeMentions(mentions: EventMention[]): EventMention[] {
  const events: EventMention[] = [];
  const placedBy = new Map<SubEventType, Set<number | string>>();
  for (const m of mentions) {
    const p = m.place?.place;
    if (!p || ledeUnplaced(m) || !m.rules.includes('place-same-sentence')) continue;
    placedBy.set(m.sub, (placedBy.get(m.sub) ?? new Set()).add(p.geonameid ?? p.name));
  }
  const soleOfItsKind = new Set([...placedBy].filter(([, places]) => places.size === 1).map(([sub]) => sub));
  for (const m of mentions) {
    let merged = false;
    // "The strike", "the attack" with no place or date of its own: the latest event of its kind.
    const ownPlace = placeNamed(m);
    const ownDate = m.rules.includes('date-same-sentence');
    if (!ownPlace && !ownDate) {
      const latest = [...events].reverse().find((e) => e.sub === m.sub && e.historical === m.historical);
      if (latest) {
        mergeInto(latest, m, 'merge-anaphor');
        continue;
      }
    }
    for (const e of events) {
      if (!samePlace(e, m, soleOfItsKind) || !sameDay(e, m) || e.historical !== m.historical) continue;
      if (GENERIC_ATTACK.has(m.trigger.rule.id) && ARMED_TYPES.has(e.sub)) {
        mergeInto(e, m, 'merge-generic-attack');
        merged = true;
      } else if (e.sub === m.sub && compatibleActors(e, m)) {
        mergeInto(e, m, 'merge-same-event');
        merged = true;
      } else if ((PROTEST.has(e.sub) && escalation(e, m)) || (PROTEST.has(m.sub) && escalation(m, e))) {
        const [protest, other] = PROTEST.has(e.sub) ? [e, m] : [m, e];
        const sub = escalation(protest, other)!;
        const copy = { ...other };
        const demonstrators = protest.actor1;
        Object.assign(e, protest);
        mergeInto(e, copy, 'merge-protest-escalation');
        e.sub = sub;
        // The demonstrators stay the first actor (rioters once it turns violent); the state force the
        // other report names, if any, is the second ("Protesters and police clashed").
        e.actor1 = sub === 'Violent demonstration' && demonstrators.inter === 6
          ? { ...demonstrators, name: demonstrators.name.replace(/^Protesters/, 'Rioters'), inter: 5 }
          : demonstrators;
        const force = [copy.actor1, copy.actor2].find((x) => x && x.inter === 1);
        if (force) e.actor2 = force;
        merged = true;
      } else if (absorbs(e, m)) {
        mergeInto(e, m, `merge-absorb-${slug(m.sub)}`);
        merged = true;
      } else if (absorbs(m, e)) {
        const copy = { ...e };
        Object.assign(e, m);
        mergeInto(e, copy, `merge-absorb-${slug(copy.sub)}`);
        merged = true;
      }
      if (merged) break;
    }
    if (!merged) events.push({ ...m, rules: [...m.rules], evidence: [...m.evidence] });
  }
  return events;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
