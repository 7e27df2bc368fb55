/**
 * @module scripts/devset
 * Scores the extractor on the development set, from source (no build needed):
 * the same as `./bin/sitrep eval --gold ../shared/devset/gold.jsonl ../shared/devset/articles`.
 * Prints per article what was missed and what was invented, then the summary.
 *
 * Usage: `node --import tsx scripts/devset.ts [--json] [--min-f1 X]`.
 * Skips (exit 0) when ../shared is absent.
 */
import '../src/util/start-with-v8-flags.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';

import { register } from '../src/cli/commands/eval.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEVSET = path.resolve(ROOT, '../shared/devset');

if (!existsSync(path.join(DEVSET, 'gold.jsonl'))) {
  console.log(`devset skipped: ${DEVSET} not found (the shared data is not available here)`);
} else {
  const program = new Command('sitrep');
  register(program);
  const args = ['eval', '--gold', path.join(DEVSET, 'gold.jsonl'), ...process.argv.slice(2), path.join(DEVSET, 'articles')];
  await program.parseAsync(args, { from: 'user' });
}
