/**
 * @module eval/rules
 * The matching rules of the shared scorer (`score.mjs`), one function each:
 * name folding, actor agreement, distances, and the cost of pairing a
 * predicted event, control change or claim with a gold one (`null` = cannot
 * pair). They reproduce `score.mjs` expression by expression, including its
 * JavaScript coercions, so that both scorers give the same numbers.
 */
import type { Evidence } from '../domain/types.js';
import type { GoldClaim, GoldControlChange, GoldEvent, OneOrMany } from './gold.js';

/**
 * A predicted event as the scorer reads it: the scored subset of
 * `SitrepEvent`, loosely typed so that JSON read from any extractor fits.
 */
export interface PredEvent {
  event_type?: string | null;
  sub_event_type?: string | null;
  event_date?: string | null;
  location?: string | null;
  iso3?: string | null;
  country?: string | null;
  latitude?: number | string | null;
  longitude?: number | string | null;
  actor1?: string | null;
  fatalities?: number | string | null;
  historical?: boolean | null;
  confidence?: number | null;
  evidence?: readonly Evidence[] | null;
}

/** A predicted territorial change (`ControlChange`; `to_side` is accepted as a synonym of `to_actor`). */
export interface PredControlChange {
  location?: string | null;
  latitude?: number | string | null;
  longitude?: number | string | null;
  date?: string | null;
  to_actor?: string | null;
  to_side?: OneOrMany<string> | null;
}

/** A predicted claim (`Claim`; a bare `value` is accepted for `value_low`). */
export interface PredClaim {
  claim_type?: string | null;
  value_low?: number | string | null;
  value_high?: number | string | null;
  value?: number | string | null;
  source?: string | null;
}

/** Date tolerance, in days, when the gold does not give one. */
export const DEFAULT_DATE_TOLERANCE_DAYS = 1;
/** Place tolerance, in km, when a gold event with coordinates does not give one. */
export const DEFAULT_KM_TOLERANCE = 40;
/** A predicted control change must be within this many km of the gold place. */
export const CONTROL_CHANGE_KM = 25;
/** Cost of one day of date difference, in km-equivalents. */
export const COST_PER_DAY = 50;
/** Cost of a disagreeing `historical` flag, in km-equivalents. */
export const COST_HISTORICAL_MISMATCH = 25;

/**
 * Folds a name for comparison: strips accents, lowercases, and turns every run
 * of characters other than `a-z0-9` into one space.
 *
 * @param s any value (null and undefined fold to the empty string)
 * @returns the folded string
 * @example norm('Deir ez-Zor') // 'deir ez zor'
 */
export function norm(s: unknown): string {
  return String(s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A gold field given as one value or a list, as a list.
 *
 * @param v the field
 * @returns null for null/undefined, otherwise a list
 */
export function list<T>(v: OneOrMany<T> | null | undefined): T[] | null {
  if (v === null || v === undefined) return null;
  return Array.isArray(v) ? [...(v as readonly T[])] : [v as T];
}

/**
 * A numeric field as a number: null, undefined and '' are null; anything else goes through `Number`.
 *
 * @param v the field
 * @returns the number (possibly NaN) or null
 */
export function num(v: unknown): number | null {
  return v === null || v === undefined || v === '' ? null : Number(v);
}

/**
 * Absolute difference between two dates, in days (NaN when one does not parse).
 *
 * @param a a date, `YYYY-MM-DD`
 * @param b a date, `YYYY-MM-DD`
 * @returns |a - b| in days
 */
export function days(a: unknown, b: unknown): number {
  return Math.abs((Date.parse(String(a)) - Date.parse(String(b))) / 86400000);
}

/**
 * Great-circle distance (haversine, Earth diameter 12,742 km).
 *
 * @returns the distance in km
 */
export function km(la1: number, lo1: number, la2: number, lo2: number): number {
  const r = Math.PI / 180;
  const dLa = (la2 - la1) * r;
  const dLo = (lo2 - lo1) * r;
  const h = Math.sin(dLa / 2) ** 2 + Math.cos(la1 * r) * Math.cos(la2 * r) * Math.sin(dLo / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

/**
 * Whether a predicted actor name agrees with the gold aliases: after
 * {@link norm}, one contains the other as whole words. No aliases (null) always
 * agrees; an empty prediction never does.
 *
 * @param pred the predicted actor name
 * @param aliases the acceptable gold names, or null when the gold does not score the actor
 * @returns true when they agree
 * @example actorOk('Syrian government forces', ['government forces']) // true
 */
export function actorOk(pred: unknown, aliases: readonly string[] | null): boolean {
  if (!aliases) return true;
  const p = ` ${norm(pred)} `;
  if (p.trim() === '') return false;
  return aliases.some((a) => {
    const g = ` ${norm(a)} `;
    return p.includes(g) || g.includes(p);
  });
}

/** Claim kinds: the contract's words, with common synonyms folded in. */
const CLAIM_KIND: ReadonlyMap<string, string> = new Map([
  ['injured', 'injuries'],
  ['wounded', 'injuries'],
  ['killed', 'fatalities'],
  ['deaths', 'fatalities'],
  ['dead', 'fatalities'],
  ['detained', 'arrested'],
  ['arrests', 'arrested'],
  ['kidnapped', 'abducted'],
  ['abductions', 'abducted'],
]);

/**
 * The canonical claim kind of a claim type (`injured` → `injuries`, …).
 *
 * @param k the claim type as written
 * @returns the folded, canonical kind
 */
export function claimKind(k: unknown): string {
  const n = norm(k);
  return CLAIM_KIND.get(n) ?? n;
}

/** True for a gold event with no coordinates (country-level). */
export function isCountryLevel(g: GoldEvent): boolean {
  return g.latitude === null || g.latitude === undefined;
}

/**
 * Distance between a predicted and a gold event place. For a country-level gold
 * event it is 0 in the same country (ISO3 or country name) and Infinity otherwise;
 * a prediction without coordinates is Infinity from a gold place.
 *
 * @returns km, 0, or Infinity
 */
export function placeDistance(p: PredEvent, g: GoldEvent): number {
  const glat = num(g.latitude);
  const glon = num(g.longitude);
  const plat = num(p.latitude);
  const plon = num(p.longitude);
  if (glat === null || glon === null) {
    const same =
      (g.iso3 && p.iso3 && norm(g.iso3) === norm(p.iso3)) || (g.country && norm(g.country) === norm(p.country));
    return same ? 0 : Infinity;
  }
  if (plat === null || plon === null) return Infinity;
  return km(plat, plon, glat, glon);
}

/**
 * Cost of pairing a predicted event with a gold event, or null when they cannot pair:
 * the type must be one the gold allows, the date within `date_tolerance_days`
 * (default 1), the place within `km_tolerance` (default 40; a country-level gold
 * event needs the same country). Cost = 50 × days + km (+ 25 when the
 * `historical` flags disagree).
 *
 * @param p the predicted event
 * @param g the gold event
 * @returns the cost, or null
 */
export function eventCost(p: PredEvent, g: GoldEvent): number | null {
  const types = list(g.event_type) ?? [];
  if (!types.map(norm).includes(norm(p.event_type))) return null;
  if (!p.event_date || Number.isNaN(Date.parse(String(p.event_date)))) return null;
  const dd = days(p.event_date, g.event_date);
  if (dd > (g.date_tolerance_days ?? DEFAULT_DATE_TOLERANCE_DAYS)) return null;
  const dist = placeDistance(p, g);
  const tol = isCountryLevel(g) ? 0 : (g.km_tolerance ?? DEFAULT_KM_TOLERANCE);
  if (dist > tol) return null;
  return dd * COST_PER_DAY + dist + (Boolean(p.historical) === Boolean(g.historical) ? 0 : COST_HISTORICAL_MISMATCH);
}

/**
 * Cost of pairing a predicted control change with a gold one, or null: the place
 * within 25 km (by coordinates, or the same folded name when either side has
 * none), the date within tolerance, and the new holder agreeing with `to_side`.
 *
 * @param a the predicted change
 * @param b the gold change
 * @returns the distance in km, or null
 */
export function controlChangeCost(a: PredControlChange, b: GoldControlChange): number | null {
  // Number() mirrors the implicit coercion of score.mjs (null → 0, undefined → NaN).
  const dist =
    num(a.latitude) !== null && num(b.latitude) !== null
      ? km(Number(num(a.latitude)), Number(num(a.longitude)), Number(b.latitude), Number(b.longitude))
      : norm(a.location) === norm(b.location)
        ? 0
        : Infinity;
  if (dist > CONTROL_CHANGE_KM) return null;
  if (!a.date || days(a.date, b.date) > (b.date_tolerance_days ?? DEFAULT_DATE_TOLERANCE_DAYS)) return null;
  if (!actorOk(a.to_side ?? a.to_actor, list(b.to_side))) return null;
  return dist;
}

/**
 * Cost of pairing a predicted claim with a gold one, or null: the same kind, a
 * value range that overlaps the gold range, and (when the gold names a source)
 * an agreeing source.
 *
 * @param a the predicted claim
 * @param b the gold claim
 * @returns |predicted low − gold low|, or null
 */
export function claimCost(a: PredClaim, b: GoldClaim): number | null {
  if (claimKind(a.claim_type) !== claimKind(b.claim_type)) return null;
  const lo = num(a.value_low ?? a.value);
  const hi = num(a.value_high ?? a.value_low ?? a.value);
  const glo = b.value_low;
  const ghi = b.value_high ?? b.value_low;
  if (lo === null || !(lo <= ghi && (hi ?? lo) >= glo)) return null;
  if (b.source && !actorOk(a.source, list(b.source))) return null;
  return Math.abs(lo - glo);
}
