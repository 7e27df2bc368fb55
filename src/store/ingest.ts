/**
 * @module store/ingest
 * Ingestion: read → extract → near-duplicate check → fuse → store, one
 * article per unit of work. Idempotent by content hash (an article already
 * stored is skipped), so a run killed at any moment and started again ends in
 * the state of an uninterrupted run: each article is either fully in or not
 * at all, and the order of arrival, which fusion depends on, is the same.
 *
 * Bad input never stops a run: a read or extraction failure is recorded as a
 * failed import (key, path, stage, reason); when the same input later goes in,
 * its failure is forgotten.
 */
import type { Article, Extraction, InputError, SitrepEvent } from '../domain/types.js';
import { bestMatch, candidateQuery, compare, comparableOf, fuseReports, type Report } from '../fuse/across-articles.js';
import { bandKeys, DUPLICATE_THRESHOLD, jaccardEstimate, signature } from './minhash.js';
import type { FailedImport, FusionLink, NewControlChange, Store, StoredEvent, StoreTx } from './store.js';
import { isStoreError } from './errors.js';

/** What ingestion needs of the extractor. */
export interface ArticleExtractor {
  extract(article: Article, opts?: { withText?: boolean }): Extraction;
}

/** Dependencies of {@link createIngester}. */
export interface IngestDeps {
  store: Store;
  extractor: ArticleExtractor;
  /** Fusion distance limit in km (default: `FUSION_KM` of fuse/across-articles). */
  maxKm?: number;
}

/** What happened to one article. */
export type ArticleOutcome =
  | { status: 'stored'; id: string; duplicateOf: string | null; newEvents: number; mergedReports: number; copyReports: number; controlChanges: number; claims: number }
  | { status: 'skipped'; id: string }
  | { status: 'failed'; key: string; reason: string };

/** Running totals of an ingest run. */
export interface IngestSummary {
  /** Articles read (stored, skipped or failed at extraction). */
  articles: number;
  stored: number;
  /** Already in the store (same content hash). */
  skipped: number;
  /** Stored as near-copies of an earlier article (linked, not counted as new sources). */
  duplicates: number;
  newEvents: number;
  /** Reports fused into an existing event. */
  mergedEvents: number;
  controlChanges: number;
  claims: number;
  /** Inputs that failed (read or extract). */
  errors: number;
}

/** An ingester bound to a store and an extractor. */
export interface Ingester {
  /** Stores one article (or skips it when already stored). Never throws for bad content: returns `failed`. */
  ingestArticle(article: Article): Promise<ArticleOutcome>;
  /**
   * Stores articles in order, in one unit of work (fewer commits: a batch is
   * all in or all out, so a crash still leaves whole articles only).
   * @returns one outcome per article, in order
   */
  ingestArticles(articles: readonly Article[]): Promise<ArticleOutcome[]>;
  /** Records an input that could not be read. */
  recordReadFailure(error: InputError): Promise<void>;
  /**
   * Forgets failures of `path` whose keys were not seen again in this run (the input was fixed).
   * @param path an input path
   * @param seen failure keys recorded for it in this run
   */
  reconcileFailures(path: string, seen: ReadonlySet<string>): Promise<void>;
}

const TERRITORY = new Set(['Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory']);

/**
 * The path of the input an error label points to (`file.jsonl:3` and `file.json#2` → the file).
 * @param label `InputError.file`
 */
export function inputPathOf(label: string): string {
  return label.replace(/[#:]\d+$/, '');
}

/**
 * The sentence around an event's trigger, for notes and text search.
 * @param text the article text
 * @param event the extracted event (its `sub_event_type` evidence, else its first)
 * @returns the sentence, white space collapsed, at most 400 characters; null without evidence
 */
export function excerptOf(text: string, event: SitrepEvent): string | null {
  const ev = event.evidence.find((e) => e.field === 'sub_event_type') ?? event.evidence[0];
  if (!ev || ev.end > text.length) return null;
  let start = ev.start;
  while (start > 0 && start > ev.start - 300 && !/[.!?\n]/.test(text[start - 1]!)) start--;
  let end = ev.end;
  while (end < text.length && end < ev.end + 300 && !/[.!?\n]/.test(text[end]!)) end++;
  if (end < text.length && text[end] !== '\n') end++;
  const sentence = text.slice(start, end).replace(/^date \d{4}-\d{2}-\d{2}\s+/, '');
  return sentence.replace(/\s+/g, ' ').trim().slice(0, 400) || null;
}

/** The most frequent country of an extraction's events (for its claims). */
function countryOf(x: Extraction): { country: string | null; iso3: string | null } {
  const counts = new Map<string, { n: number; country: string | null }>();
  for (const e of x.events) {
    if (!e.iso3) continue;
    const c = counts.get(e.iso3);
    if (c) c.n++;
    else counts.set(e.iso3, { n: 1, country: e.country });
  }
  const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  return best ? { iso3: best[0], country: best[1].country } : { country: null, iso3: null };
}

function reasonOf(e: unknown): { code: string; reason: string } {
  const code = (e as { code?: unknown }).code;
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  return { code: typeof code === 'string' ? code : 'ERROR', reason: message };
}

/**
 * Builds an ingester.
 * @param deps the store, the extractor, the fusion distance
 * @returns functions to ingest articles and record failures; {@link ingestAll} drives them over a stream
 */
export function createIngester(deps: IngestDeps): Ingester {
  const { store, extractor } = deps;
  const fuseOpts = deps.maxKm === undefined ? {} : { maxKm: deps.maxKm };

  /** Attaches a report to an event, or opens a new one; returns how. */
  async function place(tx: StoreTx, report: Report, index: number, original: { index: number; event: StoredEvent }[] | null, own: Set<number>): Promise<{ eventId: number; link: FusionLink }> {
    const view = comparableOf(report.event);
    // A near-copy's report belongs to the original's event for the same report, if any.
    if (original) {
      const candidates = original.filter((o) => !own.has(o.event.id));
      const same = candidates.find((c) => c.index === index && compare(view, c.event, fuseOpts).match) ?? candidates.find((c) => compare(view, c.event, fuseOpts).match);
      if (same) {
        const v = compare(view, same.event, fuseOpts);
        return { eventId: same.event.id, link: { rule: 'copy', score: v.score, reasons: ['report of a near-copy article', ...v.reasons] } };
      }
    }
    const q = candidateQuery(view, fuseOpts);
    const candidates = q ? (await tx.eventCandidates(q)).filter((c) => !own.has(c.id)) : [];
    const hit = bestMatch(view, candidates, fuseOpts);
    if (hit) return { eventId: hit.event.id, link: { rule: 'merged', score: hit.verdict.score, reasons: hit.verdict.reasons } };
    return { eventId: -1, link: { rule: 'new', score: 1, reasons: ['no earlier report of this event'] } };
  }

  async function store1(tx: StoreTx, article: Article, x: Extraction, sig: Uint32Array | null): Promise<ArticleOutcome> {
    if (await tx.article(article.id)) return { status: 'skipped', id: article.id };
    const bands = sig ? bandKeys(sig) : [];
    let duplicateOf: string | null = null;
    let similarity: number | null = null;
    if (sig) {
      for (const s of await tx.similarArticles(bands, 50)) {
        const j = jaccardEstimate(sig, s.minhash);
        if (j >= DUPLICATE_THRESHOLD && (similarity === null || j > similarity)) {
          duplicateOf = s.id;
          similarity = j;
        }
      }
    }
    const { text: _t, ...meta } = x.article;
    await tx.insertArticle({ meta: { ...meta, id: article.id }, minhash: sig, bands, duplicate_of: duplicateOf, similarity });
    const original = duplicateOf ? await tx.eventsOfArticle(duplicateOf) : null;
    const outlet = article.source ?? article.file;
    const own = new Set<number>();
    let newEvents = 0;
    let mergedReports = 0;
    let copyReports = 0;
    const eventIds: number[] = [];
    for (const [index, event] of x.events.entries()) {
      const report: Report = { event, article_id: article.id, published: article.published, outlet, copy: duplicateOf !== null, excerpt: excerptOf(article.text, event) };
      const { eventId, link } = await place(tx, report, index, original, own);
      let id = eventId;
      if (id < 0) {
        id = await tx.insertEvent(fuseReports([report]));
        newEvents++;
      } else {
        const reports = (await tx.reportsOf(id)).map((r): Report => ({ event: r.event, article_id: r.article_id, published: r.published, outlet: r.outlet, copy: r.copy, excerpt: r.excerpt }));
        await tx.updateEvent(id, fuseReports([...reports, report]));
        if (link.rule === 'copy') copyReports++;
        else mergedReports++;
      }
      own.add(id);
      eventIds.push(id);
      await tx.insertReport({ event_id: id, article_id: article.id, index, published: article.published, outlet, copy: report.copy, event, excerpt: report.excerpt, link });
    }
    const where = countryOf(x);
    let controlChanges = 0;
    const reported = new Set<string>();
    for (const c of x.control_changes) {
      reported.add(c.geonameid !== null ? `g${c.geonameid}` : `n${c.location.toLowerCase()}`);
      const change: NewControlChange = { ...c, article_id: article.id, published: article.published, outlet, origin: 'reported', event_id: null, ...where };
      await tx.insertControlChange(change);
      controlChanges++;
    }
    // Territorial events imply a change of control even when no sentence states one.
    for (const [i, e] of x.events.entries()) {
      if (!TERRITORY.has(e.sub_event_type) || !e.location || e.historical) continue;
      if (reported.has(e.geonameid !== null ? `g${e.geonameid}` : `n${e.location.toLowerCase()}`)) continue;
      await tx.insertControlChange({
        location: e.location, latitude: e.latitude, longitude: e.longitude, geonameid: e.geonameid, date: e.event_date,
        from_actor: e.actor2, to_actor: e.actor1, held_since: null, evidence: e.evidence.filter((v) => v.field === 'sub_event_type' || v.field === 'location'),
        article_id: article.id, published: article.published, outlet, origin: 'implied', event_id: eventIds[i] ?? null, country: e.country, iso3: e.iso3,
      });
      controlChanges++;
    }
    for (const c of x.claims) {
      await tx.insertClaim({ ...c, article_id: article.id, published: article.published, outlet, ...where });
    }
    await tx.clearFailures([`${article.path}#${article.id}`]);
    return { status: 'stored', id: article.id, duplicateOf, newEvents, mergedReports, copyReports, controlChanges, claims: x.claims.length };
  }

  async function recordFailure(f: FailedImport): Promise<void> {
    await store.unitOfWork((tx) => tx.recordFailure(f));
  }

  async function ingestArticles(articles: readonly Article[]): Promise<ArticleOutcome[]> {
    const outcomes: ArticleOutcome[] = [];
    const prepared: { i: number; article: Article; x: Extraction; sig: Uint32Array | null }[] = [];
    for (const [i, article] of articles.entries()) {
      if (await store.article(article.id)) {
        outcomes[i] = { status: 'skipped', id: article.id };
        continue;
      }
      const key = `${article.path}#${article.id}`;
      try {
        prepared.push({ i, article, x: extractor.extract(article), sig: signature(article.text) });
      } catch (e) {
        const { code, reason } = reasonOf(e);
        await recordFailure({ key, path: article.path, stage: 'extract', code, reason });
        outcomes[i] = { status: 'failed', key, reason };
      }
    }
    if (!prepared.length) return outcomes;
    try {
      // One unit of work for the batch: all its articles go in, or none.
      await store.unitOfWork(async (tx) => {
        for (const p of prepared) outcomes[p.i] = await store1(tx, p.article, p.x, p.sig);
      });
    } catch (e) {
      if (!isStoreError(e, 'CONSTRAINT')) throw e;
      // A constraint broken by one article's data: redo the batch one article at a time, record the culprit.
      for (const p of prepared) {
        try {
          outcomes[p.i] = await store.unitOfWork((tx) => store1(tx, p.article, p.x, p.sig));
        } catch (e2) {
          if (!isStoreError(e2, 'CONSTRAINT')) throw e2;
          const key = `${p.article.path}#${p.article.id}`;
          const { code, reason } = reasonOf(e2);
          await recordFailure({ key, path: p.article.path, stage: 'store', code, reason });
          outcomes[p.i] = { status: 'failed', key, reason };
        }
      }
    }
    return outcomes;
  }

  return {
    ingestArticles,
    async ingestArticle(article) {
      return (await ingestArticles([article]))[0]!;
    },
    async recordReadFailure(error) {
      await recordFailure({ key: error.file, path: inputPathOf(error.file), stage: 'read', code: 'INPUT', reason: error.reason });
    },
    async reconcileFailures(path, seen) {
      const stale = (await store.failedImports()).filter((f) => f.path === path && !seen.has(f.key)).map((f) => f.key);
      if (stale.length) await store.unitOfWork((tx) => tx.clearFailures(stale));
    },
  };
}

/** A read result: an article, or an input that could not be read. */
export type IngestInput = { article: Article } | { error: InputError };

/** Progress after each input. */
export interface IngestProgress {
  summary: IngestSummary;
  /** The input just handled (path or error label). */
  current: string;
  /** Inputs seen so far (an input is a file, a record or a feed item). */
  inputs: number;
  /** Files (paths) read to the end so far. */
  files: number;
}

/** A fresh, all-zero summary. */
export function emptySummary(): IngestSummary {
  return { articles: 0, stored: 0, skipped: 0, duplicates: 0, newEvents: 0, mergedEvents: 0, controlChanges: 0, claims: 0, errors: 0 };
}

/** Options of {@link ingestAll}. */
export interface IngestAllOptions {
  /** Articles per unit of work (default 50). 1 gives one transaction per article. */
  batchSize?: number;
  /** Called after each batch and each failed input. */
  onProgress?: (p: IngestProgress) => void;
}

/**
 * Ingests a stream of read results in order, in batches.
 * @param ingester from {@link createIngester}
 * @param inputs read results (from `readInputs`), grouped by file as `readInputs` yields them
 * @param opts batch size and a progress callback
 * @returns the totals of the run
 */
export async function ingestAll(ingester: Ingester, inputs: AsyncIterable<IngestInput>, opts: IngestAllOptions = {}): Promise<IngestSummary> {
  const batchSize = Math.max(1, opts.batchSize ?? 50);
  const onProgress = opts.onProgress ?? (() => undefined);
  const summary = emptySummary();
  let inputsSeen = 0;
  let filesDone = 0;
  let current = null as { path: string; seen: Set<string> } | null;
  // Paths whose inputs are all read; their stale failures are forgotten once their articles are in.
  let pending: { path: string; seen: Set<string> }[] = [];
  const byPath = new Map<string, Set<string>>();
  let buffer: Article[] = [];

  const flush = async () => {
    if (buffer.length) {
      const outcomes = await ingester.ingestArticles(buffer);
      outcomes.forEach((out, i) => {
        if (out.status === 'skipped') summary.skipped++;
        else if (out.status === 'failed') {
          summary.errors++;
          byPath.get(buffer[i]!.path)?.add(out.key);
        } else {
          summary.stored++;
          if (out.duplicateOf) summary.duplicates++;
          summary.newEvents += out.newEvents;
          summary.mergedEvents += out.mergedReports;
          summary.controlChanges += out.controlChanges;
          summary.claims += out.claims;
        }
      });
      onProgress({ summary, current: buffer[buffer.length - 1]!.path, inputs: inputsSeen, files: filesDone });
      buffer = [];
    }
    for (const p of pending) {
      await ingester.reconcileFailures(p.path, p.seen);
      byPath.delete(p.path);
    }
    pending = [];
  };

  for await (const r of inputs) {
    inputsSeen++;
    const path = 'error' in r ? inputPathOf(r.error.file) : r.article.path;
    if (path !== current?.path) {
      if (current) {
        pending.push(current);
        filesDone++;
      }
      current = { path, seen: new Set() };
      byPath.set(path, current.seen);
    }
    if ('error' in r) {
      summary.errors++;
      current.seen.add(r.error.file);
      await ingester.recordReadFailure(r.error);
      onProgress({ summary, current: r.error.file, inputs: inputsSeen, files: filesDone });
      continue;
    }
    summary.articles++;
    buffer.push(r.article);
    if (buffer.length >= batchSize) await flush();
  }
  if (current) {
    pending.push(current);
    filesDone++;
  }
  await flush();
  return summary;
}
