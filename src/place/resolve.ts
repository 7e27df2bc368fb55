/**
 * @module place/resolve
 * Places each recognised mention on the map (resolution).
 *
 * Each candidate place of a mention gets a score: its prior (feature class + population, from the gazetteer)
 * plus the weights of the signals of `signals.tsv` that fire for it:
 * level-2 match, the article's focus country, countries named in the text, first-level divisions named in the
 * text, the "X, Y" parent pattern, admin/settlement cues, and proximity to the other mentions' current choices
 * (two rounds, so that a cluster of places pulls an ambiguous name to itself). Mentions with the same key get one
 * place (one sense per discourse), unless a mention's own cue says it is a town ("X city").
 */
import { distance } from 'fastest-levenshtein';

import type { Place, Toponym } from '../domain/types.js';
import { distanceKm } from './distance.js';
import { fold } from './normalize.js';
import { NO_CANDIDATES, candidate, type Candidate, type Gazetteer } from './gazetteer.js';
import type { GeoLexicons } from './lexicons.js';
import type { Mention } from './recognize.js';
import { isJsSpace } from './tokens.js';

/** Options of {@link resolve}. */
export interface ResolveOptions {
  /** ISO2 of the country the article is about, when known from elsewhere (feed, dateline). */
  focusCc?: string;
  /**
   * Countries the text points to other than by place names (ISO2 → votes): a group tied to one country
   * ("Al Shabaab", "the Houthis") votes for it as a country named once does.
   */
  countryHints?: ReadonlyMap<string, number>;
  /** Debug trace: called once per mention with its candidates and final scores, best first. */
  trace?: (m: Mention, ranked: { place: Place; prior: number; score: number }[]) => void;
}

/** Candidates considered per mention (postings are best prior first). */
const MAX_CANDIDATES = 25;
/** Candidates whose base score is this far below the best are not considered. */
const PRUNE_MARGIN = 7;
/** A capital, or a city this large, beats a same-named first-level division (Washington DC, Aleppo, New York City):
 * in international news the bare name is the city far more often. */
const BIG_CITY = 500_000;
/** Grid cell size for candidate co-location, degrees (about 110 km of latitude). */
const CELL = 1;
/** Proximity rounds. */
const ROUNDS = 2;

/**
 * One mention being resolved. Scores are typed arrays and candidate lists are always arrays of candidate objects
 * (never an empty literal: {@link NO_CANDIDATES}), so the loops below meet one kind of each and are compiled once.
 */
interface Slot {
  m: Mention;
  cands: readonly Candidate[];
  base: Float64Array;
  score: Float64Array;
  choice: number;
  /** First-level division row of each candidate (-1: none, or a demonym's country). */
  a1: Int32Array;
}

/** The weights of `signals.tsv` by name (0 for a signal the file does not set). */
interface Weights {
  loose: number;
  focusCountry: number;
  focusGiven: number;
  countryNamed: number;
  focusAdmin1: number;
  parent: number;
  cueAdmin: number;
  cueSettlement: number;
  near100: number;
  near300: number;
  countryName: number;
  seatOverDistrict: number;
  bigCityOverAdmin: number;
  colocated: number;
  contains: number;
  inNamedAdmin1: number;
  seatOverAdmin1: number;
  altName: number;
}

const weightCache = new WeakMap<GeoLexicons, Weights>();

function weightsOf(lex: GeoLexicons): Weights {
  let ws = weightCache.get(lex);
  if (!ws) {
    const w = (id: string): number => lex.signals.get(id) ?? 0;
    ws = {
      loose: w('sig-loose'), focusCountry: w('sig-focus-country'), focusGiven: w('sig-focus-given'),
      countryNamed: w('sig-country-named'), focusAdmin1: w('sig-focus-admin1'), parent: w('sig-parent'),
      cueAdmin: w('sig-cue-admin'), cueSettlement: w('sig-cue-settlement'), near100: w('sig-near-100'),
      near300: w('sig-near-300'), countryName: w('sig-country-name'), seatOverDistrict: w('sig-seat-over-district'),
      bigCityOverAdmin: w('sig-big-city-over-admin'), colocated: w('sig-colocated'), contains: w('sig-contains'),
      inNamedAdmin1: w('sig-in-named-admin1'), seatOverAdmin1: w('sig-seat-over-admin1'), altName: w('sig-alt-name'),
    };
    weightCache.set(lex, ws);
  }
  return ws;
}

/**
 * Resolves mentions to places.
 * @param gaz the gazetteer.
 * @param lex the lexicons (signal weights).
 * @param text the raw text (for the "X, Y" pattern).
 * @param mentions recognised mentions, in text order.
 * @param opts the focus country, if known.
 * @returns one toponym per mention, in text order.
 */
export function resolve(gaz: Gazetteer, lex: GeoLexicons, text: string, mentions: Mention[], opts: ResolveOptions = {}): Toponym[] {
  const w = weightsOf(lex);
  const slots: Slot[] = [];
  for (const m of mentions) slots.push(newSlot(gaz, w, m));

  // Context that does not depend on the current choices, computed once: co-located candidates, divisions
  // holding or named by other mentions, and the "X, Y" parent pattern.
  const { parents, bracketed } = parentLinks(gaz, text, slots);
  addSupport(gaz, w, slots, parents);

  const given = opts.focusCc?.toUpperCase();
  const { focus, named } = focusCountry(slots, given, opts.countryHints);
  const focusWeight = given ? w.focusGiven : w.focusCountry;
  for (let round = 0; round <= ROUNDS; round++) scoreRound(w, slots, round, focus, focusWeight, named);
  oneSensePerDiscourse(slots);
  guard(gaz, lex, text, slots, focus, parents);
  keepInsideBracketParent(slots, parents, bracketed);
  placeSubplaces(gaz, lex, slots, focus);

  if (opts.trace) {
    for (const s of slots) {
      const ranked = s.cands.map((c, i) => ({ place: c.place, prior: c.prior, score: s.score[i] as number }));
      opts.trace(s.m, ranked.sort((a, b) => b.score - a.score));
    }
  }
  const out: Toponym[] = [];
  for (const s of slots) out.push(toToponym(s, text));
  return out;
}

/** The scores of a placed sub-place: one candidate, score 1 (shared, never written: no round scores a sub-place). */
const SUBPLACE_SCORE = Float64Array.of(1);

/** A mention's slot: its candidates scored on their own, those too far below the best dropped. */
function newSlot(gaz: Gazetteer, w: Weights, m: Mention): Slot {
  const all = candidatesOf(gaz, m);
  const facts = listFacts(gaz, all);
  const allBase = new Float64Array(all.length);
  let best = -Infinity;
  for (let i = 0; i < all.length; i++) {
    const v = baseScore(gaz, w, m, all[i] as Candidate, facts);
    allBase[i] = v;
    if (v > best) best = v;
  }
  // Candidates too far below the best cannot win on context: drop them early.
  let n = 0;
  for (let i = 0; i < all.length && n < MAX_CANDIDATES; i++) if ((allBase[i] as number) >= best - PRUNE_MARGIN) n++;
  let cands = all;
  let base = allBase;
  if (n < all.length) {
    const kept: Candidate[] = [];
    base = new Float64Array(n);
    for (let i = 0; i < all.length && kept.length < n; i++) {
      if ((allBase[i] as number) < best - PRUNE_MARGIN) continue;
      base[kept.length] = allBase[i] as number;
      kept.push(all[i] as Candidate);
    }
    cands = kept.length ? kept : NO_CANDIDATES;
  }
  const a1 = new Int32Array(cands.length);
  for (let i = 0; i < cands.length; i++) {
    const row = (cands[i] as Candidate).row;
    a1[i] = row >= 0 ? gaz.admin1Row(row) : -1;
  }
  // A sub-place is placed last, on one candidate of score 1 ({@link placeSubplaces}): its score array is set
  // here, as every other, so that the slots keep one shape.
  const score = m.kind === 'subplace' ? SUBPLACE_SCORE : base.slice();
  return { m, cands, base, score, choice: argmax(base), a1 };
}

/**
 * Adds to each candidate's base score what other mentions say about it: co-located candidates, a division that
 * holds or is named by other mentions, and the "X, Y" parent.
 */
function addSupport(gaz: Gazetteer, w: Weights, slots: Slot[], parents: Map<number, Slot>): void {
  const cells = candidateCells(slots);
  const admins = candidateAdmins(slots);
  // Per key and row: the support does not depend on the mention, only on its key (names recur).
  const support = new Map<string, Map<number, number>>();
  for (let si = 0; si < slots.length; si++) {
    const s = slots[si] as Slot;
    const parent = parents.get(si);
    let known = support.get(s.m.key);
    if (!known) support.set(s.m.key, (known = new Map()));
    for (let i = 0; i < s.cands.length; i++) {
      const c = s.cands[i] as Candidate;
      let v = known.get(c.row);
      if (v === undefined) {
        v = w.colocated * Math.min(3, colocated(cells, c.place, s.m.key)) + adminSupport(w, admins, c, s.a1[i] as number, s.m.key);
        known.set(c.row, v);
      }
      if (parent && isInside(c, parent)) v += w.parent;
      s.base[i] = (s.base[i] as number) + v;
    }
    s.choice = argmax(s.base);
  }
}

/**
 * The focus country: votes of every distinct name's candidates (softmax of their scores so far), countries and
 * demonyms that are clearly meant adding one more vote.
 * @returns the focus (the given one, if any) and the countries clearly named.
 */
function focusCountry(slots: Slot[], given: string | undefined, hints?: ReadonlyMap<string, number>): { focus: string | undefined; named: Set<string> } {
  const votes = new Map<string, number>(hints ?? []);
  const named = new Set<string>();
  const voted = new Set<string>();
  const perCc = new Map<string, number>();
  for (const s of slots) {
    // One vote per name: a town named ten times does not outvote ten other places.
    // Transliteration-only matches are weak evidence: they do not vote ("A Russian" ~ Ulsan must not make Korea the focus).
    if (!s.cands.length || voted.has(s.m.key) || s.m.kind === 'loose') continue;
    voted.add(s.m.key);
    const probs = softmax(s.base);
    const top = s.cands[s.choice] as Candidate;
    const clear = (probs[s.choice] as number) >= 0.8 && (top.place.feature_code === 'A.PCLI' || s.m.kind === 'demonym');
    if (clear && top.place.cc) {
      named.add(top.place.cc);
      votes.set(top.place.cc, (votes.get(top.place.cc) ?? 0) + 1);
    }
    perCc.clear();
    for (let i = 0; i < s.cands.length; i++) {
      const cc = (s.cands[i] as Candidate).place.cc;
      perCc.set(cc, Math.max(perCc.get(cc) ?? 0, probs[i] as number));
    }
    for (const [cc, p] of perCc) if (cc) votes.set(cc, (votes.get(cc) ?? 0) + p);
  }
  // The most votes; the first country to get them on a tie. (One way out, also for a text without names: a path
  // first taken late in a process costs a recompilation.)
  let focus = given;
  let most = -Infinity;
  if (given === undefined) {
    for (const [cc, v] of votes) {
      if (v > most) {
        focus = cc;
        most = v;
      }
    }
  }
  return { focus, named };
}

/**
 * One scoring round: base score plus the focus country, countries named, divisions of the other mentions' current
 * choices and, after the first round, proximity to those choices; then each mention takes its best candidate.
 */
function scoreRound(w: Weights, slots: Slot[], round: number, focus: string | undefined, focusWeight: number, named: Set<string>): void {
  const admin1Named = new Map<number, number>();
  for (const s of slots) {
    const a1 = chosenAdmin1(s);
    if (a1 >= 0) admin1Named.set(a1, (admin1Named.get(a1) ?? 0) + 1);
  }
  const chosen = round > 0 ? chosenPoints(slots) : undefined;
  for (const s of slots) {
    const ownA1 = chosenAdmin1(s);
    for (let i = 0; i < s.cands.length; i++) {
      const p = (s.cands[i] as Candidate).place;
      let v = s.base[i] as number;
      if (focus && p.cc === focus) v += focusWeight;
      if (named.has(p.cc) && p.feature_code !== 'A.PCLI') v += w.countryNamed;
      const a1 = s.a1[i] as number;
      if (a1 >= 0 && (admin1Named.get(a1) ?? 0) - (a1 === ownA1 ? 1 : 0) > 0) v += w.focusAdmin1;
      if (chosen) v += proximity(w, chosen, s.m.key, p);
      s.score[i] = v;
    }
  }
  for (const s of slots) s.choice = argmax(s.score);
}

/** The first-level division of a slot's current choice (itself when it is one), or -1. */
function chosenAdmin1(s: Slot): number {
  if (s.choice >= s.cands.length) return -1;
  const c = s.cands[s.choice] as Candidate;
  return c.place.feature_code === 'A.ADM1' ? c.row : (s.a1[s.choice] as number);
}

/**
 * Places the `subplace` mentions (see {@link module:place/subplaces}): at a same-named populated place near their
 * city, else at the city itself with geo_precision 2 (the noun is the qualifier); "the capital" at the focus
 * country's capital. Their city: the one named next to them, else the article's main city (its most-mentioned
 * populated place in the focus country, the most populous on a tie).
 */
function placeSubplaces(gaz: Gazetteer, lex: GeoLexicons, slots: Slot[], focus: string | undefined): void {
  const subs = slots.filter((s) => s.m.kind === 'subplace' && s.m.frame);
  if (!subs.length) return;
  const counts = new Map<number, { c: Candidate; n: number }>();
  for (const s of slots) {
    const c = s.cands[s.choice];
    if (!c || s.m.kind === 'subplace' || s.m.role !== 'place' || !c.place.feature_code.startsWith('P.')) continue;
    if (focus && c.place.cc !== focus) continue;
    const e = counts.get(c.row) ?? { c, n: 0 };
    e.n++;
    counts.set(c.row, e);
  }
  const main = [...counts.values()].sort((a, b) => b.n - a.n || b.c.place.population - a.c.place.population)[0]?.c;
  const nearKm = lex.guards.get('sub-near-km') ?? 40;
  for (const s of subs) {
    const f = s.m.frame as NonNullable<Mention['frame']>;
    let parent: Candidate | undefined;
    if (f.parent === 'capital') parent = focus ? gaz.capital(focus) : undefined;
    else {
      const city = f.city;
      const at = city && slots.find((o) => o !== s && o.cands.length > 0 && o.m.start < city.end && city.start < o.m.end);
      const namedChoice = at ? at.cands[at.choice] : undefined;
      parent = namedChoice && !namedChoice.place.feature_code.startsWith('A.PCL') ? namedChoice
        : f.parent === 'named' ? undefined : (cityInName(gaz, s.m.text, focus) ?? main);
    }
    s.choice = 0;
    if (!parent) {
      s.m.rules.push('res-subplace-no-city');
      s.cands = NO_CANDIDATES;
      continue;
    }
    const p = parent.place;
    const own = f.parent === 'capital' ? undefined : gaz.candidatesByKey(s.m.key, false)
      .find((c) => c.place.feature_code.startsWith('P.') && distanceKm(c.place.latitude, c.place.longitude, p.latitude, p.longitude) <= nearKm);
    if (own) {
      s.m.rules.push('res-subplace-own');
      s.m.qualifier = undefined;
      s.cands = [own];
    } else {
      s.m.rules.push(f.parent === 'capital' ? 'res-subplace-capital' : 'res-subplace-city');
      // "the Old City" has no noun: the name itself qualifies the city (geo_precision 2).
      if (!s.m.qualifier && f.parent !== 'capital') s.m.qualifier = { start: s.m.start, end: s.m.end, effect: 'relative' };
      s.cands = [parent];
    }
  }
}

/**
 * A populated place (in the focus country) whose name opens a sub-place's name: "Daraa al-Balad" is a quarter of
 * Daraa, "Gaza al-Jadida" one of Gaza.
 */
function cityInName(gaz: Gazetteer, name: string, focus: string | undefined): Candidate | undefined {
  const words = name.split(/[\s-]+/);
  for (let k = words.length - 1; k >= 1; k--) {
    const hit = gaz.candidatesByKey(fold(words.slice(0, k).join(' ')), false)
      .find((c) => c.place.feature_code.startsWith('P.') && (!focus || c.place.cc === focus));
    if (hit) return hit;
  }
  return undefined;
}

/** Cues that say what kind of place a name is (a bare "in" says little). */
const STRONG_CUES = ['settlement', 'admin', 'relative', 'near'] as const;

/**
 * The guards of `guards.tsv`: weak resolutions far from the article's countries become unresolved.
 * @param gaz the gazetteer.
 * @param lex the lexicons (guard parameters).
 * @param text the raw text.
 * @param slots the resolved slots (a guarded slot loses its candidates).
 * @param focus the focus country.
 * @param parents the "X, Y" links.
 */
function guard(gaz: Gazetteer, lex: GeoLexicons, text: string, slots: Slot[], focus: string | undefined, parents: Map<number, Slot>): void {
  const g = (id: string): number => lex.guards.get(id) ?? 0;
  // Countries the text names by spelling: chosen countries, divisions and demonyms (not transliterations).
  const named = new Set<string>(focus ? [focus] : []);
  for (const s of slots) {
    const p = s.cands[s.choice]?.place;
    const bareAbbrev = s.m.kind === 'abbrev' && !s.m.rules.includes('rec-abbrev-parent');
    if (p && s.m.kind !== 'loose' && !bareAbbrev && !s.m.hyphenPart && (p.feature_code.startsWith('A.PCL') || p.feature_code === 'A.ADM1' || s.m.kind === 'demonym')) named.add(p.cc);
  }
  slots.forEach((s, si) => {
    const c = s.cands[s.choice];
    if (!c) return;
    // A transliteration must land in the focus country itself; a spelling match in any country the text names.
    // With no focus (a sentence that names no country), spellings stand, and so do transliterations close to the
    // place's name ("Maaret al Numan" / Maarrat an Numan); others are off focus ("Maungdaw", missing from the
    // gazetteer, is not Mingda, China).
    const home = s.m.kind === 'loose'
      ? (focus ? c.place.cc === focus : nameSimilarity(s.m.text, c.place.name) >= g('res-variant-no-focus-similarity'))
      : !focus || named.has(c.place.cc);
    // "Kidal, Mali": a parent that holds the place vouches for it ("Nweiri, Lebanese media said" does not).
    const parent = parents.get(si);
    if (s.m.kind === 'demonym' || s.m.kind === 'subplace' || home || (parent && isInside(c, parent))) return;
    if (s.m.kind === 'abbrev') {
      // "Sunday Mass." ending a sentence of a Philippine story is the service, not Massachusetts; "Lowell, Mass."
      // has its parent rule, and codes ("NSW") and mid-sentence forms ("Fla. economist") stay.
      const sentenceEnd = /^(?:\s+[\p{Lu}"“]|\s*$)/u.test(text.slice(s.m.end, s.m.end + 3));
      if (!s.m.rules.includes('rec-abbrev-parent') && /\.$/.test(s.m.text) && /\p{Ll}/u.test(s.m.text) && sentenceEnd) {
        s.m.rules.push('res-abbrev-off-focus');
        s.cands = NO_CANDIDATES;
      }
      return;
    }
    // Countries, continents, seas and named regions are never small.
    const f = c.place.feature_code;
    if (!c.place.cc || f.startsWith('A.PCL') || f.startsWith('L.') || f.startsWith('H.')) return;
    const strong = STRONG_CUES.some((e) => s.m.before.has(e) || s.m.after.has(e));
    const pop = c.place.population;
    let id: string | undefined;
    if (s.m.hyphenPart && pop < g('res-name-part-off-focus')) id = 'res-hyphen-part-off-focus';
    else if (s.m.kind === 'loose' && c.alt) id = 'res-variant-alt-off-focus';
    else if (s.m.kind === 'loose' && pop < g('res-variant-off-focus')) id = 'res-variant-off-focus';
    else if (s.m.capBefore && !strong && pop < g('res-name-part-off-focus')) id = 'res-name-part-off-focus';
    else if (s.m.kind === 'name' && !strong && pop < g('res-small-off-focus')) id = 'res-small-off-focus';
    else if (s.m.kind === 'name' && strong && pop < g('res-tiny-off-focus')) id = 'res-tiny-off-focus';
    if (!id) return;
    s.m.rules.push(id);
    s.cands = NO_CANDIDATES;
  });
}

/** Candidates of a mention: the gazetteer's, or the one division of an abbreviation. */
function candidatesOf(gaz: Gazetteer, m: Mention): readonly Candidate[] {
  if (m.kind === 'subplace') return NO_CANDIDATES; // placed after the others (placeSubplaces)
  if (m.kind === 'demonym') {
    const p = gaz.demonym(m.text);
    return p ? [candidate(-1, p, 1, 10)] : NO_CANDIDATES;
  }
  if (m.kind === 'abbrev' && m.abbrev) {
    const c = gaz.admin1Candidate(m.abbrev.cc, m.abbrev.admin1);
    return c ? [c] : NO_CANDIDATES;
  }
  let all = gaz.candidatesByKey(m.key, m.kind === 'loose' || m.key.length >= 5);
  // res-loose-country (guards.tsv): every spelling of a country or region is in its own files.
  if (all[0]?.level === 2) all = all.filter((c) => !c.place.feature_code.startsWith('A.PCL') && !c.place.feature_code.startsWith('L.'));
  // An all-caps code ("EU", "UK", "DRC") is a country or region, never the small town that shares the letters (Eu, France).
  if (/^[\p{Lu}.]+$/u.test(m.text) && m.text.replace(/\./g, '').length <= 4) {
    const codes = all.filter((c) => c.place.feature_code.startsWith('A.PCL') || c.place.feature_code.startsWith('L.') || c.place.feature_code === 'A.ADM1');
    if (codes.length) return codes;
  }
  return all.length ? all : NO_CANDIDATES;
}

/** Facts about a mention's whole candidate list that {@link baseScore} asks of every candidate (computed once). */
interface ListFacts {
  /** First-level division rows of the second-level divisions among the candidates. */
  adm2: Set<number>;
  /** Rows of the first-level divisions among the candidates. */
  adm1: Set<number>;
  /** Some level-1 candidate is a first-level division. */
  adm1Level1: boolean;
  /** Some candidate bears the name as its own (not an alternate), by level 1 and 2. */
  own1: boolean;
  own2: boolean;
}

function listFacts(gaz: Gazetteer, all: readonly Candidate[]): ListFacts {
  const facts: ListFacts = { adm2: new Set(), adm1: new Set(), adm1Level1: false, own1: false, own2: false };
  for (let i = 0; i < all.length; i++) {
    const o = all[i] as Candidate;
    const f = o.place.feature_code;
    if (f === 'A.ADM2') {
      if (o.row >= 0) facts.adm2.add(gaz.admin1Row(o.row));
    } else if (f === 'A.ADM1') {
      facts.adm1.add(o.row);
      if (o.level === 1) facts.adm1Level1 = true;
    }
    if (!o.alt) {
      if (o.level === 1) facts.own1 = true;
      else facts.own2 = true;
    }
  }
  return facts;
}

function baseScore(gaz: Gazetteer, w: Weights, m: Mention, c: Candidate, facts: ListFacts): number {
  let v = c.prior;
  const f = c.place.feature_code;
  const populated = f.startsWith('P.');
  const a1 = populated && c.row >= 0 ? gaz.admin1Row(c.row) : -1;
  if (c.level === 2) v += w.loose;
  if (m.effects.has('admin') && f.startsWith('A.ADM')) v += w.cueAdmin;
  if (m.effects.has('settlement') && populated) v += w.cueSettlement;
  if (f === 'A.PCLI' && c.level === 1) v += w.countryName;
  if (a1 >= 0 && facts.adm2.has(a1)) v += w.seatOverDistrict;
  const bigSeat = f === 'P.PPLC' || (populated && c.place.population >= BIG_CITY);
  // A capital or big city keeps its alternate names ("New York" for New York City, "Kiev" for Kyiv).
  // So does a division's seat under its division's name ("Mykolaiv" for the city spelled Mykolayiv).
  const seatOfNamesake = f === 'P.PPLA' && a1 >= 0 && facts.adm1.has(a1);
  if (c.alt && !bigSeat && !seatOfNamesake && (c.level === 1 ? facts.own1 : facts.own2)) v += w.altName;
  if (bigSeat && c.level === 1 && facts.adm1Level1) {
    v += w.bigCityOverAdmin;
  } else if (f === 'P.PPLA' && a1 >= 0 && facts.adm1.has(a1)) {
    v += w.seatOverAdmin1;
  }
  return v;
}

/**
 * The "X, Y" and "X (Y)" parent links: slot index of X → slot of Y, and which of them are bracketed ("Boni (Mopti)",
 * "Ras al-Ain (Hasakah province)", the way ACLED's notes and much wire copy name the division a small place lies in).
 */
function parentLinks(gaz: Gazetteer, text: string, slots: Slot[]): { parents: Map<number, Slot>; bracketed: Set<number> } {
  const parents = new Map<number, Slot>();
  const bracketed = new Set<number>();
  for (let i = 0; i + 1 < slots.length; i++) {
    const a = slots[i] as Slot;
    const b = slots[i + 1] as Slot;
    if (onlyComma(text, a.m.end, b.m.start)) parents.set(i, b);
    else if (inBrackets(gaz, text, a.m.end, b)) {
      parents.set(i, b);
      bracketed.add(i);
    }
  }
  return { parents, bracketed };
}

/** Whether `b` is bracketed right after `from`, alone or with a division word ("(Mopti)", "(Mopti region)"). */
function inBrackets(gaz: Gazetteer, text: string, from: number, b: Slot): boolean {
  let k = from;
  while (k < b.m.start && isJsSpace(text.charCodeAt(k))) k++;
  if (text.charCodeAt(k) !== 0x28 || k + 1 > b.m.start) return false;
  for (k++; k < b.m.start; k++) if (!isJsSpace(text.charCodeAt(k))) return false;
  const close = text.indexOf(')', b.m.end);
  if (close < 0 || close - b.m.end > 24) return false;
  const inside = text.slice(b.m.end, close).trim();
  return !inside || gaz.isAdminSuffix(inside);
}

/**
 * "Boni (Mopti)": a bracketed parent that can be a first-level division or a country is one, and the place lies
 * in it. When the candidate chosen lies elsewhere, the best one inside is taken; when none is inside a bracketed
 * division (a village the gazetteer lacks), the mention is left unplaced rather than put in another country: the
 * event falls back to the division.
 */
function keepInsideBracketParent(slots: Slot[], parents: Map<number, Slot>, bracketed: ReadonlySet<number>): void {
  slots.forEach((s, si) => {
    const parent = parents.get(si);
    const c = s.cands[s.choice];
    if (!parent || !c || s.m.kind === 'demonym' || s.m.kind === 'subplace' || !bracketed.has(si)) return;
    // The bracket names a division when one of its leading readings is one: "(Mopti)" is the region, not its town.
    const division = parent.cands.findIndex((x, i) => i < 5 && (x.place.feature_code === 'A.ADM1' || x.place.feature_code === 'A.PCLI'));
    if (division < 0) return;
    if (division !== parent.choice) {
      parent.choice = division;
      parent.m.rules.push('res-bracket-division');
    }
    // "Gao (Gao)": a place named after its division is its town, not the division again.
    const div = parent.cands[division]!.place;
    const sameDivision = c.place.feature_code === 'A.ADM1' && c.place.cc === div.cc && c.place.name === div.name;
    if (isInside(c, parent) && !sameDivision) return;
    let best = -1;
    for (let i = 0; i < s.cands.length; i++) {
      const x = s.cands[i] as Candidate;
      if (sameDivision && !x.place.feature_code.startsWith('P.')) continue;
      if (isInside(x, parent) && (best < 0 || (s.score[i] as number) > (s.score[best] as number))) best = i;
    }
    if (best < 0 && sameDivision) return;
    if (best >= 0) {
      s.choice = best;
      s.m.rules.push('res-inside-bracket-parent');
    } else if (div.feature_code === 'A.ADM1') {
      // (Not under a country: "Hong Kong (China)" and "San Juan (US)" name territories with codes of their own.)
      s.m.rules.push('res-outside-bracket-parent');
      s.cands = NO_CANDIDATES;
    }
  });
}

/** 1 − the edit distance between two names' matching keys over the longer key's length (1: the same key). */
function nameSimilarity(a: string, b: string): number {
  const x = fold(a);
  const y = fold(b);
  const n = Math.max(x.length, y.length);
  return n ? 1 - distance(x, y) / n : 1;
}

/** Whether text[from, to) is one comma with optional white space around it. */
function onlyComma(text: string, from: number, to: number): boolean {
  let commas = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2c) commas++;
    else if (!isJsSpace(c)) return false;
  }
  return commas === 1;
}

/** Whether candidate c lies in one of the parent mention's top candidates (division or country). */
function isInside(c: Candidate, parent: Slot): boolean {
  if (c.place.feature_code === 'A.PCLI') return false;
  const n = Math.min(5, parent.cands.length);
  for (let i = 0; i < n; i++) {
    const p = (parent.cands[i] as Candidate).place;
    const f = p.feature_code;
    if (f === 'A.PCLI' ? p.cc === c.place.cc : f === 'A.ADM1' && c.place.cc === p.cc && c.place.admin1 === p.name) return true;
  }
  return false;
}

/** The current choices of the distinct mention keys, where they are points (not countries or regions). */
interface ChosenPoints {
  keys: string[];
  lat: Float64Array;
  lon: Float64Array;
}

function chosenPoints(slots: Slot[]): ChosenPoints {
  const seen = new Set<string>();
  const keys: string[] = [];
  const lat = new Float64Array(slots.length);
  const lon = new Float64Array(slots.length);
  for (const o of slots) {
    const q = o.choice < o.cands.length ? (o.cands[o.choice] as Candidate).place : undefined;
    if (!q || seen.has(o.m.key) || q.feature_code === 'A.PCLI' || q.feature_code.startsWith('L.')) continue;
    seen.add(o.m.key);
    lat[keys.length] = q.latitude;
    lon[keys.length] = q.longitude;
    keys.push(o.m.key);
  }
  return { keys, lat, lon };
}

/**
 * Latitude difference (degrees) beyond which two points are more than 300 km apart whatever their longitudes
 * (a great circle is at least as long as its latitude change: 2.75° is 306 km): proximity needs no distance then.
 */
const FAR_LATITUDE = 2.75;

function proximity(w: Weights, chosen: ChosenPoints, ownKey: string, p: Place): number {
  let best = Infinity;
  for (let i = 0; i < chosen.keys.length; i++) {
    if (chosen.keys[i] === ownKey || Math.abs((chosen.lat[i] as number) - p.latitude) > FAR_LATITUDE) continue;
    best = Math.min(best, distanceKm(p.latitude, p.longitude, chosen.lat[i] as number, chosen.lon[i] as number));
    if (best <= 100) break;
  }
  if (best <= 100) return w.near100;
  if (best <= 300) return w.near300;
  return 0;
}

/** Per first-level division row: keys of mentions with a candidate inside it, and keys naming it. */
interface AdminIndex {
  inside: Map<number, Set<string>>;
  naming: Map<number, Set<string>>;
}

function candidateAdmins(slots: Slot[]): AdminIndex {
  const idx: AdminIndex = { inside: new Map(), naming: new Map() };
  for (const s of slots) {
    const n = Math.min(15, s.cands.length);
    for (let i = 0; i < n; i++) {
      const c = s.cands[i] as Candidate;
      if (c.place.feature_code === 'A.ADM1') addKey(idx.naming, c.row, s.m.key);
      else if ((s.a1[i] as number) >= 0) addKey(idx.inside, s.a1[i] as number, s.m.key);
    }
  }
  return idx;
}

function addKey(m: Map<number, Set<string>>, k: number, key: string): void {
  const set = m.get(k);
  if (set) set.add(key);
  else m.set(k, new Set([key]));
}

/** Divisions that hold other mentions' candidates, and places whose division another mention names. */
function adminSupport(w: Weights, idx: AdminIndex, c: Candidate, a1: number, ownKey: string): number {
  if (c.place.feature_code === 'A.ADM1') return w.contains * Math.min(3, others(idx.inside.get(c.row), ownKey));
  return a1 >= 0 && others(idx.naming.get(a1), ownKey) > 0 ? w.inNamedAdmin1 : 0;
}

/** Keys in a set other than a mention's own. */
function others(set: Set<string> | undefined, ownKey: string): number {
  return set ? set.size - (set.has(ownKey) ? 1 : 0) : 0;
}

/** Grid cell → keys of the mentions with a candidate there (top candidates of each mention). */
function candidateCells(slots: Slot[]): Map<number, Set<string>> {
  const cells = new Map<number, Set<string>>();
  for (const s of slots) {
    const n = Math.min(15, s.cands.length);
    for (let i = 0; i < n; i++) {
      const p = (s.cands[i] as Candidate).place;
      if (p.feature_code === 'A.PCLI' || p.feature_code.startsWith('L.')) continue;
      addKey(cells, cellKey(p.latitude, p.longitude), s.m.key);
    }
  }
  return cells;
}

/** Number of a grid cell (rows of 1,000 cells: enough for 360 one-degree columns). */
function cellKey(lat: number, lon: number): number {
  return cellOf(Math.floor(lat / CELL), Math.floor(lon / CELL));
}

function cellOf(la: number, lo: number): number {
  return (la + 1000) * 1000 + (lo + 500);
}

/** How many other mentions (distinct keys) have some candidate in the 3×3 cells around a place. */
function colocated(cells: Map<number, Set<string>>, p: Place, ownKey: string): number {
  if (p.feature_code === 'A.PCLI' || p.feature_code.startsWith('L.')) return 0;
  const la = Math.floor(p.latitude / CELL);
  const lo = Math.floor(p.longitude / CELL);
  let keys: Set<string> | undefined;
  for (let i = -1; i <= 1; i++) {
    for (let j = -1; j <= 1; j++) {
      const cell = cells.get(cellOf(la + i, lo + j));
      if (!cell) continue;
      for (const k of cell) if (k !== ownKey) (keys ??= new Set()).add(k);
    }
  }
  return keys ? keys.size : 0;
}

/** Mentions with the same key take the place chosen where the text is clearest (the most confident mention). */
function oneSensePerDiscourse(slots: Slot[]): void {
  const groups = new Map<string, Slot[]>();
  for (const s of slots) {
    if (!s.cands.length) continue;
    const g = groups.get(s.m.key);
    if (g) g.push(s);
    else groups.set(s.m.key, [s]);
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    let lead = g[0] as Slot;
    let leadConf = confidence(lead);
    for (let k = 1; k < g.length; k++) {
      const conf = confidence(g[k] as Slot);
      if (conf > leadConf) {
        lead = g[k] as Slot;
        leadConf = conf;
      }
    }
    const best = lead.cands[lead.choice]?.place;
    // "Deir ez-Zor city" beside "Deir ez-Zor governorate": an explicit settlement cue keeps the town.
    const leadTown = lead.m.effects.has('settlement');
    for (const s of g) {
      if (s.m.effects.has('settlement') && !leadTown && s.cands[s.choice]?.place.feature_code.startsWith('P.')) continue;
      const i = s.cands.findIndex((c) => c.place === best);
      if (i >= 0) s.choice = i;
    }
  }
}

/** Softmax probability of a slot's current choice. */
function confidence(s: Slot): number {
  return softmax(s.score)[s.choice] ?? 0;
}

function toToponym(s: Slot, text: string): Toponym {
  const c = s.cands[s.choice];
  const t: Toponym = {
    start: s.m.start, end: s.m.end, text: s.m.text, role: s.m.role,
    place: c?.place ?? null,
    confidence: c ? Math.round(confidence(s) * 1000) / 1000 : 0,
  };
  if (s.m.effects.has('settlement')) t.townCue = true;
  const q = s.m.qualifier;
  if (q) t.relative = { text: text.slice(q.start, q.end), start: q.start, end: q.end, geo_precision: 2 };
  return t;
}

function argmax(xs: Float64Array): number {
  let b = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) > (xs[b] as number)) b = i;
  return b;
}

/** Softmax of scores (summed left to right, as the scores are ranked by it). */
function softmax(xs: Float64Array): Float64Array {
  const out = new Float64Array(xs.length);
  if (!xs.length) return out;
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) m = Math.max(m, xs[i] as number);
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    out[i] = Math.exp((xs[i] as number) - m);
    s += out[i] as number;
  }
  for (let i = 0; i < xs.length; i++) out[i] = (out[i] as number) / s;
  return out;
}
