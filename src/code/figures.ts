/**
 * @module code/figures
 * The dead and wounded of an event: which trigger each casualty figure of a sentence
 * belongs to, how figures of one event combine (ACLED: competing counts keep the lowest,
 * different victims add up), and figures that later sentences add.
 */
import type { CasualtyRef, Sentence } from './analysis.js';
import { coderPattern } from './coder-words.js';
import type { EventMention } from './coder.js';
import type { TriggerMatch } from './triggers.js';

/** One victim killed or hurt, told in the passive with no number (`data/lexicons/coder-words.yaml`). */
export const SINGLE_KILLED = coderPattern('single-killed');

export const SINGLE_HURT = coderPattern('single-hurt');

/** Victims that mean everyone ("no one was killed"). */
const ANYONE = coderPattern('victims-anyone');
/** Victims named only as people (a lower-cased label). */
const PEOPLE_IN_GENERAL = coderPattern('victims-unspecified');

/**
 * Which trigger each casualty figure of a sentence belongs to: the nearest one, a
 * clause break counting triple ("an air strike killed three; the army retook X").
 * Triggers a context cue drops still own their figures, so "six killed in clashes
 * across the country" does not lend its six to another event of the sentence.
 */
export function casualtyOwners(text: string, s: Sentence, triggers: TriggerMatch[]): Map<CasualtyRef, TriggerMatch> {
  const out = new Map<CasualtyRef, TriggerMatch>();
  for (const c of s.casualties) {
    let best: TriggerMatch | null = null;
    let bestD = Infinity;
    for (const t of triggers) {
      if (c.start < t.end && t.start < c.end) {
        best = t;
        break;
      }
      const between = c.start >= t.end ? text.slice(t.end, c.start) : text.slice(c.end, t.start);
      const d = (c.start >= t.end ? c.start - t.end : (t.start - c.end) * 1.2) * (/[;:—–]|,\s*(?:and|while|as|but)\b/i.test(between) ? 3 : 1);
      if (d < bestD) {
        bestD = d;
        best = t;
      }
    }
    if (best) out.set(c, best);
  }
  return out;
}

export function sumFatalities(refs: CasualtyRef[], text?: string): { low: number; high: number; refs: CasualtyRef[]; implied?: boolean } | null {
  const current = refs.filter((r) => !r.total);
  const usable = current.filter((r) => r.kind === 'fatalities' && !(r.quantity.vague && !r.negated));
  const isZero = (r: CasualtyRef) => r.negated || r.quantity.low === 0;
  const positive = usable.filter((r) => !isZero(r));
  if (!positive.length) {
    // "No one was killed", "no injuries were reported", or only wounded: ACLED records 0 dead.
    // "No one was killed" is 0; "no civilian casualties" says nothing about the others.
    const said = usable.find((r) => isZero(r) && (!r.victims || ANYONE.test(r.victims)));
    if (said) return { low: 0, high: 0, refs: [said] };
    const wounded = current.find((r) => r.kind === 'injuries' && (r.negated || !r.quantity.vague));
    // Implied, not stated: another report of the same event that counts dead overrides it.
    return wounded ? { low: 0, high: 0, refs: [wounded], implied: true } : null;
  }
  // Two sources with their own figures, or figures set against each other ("four died, the
  // hospital said, while the party said eight"), are competing counts: the lowest stands.
  const sources = new Set(positive.map((r) => r.source).filter(Boolean));
  const sorted = [...positive].sort((x, y) => x.start - y.start);
  const contrasted = !!text && sorted.some((r, i) => i > 0 && /\b(?:while|whereas|but|however)\b/i.test(text.slice(sorted[i - 1]!.end, r.start)));
  if ((sources.size >= 2 && positive.every((r) => r.source)) || contrasted) {
    const low = Math.min(...positive.map((r) => r.quantity.low));
    const high = Math.max(...positive.map((r) => r.quantity.high ?? r.quantity.low));
    return { low, high, refs: positive };
  }
  // Different victim groups add up ("12 soldiers and 3 civilians"); the same group reported
  // twice keeps its lowest figure (ACLED's conservative rule). "No civilian casualties" beside
  // "two militants killed" does not lower the two.
  const byVictims = new Map<string, CasualtyRef[]>();
  for (const r of positive) {
    const k = (r.victims ?? 'all').toLowerCase();
    byVictims.set(k, [...(byVictims.get(k) ?? []), r]);
  }
  let low = 0;
  let high = 0;
  for (const group of byVictims.values()) {
    low += Math.min(...group.map((g) => g.quantity.low));
    high += Math.max(...group.map((g) => g.quantity.high ?? g.quantity.low));
  }
  return { low, high, refs: positive };
}

export function injuriesOf(refs: CasualtyRef[]): number | null {
  const usable = refs.filter((r) => r.kind === 'injuries' && !r.total && !r.quantity.vague);
  if (!usable.length) return null;
  return Math.min(...usable.map((r) => (r.negated ? 0 : r.quantity.low)));
}

/**
 * Adds another report's figures to an event: a first count is taken; a competing count
 * of the same event keeps ACLED's conservative lowest figure (and widens the range).
 */
export function addFigures(m: EventMention, casualties: CasualtyRef[], text: string): void {
  const f = sumFatalities(casualties.filter((c) => !c.total), text);
  if (!f || f.implied) return;
  for (const r of f.refs) m.evidence.push({ field: 'fatalities', start: r.quantity.start, end: r.quantity.end, text: r.quantity.text });
  m.rules.push('figures-continuation');
  m.fatalities = m.fatalities && !m.fatalities.implied ? combineFatalities(m.fatalities, f) : f;
}

type Fatalities = NonNullable<EventMention['fatalities']>;

/**
 * Two reports' tolls of one event. Named, different victims complete the toll ("12 Palestinians" … "an Israeli
 * soldier"; "killed 12 soldiers" … "killed about 30 assailants in the counter-attack"); anything else is a competing
 * count of the same dead: the lowest stands (ACLED's conservative rule), and the range widens. A 0 only implied by a
 * report of wounded gives way to a count.
 */
export function combineFatalities(a: Fatalities | null, b: Fatalities | null): Fatalities | null {
  if (!a) return b;
  if (!b) return a;
  if (!!a.implied !== !!b.implied) return a.implied ? b : a;
  const have = new Set(a.refs.map(victimGroup));
  const adds = b.refs.map(victimGroup);
  const complementary = a.refs.length > 0 && adds.length > 0 && !have.has('all') && !adds.includes('all') && adds.every((g) => !have.has(g));
  const refs = [...a.refs, ...b.refs.filter((r) => !a.refs.includes(r))];
  return {
    ...(complementary
      ? { low: a.low + b.low, high: a.high + b.high }
      : { low: Math.min(a.low, b.low), high: Math.max(a.high, b.high) }),
    refs,
    ...(a.implied ? { implied: true } : {}),
  };
}

/** The victim group of a figure; people in general, or unstated, are "all". */
function victimGroup(r: CasualtyRef): string {
  const v = (r.victims ?? 'all').toLowerCase();
  return PEOPLE_IN_GENERAL.test(v) ? 'all' : v;
}
