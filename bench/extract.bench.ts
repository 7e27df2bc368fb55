/**
 * @module bench/extract
 * Speed and memory of the Sitrep extractor against the `compromise` baseline,
 * in one process, on the 1,135 news texts of `../shared/geo/texts/*.jsonl`:
 *
 * - start-up: importing the extractor and `createExtractor()` (gazetteer loaded),
 *   and the wall-clock of `./bin/sitrep extract` on one small file (node start included);
 * - throughput of `extract()` over every text, and of `nlp(text).places()`: first a cold pass of
 *   each (the first texts a process sees: Sitrep's rule patterns, ~184,000 characters of regular
 *   expressions, are compiled to machine code as they are first used, about 0.5 s of the pass),
 *   printed for information; then alternating warm rounds (Sitrep, compromise, Sitrep, ...), whose
 *   median ratio is held to the target: the throughput of a process that has been running, as a
 *   worker or an ingest of many files is. The median of the rounds' ratios keeps one slow stretch of
 *   a shared machine from deciding it;
 * - peak RSS (`process.resourceUsage().maxRSS`): Sitrep's, at the end of its cold pass, before
 *   compromise is loaded (the target is Sitrep's memory), and the whole process's at the end (with
 *   compromise's own heap on top, shown for information).
 *
 * The issue's targets are printed beside the numbers with PASS/MISS.
 * Articles are built directly from the texts (`articleFromText`: no reader,
 * one body zone), so both systems get exactly the same strings.
 *
 * Usage: `npm run bench [-- --json] [-- --rounds N]` (default 3 rounds). Skips (exit 0) when ../shared is absent.
 */
import '../src/util/start-with-v8-flags.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Article } from '../src/domain/types.js';
import { articleFromText } from '../src/read/text-article.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEXTS = path.resolve(ROOT, '../shared/geo/texts');

/** The issue's targets. */
const TARGET = { startupS: 1.5, ratio: 10, peakRssMb: 500 } as const;

/** One benchmark document. */
interface Doc {
  corpus: string;
  doc: number | string;
  text: string;
}

/** Throughput of one system over the corpus. */
interface Throughput {
  seconds: number;
  articlesPerS: number;
  mbPerS: number;
  /** Events (Sitrep) or places (compromise) found: a sanity check that work was done. */
  found: number;
  errors: number;
  firstError: string | null;
}

/** Wall-clock of one CLI run, or why it was not measured. */
type CliStartup = ({ seconds: number } | { skipped: string }) & { command: string; built: boolean };

/** Everything the bench measures. */
interface BenchResult {
  docs: number;
  megabytes: number;
  corpora: string[];
  startup: { importS: number; createS: number; totalS: number };
  cli: CliStartup;
  /** The round with the median ratio. */
  sitrep: Throughput;
  compromise: Throughput & { importS: number };
  /** Median over the rounds. */
  ratio: number;
  /** Every round's ratio, in order. */
  ratios: number[];
  /** Every round's articles per second, in order. */
  rounds: { sitrep: number; compromise: number }[];
  /** The first (cold) pass of each system: compilation and lazy loading included. */
  cold: { sitrep: Throughput; compromise: Throughput; ratio: number };
  rssMb: { afterSitrep: number; peak: number };
  pass: { startup: boolean; cli: boolean | null; ratio: boolean; rss: boolean };
}

/** Reads every `{doc, text}` line of the `*.jsonl` files in a folder. */
function loadDocs(dir: string): Doc[] {
  const docs: Doc[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const corpus = name.replace(/\.jsonl$/, '');
    readFileSync(path.join(dir, name), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const rec = JSON.parse(line) as { doc?: number | string; text?: unknown };
        if (typeof rec.text !== 'string') throw new Error(`${name}:${i + 1}: no "text" string`);
        docs.push({ corpus, doc: rec.doc ?? i, text: rec.text });
      });
  }
  return docs;
}

const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024;
const seconds = (t0: number): number => (performance.now() - t0) / 1000;

/**
 * Runs `work` on every item and measures the throughput. Time is CPU time of this process, which a
 * busy shared machine disturbs far less than wall-clock time.
 */
function throughput<T>(items: readonly T[], megabytes: number, work: (item: T) => number): Throughput {
  let found = 0;
  let errors = 0;
  let firstError: string | null = null;
  const c0 = process.cpuUsage();
  for (const item of items) {
    try {
      found += work(item);
    } catch (e) {
      errors++;
      firstError ??= e instanceof Error ? e.message : String(e);
    }
  }
  const c = process.cpuUsage(c0);
  const s = (c.user + c.system) / 1e6;
  return { seconds: s, articlesPerS: items.length / s, mbPerS: megabytes / s, found, errors, firstError };
}

/** The most telling line of a failed run's stderr (the first naming an error), shortened. */
function firstErrorLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const line = lines.find((l) => /error/i.test(l)) ?? lines[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/**
 * Wall-clock of `./bin/sitrep extract FILE` on one small file (median of 3 runs).
 * When the CLI is not built, runs it from source through tsx instead; that
 * number includes on-the-fly TypeScript compilation, so it is not held to the target.
 */
function measureCli(text: string): CliStartup {
  const built = existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'));
  const args = built ? [path.join(ROOT, 'bin', 'sitrep')] : ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'main.ts')];
  const command = built ? './bin/sitrep extract <small file>' : 'tsx src/cli/main.ts extract <small file> (not built)';
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-bench-'));
  try {
    const file = path.join(dir, 'small.txt');
    writeFileSync(file, text);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [...args, 'extract', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      const s = seconds(t0);
      if (r.status !== 0) return { skipped: `failed (exit ${r.status ?? r.signal}): ${firstErrorLine(r.stderr ?? '')}`, command, built };
      runs.push(s);
    }
    runs.sort((a, b) => a - b);
    return { seconds: runs[1] ?? NaN, command, built };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function run(docs: Doc[], rounds: number): Promise<BenchResult> {
  const megabytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0) / 1e6;

  // (a) start-up, in this process: module graph + gazetteer
  const t0 = performance.now();
  // The compiled code users run when it is built; the sources (through tsx) otherwise.
  const compiled = path.join(ROOT, 'dist', 'code', 'extract.js');
  const { createExtractor } = (await import(existsSync(compiled) ? pathToFileURL(compiled).href : '../src/code/extract.js')) as typeof import('../src/code/extract.js');
  const importS = seconds(t0);
  const t1 = performance.now();
  const extractor = await createExtractor();
  const createS = seconds(t1);

  // (b) Sitrep over every text; articles are built before the clock starts. Its cold pass is
  // over before compromise is loaded, so the peak RSS then is Sitrep's alone.
  const articles: Article[] = docs.map((d) => articleFromText({ file: `${d.corpus}-${d.doc}.txt`, text: d.text, record_id: d.doc }));
  const sitrepWork = (a: Article) => extractor.extract(a).events.length;
  const sitrepCold = throughput(articles, megabytes, sitrepWork);
  const afterSitrep = maxRssMb();

  // (c) the compromise baseline over the same texts, cold, then alternating warm rounds
  const t2 = performance.now();
  const { default: nlp } = await import('compromise');
  const compromiseImportS = seconds(t2);
  const compromiseWork = (d: Doc) => (nlp(d.text).places().out('array') as string[]).length;
  const compromiseCold = throughput(docs, megabytes, compromiseWork);
  const pairs: { sitrep: Throughput; compromise: Throughput; ratio: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const s = throughput(articles, megabytes, sitrepWork);
    const c = throughput(docs, megabytes, compromiseWork);
    pairs.push({ sitrep: s, compromise: c, ratio: s.articlesPerS / c.articlesPerS });
  }
  const ratios = pairs.map((p) => p.ratio);
  const ratio = median(ratios);
  const mid = [...pairs].sort((a, b) => a.ratio - b.ratio)[(pairs.length - 1) >> 1]!;
  const sitrep = mid.sitrep;
  const compromise = mid.compromise;

  // (d) peak RSS of the whole process
  const peak = maxRssMb();

  // start-up of the real command, node start included
  const small = docs.reduce((a, b) => (b.text.length < a.text.length && b.text.length > 200 ? b : a)).text;
  const cli = measureCli(small);

  const totalS = importS + createS;
  return {
    docs: docs.length,
    megabytes,
    corpora: [...new Set(docs.map((d) => d.corpus))],
    startup: { importS, createS, totalS },
    cli,
    sitrep,
    compromise: { ...compromise, importS: compromiseImportS },
    ratio,
    ratios,
    rounds: pairs.map((p) => ({ sitrep: p.sitrep.articlesPerS, compromise: p.compromise.articlesPerS })),
    cold: { sitrep: sitrepCold, compromise: compromiseCold, ratio: sitrepCold.articlesPerS / compromiseCold.articlesPerS },
    rssMb: { afterSitrep, peak },
    pass: {
      startup: totalS <= TARGET.startupS,
      cli: 'seconds' in cli && cli.built ? cli.seconds <= TARGET.startupS : null,
      ratio: ratio >= TARGET.ratio,
      rss: afterSitrep <= TARGET.peakRssMb,
    },
  };
}

const status = (ok: boolean | null): string => (ok === null ? 'SKIP' : ok ? 'PASS' : 'MISS');

/** The result as an aligned text table. */
function table(r: BenchResult): string {
  const rate = (t: Throughput) => `${t.articlesPerS.toFixed(1)} art/s  ${t.mbPerS.toFixed(3)} MB/s`;
  const rows: [string, string, string, string][] = [
    [`start-up: import + createExtractor() (${existsSync(path.join(ROOT, 'dist', 'code', 'extract.js')) ? 'compiled' : 'tsx'})`, `${r.startup.totalS.toFixed(3)} s`, `<= ${TARGET.startupS} s`, status(r.pass.startup)],
    ['  of which createExtractor()', `${r.startup.createS.toFixed(3)} s`, '', ''],
    [
      `start-up: ${r.cli.command}`,
      'seconds' in r.cli ? `${r.cli.seconds.toFixed(3)} s` : 'not measured (see note)',
      r.cli.built ? `<= ${TARGET.startupS} s` : '',
      status(r.pass.cli),
    ],
    [`Sitrep extract() (${r.sitrep.found} events), warm`, rate(r.sitrep), '', ''],
    [`compromise nlp().places() (${r.compromise.found} places), warm`, rate(r.compromise), '', ''],
    ['first (cold) pass: Sitrep / compromise art/s', `${r.cold.sitrep.articlesPerS.toFixed(0)}/${r.cold.compromise.articlesPerS.toFixed(0)} = ${r.cold.ratio.toFixed(1)}x`, '', ''],
    [`speed ratio Sitrep / compromise, warm (median of ${r.ratios.length})`, `${r.ratio.toFixed(1)}x`, `>= ${TARGET.ratio}x`, status(r.pass.ratio)],
    ['  every round', r.ratios.map((x) => `${x.toFixed(1)}x`).join(' '), '', ''],
    ['  every round, art/s of Sitrep / compromise', r.rounds.map((x) => `${x.sitrep.toFixed(0)}/${x.compromise.toFixed(0)}`).join(' '), '', ''],
    ['peak RSS of Sitrep (before compromise loads)', `${r.rssMb.afterSitrep.toFixed(0)} MB`, `<= ${TARGET.peakRssMb} MB`, status(r.pass.rss)],
    ['  peak RSS of the process, compromise included', `${r.rssMb.peak.toFixed(0)} MB`, '', ''],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  const line = (row: readonly string[]) => row.map((c, i) => (i < 3 ? c.padEnd(w[i] ?? 0) : c)).join('  ').trimEnd();
  const head = `Sitrep extractor benchmark: ${r.docs} docs, ${r.megabytes.toFixed(2)} MB (${r.corpora.join(', ')}), Node ${process.version}`;
  const notes = [r.sitrep, r.compromise]
    .map((t, i) => (t.errors ? `${i ? 'compromise' : 'Sitrep'}: ${t.errors} docs failed, first: ${t.firstError}` : ''))
    .filter(Boolean);
  if ('skipped' in r.cli) notes.push(`note: CLI start-up not measured: ${r.cli.skipped}`);
  else if (!r.cli.built) notes.push('note: CLI not built; its start-up was measured from source through tsx (compiles on the fly), not held to the target');
  return [head, '', line(['measure', 'value', 'target', 'status']), ...rows.map(line), ...notes].join('\n');
}

async function main(argv: string[]): Promise<void> {
  if (!existsSync(TEXTS)) {
    console.log(`bench skipped: ${TEXTS} not found (the shared data is not available here)`);
    return;
  }
  const i = argv.indexOf('--rounds');
  const rounds = i >= 0 ? Number(argv[i + 1]) : 3;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: expected a positive integer, got ${argv[i + 1]}`);
  const result = await run(loadDocs(TEXTS), rounds);
  console.log(argv.includes('--json') ? JSON.stringify(result, null, 2) : table(result));
}

await main(process.argv.slice(2));
