/**
 * @module eval/score
 * Scores extractor output against a gold set with the rules of the shared
 * scorer (`score.mjs`): the same pairing, the same totals, the same summary
 * numbers. On top of the totals it reports, per article, which gold events,
 * control changes and claims were missed and which predicted events were
 * invented, so that a developer can see what to fix.
 *
 * Pure: no I/O. Gold comes from {@link parseGold}; predictions are
 * `Extraction` records (or any JSON of the same shape).
 *
 * @example
 * const report = scoreExtractions(parseGold(text, 'gold.jsonl'), extractions);
 * report.summary.events.f1;
 */
import path from 'node:path';
import type { GoldArticle, GoldClaim, GoldControlChange, GoldEvent } from './gold.js';
import { greedyMatch } from './match.js';
import {
  actorOk,
  claimCost,
  controlChangeCost,
  days,
  eventCost,
  isCountryLevel,
  list,
  norm,
  num,
  placeDistance,
  type PredClaim,
  type PredControlChange,
  type PredEvent,
} from './rules.js';

export type { PredClaim, PredControlChange, PredEvent } from './rules.js';

/** One article of extractor output, as the scorer reads it (an `Extraction` fits). */
export interface PredRecord {
  article?: { file?: string | null; path?: string | null; id?: string | null } | null;
  events?: readonly (PredEvent | null)[] | null;
  control_changes?: readonly PredControlChange[] | null;
  claims?: readonly PredClaim[] | null;
}

/** The summary, field for field the object `score.mjs --json` prints. */
export interface EvalSummary {
  articles: number;
  missing_articles: number;
  events: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
  on_matched: {
    sub_event_type_acc: number | null;
    fatalities_acc: number | null;
    actor1_acc: number | null;
    historical_acc: number | null;
    median_km: number | null;
  };
  control_changes: { recall: number | null; precision: number | null };
  claims: { recall: number | null };
}

/** A matched (predicted, gold) event pair and how the scored fields agree. */
export interface MatchedEvent {
  /** Index into the article's predicted events (after dropping non-objects). */
  pred_index: number;
  gold_id: string;
  /** False for an optional gold event: such a pair is neither a TP nor an FP. */
  required: boolean;
  cost: number;
  date_diff_days: number;
  /** Distance to the gold place, or null for a country-level gold event. */
  km: number | null;
  pred_sub_event_type: string | null;
  gold_sub_event_type: string[] | null;
  /** Null when the field is not scored for this pair. */
  sub_event_type_ok: boolean | null;
  fatalities_ok: boolean | null;
  actor1_ok: boolean | null;
  historical_ok: boolean;
}

/** A required gold event that no prediction matched. */
export interface MissedEvent {
  id: string;
  event_type: string[];
  sub_event_type: string[] | null;
  location: string | null;
  event_date: string;
  historical: boolean;
}

/** A predicted event that matched no gold event (a false positive). */
export interface InventedEvent {
  pred_index: number;
  event_type: string | null;
  sub_event_type: string | null;
  location: string | null;
  event_date: string | null;
  historical: boolean;
  confidence: number | null;
  /** Text of the trigger evidence (see {@link triggerText}), or null. */
  evidence: string | null;
}

/** The score of one gold article. */
export interface ArticleReport {
  article: string;
  /** False when the extractor produced no record for this article. */
  has_output: boolean;
  tp: number;
  fp: number;
  fn: number;
  optional_matched: number;
  matched: MatchedEvent[];
  missed: MissedEvent[];
  invented: InventedEvent[];
  control_changes: { matched: number; gold: number; predicted: number };
  missed_control_changes: GoldControlChange[];
  claims: { matched: number; gold: number; predicted: number };
  missed_claims: GoldClaim[];
}

/** The whole evaluation: the summary, each gold article, and the pairing problems. */
export interface EvalReport {
  summary: EvalSummary;
  articles: ArticleReport[];
  /** Gold articles with no extractor output. */
  missing_articles: string[];
  /** Keys of extractor records that no gold article names (ignored by the score). */
  unpaired_predictions: string[];
}

/**
 * The key that pairs an output record with a gold article: the base name of
 * `article.file` (else `path`, else `id`).
 *
 * @param rec an output record
 * @returns the base name, or '' when the record names no article
 */
export function predKey(rec: PredRecord): string {
  const a = rec.article ?? {};
  return path.basename(String(a.file ?? a.path ?? a.id ?? ''));
}

/** Evidence fields tried, in order, for the text of an event's trigger. */
const TRIGGER_FIELDS = ['trigger', 'sub_event_type', 'event_type'] as const;

/**
 * The words that triggered an event: the evidence for `trigger`, else for
 * `sub_event_type`, else for `event_type`, else the first evidence.
 *
 * @param e a predicted event
 * @returns the evidence text, or null when the event carries none
 */
export function triggerText(e: PredEvent): string | null {
  const ev = e.evidence ?? [];
  for (const f of TRIGGER_FIELDS) {
    const hit = ev.find((x) => x.field === f);
    if (hit) return hit.text;
  }
  return ev[0]?.text ?? null;
}

/** Upper median, as `score.mjs` computes it. */
function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? null;
}

const ratio = (hit: number, all: number): number | null => (all ? hit / all : null);

/** Running totals over articles. */
interface Tally {
  tp: number;
  fp: number;
  fn: number;
  sub: [number, number];
  fat: [number, number];
  act: [number, number];
  hist: [number, number];
  geo: number[];
  cc: [number, number, number];
  cl: [number, number];
}

const asObjects = (events: PredRecord['events']): PredEvent[] =>
  (events ?? []).filter((e): e is PredEvent => e !== null && typeof e === 'object');

function scoreEvents(pe: PredEvent[], ge: readonly GoldEvent[], t: Tally) {
  const pairs = greedyMatch(pe, ge, eventCost);
  let tp = 0;
  let optionalMatched = 0;
  const matched: MatchedEvent[] = [];
  for (const { pred: i, gold: j, cost } of pairs) {
    const gg = ge[j] as GoldEvent;
    const pp = pe[i] as PredEvent;
    const required = gg.required !== false;
    const subs = list(gg.sub_event_type);
    const d = placeDistance(pp, gg);
    const pair: MatchedEvent = {
      pred_index: i,
      gold_id: gg.id,
      required,
      cost,
      date_diff_days: days(pp.event_date, gg.event_date),
      km: isCountryLevel(gg) ? null : d,
      pred_sub_event_type: pp.sub_event_type ?? null,
      gold_sub_event_type: subs,
      sub_event_type_ok: subs ? subs.map(norm).includes(norm(pp.sub_event_type)) : null,
      fatalities_ok: gg.fatalities !== null && gg.fatalities !== undefined ? num(pp.fatalities) === gg.fatalities : null,
      actor1_ok: gg.actor1 ? actorOk(pp.actor1, list(gg.actor1)) : null,
      historical_ok: Boolean(pp.historical) === Boolean(gg.historical),
    };
    matched.push(pair);
    if (!required) {
      optionalMatched++;
      continue;
    }
    tp++;
    if (pair.sub_event_type_ok !== null) {
      t.sub[1]++;
      if (pair.sub_event_type_ok) t.sub[0]++;
    }
    if (pair.fatalities_ok !== null) {
      t.fat[1]++;
      if (pair.fatalities_ok) t.fat[0]++;
    }
    t.hist[1]++;
    if (pair.historical_ok) t.hist[0]++;
    if (pair.actor1_ok !== null) {
      t.act[1]++;
      if (pair.actor1_ok) t.act[0]++;
    }
    if (Number.isFinite(d) && !isCountryLevel(gg)) t.geo.push(d);
  }
  const matchedG = new Set(pairs.map((p) => p.gold));
  const matchedP = new Set(pairs.map((p) => p.pred));
  const missed: MissedEvent[] = [];
  ge.forEach((gg, j) => {
    if (gg.required === false || matchedG.has(j)) return;
    missed.push({
      id: gg.id,
      event_type: list(gg.event_type) ?? [],
      sub_event_type: list(gg.sub_event_type),
      location: gg.location ?? null,
      event_date: gg.event_date,
      historical: Boolean(gg.historical),
    });
  });
  const invented: InventedEvent[] = [];
  pe.forEach((pp, i) => {
    if (matchedP.has(i)) return;
    invented.push({
      pred_index: i,
      event_type: pp.event_type ?? null,
      sub_event_type: pp.sub_event_type ?? null,
      location: pp.location ?? null,
      event_date: pp.event_date ?? null,
      historical: Boolean(pp.historical),
      confidence: pp.confidence ?? null,
      evidence: triggerText(pp),
    });
  });
  const required = ge.filter((e) => e.required !== false).length;
  const fp = pe.length - tp - optionalMatched;
  t.tp += tp;
  t.fp += fp;
  t.fn += required - tp;
  return { tp, fp, fn: required - tp, optionalMatched, matched, missed, invented };
}

function unmatched<T>(items: readonly T[], pairs: readonly { gold: number }[]): T[] {
  const used = new Set(pairs.map((p) => p.gold));
  return items.filter((_, j) => !used.has(j));
}

/**
 * Scores extractor output against a gold set.
 *
 * Pairing is by file base name ({@link predKey}); when two records share a
 * key the later one wins. Output for articles the gold does not name is
 * ignored (and listed in `unpaired_predictions`).
 *
 * @param gold the gold articles (from {@link parseGold})
 * @param preds the extractor output, one record per article
 * @returns the summary (identical to `score.mjs --json`) and the per-article details
 */
export function scoreExtractions(gold: readonly GoldArticle[], preds: Iterable<PredRecord>): EvalReport {
  const byKey = new Map<string, PredRecord>();
  for (const rec of preds) byKey.set(predKey(rec), rec);

  const t: Tally = { tp: 0, fp: 0, fn: 0, sub: [0, 0], fat: [0, 0], act: [0, 0], hist: [0, 0], geo: [], cc: [0, 0, 0], cl: [0, 0] };
  const missing: string[] = [];
  const articles: ArticleReport[] = [];
  const goldKeys = new Set<string>();

  for (const g of gold) {
    const key = path.basename(g.article);
    goldKeys.add(key);
    const p = byKey.get(key);
    if (!p) missing.push(g.article);

    const ev = scoreEvents(asObjects(p?.events), g.events ?? [], t);

    const pc = p?.control_changes ?? [];
    const gc = g.control_changes ?? [];
    const mc = greedyMatch(pc, gc, controlChangeCost);
    t.cc[0] += mc.length;
    t.cc[1] += gc.length;
    t.cc[2] += pc.length;

    const pcl = p?.claims ?? [];
    const gcl = g.claims ?? [];
    const mcl = greedyMatch(pcl, gcl, claimCost);
    t.cl[0] += mcl.length;
    t.cl[1] += gcl.length;

    articles.push({
      article: g.article,
      has_output: p !== undefined,
      tp: ev.tp,
      fp: ev.fp,
      fn: ev.fn,
      optional_matched: ev.optionalMatched,
      matched: ev.matched,
      missed: ev.missed,
      invented: ev.invented,
      control_changes: { matched: mc.length, gold: gc.length, predicted: pc.length },
      missed_control_changes: unmatched(gc, mc),
      claims: { matched: mcl.length, gold: gcl.length, predicted: pcl.length },
      missed_claims: unmatched(gcl, mcl),
    });
  }

  const P = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 0;
  const R = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 0;
  const F1 = P + R ? (2 * P * R) / (P + R) : 0;
  const summary: EvalSummary = {
    articles: gold.length,
    missing_articles: missing.length,
    events: { tp: t.tp, fp: t.fp, fn: t.fn, precision: P, recall: R, f1: F1 },
    on_matched: {
      sub_event_type_acc: ratio(...t.sub),
      fatalities_acc: ratio(...t.fat),
      actor1_acc: ratio(...t.act),
      historical_acc: ratio(...t.hist),
      median_km: median(t.geo),
    },
    control_changes: { recall: ratio(t.cc[0], t.cc[1]), precision: t.cc[2] ? t.cc[0] / t.cc[2] : null },
    claims: { recall: ratio(...t.cl) },
  };
  const unpaired = [...byKey.keys()].filter((k) => !goldKeys.has(k));
  return { summary, articles, missing_articles: missing, unpaired_predictions: unpaired };
}
