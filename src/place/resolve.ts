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
import type { Place, Toponym } from '../domain/types.js';
import { distanceKm } from './distance.js';
import { fold } from './normalize.js';
import type { Candidate, Gazetteer } from './gazetteer.js';
import type { GeoLexicons } from './lexicons.js';
import type { Mention } from './recognize.js';

/** Options of {@link resolve}. */
export interface ResolveOptions {
  /** ISO2 of the country the article is about, when known from elsewhere (feed, dateline). */
  focusCc?: string;
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

interface Slot {
  m: Mention;
  cands: readonly Candidate[];
  base: number[];
  score: number[];
  choice: number;
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
  const w = (id: string): number => lex.signals.get(id) ?? 0;
  const slots: Slot[] = mentions.map((m) => {
    const all = candidatesOf(gaz, m);
    const facts = listFacts(gaz, all);
    const allBase = all.map((c) => baseScore(gaz, w, m, c, facts));
    // Candidates too far below the best cannot win on context: drop them early.
    const best = Math.max(...allBase);
    const keep = all.map((_, i) => i).filter((i) => (allBase[i] as number) >= best - PRUNE_MARGIN).slice(0, MAX_CANDIDATES);
    const cands = keep.map((i) => all[i] as Candidate);
    const base = keep.map((i) => allBase[i] as number);
    return { m, cands, base, score: [...base], choice: argmax(base) };
  });

  // Context that does not depend on the current choices, computed once: co-located candidates, divisions
  // holding or named by other mentions, and the "X, Y" parent pattern.
  const parents = parentLinks(text, slots);
  const cells = candidateCells(slots);
  const admins = candidateAdmins(gaz, slots);
  const support = new Map<string, number>();
  for (const [si, s] of slots.entries()) {
    const parent = parents.get(si);
    s.cands.forEach((c, i) => {
      const k = `${s.m.key}|${c.row}|${c.place.name}`;
      let v = support.get(k);
      if (v === undefined) {
        v = w('sig-colocated') * Math.min(3, colocated(cells, c.place, s.m.key)) + adminSupport(w, gaz, admins, c, s.m.key);
        support.set(k, v);
      }
      if (parent && isInside(gaz, c, parent)) v += w('sig-parent');
      s.base[i] = (s.base[i] as number) + v;
    });
    s.choice = argmax(s.base);
  }

  // Focus country: votes of every distinct name's candidates (softmax of their scores so far), countries and
  // demonyms that are clearly meant adding one more vote.
  const votes = new Map<string, number>();
  const named = new Set<string>();
  const voted = new Set<string>();
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
    const perCc = new Map<string, number>();
    s.cands.forEach((c, i) => perCc.set(c.place.cc, Math.max(perCc.get(c.place.cc) ?? 0, probs[i] as number)));
    for (const [cc, p] of perCc) if (cc) votes.set(cc, (votes.get(cc) ?? 0) + p);
  }
  const given = opts.focusCc?.toUpperCase();
  const focus = given ?? [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const focusWeight = given ? w('sig-focus-given') : w('sig-focus-country');

  for (let round = 0; round <= ROUNDS; round++) {
    const admin1Named = new Map<number, number>();
    for (const s of slots) {
      const c = s.cands[s.choice];
      if (!c) continue;
      const a1 = c.place.feature_code === 'A.ADM1' ? c.row : gaz.admin1Row(c.row);
      if (a1 >= 0) admin1Named.set(a1, (admin1Named.get(a1) ?? 0) + 1);
    }
    const chosen = round > 0 ? chosenPoints(slots) : [];
    for (const s of slots) {
      s.cands.forEach((c, i) => {
        let v = s.base[i] as number;
        if (focus && c.place.cc === focus) v += focusWeight;
        if (named.has(c.place.cc) && c.place.feature_code !== 'A.PCLI') v += w('sig-country-named');
        const a1 = gaz.admin1Row(c.row);
        const own = s.cands[s.choice];
        const ownA1 = own ? (own.place.feature_code === 'A.ADM1' ? own.row : gaz.admin1Row(own.row)) : -1;
        if (a1 >= 0 && (admin1Named.get(a1) ?? 0) - (a1 === ownA1 ? 1 : 0) > 0) v += w('sig-focus-admin1');
        if (round > 0) v += proximity(w, chosen, s.m.key, c.place);
        s.score[i] = v;
      });
    }
    for (const s of slots) s.choice = argmax(s.score);
  }
  oneSensePerDiscourse(slots);
  guard(gaz, lex, text, slots, focus, parents);
  placeSubplaces(gaz, lex, slots, focus);

  if (opts.trace) {
    for (const s of slots) {
      const ranked = s.cands.map((c, i) => ({ place: c.place, prior: c.prior, score: s.score[i] as number }));
      opts.trace(s.m, ranked.sort((a, b) => b.score - a.score));
    }
  }
  return slots.map((s) => toToponym(s, text));
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
    s.score = [1];
    s.choice = 0;
    if (!parent) {
      s.m.rules.push('res-subplace-no-city');
      s.cands = [];
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
  if (!focus) return;
  const g = (id: string): number => lex.guards.get(id) ?? 0;
  // Countries the text names by spelling: chosen countries, divisions and demonyms (not transliterations).
  const named = new Set<string>([focus]);
  for (const s of slots) {
    const p = s.cands[s.choice]?.place;
    const bareAbbrev = s.m.kind === 'abbrev' && !s.m.rules.includes('rec-abbrev-parent');
    if (p && s.m.kind !== 'loose' && !bareAbbrev && (p.feature_code.startsWith('A.PCL') || p.feature_code === 'A.ADM1' || s.m.kind === 'demonym')) named.add(p.cc);
  }
  slots.forEach((s, si) => {
    const c = s.cands[s.choice];
    if (!c) return;
    // A transliteration must land in the focus country itself; a spelling match in any country the text names.
    const home = s.m.kind === 'loose' ? c.place.cc === focus : named.has(c.place.cc);
    // "Kidal, Mali": a parent that holds the place vouches for it ("Nweiri, Lebanese media said" does not).
    const parent = parents.get(si);
    if (s.m.kind === 'demonym' || s.m.kind === 'subplace' || home || (parent && isInside(gaz, c, parent))) return;
    if (s.m.kind === 'abbrev') {
      // "Sunday Mass." ending a sentence of a Philippine story is the service, not Massachusetts; "Lowell, Mass."
      // has its parent rule, and codes ("NSW") and mid-sentence forms ("Fla. economist") stay.
      const sentenceEnd = /^(?:\s+[\p{Lu}"“]|\s*$)/u.test(text.slice(s.m.end, s.m.end + 3));
      if (!s.m.rules.includes('rec-abbrev-parent') && /\.$/.test(s.m.text) && /\p{Ll}/u.test(s.m.text) && sentenceEnd) {
        s.m.rules.push('res-abbrev-off-focus');
        s.cands = [];
      }
      return;
    }
    // Countries, continents, seas and named regions are never small.
    const f = c.place.feature_code;
    if (!c.place.cc || f.startsWith('A.PCL') || f.startsWith('L.') || f.startsWith('H.')) return;
    const strong = STRONG_CUES.some((e) => s.m.before.has(e) || s.m.after.has(e));
    const pop = c.place.population;
    let id: string | undefined;
    if (s.m.kind === 'loose' && c.alt) id = 'res-variant-alt-off-focus';
    else if (s.m.kind === 'loose' && pop < g('res-variant-off-focus')) id = 'res-variant-off-focus';
    else if (s.m.capBefore && !strong && pop < g('res-name-part-off-focus')) id = 'res-name-part-off-focus';
    else if (s.m.kind === 'name' && !strong && pop < g('res-small-off-focus')) id = 'res-small-off-focus';
    else if (s.m.kind === 'name' && strong && pop < g('res-tiny-off-focus')) id = 'res-tiny-off-focus';
    if (!id) return;
    s.m.rules.push(id);
    s.cands = [];
  });
}

/** Candidates of a mention: the gazetteer's, or the one division of an abbreviation. */
function candidatesOf(gaz: Gazetteer, m: Mention): readonly Candidate[] {
  if (m.kind === 'subplace') return []; // placed after the others (placeSubplaces)
  if (m.kind === 'demonym') {
    const p = gaz.demonym(m.text);
    return p ? [{ row: -1, place: p, level: 1, prior: 10 }] : [];
  }
  if (m.kind === 'abbrev' && m.abbrev) {
    const c = gaz.admin1Candidate(m.abbrev.cc, m.abbrev.admin1);
    return c ? [c] : [];
  }
  let all = gaz.candidatesByKey(m.key, m.kind === 'loose' || m.key.length >= 5);
  // res-loose-country (guards.tsv): every spelling of a country or region is in its own files.
  if (all[0]?.level === 2) all = all.filter((c) => !c.place.feature_code.startsWith('A.PCL') && !c.place.feature_code.startsWith('L.'));
  // An all-caps code ("EU", "UK", "DRC") is a country or region, never the small town that shares the letters (Eu, France).
  if (/^[\p{Lu}.]+$/u.test(m.text) && m.text.replace(/\./g, '').length <= 4) {
    const codes = all.filter((c) => c.place.feature_code.startsWith('A.PCL') || c.place.feature_code.startsWith('L.') || c.place.feature_code === 'A.ADM1');
    if (codes.length) return codes;
  }
  return all;
}

/** Facts about a mention's whole candidate list that {@link baseScore} asks of every candidate (computed once). */
interface ListFacts {
  /** First-level division rows of the second-level divisions among the candidates. */
  adm2: Set<number>;
  /** Rows of the first-level divisions among the candidates. */
  adm1: Set<number>;
  /** Some level-1 candidate is a first-level division. */
  adm1Level1: boolean;
  /** Some candidate bears the name as its own (not an alternate), by level. */
  own: [boolean, boolean];
}

function listFacts(gaz: Gazetteer, all: readonly Candidate[]): ListFacts {
  const facts: ListFacts = { adm2: new Set(), adm1: new Set(), adm1Level1: false, own: [false, false] };
  for (const o of all) {
    const f = o.place.feature_code;
    if (f === 'A.ADM2') {
      if (o.row >= 0) facts.adm2.add(gaz.admin1Row(o.row));
    } else if (f === 'A.ADM1') {
      facts.adm1.add(o.row);
      if (o.level === 1) facts.adm1Level1 = true;
    }
    if (!o.alt) facts.own[o.level - 1] = true;
  }
  return facts;
}

function baseScore(gaz: Gazetteer, w: (id: string) => number, m: Mention, c: Candidate, facts: ListFacts): number {
  let v = c.prior;
  const f = c.place.feature_code;
  const populated = f.startsWith('P.');
  const a1 = populated && c.row >= 0 ? gaz.admin1Row(c.row) : -1;
  if (c.level === 2) v += w('sig-loose');
  if (m.effects.has('admin') && f.startsWith('A.ADM')) v += w('sig-cue-admin');
  if (m.effects.has('settlement') && populated) v += w('sig-cue-settlement');
  if (f === 'A.PCLI' && c.level === 1) v += w('sig-country-name');
  if (a1 >= 0 && facts.adm2.has(a1)) v += w('sig-seat-over-district');
  const bigSeat = f === 'P.PPLC' || (populated && c.place.population >= BIG_CITY);
  // A capital or big city keeps its alternate names ("New York" for New York City, "Kiev" for Kyiv).
  // So does a division's seat under its division's name ("Mykolaiv" for the city spelled Mykolayiv).
  const seatOfNamesake = f === 'P.PPLA' && a1 >= 0 && facts.adm1.has(a1);
  if (c.alt && !bigSeat && !seatOfNamesake && facts.own[c.level - 1]) v += w('sig-alt-name');
  if (bigSeat && c.level === 1 && facts.adm1Level1) {
    v += w('sig-big-city-over-admin');
  } else if (f === 'P.PPLA' && a1 >= 0 && facts.adm1.has(a1)) {
    v += w('sig-seat-over-admin1');
  }
  return v;
}

/** "X, Y" pairs: mention index → the following mention Y when only a comma separates them. */
function parentLinks(text: string, slots: Slot[]): Map<number, Slot> {
  const out = new Map<number, Slot>();
  for (let i = 0; i + 1 < slots.length; i++) {
    const a = slots[i] as Slot;
    const b = slots[i + 1] as Slot;
    if (/^\s*,\s*$/.test(text.slice(a.m.end, b.m.start))) out.set(i, b);
  }
  return out;
}

/** Whether candidate c lies in one of the parent mention's top candidates (division or country). */
function isInside(gaz: Gazetteer, c: Candidate, parent: Slot): boolean {
  return parent.cands.slice(0, 5).some((p) => {
    const f = p.place.feature_code;
    if (f === 'A.PCLI') return p.place.cc === c.place.cc;
    if (f === 'A.ADM1') return c.place.cc === p.place.cc && c.place.admin1 === p.place.name;
    return false;
  }) && c.place.feature_code !== 'A.PCLI';
}

/** The current choice of each distinct mention key, where it is a point (not a country or region). */
function chosenPoints(slots: Slot[]): { key: string; p: Place }[] {
  const out = new Map<string, Place>();
  for (const o of slots) {
    const q = o.cands[o.choice]?.place;
    if (!q || out.has(o.m.key) || q.feature_code === 'A.PCLI' || q.feature_code.startsWith('L.')) continue;
    out.set(o.m.key, q);
  }
  return [...out].map(([key, p]) => ({ key, p }));
}

function proximity(w: (id: string) => number, chosen: { key: string; p: Place }[], ownKey: string, p: Place): number {
  let best = Infinity;
  for (const o of chosen) {
    if (o.key === ownKey) continue;
    best = Math.min(best, distanceKm(p.latitude, p.longitude, o.p.latitude, o.p.longitude));
    if (best <= 100) break;
  }
  if (best <= 100) return w('sig-near-100');
  if (best <= 300) return w('sig-near-300');
  return 0;
}

/** Per first-level division row: keys of mentions with a candidate inside it, and keys naming it. */
interface AdminIndex {
  inside: Map<number, Set<string>>;
  naming: Map<number, Set<string>>;
}

function candidateAdmins(gaz: Gazetteer, slots: Slot[]): AdminIndex {
  const idx: AdminIndex = { inside: new Map(), naming: new Map() };
  const add = (m: Map<number, Set<string>>, row: number, key: string): void => {
    const set = m.get(row) ?? new Set<string>();
    set.add(key);
    m.set(row, set);
  };
  for (const s of slots) {
    for (const c of s.cands.slice(0, 15)) {
      if (c.place.feature_code === 'A.ADM1') add(idx.naming, c.row, s.m.key);
      else {
        const a1 = c.row >= 0 ? gaz.admin1Row(c.row) : -1;
        if (a1 >= 0) add(idx.inside, a1, s.m.key);
      }
    }
  }
  return idx;
}

/** Divisions that hold other mentions' candidates, and places whose division another mention names. */
function adminSupport(w: (id: string) => number, gaz: Gazetteer, idx: AdminIndex, c: Candidate, ownKey: string): number {
  const others = (set: Set<string> | undefined): number => (set ? set.size - (set.has(ownKey) ? 1 : 0) : 0);
  if (c.place.feature_code === 'A.ADM1') return w('sig-contains') * Math.min(3, others(idx.inside.get(c.row)));
  const a1 = c.row >= 0 ? gaz.admin1Row(c.row) : -1;
  return a1 >= 0 && others(idx.naming.get(a1)) > 0 ? w('sig-in-named-admin1') : 0;
}

/** Grid cell → keys of the mentions with a candidate there (top candidates of each mention). */
function candidateCells(slots: Slot[]): Map<number, Set<string>> {
  const cells = new Map<number, Set<string>>();
  for (const s of slots) {
    for (const c of s.cands.slice(0, 15)) {
      if (c.place.feature_code === 'A.PCLI' || c.place.feature_code.startsWith('L.')) continue;
      const k = cellKey(c.place.latitude, c.place.longitude);
      const set = cells.get(k) ?? new Set<string>();
      set.add(s.m.key);
      cells.set(k, set);
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
  const keys = new Set<string>();
  for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++) for (const k of cells.get(cellOf(la + i, lo + j)) ?? []) if (k !== ownKey) keys.add(k);
  return keys.size;
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
    const conf = (s: Slot): number => softmax(s.score)[s.choice] ?? 0;
    const lead = g.reduce((a, b) => (conf(b) > conf(a) ? b : a));
    const best = lead.cands[lead.choice]?.place;
    // "Deir ez-Zor city" beside "Deir ez-Zor governorate": an explicit settlement cue keeps the town.
    const town = (x: Slot): boolean => x.m.effects.has('settlement');
    for (const s of g) {
      if (town(s) && !town(lead) && s.cands[s.choice]?.place.feature_code.startsWith('P.')) continue;
      const i = s.cands.findIndex((c) => c.place === best);
      if (i >= 0) s.choice = i;
    }
  }
}

function toToponym(s: Slot, text: string): Toponym {
  const c = s.cands[s.choice];
  const probs = softmax(s.score);
  const t: Toponym = {
    start: s.m.start, end: s.m.end, text: s.m.text, role: s.m.role,
    place: c?.place ?? null,
    confidence: c ? Math.round((probs[s.choice] ?? 0) * 1000) / 1000 : 0,
  };
  const q = s.m.qualifier;
  if (q) t.relative = { text: text.slice(q.start, q.end), start: q.start, end: q.end, geo_precision: 2 };
  return t;
}

function argmax(xs: number[]): number {
  let b = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) > (xs[b] as number)) b = i;
  return b;
}

function softmax(xs: number[]): number[] {
  if (!xs.length) return [];
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
