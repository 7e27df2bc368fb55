/**
 * @module scripts/case2021
 * Runs the extractor on the CASE 2021 Task 2 test snippets
 * (`../shared/case2021/test.jsonl`) and scores the result with the organisers'
 * measure (`../shared/case2021/score-case.mjs`).
 *
 * HELD-OUT TEST SET: this script only runs and scores. Do not read the
 * snippets to write rules; develop on `../shared/devset/`.
 *
 * Each snippet becomes an article (one body zone) published 2021-01-01. The label
 * predicted for a snippet is the sub-type of its most confident event (ties:
 * the first in output order), or null when the extractor finds none. The
 * `historical` flag is ignored on purpose: the publication date is made up,
 * so "more than 30 days before 2021-01-01" says nothing about the snippet.
 *
 * Usage: `node --import tsx scripts/case2021.ts [--out FILE] [--confusion] [--json]`
 * (`--confusion` and `--json` are passed on to score-case.mjs). Skips (exit 0)
 * when ../shared is absent.
 */
import '../src/util/start-with-v8-flags.js';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createExtractor } from '../src/code/extract.js';
import type { SubEventType } from '../src/domain/types.js';
import { mostConfidentEvent } from '../src/eval/snippet.js';
import { articleFromText } from '../src/read/text-article.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CASE_DIR = path.resolve(ROOT, '../shared/case2021');
const PUBLISHED = '2021-01-01';

/** One prediction line, as score-case.mjs reads it. */
interface CasePrediction {
  id: string;
  sub_event_type: SubEventType | null;
}

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const testFile = path.join(CASE_DIR, 'test.jsonl');
  const scorer = path.join(CASE_DIR, 'score-case.mjs');
  if (!existsSync(testFile) || !existsSync(scorer)) {
    console.log(`case2021 skipped: ${CASE_DIR} not found (the shared data is not available here)`);
    return 0;
  }
  const out = option(argv, '--out') ?? path.join(tmpdir(), 'sitrep-case2021-pred.jsonl');

  const extractor = await createExtractor();
  const lines: string[] = [];
  let labelled = 0;
  let failed = 0;
  const t0 = Date.now();
  for (const raw of readFileSync(testFile, 'utf8').split('\n')) {
    if (!raw.trim()) continue;
    const { id, text } = JSON.parse(raw) as { id: string | number; text: string };
    let label: SubEventType | null = null;
    try {
      label = mostConfidentEvent(extractor.extract(articleFromText({ file: `case2021-${id}`, text, published: PUBLISHED })))?.sub_event_type ?? null;
    } catch (e) {
      failed++;
      if (failed <= 3) console.error(`case2021: snippet ${id}: extraction failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (label !== null) labelled++;
    const pred: CasePrediction = { id: String(id), sub_event_type: label };
    lines.push(JSON.stringify(pred));
  }
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(
    `case2021: ${lines.length} snippets, ${labelled} with an event, ${failed} failed, ${((Date.now() - t0) / 1000).toFixed(1)} s; predictions in ${out}`,
  );

  const pass = argv.filter((a) => a === '--confusion' || a === '--json');
  const r = spawnSync(process.execPath, [scorer, '--pred', out, ...pass], { stdio: 'inherit' });
  return r.status ?? 1;
}

process.exitCode = await main(process.argv.slice(2));
