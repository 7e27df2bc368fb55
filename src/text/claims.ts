/**
 * @module text/claims
 * Casualty mentions (text/casualties) → claims, following the gold conventions
 * (shared/devset/README.md, "Claims"):
 * - one claim per numeric figure; vague figures ("dozens") and negated ones
 *   ("no one was killed") are not claims, nor are sub-counts (dropped earlier);
 * - "at least / more than X" → low X, high null; an exact or approximate figure
 *   → low = high; a range → low and high;
 * - figures joined under one trigger ("killed a woman and four children")
 *   also give their sum, as the gold adds complementary counts;
 * - the same figure from the same source is claimed once; an unattributed
 *   repeat of an attributed figure is dropped;
 * - evidence: the value, the victims and the source, as written.
 * By default every numeric figure is a claim, attributed or not (the source is
 * then null); `attributedOnly` keeps only figures with a source, a
 * "reportedly" or a cumulative total.
 */
import type { Claim, ClaimType, Evidence, Span } from '../domain/types.js';

/**
 * What a claim is built from: a `CasualtyMention` (text/casualties), or any
 * object with its fields (optional ones default to null).
 */
export interface ClaimInput extends Span {
  kind: ClaimType;
  quantity: Span & { text: string; low: number; high: number | null; vague: boolean; qualifier?: string | null };
  victims: string | null;
  victimsSpan?: Span | null;
  source: string | null;
  sourceSpan?: Span | null;
  period_start?: string | null;
  period_end?: string | null;
  area?: string | null;
  total: boolean;
  negated: boolean;
  trigger?: Span & { text: string };
  reported?: boolean;
}

/** Options of `claimsFrom`. */
export interface ClaimOptions {
  /** Keep only attributed figures, "reportedly" figures and totals. */
  attributedOnly?: boolean;
}

const evidence = (text: string, field: string, s: Span): Evidence => ({ field, start: s.start, end: s.end, text: text.slice(s.start, s.end) });

function claimOf(m: ClaimInput, text: string): Claim {
  const q = m.quantity;
  const ev: Evidence[] = [evidence(text, 'value', q)];
  if (m.trigger) ev.push(evidence(text, 'claim_type', m.trigger));
  if (m.victimsSpan) ev.push(evidence(text, 'victims', m.victimsSpan));
  if (m.sourceSpan) ev.push(evidence(text, 'source', m.sourceSpan));
  return {
    claim_type: m.kind,
    victims: m.victims ?? 'all',
    value_low: q.low,
    value_high: q.high,
    qualifier: q.qualifier ?? null,
    source: m.source,
    period_start: m.period_start ?? null,
    period_end: m.period_end ?? null,
    area: m.area ?? null,
    evidence: ev,
  };
}

/** The sum of figures coordinated under one trigger, from one source. */
function sums(mentions: readonly ClaimInput[], text: string): Claim[] {
  const groups = new Map<string, ClaimInput[]>();
  for (const m of mentions) {
    if (!m.trigger) continue;
    const key = `${m.trigger.start}|${m.kind}|${m.source ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const out: Claim[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const first = claimOf(g[0]!, text);
    const victims = new Set(g.map((m) => m.victims ?? 'all'));
    out.push({
      ...first,
      victims: victims.size === 1 ? [...victims][0]! : 'all',
      value_low: g.reduce((s, m) => s + m.quantity.low, 0),
      value_high: g.every((m) => m.quantity.high !== null) ? g.reduce((s, m) => s + (m.quantity.high ?? 0), 0) : null,
      qualifier: g.some((m) => m.quantity.high === null) ? 'at least' : null,
      evidence: g.flatMap((m) => claimOf(m, text).evidence),
    });
  }
  return out;
}

const norm = (s: string | null): string => (s ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Claims from the casualty mentions of an article.
 * @param mentions casualty mentions, in text order (from `findCasualties`)
 * @param text the article text the mentions point into
 * @param opts `attributedOnly` to drop unattributed single-incident figures
 * @returns claims, in text order of their figures, without duplicates
 */
export function claimsFrom(mentions: readonly ClaimInput[], text: string, opts: ClaimOptions = {}): Claim[] {
  const usable = mentions.filter(
    (m) => !m.negated && !m.quantity.vague && m.quantity.low > 0 && (!opts.attributedOnly || m.source !== null || m.total || m.reported === true),
  );
  const all = [...usable.map((m) => claimOf(m, text)), ...sums(usable, text)];
  const key = (c: Claim): string => `${c.claim_type}|${c.value_low}|${c.value_high}`;
  const sourced = new Set(all.filter((c) => c.source).map(key));
  const seen = new Set<string>();
  const out: Claim[] = [];
  for (const c of all) {
    if (!c.source && sourced.has(key(c))) continue;
    const k = `${key(c)}|${norm(c.source)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}
