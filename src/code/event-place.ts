/**
 * @module code/event-place
 * Where an event happened: the place named nearest its trigger in the clause, the object of
 * a territorial verb, the towns a withdrawal lists, and ACLED's geo precision.
 */
import type { GeoPrecision, Toponym } from '../domain/types.js';
import type { Analysis, Sentence } from './analysis.js';
import { coderList, coderPattern, lazyPattern } from './coder-words.js';
import type { EventMention } from './coder.js';
import { ENDS_ON_FROM } from './roles.js';
import type { TriggerMatch } from './triggers.js';

export const TERRITORY_TRIGGER = new Set<string>(['territory', 'Government regains territory', 'Non-violent transfer of territory']);

// The word lists are data (`data/lexicons/coder-words.yaml`, by entry id). The patterns that place them in a
// sentence are grammar and stay here, with the few site nouns only one construction takes; they are built
// when first used (the lists are read with the other rules, not at import).
/** Nouns that stand for a place already named ("the town", "its base"). */
const placeNouns = (): string => coderList('place-nouns');
/** Looser nouns a capture can take as its object ("seized two checkpoints", "control of the highway"). */
const objectNouns = (): string => `${placeNouns()}|${coderList('object-nouns')}`;
/** "the town", "its base" — but not "the town of Kidal", which names the place. */
const OBJECT_ANAPHOR = lazyPattern(() => new RegExp(`^\\s*(?:full\\s+|complete\\s+)?(?:control\\s+(?:of|over)\\s+)?(?:the|this|that|these|those|its|their|his|her)\\s+(?:[\\w'’-]+\\s+){0,2}?(?:${placeNouns()})\\b(?!\\s+(?:of|in|at|near|called|named)\\s+\\p{Lu})`, 'u'));

const BARE_PLACE_NOUN = lazyPattern(() => new RegExp(`^\\s+(?:key |strategic |border |northern |southern |eastern |western |rebel-held |frontline |front-line )?(?:${placeNouns()})\\b`, 'i'));
const PASSIVE_BEFORE = /\b(?:been|was|were|being|is|are)\s+$/i;
/** After "were", "is": a state of control ("still in control of", "back in control of", "once again in charge of"), not a passive. */
const STATE_NOT_PASSIVE = /^(?:now|still|firmly|remain|back|again|once again|in (?:full |firm |effective )?(?:control|charge))\b/i;

const PLACE_ANAPHOR = lazyPattern(() => new RegExp(`^\\s*(?:full\\s+|complete\\s+)?(?:control\\s+(?:of|over)\\s+)?(?:[\\w'’-]+\\s+){0,4}?(?:${objectNouns()})\\b`, 'i'));

/** A trigger that ends on its own definite object ("quit those towns", "abandoned their positions"): the place it names before. */
const OWN_DEFINITE_OBJECT = lazyPattern(() => new RegExp(`\\s(?:the|this|that|these|those|its|their|both)\\s+(?:[\\w'’-]+\\s+){0,2}(?:${placeNouns()})$`, 'i'));

/** A place noun that a trigger names as its own object ("cleared the Mamond area of ..."). */
const INNER_PLACE_NOUN = lazyPattern(() => new RegExp(`\\s(?:the|a|an|its|their|his|her|several|all)\\s+(?:[\\w'’-]+\\s+){0,2}(?:${placeNouns()}|heights?|hilltops?|ridges?|islands?)\\s+(?:of|from)\\b`, 'i'));

/** "the base was", "The Ogossagou camp has been": a place noun right before the passive auxiliary. */
const PASSIVE_PLACE_SUBJECT = lazyPattern(() => new RegExp(`\\b(?:${placeNouns()}|post|posts|checkpoints?|station|complex)\\s+(?:[\\w'’-]+\\s+)?(?:has been|have been|had been|was|were|is|are|being)\\s+(?:[\\w'’-]+\\s+)?$`, 'i'));

const LEADING_PLACE_NOUN = lazyPattern(() => new RegExp(`^(?:${placeNouns()}|camps|bases|posts?|checkpoints?|sites?|station|complex|cantonments?)\\s+(?:[\\w'’-]+\\s+){0,3}?(?:was|were|has|had|have|is|are)\\b`, 'i'));

/** "those towns": the towns the previous sentence listed. */
const PLURAL_ANAPHOR = coderPattern('plural-place-anaphor');

/** "the town's former headquarters": the last town the text named. */
export const TOWN_ANAPHOR = coderPattern('town-anaphor');
/** "captured a military base": an indefinite military site taken. */
const INDEFINITE_SITE = coderPattern('indefinite-site');
/** "seized the Army headquarters": a capitalised name after the verb that is an organisation or a person, not a place. */
const NOT_A_PLACE_NAME = coderPattern('not-a-place-name');
/** "now in the hands of", "fell to": a control phrase in the trigger, for a place named anywhere in the sentence. */
const CONTROL_PHRASE = coderPattern('control-phrases');

/**
 * A change of control needs a place that changed hands: named right after the verb
 * ("seized Kidal"), before a passive verb ("Kidal was captured"), or referred to ("took the town").
 * "Those freed had been captured in Mariupol" names where people were taken, not a place taken.
 */
export function hasPlaceObject(text: string, s: Sentence, t: TriggerMatch): boolean {
  // (A name read as a place counts even when the gazetteer lacks it: the village taken is often too small for it.)
  const places = s.toponyms.filter((p) => p.role === 'place');
  // ("were still in control of X", "is now in the hands of", "were back in control of": a state, not a passive verb;
  // its object follows.)
  const passive = PASSIVE_BEFORE.test(text.slice(s.start, t.start)) && !STATE_NOT_PASSIVE.test(t.text);
  // "The Ogossagou camp was handed over": a place noun as the passive subject names the place taken.
  // But "militants were expelled from Fallujah", "were driven out of Kidal": the side that lost is the subject, and the
  // place follows the preposition the trigger ends on.
  if (passive && !ENDS_ON_FROM.test(t.text)) return places.some((p) => p.end <= t.start) || PASSIVE_PLACE_SUBJECT.test(text.slice(s.start, t.start));
  // "overran it", "took them over": a pronoun for the post or town the sentence named before the verb.
  if (/^[\w'’-]+\s+(?:it|them)\b/i.test(t.text) || /^\s+(?:it|them)\b(?!\s+(?:was|were|is|are|had|has|to)\b)/i.test(text.slice(t.end, t.end + 12))) {
    const before = text.slice(s.start, t.start);
    if (places.some((p) => p.end <= t.start) || new RegExp(`\\b(?:${objectNouns()})\\b`, 'i').test(before)) return true;
  }
  // "Key town falls to jihadists", "Thandwe, home to the resort, has fallen to": the place is the subject.
  if (/\b(?:fell|falls?|fallen)\b.*\bto$/i.test(t.text)) {
    const subject = text.slice(s.start, t.start);
    // (a bare "the garrison fell" with no place in the sentence stays unplaced: the paragraph's last place is often another.)
    if (places.length > 0 && new RegExp(`\\b(?:${placeNouns()})\\s+(?:[\\w'’-]+\\s+){0,2}$`, 'i').test(subject) ||
      /^\s*(?:al-|el-)?\p{Lu}[\p{L}'’-]+(?:,|\s+(?:has|had|have|was|is|finally|fell|falls)\b)/u.test(subject)) return true;
  }
  // "took control" + " of the town of X": the object follows the preposition.
  // A withdrawal names the place it left: "after Israeli forces withdrew" + " from the town".
  const lead = t.rule.sub === 'Non-violent transfer of territory' ? /^\s+(?:of|over|from|out of)(?=\s)/i : /^\s+(?:of|over)(?=\s)/i;
  // "occupied the " + "district headquarters": an article the trigger took in still makes the object definite.
  const article = /\b(?:the|an?)\s+$/i.exec(t.text)?.[0].trimEnd() ?? '';
  const after = `${article ? ` ${article} ` : ''}${text.slice(t.end, Math.min(s.end, t.end + 80)).replace(lead, '')}`;
  // Headline style drops the article: "Troops retake village from Boko Haram".
  if (BARE_PLACE_NOUN.test(after)) return true;
  if (OBJECT_ANAPHOR.test(after) || PLACE_ANAPHOR.test(after) && (/^\s*(?:the|this|that|its|their|his|her|several|two|three|four|five|some|many|key|large parts of|parts of|control of|positions|bases|outposts|checkpoints)\b/i.test(after) ||
    // "captured a military base": an indefinite military site is a place taken; "recaptured a town" with no
    // place named after it is a summary of an event told elsewhere.
    INDEFINITE_SITE.test(after))) return true;
  // A proper name right after the verb, even one the gazetteer lacks ("seized Kashma").
  if (/^\s+(?:the\s+)?(?:(?:village|town|city|area|district|locality|hamlet|strategic)\s+(?:of\s+)?)?(?:al-|el-)?\p{Lu}[\p{L}'’-]+/u.test(after) && !NOT_A_PLACE_NAME.test(after)) return true;
  // "cleared the Mamond area of militants", "drove the rebels out of Kidal": the place is named inside the trigger.
  if (places.some((p) => p.start >= t.start && p.end <= t.end) || INNER_PLACE_NOUN.test(t.text)) return true;
  // "The opposition forces quit those towns" after a sentence that named them (spreadOverPlaces places the event there).
  if (OWN_DEFINITE_OBJECT.test(t.text)) return true;
  // "the camp was handed over to": a trigger that opens on the site it transfers.
  if (LEADING_PLACE_NOUN.test(t.text)) return true;
  return places.some((p) => p.start >= t.end && p.start - t.end <= 70 && !/[;:]/.test(text.slice(t.end, p.start))) ||
    CONTROL_PHRASE.test(t.text) && places.length > 0 ||
    places.some((p) => p.end <= t.start && t.start - p.end <= 40);
}

/** The place of an event: the place named nearest the trigger in its clause, or inherited. */
export function pickPlace(text: string, s: Sentence, t: TriggerMatch, focusCc: string | null): Toponym | null {
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
  // "recaptured a town in the Middle Shabelle region": an indefinite place taken is named after the verb, if at all
  // (not the city of another clause: "a bomb killed eight in Mogadishu, hours after troops recaptured a town").
  if (TERRITORY_TRIGGER.has(t.rule.sub) && /^\s*(?:an?|one)\s/i.test(text.slice(t.end, t.end + 5))) {
    const after = places.filter((p) => p.start >= t.end);
    places = after.length ? after
      : places.filter((p) => p.end <= t.start && !/\b(?:after|before|when|while|since|following|until|as)\b/i.test(text.slice(p.end, t.start)));
    if (!places.length) return null;
  }
  // Only countries named: the article's own country if it is among them ("Ukraine says ... with Russia").
  // A foreign country named alone is more often a target or a party ("chanting against France") than the place.
  if (places.every((p) => p.place!.feature_code.startsWith('A.PCL'))) {
    return places.find((p) => p.place!.cc === focusCc) ?? (focusCc ? null : places[0]!);
  }
  // "killed two militants in a drone strike in eastern Afghanistan, in retaliation for the bombing outside Kabul
  // airport": a place in a clause that names another event's cause is that event's, when the trigger's own clause
  // names a place (however coarse).
  const causeClause = (p: Toponym): boolean => p.start >= t.end && CAUSE_CLAUSE.test(text.slice(t.end, p.start));
  if (places.some((p) => !causeClause(p))) places = places.filter((p) => !causeClause(p));
  const rank = (p: Toponym) => placeRank(text, s, t, p);
  return [...places].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * How far a place is from being a trigger's place: towns before divisions before countries (a thousand per level),
 * then the distance in characters, longer across a clause break, shorter after "in", "near", "of".
 */
function placeRank(text: string, s: Sentence, t: TriggerMatch, p: Toponym): number {
  const fc = p.place?.feature_code ?? 'P';
  const level = fc.startsWith('A.PCL') ? 2 : fc.startsWith('A.ADM') ? 1 : 0;
  const between = p.start >= t.end ? text.slice(t.end, p.start) : text.slice(p.end, t.start);
  let dist = p.start >= t.end ? p.start - t.end : (t.start - p.end) * 1.5;
  // A place in another clause ("…, angering Bamako") is a weaker candidate.
  if (/[,;:—–]/.test(between)) dist *= 3;
  // "in X", "near X", "X's": the usual way news locates an event.
  if (/\b(?:in|at|near|outside|into|around|across|from|of|on|inside)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$/i.test(text.slice(Math.max(s.start, p.start - 40), p.start))) dist *= 0.6;
  return level * 1000 + dist;
}

/** A division noun after a name: "Kyivskyi district", "Soum province". */
const DIVISION_NOUN_AFTER = coderPattern('division-noun-after');
/** What lies between an unknown town and a known one it is near: "near", ", 15 km from". */
const NEAR_TOWN_AFTER = coderPattern('near-town-after');

/** An unresolved name farther than this (rank) from its trigger is not taken for the event's place. */
const UNRESOLVED_MAX_RANK = 120;

/**
 * The event's place when the gazetteer lacks it: "M23 took control of Rubaya, in North Kivu province" names a town
 * the shipped gazetteer does not hold. Rather than the province or the country alone, the event keeps the name the
 * text gives, at the coordinates of what the text says is around it (a known town it is near, the province named
 * next to it, else `container`: see the coder's `divisionAround`), with no GeoNames id: a map shows it in the right
 * province and the analyst sees which town it was. (`container` is asked only when needed: most sentences name no
 * such town.) Null when the sentence names no such town near the trigger, or a resolved town is the better place.
 * (A name is taken for a place only where the geoparser read it as one: "in Rubaya", "the village of Rubaya".)
 */
export function unresolvedPlace(text: string, s: Sentence, t: TriggerMatch, picked: Toponym | null, container: () => Toponym | null): Toponym | null {
  // (Not a division the gazetteer lacks, "the Kyivskyi district": that is no town, and the division given stands.)
  const names = s.toponyms.filter((p) => p.role === 'place' && !p.place && /^\p{Lu}/u.test(p.text) &&
    !DIVISION_NOUN_AFTER.test(text.slice(p.end, p.end + 16)) && !(p.start >= t.end && CAUSE_CLAUSE.test(text.slice(t.end, p.start))));
  if (!names.length) return null;
  const rank = (p: Toponym) => placeRank(text, s, t, p);
  const best = names.sort((a, b) => rank(a) - rank(b))[0]!;
  if (rank(best) > UNRESOLVED_MAX_RANK) return null;
  // A known town the text places the name near ("the village of Masala near Beni", "Barsalogho, about 40 km north of
  // Kaya").
  const town = s.toponyms.find((p) => p.role === 'place' && p.place && !p.place.feature_code.startsWith('A.') && p.start >= best.end &&
    NEAR_TOWN_AFTER.test(text.slice(best.end, p.start)));
  // A town the gazetteer knows is the place, unless the unknown name is nearer the trigger and the text says a town
  // stands there ("seized the mining town of Nyabibwe ..., a week after capturing Goma") or places it near that town.
  if (picked?.place && !picked.place.feature_code.startsWith('A.') &&
    (rank(picked) <= rank(best) || (!best.townCue && town?.start !== picked.start))) return null;
  if (town) return approximateAt(best, town, 2);
  // The division the sentence names next to the name ("Nyabibwe, in South Kivu province"), else the one given.
  const divisions = s.toponyms.filter((p) => p.role === 'place' && p.place?.feature_code.startsWith('A.ADM'));
  const near = divisions.find((p) => p.start >= best.end && p.start - best.end <= 60) ?? divisions.filter((p) => p.end <= best.start).pop();
  const box = near ?? container();
  if (!box?.place) return null;
  const fc = box.place.feature_code;
  return approximateAt(best, box, fc.startsWith('A.PCL') || fc.startsWith('A.ADM1') ? 3 : 2);
}

/** A town the gazetteer lacks, given the coordinates (and country, division) of `at`. */
function approximateAt(name: Toponym, at: Toponym, precision: GeoPrecision): Toponym {
  return { ...name, place: { ...at.place!, name: name.text, geonameid: null, population: 0, feature_code: 'P.PPL' }, approximate: precision };
}

/**
 * A list of towns ("the towns of Latamneh and Kafr Zeita") with some the gazetteer lacks: those are placed near a
 * listed town it knows (ACLED's precision 2, "near"). When it knows none of them, the list gives no place.
 */
function withListedNeighbours(towns: readonly Toponym[]): Toponym[] {
  const known = towns.find((p) => p.place);
  if (!known) return [];
  return towns.map((p) => (p.place ? p : approximateAt(p, known, 2)));
}

/** A coordinated list of towns from `first` on: "Latamneh and Kafr Zeita", "A, B and C". */
function coordinatedList(text: string, towns: readonly Toponym[]): Toponym[] {
  if (!towns.length) return [];
  const list = [towns[0]!];
  for (let i = 1; i < towns.length; i++) {
    const gap = text.slice(towns[i - 1]!.end, towns[i]!.start);
    if (!/^\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+|&\s*)(?:the\s+)?(?:(?:town|village|city|towns|villages) of\s+)?$/i.test(gap)) break;
    list.push(towns[i]!);
  }
  return list;
}

/** Words between a trigger and a later place that open a clause about another event ("..., in retaliation for"). */
const CAUSE_CLAUSE = coderPattern('cause-clause');

export function geoPrecisionOf(p: Toponym | null, inherited: boolean): GeoPrecision {
  if (!p?.place) return 3;
  if (p.approximate) return p.approximate;
  const fc = p.place.feature_code;
  if (fc.startsWith('A.PCL') || fc.startsWith('A.ADM1')) return 3;
  if (p.relative) return p.relative.geo_precision;
  if (fc.startsWith('A.')) return 2;
  return inherited ? 2 : 1;
}

/** A territorial event names several places: one event per place (ACLED: one event per location). */
export function spreadOverPlaces(
  a: Analysis,
  s: Sentence,
  t: TriggerMatch,
  first: EventMention,
): EventMention[] {
  const after = s.toponyms.filter((p) => p.role === 'place' && p.start >= t.end && !p.place?.feature_code.startsWith('A.'));
  let extra: Toponym[] = [];
  if (after.length > 1) {
    // Only a coordinated list right after the verb: "Latamneh and Kafr Zeita", "A, B and C".
    extra = withListedNeighbours(coordinatedList(a.text, after)).filter((p) => p.start !== first.place?.start);
  } else if (!after.length && PLURAL_ANAPHOR.test(a.text.slice(t.start, s.end))) {
    // "quit those towns" (in the trigger or after it): the towns the previous sentence listed.
    const prevS = a.sentences[s.index - 1];
    const towns = prevS?.toponyms.filter((p) => p.role === 'place' && !p.place?.feature_code.startsWith('A.')) ?? [];
    const listed = withListedNeighbours(coordinatedList(a.text, towns.slice(-2)));
    if (listed.length) {
      first.place = listed[0]!;
      first.geoPrecision = listed[0]!.approximate ?? 1;
      first.rules.push('place-plural-anaphor');
      extra = listed.slice(1);
    }
  }
  return extra.map((p) => ({
    ...first,
    place: p,
    geoPrecision: p.approximate ?? (1 as GeoPrecision),
    rules: [...first.rules, 'place-listed'],
    evidence: [...first.evidence.filter((e) => e.field !== 'location'), { field: 'location', start: p.start, end: p.end, text: p.text }],
  }));
}
