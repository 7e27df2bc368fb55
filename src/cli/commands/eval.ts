/**
 * @module cli/commands/eval
 * `sitrep eval --gold GOLD.jsonl [--json] [--date YYYY-MM-DD] [--min-f1 X] PATH...`:
 * extracts the articles under PATH and scores them against a gold file with
 * the rules of the shared scorer. Prints per article what was missed and what
 * was invented, then the summary (or, with `--json`, the structured report).
 *
 * Exit status: 0 done; 1 events F1 below `--min-f1`; 2 bad gold file or bad usage.
 */
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { createExtractor } from '../../code/extract.js';
import { readInputs } from '../../read/index.js';
import { parseDateOption } from './extract.js';
import { runEval, type EvalDeps } from '../../eval/run.js';

/** The real world: files on disk, the real reader and extractor. */
const defaultDeps: EvalDeps = {
  read: readInputs,
  createExtractor: () => createExtractor(),
  readFile: (file) => readFile(file, 'utf8'),
};

function parseF1(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1) throw new InvalidArgumentError('expected a number from 0 to 1');
  return x;
}

/**
 * Adds the `eval` sub-command to the program.
 *
 * @param program the `sitrep` program
 * @param deps reader, extractor factory and file reader (the real ones by default)
 * @returns the `eval` command
 */
export function register(program: Command, deps: EvalDeps = defaultDeps): Command {
  return program
    .command('eval')
    .description('score the extractor on articles against a gold file (same rules as score.mjs)')
    .requiredOption('--gold <file>', 'gold file, one JSON object per article (devset/README.md)')
    .option('--json', 'print the structured report as JSON')
    .option('--date <YYYY-MM-DD>', 'publication date for articles that carry none', parseDateOption)
    .option('--min-f1 <x>', 'exit with 1 when the events F1 is below x', parseF1)
    .argument('<path...>', 'article files or directories')
    // usage errors exit with 2, so that 1 keeps meaning "below --min-f1"
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (paths: string[], opts: { gold: string; json?: boolean; date?: string; minF1?: number }) => {
      process.exitCode = await runEval(
        { gold: opts.gold, paths, json: opts.json === true, ...(opts.date ? { date: opts.date } : {}), ...(opts.minF1 !== undefined ? { minF1: opts.minF1 } : {}) },
        deps,
        { out: (text) => process.stdout.write(text), err: (line) => process.stderr.write(line + '\n') },
      );
    });
}
