/**
 * @module bench/store
 * The event store's figures (issue #4), with the targets beside them:
 *
 * 1. **Ingest throughput**, one process, one core (timed last, code warm): news texts written as
 *    plain-text articles, then `readInputs → extract → fuse → store` exactly as
 *    `sitrep ingest` runs it (extractor loaded before the clock starts). The same
 *    articles are also timed through extraction alone and through the store alone
 *    (pre-extracted), so the share of each stage is visible. Target ≥ 300 articles/s.
 * 2. **A generated store** of 1,000,000 events (`scripts/generate-events.ts`):
 *    generation rate and file size. Target ≤ 1.5 GB.
 * 3. **Queries** on it, each answered in full (every row read): a country-month,
 *    a 0.5° bounding box (around a random event's town, all 11 years: up to
 *    ~15,000 events around Damascus or Aleppo), the same box's first page of
 *    1,000 events by date (what a map or `--limit 1000` asks), a text search
 *    (a town name, or a word and a town). Target p95 ≤ 50 ms each.
 *
 * Corpus for (1): `../shared/geo/texts/*.jsonl` when present (1,135 news
 * texts), else the repository's own fixtures.
 *
 * Usage: `npm run bench:store [-- --events 1000000] [-- --db FILE] [-- --no-ingest] [-- --json]`;
 * `--db FILE` reuses (or creates and keeps) a generated store.
 */
import '../src/util/start-with-v8-flags.js';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExtractor } from '../src/code/extract.js';
import type { Article, Extraction } from '../src/domain/types.js';
import { readInputs } from '../src/read/index.js';
import { createIngester, ingestAll, type IngestInput } from '../src/store/ingest.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { EventFilter, Store } from '../src/store/store.js';
import { generateEvents, rng } from '../scripts/generate-events.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET = { ingestPerS: 300, p95Ms: 50, fileGb: 1.5 } as const;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const JSON_OUT = process.argv.includes('--json');
const log = (s: string) => {
  if (!JSON_OUT) process.stdout.write(`${s}\n`);
};

/** Writes the corpus as plain-text news files; returns the folder and the count. */
function writeCorpus(dir: string): { dir: string; n: number; source: string; avgChars: number } {
  const out = path.join(dir, 'corpus');
  mkdirSync(out);
  const texts: string[] = [];
  const shared = path.resolve(ROOT, '../shared/geo/texts');
  let source: string;
  if (existsSync(shared)) {
    source = '../shared/geo/texts';
    for (const f of readdirSync(shared).filter((x) => x.endsWith('.jsonl')).sort()) {
      for (const line of readFileSync(path.join(shared, f), 'utf8').split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
    }
  } else {
    source = 'test/fixtures (fusion, articles)';
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith('.txt')) texts.push(readFileSync(path.join(d, e.name), 'utf8').replace(/^date \S+ /, ''));
      }
    };
    walk(path.join(ROOT, 'test/fixtures/fusion'));
    walk(path.join(ROOT, 'test/fixtures/articles'));
  }
  texts.forEach((t, i) => writeFileSync(path.join(out, `${String(i).padStart(5, '0')}.txt`), `date 2020-01-15 ${t.trim()}\n`));
  return { dir: out, n: texts.length, source, avgChars: Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length) };
}

async function timeIngest(tmp: string): Promise<Record<string, unknown>> {
  const corpus = writeCorpus(tmp);
  const extractor = await createExtractor();
  // warm-up (JIT, lazily built indexes) on 200 articles, not timed
  const articles: Article[] = [];
  for await (const r of readInputs([corpus.dir])) if ('article' in r) articles.push(r.article);
  for (const a of articles.slice(0, 200)) {
    try {
      extractor.extract(a);
    } catch {
      // counted by the runs below
    }
  }

  let t0 = performance.now();
  const extracted = new Map<string, Extraction>();
  for await (const r of readInputs([corpus.dir])) {
    if (!('article' in r)) continue;
    try {
      extracted.set(r.article.id, extractor.extract(r.article));
    } catch {
      // counted as an error by the ingest runs
    }
  }
  const extractS = (performance.now() - t0) / 1000;

  const storeOnly = await openSqliteStore(path.join(tmp, 'store-only.db'));
  async function* cached(): AsyncGenerator<IngestInput> {
    for (const a of articles) yield { article: a };
  }
  t0 = performance.now();
  const cache = {
    extract(a: Article): Extraction {
      const x = extracted.get(a.id);
      if (!x) throw new Error('extractor failed on this article');
      return x;
    },
  };
  await ingestAll(createIngester({ store: storeOnly, extractor: cache }), cached());
  const storeS = (performance.now() - t0) / 1000;
  await storeOnly.close();

  const endToEnd = await openSqliteStore(path.join(tmp, 'ingest.db'));
  // last, with the code warm (as in a long ingest)
  t0 = performance.now();
  const summary = await ingestAll(createIngester({ store: endToEnd, extractor }), readInputs([corpus.dir]));
  const e2eS = (performance.now() - t0) / 1000;
  await endToEnd.close();

  return {
    corpus: corpus.source,
    articles: summary.articles,
    avgChars: corpus.avgChars,
    events: summary.newEvents,
    merged: summary.mergedEvents,
    nearCopies: summary.duplicates,
    errors: summary.errors,
    endToEndPerS: Math.round(summary.articles / e2eS),
    readAndExtractPerS: Math.round(articles.length / extractS),
    storeOnlyPerS: Math.round(articles.length / storeS),
    storeMsPerArticle: Math.round((storeS / articles.length) * 1000 * 100) / 100,
  };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function timeQueries(store: Store, name: string, filters: EventFilter[]): Promise<Record<string, number | string>> {
  const ms: number[] = [];
  let rows = 0;
  for (const f of filters.slice(0, 10)) for await (const _ of store.events(f)); // warm the page cache
  for (const f of filters) {
    const t0 = performance.now();
    let n = 0;
    for await (const _ of store.events(f)) n++;
    ms.push(performance.now() - t0);
    rows += n;
  }
  const r = { query: name, runs: filters.length, meanRows: Math.round(rows / filters.length), p50Ms: +percentile(ms, 50).toFixed(1), p95Ms: +percentile(ms, 95).toFixed(1), maxMs: +Math.max(...ms).toFixed(1) };
  log(`  ${name.padEnd(14)} p50 ${String(r.p50Ms).padStart(6)} ms  p95 ${String(r.p95Ms).padStart(6)} ms  max ${String(r.maxMs).padStart(6)} ms  (${r.meanRows} rows on average, ${r.runs} queries) ${r.p95Ms <= TARGET.p95Ms ? 'PASS' : 'MISS'}`);
  return r;
}

/** Query samples drawn from the store's own events (so every query hits real data). */
async function sampleFilters(store: Store, n: number): Promise<{ countryMonth: EventFilter[]; bbox: EventFilter[]; text: EventFilter[] }> {
  const r = rng(7);
  const stats = await store.stats();
  const picks: { iso3: string; date: string; lat: number; lon: number; location: string }[] = [];
  while (picks.length < n) {
    const id = 1 + Math.floor(r() * stats.events);
    const d = await store.event(id);
    const e = d?.event;
    if (e?.iso3 && e.event_date && e.latitude !== null && e.longitude !== null && e.location) picks.push({ iso3: e.iso3, date: e.event_date, lat: e.latitude, lon: e.longitude, location: e.location });
  }
  const words = ['market', 'convoy', 'hospital', 'checkpoint', 'school', 'drone', 'funeral', 'students'];
  return {
    countryMonth: picks.map((p) => {
      const [y, m] = p.date.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return { country: p.iso3, dateFrom: `${p.date.slice(0, 7)}-01`, dateTo: `${p.date.slice(0, 7)}-${last}` };
    }),
    bbox: picks.map((p) => ({ bbox: [p.lon - 0.25, p.lat - 0.25, p.lon + 0.25, p.lat + 0.25] as [number, number, number, number] })),
    text: picks.map((p, i) => ({ text: i % 2 ? `"${p.location}"` : `${words[i % words.length]} "${p.location}"` })),
  };
}

async function ingestSection(tmp: string, result: Record<string, unknown>): Promise<void> {
    const ingest = await timeIngest(tmp);
    result.ingest = ingest;
    log(`  ${ingest.articles} articles (${ingest.corpus}, ${ingest.avgChars} chars on average): ${ingest.endToEndPerS} articles/s end to end ${Number(ingest.endToEndPerS) >= TARGET.ingestPerS ? 'PASS' : 'MISS'} (target ≥ ${TARGET.ingestPerS})`);
    log(`  read + extract alone: ${ingest.readAndExtractPerS} articles/s; store alone (dedup, fuse, write): ${ingest.storeOnlyPerS} articles/s (${ingest.storeMsPerArticle} ms/article)`);
    log(`  ${ingest.events} events, ${ingest.merged} reports merged, ${ingest.nearCopies} near-copies, ${ingest.errors} errors`);

}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'sitrep-bench-store-'));
  const result: Record<string, unknown> = {};
  try {
    log('1. ingest, end to end (read → extract → fuse → store), one process');
    if (process.argv.includes('--no-ingest')) log('  skipped (--no-ingest)');
    else await ingestSection(tmp, result);


    const events = Number(arg('events') ?? 1_000_000);
    const db = arg('db') ?? path.join(tmp, 'generated.db');
    log(`\n2. generated store (${db})`);
    let store = await openSqliteStore(db);
    const existing = (await store.stats()).events;
    if (existing === 0) {
      const t0 = performance.now();
      await generateEvents(store, { count: events, onProgress: (d) => d % 100_000 === 0 && log(`  ... ${d} events`) });
      const s = (performance.now() - t0) / 1000;
      result.generate = { events, seconds: Math.round(s), perS: Math.round(events / s) };
      log(`  generated ${events} events in ${s.toFixed(0)} s (${Math.round(events / s)} events/s)`);
      await store.close();
      store = await openSqliteStore(db);
    } else log(`  reusing ${existing} events`);
    const total = (await store.stats()).events;
    const bytes = ['', '-wal'].map((x) => (existsSync(db + x) ? statSync(db + x).size : 0)).reduce((a, b) => a + b, 0);
    result.file = { events: total, gb: +(bytes / 1e9).toFixed(3), bytesPerEvent: Math.round(bytes / total) };
    log(`  file: ${(bytes / 1e9).toFixed(2)} GB for ${total} events (${Math.round(bytes / total)} bytes/event) ${bytes / 1e9 <= TARGET.fileGb ? 'PASS' : 'MISS'} (target ≤ ${TARGET.fileGb} GB)`);

    log('\n3. queries (every matching row read)');
    const samples = await sampleFilters(store, 200);
    result.queries = [
      await timeQueries(store, 'country-month', samples.countryMonth),
      await timeQueries(store, 'bbox 0.5°', samples.bbox),
      await timeQueries(store, 'bbox, 1st 1000', samples.bbox.map((f) => ({ ...f, limit: 1000 }))),
      await timeQueries(store, 'text', samples.text),
    ];
    await store.close();
    if (JSON_OUT) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
