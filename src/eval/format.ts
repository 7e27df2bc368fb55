/**
 * @module eval/format
 * Plain-text rendering of an {@link EvalReport}: per article what was missed
 * and what was invented, then the summary in the same lines as `score.mjs`.
 */
import type { GoldClaim, GoldControlChange } from './gold.js';
import { list } from './rules.js';
import type { ArticleReport, EvalReport, EvalSummary, InventedEvent, MissedEvent } from './score.js';

/** Three decimals, or `n/a` (as `score.mjs`). */
const f = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

const orList = (xs: readonly string[] | null): string => (xs && xs.length ? xs.join(' | ') : '?');

function missedLine(m: MissedEvent): string {
  return `  missed: ${m.id} ${orList(m.sub_event_type ?? m.event_type)} @ ${m.location ?? '?'} ${m.event_date}${m.historical ? ' (historical)' : ''}`;
}

function inventedLine(e: InventedEvent): string {
  const evidence = e.evidence === null ? '' : ` "${e.evidence.replace(/\s+/g, ' ')}"`;
  return `  invented: #${e.pred_index} ${e.sub_event_type ?? e.event_type ?? '?'} @ ${e.location ?? '?'} ${e.event_date ?? '?'}${e.historical ? ' (historical)' : ''}${evidence}`;
}

function controlChangeLine(c: GoldControlChange): string {
  const to = list(c.to_side)?.[0] ?? '?';
  return `  missed control change: ${c.location ?? '?'} ${c.date} -> ${to}`;
}

function claimLine(c: GoldClaim): string {
  const value = c.value_high === null || c.value_high === undefined ? `>=${c.value_low}` : c.value_high === c.value_low ? `${c.value_low}` : `${c.value_low}-${c.value_high}`;
  const source = list(c.source)?.[0];
  return `  missed claim: ${c.claim_type} ${value}${c.victims ? ` ${c.victims}` : ''}${source ? ` (source: ${source})` : ''}`;
}

/**
 * The lines for one article: a header with its counts, then one line per
 * missed gold event, invented event, missed control change and missed claim.
 *
 * @param a the article's report
 * @returns the lines, without newlines
 */
export function formatArticle(a: ArticleReport): string[] {
  const cc = a.control_changes;
  const cl = a.claims;
  const head =
    `${a.article}: tp=${a.tp} fp=${a.fp} fn=${a.fn}` +
    (cc.gold || cc.predicted ? ` cc=${cc.matched}/${cc.gold}` : '') +
    (cl.gold ? ` claims=${cl.matched}/${cl.gold}` : '') +
    (a.has_output ? '' : ' (no output)');
  return [
    head,
    ...a.missed.map(missedLine),
    ...a.invented.map(inventedLine),
    ...a.missed_control_changes.map(controlChangeLine),
    ...a.missed_claims.map(claimLine),
  ];
}

/**
 * The summary lines, exactly as `score.mjs` prints them (without `--verbose`).
 *
 * @param s the summary
 * @param missing gold articles with no output
 * @returns the lines, without newlines
 */
export function formatSummary(s: EvalSummary, missing: readonly string[] = []): string[] {
  const m = s.on_matched;
  const e = s.events;
  return [
    ...(missing.length ? [`articles with no output: ${missing.join(', ')}`] : []),
    `sub-type acc ${f(m.sub_event_type_acc)}  fatalities acc ${f(m.fatalities_acc)}  actor1 acc ${f(m.actor1_acc)}  historical acc ${f(m.historical_acc)}  median km ${f(m.median_km)}`,
    `control changes recall ${f(s.control_changes.recall)} precision ${f(s.control_changes.precision)}  claims recall ${f(s.claims.recall)}`,
    `events P ${f(e.precision)} R ${f(e.recall)} F1 ${f(e.f1)} (tp ${e.tp} fp ${e.fp} fn ${e.fn})`,
  ];
}

/**
 * The whole report as text: every article, then the summary.
 *
 * @param r the report
 * @returns the text, ending with a newline
 */
export function formatReport(r: EvalReport): string {
  const lines = [...r.articles.flatMap(formatArticle), ...formatSummary(r.summary, r.missing_articles)];
  return lines.join('\n') + '\n';
}
