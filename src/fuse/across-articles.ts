/**
 * @module fuse/across-articles
 * Fusion across articles: decides whether a new report (one article's coded
 * event) is the same real event as one already known, and computes the fused
 * event from all its reports. Pure functions: the store supplies candidates
 * and keeps the results; nothing here does I/O.
 *
 * Two reports are the same event when all of these hold (each check gives a
 * reason, or a blocker that says why not):
 * - **type**: same sub-type, or sub-types one report can be coded as for the
 *   same event ({@link COMPATIBLE}: a capture and the clash around it, an air
 *   strike and a "missile strike", a protest and its dispersal);
 * - **date**: equal when both reports wrote a calendar date ("12 May"),
 *   within one day when either resolved a relative one ("yesterday", "on
 *   Monday": outlets publishing on different days disagree by one), within a
 *   week or a month for ACLED time precision 2 or 3;
 * - **place**: the same GeoNames place, or within {@link FUSION_KM} km; a
 *   province-level report (geo precision 3) matches towns of its province;
 *   never across countries;
 * - **actors**: at least one actor in common, unless a side is unidentified;
 * - **background**: both new or both historical.
 *
 * The fused event (see {@link fuseReports}) takes the finest place, the
 * best-attested date and sub-type, and ACLED's conservative fatality rule:
 * the best estimate is the lowest figure reported, `fatalities_low`/`_high`
 * keep the spread.
 */
import type { SitrepEvent, SubEventType } from '../domain/types.js';
import { distanceKm } from '../place/distance.js';
import type { CandidateQuery, EventFields } from '../store/store.js';

/** Two reports more than this many km apart are different events. */
export const FUSION_KM = 10;

/** A report of an event: the extractor's event and where it came from. */
export interface Report {
  event: SitrepEvent;
  article_id: string;
  published: string | null;
  outlet: string;
  /** The article is a near-copy of another: its report does not count as an independent source. */
  copy: boolean;
  /** The sentence that reports the event, for notes and search. */
  excerpt: string | null;
}

/** The fields fusion compares: what a report and a fused event both have. */
export type Comparable = Pick<
  EventFields,
  | 'event_date'
  | 'time_precision'
  | 'date_absolute'
  | 'sub_event_type'
  | 'actor1'
  | 'actor2'
  | 'assoc_actor_1'
  | 'assoc_actor_2'
  | 'iso3'
  | 'admin1'
  | 'location'
  | 'latitude'
  | 'longitude'
  | 'geonameid'
  | 'geo_precision'
  | 'historical'
>;

/** The outcome of comparing two reports (or a report and an event). */
export interface Verdict {
  match: boolean;
  /** 0–1, higher is a closer match; 0 when it does not match. */
  score: number;
  /** Why they are the same event (every check that passed). */
  reasons: string[];
  /** Why they are not (every check that failed); empty when they match. */
  blockers: string[];
}

/**
 * Groups of sub-types that outlets use for one and the same event. Within a
 * group any two are compatible; across groups none is.
 */
export const COMPATIBLE: readonly (readonly SubEventType[])[] = [
  ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory'],
  ['Air/drone strike', 'Shelling/artillery/missile attack', 'Attack'],
  ['Suicide bomb', 'Remote explosive/landmine/IED', 'Attack'],
  ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  ['Violent demonstration', 'Mob violence', 'Protest with intervention'],
];

/**
 * A sub-type that, when one report has it, wins over the others of its event
 * (ACLED precedence: the capture over the clash, the suicide bombing over the
 * explosion, the intervention over the peaceful protest).
 */
const ABSORBS: Partial<Record<SubEventType, readonly SubEventType[]>> = {
  'Government regains territory': ['Armed clash', 'Non-violent transfer of territory'],
  'Non-state actor overtakes territory': ['Armed clash', 'Non-violent transfer of territory'],
  'Suicide bomb': ['Remote explosive/landmine/IED', 'Attack'],
  'Air/drone strike': ['Attack'],
  'Shelling/artillery/missile attack': ['Attack'],
  'Remote explosive/landmine/IED': ['Attack'],
  'Protest with intervention': ['Peaceful protest'],
  'Excessive force against protesters': ['Peaceful protest', 'Protest with intervention'],
  'Violent demonstration': ['Peaceful protest'],
};

/** @returns true when two sub-types may describe the same event */
export function compatibleSubTypes(a: SubEventType, b: SubEventType): boolean {
  return a === b || COMPATIBLE.some((g) => g.includes(a) && g.includes(b));
}

const MONTHS = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/**
 * Whether the report wrote its date as a calendar date ("on 12 May", "August
 * 19") rather than resolving a relative one ("yesterday", "on Monday").
 * @param e an extracted event
 * @returns true when some `event_date` evidence names a day number or a month
 */
export function isAbsoluteDate(e: SitrepEvent): boolean {
  return e.evidence.some((x) => x.field === 'event_date' && (/\d/.test(x.text) || MONTHS.test(x.text)));
}

/** An extracted event seen as a {@link Comparable}. */
export function comparableOf(e: SitrepEvent): Comparable {
  return { ...e, date_absolute: isAbsoluteDate(e) };
}

/** Whole days from `a` to `b` (`YYYY-MM-DD`). */
export function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Days two dates may differ by, given how each was written. */
export function dateTolerance(a: Pick<Comparable, 'time_precision' | 'date_absolute'>, b: Pick<Comparable, 'time_precision' | 'date_absolute'>): number {
  const precision = Math.max(a.time_precision, b.time_precision);
  if (precision === 3) return 31;
  if (precision === 2) return 7;
  return a.date_absolute && b.date_absolute ? 0 : 1;
}

const UNIDENTIFIED = /^(unidentified|unknown)\b/i;

function actorsOf(e: Comparable): string[] {
  return [e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2].filter((x): x is string => !!x);
}

const norm = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Place check: a reason and a score share, or a blocker. */
function comparePlace(a: Comparable, b: Comparable, maxKm: number): { ok: boolean; why: string; score: number } {
  if (a.iso3 && b.iso3 && a.iso3 !== b.iso3) return { ok: false, why: `different countries (${a.iso3} vs ${b.iso3})`, score: 0 };
  if (a.geonameid !== null && a.geonameid === b.geonameid) return { ok: true, why: `same place (${a.location}, GeoNames ${a.geonameid})`, score: 0.3 };
  if (a.geo_precision === 3 || b.geo_precision === 3) {
    const coarse = a.geo_precision === 3 ? a : b;
    const fine = coarse === a ? b : a;
    if (!coarse.admin1 || !fine.admin1) {
      return coarse.iso3 && coarse.iso3 === fine.iso3
        ? { ok: true, why: `${fine.location ?? 'place'} lies in ${coarse.location ?? coarse.iso3} (country-level report)`, score: 0.05 }
        : { ok: false, why: 'country-level report without a country', score: 0 };
    }
    return coarse.admin1 === fine.admin1
      ? { ok: true, why: `${fine.location ?? 'place'} lies in ${coarse.admin1} (province-level report)`, score: 0.1 }
      : { ok: false, why: `different provinces (${a.admin1} vs ${b.admin1})`, score: 0 };
  }
  if (a.latitude !== null && a.longitude !== null && b.latitude !== null && b.longitude !== null) {
    const km = distanceKm(a.latitude, a.longitude, b.latitude, b.longitude);
    const shown = km < 10 ? km.toFixed(1) : km.toFixed(0);
    return km <= maxKm
      ? { ok: true, why: `${shown} km apart (${a.location} / ${b.location})`, score: 0.1 + 0.2 * (1 - km / maxKm) }
      : { ok: false, why: `${shown} km apart (${a.location} / ${b.location}), more than ${maxKm} km`, score: 0 };
  }
  if (a.location && b.location && norm(a.location) === norm(b.location)) return { ok: true, why: `same place name (${a.location})`, score: 0.2 };
  return { ok: false, why: `places cannot be compared (${a.location ?? 'none'} / ${b.location ?? 'none'})`, score: 0 };
}

/**
 * Compares a report with an event (or another report).
 * @param a the new report, as {@link comparableOf}
 * @param b a known event or report
 * @param opts `maxKm`: the distance limit (default {@link FUSION_KM})
 * @returns whether they are the same event, a score to choose between several, and the reasons
 * @example compare(comparableOf(report.event), storedEvent).reasons // ['same sub-type (Air/drone strike)', ...]
 */
export function compare(a: Comparable, b: Comparable, opts: { maxKm?: number } = {}): Verdict {
  const reasons: string[] = [];
  const blockers: string[] = [];
  let score = 0;

  if (a.historical !== b.historical) blockers.push('one report is background (historical), the other new');

  if (a.sub_event_type === b.sub_event_type) {
    reasons.push(`same sub-type (${a.sub_event_type})`);
    score += 0.4;
  } else if (compatibleSubTypes(a.sub_event_type, b.sub_event_type)) {
    reasons.push(`compatible sub-types (${a.sub_event_type} ~ ${b.sub_event_type})`);
    score += 0.25;
  } else blockers.push(`incompatible sub-types (${a.sub_event_type} vs ${b.sub_event_type})`);

  if (!a.event_date || !b.event_date) blockers.push('a report has no date');
  else {
    const days = Math.abs(dayDiff(a.event_date, b.event_date));
    const tol = dateTolerance(a, b);
    const how = tol === 0 ? 'calendar dates' : tol === 1 ? 'a relative date' : `time precision ${Math.max(a.time_precision, b.time_precision)}`;
    if (days > tol) blockers.push(`${days} days apart (${a.event_date} / ${b.event_date}; ${how} allow ${tol})`);
    else {
      reasons.push(days === 0 ? `same date (${a.event_date})` : `${days} day${days > 1 ? 's' : ''} apart, within ${tol} (${how})`);
      score += days === 0 ? 0.2 : tol === 1 ? 0.1 : 0.05;
    }
  }

  const place = comparePlace(a, b, opts.maxKm ?? FUSION_KM);
  (place.ok ? reasons : blockers).push(place.why);
  score += place.score;

  const actorsA = actorsOf(a);
  const actorsB = actorsOf(b);
  const shared = actorsA.find((x) => !UNIDENTIFIED.test(x) && actorsB.includes(x));
  if (shared) {
    reasons.push(`shared actor (${shared})`);
    score += 0.1;
  } else if (UNIDENTIFIED.test(a.actor1) || UNIDENTIFIED.test(b.actor1)) {
    reasons.push(`perpetrator unidentified in one report (${a.actor1} / ${b.actor1})`);
    score += 0.05;
  } else blockers.push(`no actor in common (${actorsA.join(', ')} vs ${actorsB.join(', ')})`);

  const match = blockers.length === 0;
  return { match, score: match ? Math.round(score * 1000) / 1000 : 0, reasons, blockers };
}

/**
 * The best match for a report among candidate events.
 * @param report the new report
 * @param candidates known events, each with an id
 * @returns the matching candidate with the highest score (lowest id on ties), or null
 */
export function bestMatch<E extends Comparable & { id: number }>(
  report: Comparable,
  candidates: readonly E[],
  opts: { maxKm?: number } = {},
): { event: E; verdict: Verdict } | null {
  let best: { event: E; verdict: Verdict } | null = null;
  for (const c of candidates) {
    const verdict = compare(report, c, opts);
    if (!verdict.match) continue;
    if (!best || verdict.score > best.verdict.score || (verdict.score === best.verdict.score && c.id < best.event.id)) {
      best = { event: c, verdict };
    }
  }
  return best;
}

/**
 * The window a store searches for events that may match a report.
 * @param report the new report
 * @param opts `maxKm` (default {@link FUSION_KM}); `limit` of candidates (default 50)
 * @returns a date window as wide as the widest tolerance, and a box around the report's point
 *   (null for province- or country-level reports, which match on country)
 */
export function candidateQuery(report: Comparable, opts: { maxKm?: number; limit?: number } = {}): CandidateQuery | null {
  if (!report.event_date) return null;
  const tol = dateTolerance(report, { time_precision: 3, date_absolute: false });
  const km = (opts.maxKm ?? FUSION_KM) * 1.05;
  let bbox: CandidateQuery['bbox'] = null;
  if (report.latitude !== null && report.longitude !== null && report.geo_precision !== 3) {
    const dLat = km / 111.2;
    const dLon = km / (111.2 * Math.max(0.01, Math.cos((report.latitude * Math.PI) / 180)));
    bbox = [report.longitude - dLon, report.latitude - dLat, report.longitude + dLon, report.latitude + dLat];
  }
  return {
    dateFrom: addDays(report.event_date, -tol),
    dateTo: addDays(report.event_date, tol),
    bbox,
    iso3: report.iso3,
    limit: opts.limit ?? 50,
  };
}

// ---------------------------------------------------------------- fusing fields

/** The most frequent key (first seen wins ties). */
function mode<T>(items: readonly T[], key: (x: T) => string | null): T | undefined {
  const counts = new Map<string, { n: number; first: T }>();
  for (const x of items) {
    const k = key(x);
    if (k === null) continue;
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { n: 1, first: x });
  }
  let best: { n: number; first: T } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.first;
}

/** Sub-type votes: a sub-type that absorbs another also gets that one's votes. */
function chooseSubType(reports: readonly Report[]): Report {
  const present = new Set(reports.map((r) => r.event.sub_event_type));
  let best: { r: Report; votes: number } | undefined;
  for (const r of reports) {
    const sub = r.event.sub_event_type;
    if (best && best.r.event.sub_event_type === sub) continue;
    const absorbed = (ABSORBS[sub] ?? []).filter((x) => present.has(x));
    const votes = reports.filter((x) => x.event.sub_event_type === sub || absorbed.includes(x.event.sub_event_type)).length;
    if (!best || votes > best.votes) best = { r, votes };
  }
  return best!.r;
}

/** The report whose place is finest: geo precision, then a GeoNames id, then the most reported. */
function choosePlace(reports: readonly Report[]): Report {
  const finest = Math.min(...reports.map((r) => r.event.geo_precision));
  const fine = reports.filter((r) => r.event.geo_precision === finest);
  const withId = fine.filter((r) => r.event.geonameid !== null);
  const pool = withId.length ? withId : fine;
  return mode(pool, (r) => String(r.event.geonameid ?? r.event.location)) ?? pool[0]!;
}

/** The best-attested date: calendar dates over relative ones, then the most reported, then the earliest. */
function chooseDate(reports: readonly Report[]): { date: string | null; precision: SitrepEvent['time_precision']; absolute: boolean } {
  const dated = reports.filter((r) => r.event.event_date);
  if (!dated.length) return { date: null, precision: 3, absolute: false };
  const absolute = dated.filter((r) => isAbsoluteDate(r.event));
  const pool = absolute.length ? absolute : dated;
  const bestPrecision = Math.min(...pool.map((r) => r.event.time_precision));
  const precise = pool.filter((r) => r.event.time_precision === bestPrecision);
  const counts = new Map<string, number>();
  for (const r of precise) counts.set(r.event.event_date!, (counts.get(r.event.event_date!) ?? 0) + 1);
  const date = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  return { date, precision: bestPrecision as SitrepEvent['time_precision'], absolute: absolute.length > 0 };
}

/** The most reported named actor in a role (unidentified ones only when nothing else is named). */
function chooseActor(reports: readonly Report[], pick: (e: SitrepEvent) => string | null, exclude: string | null): Report | undefined {
  const named = reports.filter((r) => {
    const a = pick(r.event);
    return a && a !== exclude && !UNIDENTIFIED.test(a);
  });
  const pool = named.length ? named : reports.filter((r) => pick(r.event) && pick(r.event) !== exclude);
  return mode(pool, (r) => pick(r.event));
}

/**
 * The fatality figures of an event reported several times, with the rule used:
 * ACLED's conservative rule takes the lowest figure reported as the best
 * estimate; the spread is kept as low (the lowest) and high (the highest).
 * @param reports the reports (copies included: an edited copy may carry an updated toll)
 * @returns best, low, high and the rule in words
 */
export function fuseFatalities(reports: readonly Report[]): { fatalities: number | null; fatalities_low: number | null; fatalities_high: number | null; fatalities_rule: string } {
  const lows = reports.map((r) => r.event.fatalities_low ?? r.event.fatalities).filter((x): x is number => x !== null);
  const highs = reports.map((r) => r.event.fatalities_high ?? r.event.fatalities).filter((x): x is number => x !== null);
  if (!lows.length) return { fatalities: null, fatalities_low: null, fatalities_high: null, fatalities_rule: 'no figure reported' };
  const low = Math.min(...lows);
  const high = Math.max(...highs, low);
  const figures = reports
    .filter((r) => r.event.fatalities !== null)
    .map((r) => `${r.outlet}: ${r.event.fatalities_low === r.event.fatalities_high || r.event.fatalities_high === null ? r.event.fatalities : `${r.event.fatalities_low}-${r.event.fatalities_high}`}`);
  const rule = lows.length === 1
    ? `one figure reported (${figures[0]})`
    : `lowest reported figure (ACLED conservative) of ${lows.length}: ${figures.join('; ')}`;
  return { fatalities: low, fatalities_low: low, fatalities_high: high, fatalities_rule: rule };
}

/** An ACLED-style `notes` summary of a fused event. */
function notesOf(f: Omit<EventFields, 'notes' | 'search_text'>): string {
  const where = [f.location, f.admin1 !== f.location ? f.admin1 : null, f.country !== f.location ? f.country : null].filter(Boolean).join(', ');
  const against = f.actor2 ? ` against ${f.actor2}` : '';
  const deaths = f.fatalities === null ? 'Fatalities not reported.' : `${f.fatalities} fatalit${f.fatalities === 1 ? 'y' : 'ies'} (reported ${f.fatalities_low === f.fatalities_high ? f.fatalities_low : `${f.fatalities_low}-${f.fatalities_high}`}).`;
  const srcs = `${f.source_count} source${f.source_count === 1 ? '' : 's'}: ${f.sources.join('; ')}.`;
  return `On ${f.event_date ?? 'an unknown date'}, ${f.sub_event_type.toLowerCase()} by ${f.actor1}${against} in ${where || 'an unknown place'}. ${deaths} ${srcs}`;
}

/**
 * The fused event of a set of reports.
 * @param reports one or more reports of the same event, in arrival order
 * @returns the event's fields: finest place, best-attested date and sub-type (with ACLED precedence),
 *   most-reported actors, fatalities by {@link fuseFatalities}, confidence raised by independent sources
 * @throws RangeError when `reports` is empty
 */
export function fuseReports(reports: readonly Report[]): EventFields {
  if (!reports.length) throw new RangeError('fuseReports needs at least one report');
  const sub = chooseSubType(reports).event;
  const place = choosePlace(reports).event;
  const date = chooseDate(reports);
  const a1 = chooseActor(reports, (e) => e.actor1, null)?.event ?? reports[0]!.event;
  const a2 = chooseActor(reports, (e) => e.actor2, a1.actor1)?.event;
  const independent = reports.filter((r) => !r.copy);
  const counted = independent.length ? independent : reports;
  const sources = [...new Set(counted.map((r) => r.outlet))];
  const confidence = Math.min(0.99, 1 - counted.reduce((p, r) => p * (1 - r.event.confidence), 1));
  const injuries = reports.map((r) => r.event.injuries).filter((x): x is number => x !== null);
  const base: Omit<EventFields, 'notes' | 'search_text'> = {
    event_date: date.date,
    time_precision: date.precision,
    date_absolute: date.absolute,
    event_type: sub.event_type,
    sub_event_type: sub.sub_event_type,
    actor1: a1.actor1,
    assoc_actor_1: a1.assoc_actor_1 ?? reports.find((r) => r.event.assoc_actor_1)?.event.assoc_actor_1 ?? null,
    actor2: a2?.actor2 ?? null,
    assoc_actor_2: a2?.assoc_actor_2 ?? null,
    inter1: a1.inter1,
    inter2: a2?.inter2 ?? 0,
    civilian_targeting: reports.some((r) => r.event.civilian_targeting),
    country: place.country,
    iso3: place.iso3,
    admin1: place.admin1,
    location: place.location,
    latitude: place.latitude,
    longitude: place.longitude,
    geo_precision: place.geo_precision,
    geonameid: place.geonameid,
    ...fuseFatalities(reports),
    injuries: injuries.length ? Math.min(...injuries) : null,
    historical: reports.every((r) => r.event.historical),
    confidence: Math.round(confidence * 100) / 100,
    plover: sub.plover,
    cameo: sub.cameo,
    sources,
    source_count: new Set(counted.map((r) => r.article_id)).size,
    report_count: reports.length,
  };
  const notes = notesOf(base);
  const search_text = [notes, ...new Set(reports.map((r) => r.excerpt).filter((x): x is string => !!x))].join('\n');
  return { ...base, notes, search_text };
}

// ---------------------------------------------------------------- in-memory clustering

/** A cluster of reports fused into one event, with how each joined. */
export interface Cluster {
  id: number;
  fields: EventFields;
  reports: Report[];
  verdicts: Verdict[];
}

/**
 * Fuses a sequence of reports in memory, exactly as ingestion does against a
 * store: each report joins the best-matching event so far (compared with the
 * event's fused fields), or opens a new one.
 * @param reports reports in arrival order
 * @param opts `maxKm` (default {@link FUSION_KM})
 * @returns the events, in order of creation (ids from 1)
 */
export function clusterReports(reports: readonly Report[], opts: { maxKm?: number } = {}): Cluster[] {
  const clusters: Cluster[] = [];
  for (const r of reports) {
    const view = comparableOf(r.event);
    const hit = bestMatch(view, clusters.map((c) => ({ ...c.fields, id: c.id })), opts);
    const cluster = hit ? clusters.find((c) => c.id === hit.event.id)! : undefined;
    if (cluster && hit) {
      cluster.reports.push(r);
      cluster.verdicts.push(hit.verdict);
      cluster.fields = fuseReports(cluster.reports);
    } else {
      clusters.push({ id: clusters.length + 1, fields: fuseReports([r]), reports: [r], verdicts: [{ match: true, score: 1, reasons: ['first report'], blockers: [] }] });
    }
  }
  return clusters;
}
