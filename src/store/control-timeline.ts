/**
 * @module store/control-timeline
 * Who held a place over which interval, from the control changes reported
 * for it (captured, retook, withdrew from, handed over) and those implied by
 * territorial events, with "held by X since 2014" opening the first interval.
 *
 * Reports within {@link SAME_CHANGE_DAYS} days that agree on the new holder
 * are one change with several sources. Reports of the same change that name
 * different new holders are kept side by side and the change is marked as a
 * conflict (the holder with more independent sources is shown, the earliest
 * reported on a tie); so is a change whose loser is not the holder before it.
 * Pure functions.
 */
import type { StoredControlChange } from './store.js';

/** Reports of a change of holder this many days apart or less are the same change. */
export const SAME_CHANGE_DAYS = 3;

/** An actor named as the new holder by some reports. */
export interface HolderClaim {
  actor: string;
  /** Distinct outlets saying so. */
  sources: string[];
  changes: StoredControlChange[];
}

/** Why an interval is disputed. */
export interface ControlConflict {
  kind: 'holder' | 'previous-holder';
  message: string;
  /** For `holder`: every actor named, with who says so. */
  alternatives: HolderClaim[];
}

/** One interval of control. */
export interface ControlPeriod {
  holder: string;
  /** Start (`YYYY-MM-DD`, or a year or month from "since 2014"), or null when unknown. */
  from: string | null;
  /** End: the next change's date, or null while it lasts. */
  to: string | null;
  /** `change`: opened by a change of control; `held-since`: stated as held before the first change. */
  basis: 'change' | 'held-since';
  /** The reports behind it. */
  changes: StoredControlChange[];
  conflicts: ControlConflict[];
}

/** The timeline of one place. */
export interface ControlTimeline {
  place: string;
  geonameid: number | null;
  periods: ControlPeriod[];
  /** Reports without a date: listed, not placed on the timeline. */
  undated: StoredControlChange[];
}

function dayNumber(date: string): number {
  return Date.parse(`${date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date}T00:00:00Z`) / 86_400_000;
}

function claimsOf(changes: readonly StoredControlChange[]): HolderClaim[] {
  const by = new Map<string, HolderClaim>();
  for (const c of changes) {
    const h = by.get(c.to_actor) ?? { actor: c.to_actor, sources: [], changes: [] };
    if (!h.sources.includes(c.outlet)) h.sources.push(c.outlet);
    h.changes.push(c);
    by.set(c.to_actor, h);
  }
  return [...by.values()];
}

/** Groups a place's dated reports into changes: same new holder within the window, or a dispute. */
function groupChanges(dated: readonly StoredControlChange[]): StoredControlChange[][] {
  const groups: StoredControlChange[][] = [];
  for (const c of dated) {
    const last = groups[groups.length - 1];
    if (last && dayNumber(c.date!) - dayNumber(last[0]!.date!) <= SAME_CHANGE_DAYS) last.push(c);
    else groups.push([c]);
  }
  return groups;
}

/**
 * Builds the control timeline of each place among the changes.
 * @param changes control changes (any order; several places allowed)
 * @returns one timeline per place (GeoNames id, else the name), places in order of first report
 * @example buildTimelines(await store.controlChanges({ name: 'Khan Shaykhun' }))[0].periods
 */
export function buildTimelines(changes: readonly StoredControlChange[]): ControlTimeline[] {
  const places = new Map<string, StoredControlChange[]>();
  for (const c of changes) {
    const key = c.geonameid !== null ? `g${c.geonameid}` : `n${c.location.toLowerCase()}`;
    (places.get(key) ?? places.set(key, []).get(key)!).push(c);
  }
  return [...places.values()].map((cs) => {
    const dated = cs.filter((c) => c.date).sort((a, b) => a.date!.localeCompare(b.date!) || a.id - b.id);
    const periods: ControlPeriod[] = [];
    for (const group of groupChanges(dated)) {
      const claims = claimsOf(group).sort((a, b) => b.sources.length - a.sources.length);
      const winner = claims[0]!;
      const conflicts: ControlConflict[] = [];
      if (claims.length > 1) {
        conflicts.push({
          kind: 'holder',
          message: `reports disagree on who took ${group[0]!.location}: ${claims.map((c) => `${c.actor} (${c.sources.join(', ')})`).join(' vs ')}`,
          alternatives: claims,
        });
      }
      const prev = periods[periods.length - 1];
      if (!prev) {
        const since = group.find((c) => c.held_since && c.from_actor);
        const loser = since ?? group.find((c) => c.from_actor);
        if (loser?.from_actor) {
          periods.push({ holder: loser.from_actor, from: since?.held_since ?? null, to: group[0]!.date, basis: 'held-since', changes: group.filter((c) => c.from_actor === loser.from_actor), conflicts: [] });
        }
      } else {
        prev.to = group[0]!.date;
        const losers = [...new Set(group.map((c) => c.from_actor).filter((x): x is string => !!x))];
        const wrong = losers.filter((l) => l !== prev.holder);
        if (wrong.length) {
          conflicts.push({ kind: 'previous-holder', message: `reported taken from ${wrong.join(', ')}, but held by ${prev.holder} before`, alternatives: [] });
        }
      }
      const last = periods[periods.length - 1];
      if (last && last.basis === 'change' && last.holder === winner.actor && conflicts.length === 0) {
        // Another report of the same holder after the window: the hold continues.
        last.to = null;
        last.changes.push(...group);
        continue;
      }
      periods.push({ holder: winner.actor, from: group[0]!.date, to: null, basis: 'change', changes: group, conflicts });
    }
    const first = cs[0]!;
    return { place: first.location, geonameid: first.geonameid, periods, undated: cs.filter((c) => !c.date) };
  });
}

/**
 * The interval covering a date.
 * @param timeline a place's timeline
 * @param date `YYYY-MM-DD`
 * @returns the period whose `[from, to)` holds the date (an unknown start counts as open), or null
 */
export function holderAt(timeline: ControlTimeline, date: string): ControlPeriod | null {
  const d = dayNumber(date);
  for (const p of timeline.periods) {
    const from = p.from === null ? -Infinity : dayNumber(p.from);
    const to = p.to === null ? Infinity : dayNumber(p.to);
    if (d >= from && d < to) return p;
  }
  return null;
}
