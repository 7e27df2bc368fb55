/**
 * @module cli/commands/ingest
 * `sitrep ingest PATH... [--db FILE]`: read, extract, fuse and store articles.
 * Idempotent (content hash), crash-safe (one transaction per article), bad
 * input recorded as failed imports; `--retry-failed` reads those again.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { createExtractor } from '../../code/extract.js';
import { expandPaths } from '../../read/expand.js';
import { readInputs } from '../../read/index.js';
import { createIngester, ingestAll } from '../../store/ingest.js';
import { resolveDbPath, withStore } from '../../store/open.js';
import { createProgressReporter, summaryText } from '../../store/progress.js';
import { parseDateOption } from './extract.js';

/** Counts the files the paths expand to, without reading them (for the progress total). */
async function countInputs(paths: string[]): Promise<number | null> {
  if (paths.includes('-')) return null;
  let n = 0;
  const fs = { stat: (p: string) => stat(p), readdir: (p: string) => readdir(p), realpath: (p: string) => realpath(p), readFile: async () => new Uint8Array() };
  for await (const _ of expandPaths(paths, { fs })) n++;
  return n;
}

interface IngestOptions {
  db?: string;
  date?: string;
  actors?: string[];
  retryFailed?: boolean;
  batchSize?: number;
  quiet?: boolean;
  /** `--no-classifier` sets this false: rules only. */
  classifier: boolean;
}

export function register(program: Command): void {
  program
    .command('ingest')
    .description('read, extract, fuse and store articles (idempotent; safe to interrupt and re-run)')
    .argument('[paths...]', 'files, directories (read recursively) or - for standard input')
    .option('--db <file>', 'the store (default $SITREP_DB or ./sitrep.db)')
    .option('--date <YYYY-MM-DD>', 'publication date for articles that do not give one', parseDateOption)
    .option('--actors <file...>', 'extra actor dictionary files (YAML)')
    .option('--retry-failed', 'also read again every input recorded as a failed import')
    .option('--batch-size <n>', 'articles per transaction (default 50; 1 = one per article)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
      return n;
    })
    .option('--quiet', 'no progress, only the summary')
    .option('--no-classifier', 'rules only: do not ask the fall-back classifier about articles no rule matches')
    .action(async (paths: string[], o: IngestOptions) => {
      await withStore(resolveDbPath(o.db), async (store) => {
        const inputs = [...paths];
        if (o.retryFailed) {
          for (const f of await store.failedImports()) if (f.path !== '-' && !inputs.includes(f.path)) inputs.push(f.path);
        }
        if (!inputs.length) {
          process.stderr.write(o.retryFailed ? 'sitrep ingest: no failed imports to retry\n' : 'sitrep ingest: give at least one PATH (or --retry-failed)\n');
          if (!o.retryFailed) process.exitCode = 2;
          return;
        }
        const extractor = await createExtractor({ actorFiles: o.actors ?? [], classifier: o.classifier });
        const ingester = createIngester({ store, extractor });
        const progress = o.quiet ? null : createProgressReporter({ stream: process.stderr, total: await countInputs(inputs) });
        const started = performance.now();
        const summary = await ingestAll(ingester, readInputs(inputs, o.date ? { date: o.date } : {}), { batchSize: o.batchSize ?? 50, onProgress: (p) => progress?.update(p) });
        progress?.stop();
        process.stderr.write(`${summaryText(summary, (performance.now() - started) / 1000)}\n`);
        if (summary.errors) {
          process.stderr.write('sitrep ingest: failed inputs are listed by `sitrep stats --failed`; re-run with --retry-failed after fixing them\n');
          process.exitCode = 1;
        }
      });
    });
}
