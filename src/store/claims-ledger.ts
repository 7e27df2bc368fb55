/**
 * @module store/claims-ledger
 * The casualty claims ledger: every figure with who says it, grouped by what
 * it counts (claim type, victims, period, area, country) so that sources that
 * disagree stand side by side. Pure functions.
 */
import type { StoredClaim } from './store.js';

/** One figure and who gives it. */
export interface LedgerEntry {
  /** The claimant (the organisation quoted), or the outlet when no one is quoted. */
  source: string;
  figure: string;
  claim: StoredClaim;
}

/** All figures for one question ("civilians killed in Idlib since April 2019"). */
export interface LedgerRow {
  question: string;
  claimType: StoredClaim['claim_type'];
  victims: string | null;
  period: string;
  area: string | null;
  country: string | null;
  entries: LedgerEntry[];
  /** True when the sources give different figures. */
  disagree: boolean;
  /** Lowest and highest figure given. */
  low: number;
  high: number;
}

/** A figure as written: `more than 730`, `500-700`. */
export function figureOf(c: StoredClaim): string {
  const n = c.value_high !== null && c.value_high !== c.value_low ? `${c.value_low}-${c.value_high}` : String(c.value_low);
  return c.qualifier ? `${c.qualifier} ${n}` : n;
}

/** Claims without a period, published this many days apart or less, speak of the same toll. */
export const SAME_TOLL_DAYS = 2;

const dayOf = (d: string | null) => (d ? Date.parse(`${d}T00:00:00Z`) / 86_400_000 : NaN);

/**
 * Groups claims into ledger rows.
 * @param claims stored claims
 * @returns rows with disagreement first, then by country and period
 */
export function buildLedger(claims: readonly StoredClaim[]): LedgerRow[] {
  const rows = new Map<string, LedgerRow>();
  const sorted = [...claims].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.id - b.id);
  for (const c of sorted) {
    const period = c.period_start ? `${c.period_start}${c.period_end ? ` to ${c.period_end}` : ' onwards'}` : `as of ${c.published ?? 'unknown date'}`;
    const victims = c.victims?.toLowerCase() ?? null;
    const base = [c.claim_type, victims, c.period_end, c.area?.toLowerCase(), c.iso3].join('|');
    let key = `${base}|${c.period_start ?? c.published}`;
    if (!c.period_start) {
      // a toll without a period: the same question as one published a day or two earlier
      const near = [...rows.entries()].find(([k, r]) => k.startsWith(`${base}|`) && r.period.startsWith('as of') && Math.abs(dayOf(r.entries[0]!.claim.published) - dayOf(c.published)) <= SAME_TOLL_DAYS);
      if (near) key = near[0];
    }
    let row = rows.get(key);
    if (!row) {
      const what = `${c.claim_type}${victims ? ` (${victims})` : ''}`;
      const where = [c.area, c.country].filter(Boolean).join(', ');
      row = { question: `${what}${where ? ` in ${where}` : ''}, ${period}`, claimType: c.claim_type, victims, period, area: c.area, country: c.country, entries: [], disagree: false, low: c.value_low, high: c.value_high ?? c.value_low };
      rows.set(key, row);
    }
    row.entries.push({ source: c.source ?? c.outlet, figure: figureOf(c), claim: c });
    row.low = Math.min(row.low, c.value_low);
    row.high = Math.max(row.high, c.value_high ?? c.value_low);
  }
  for (const r of rows.values()) r.disagree = new Set(r.entries.map((e) => e.figure)).size > 1;
  return [...rows.values()].sort((a, b) => Number(b.disagree) - Number(a.disagree) || (a.country ?? '').localeCompare(b.country ?? '') || a.period.localeCompare(b.period));
}
