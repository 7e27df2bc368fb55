/**
 * @module scripts/classifier-cv
 * Measures the fall-back classifier (`src/code/classifier.ts`) without touching
 * any test set: k-fold cross-validation over its training snippets
 * (`data/classifier/*.tsv`), then the model trained on all of them against the
 * codebook sentences of `test/fixtures/codebook-sentences.tsv`, which it never
 * trains on.
 *
 * For each confidence threshold it prints how many event snippets get their
 * sub-type (the classifier's recall as a fall-back) and how many non-event
 * snippets would wrongly get an event (its false alarms): the threshold the
 * coder uses (`CLASSIFIER_MIN_P` in `code/coder.ts`) is chosen from this table.
 *
 * Usage: `node --import tsx scripts/classifier-cv.ts [--folds 5] [--epochs N] [--l2 X] [--rate X] [--min-count N] [--dir DIR]`
 * (`--dir`: snippets from another folder than `data/classifier/`)
 */
import '../src/util/start-with-v8-flags.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadSnippets, NONE_LABEL, SnippetClassifier, type LabelledSnippet, type TrainOptions } from '../src/code/classifier.js';
import { loadTaxonomy } from '../src/code/taxonomy.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const THRESHOLDS = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

function option(argv: readonly string[], name: string): number | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : undefined;
}

interface Outcome {
  gold: string;
  label: string;
  p: number;
}

function report(title: string, outcomes: Outcome[]): void {
  const events = outcomes.filter((o) => o.gold !== NONE_LABEL);
  const none = outcomes.filter((o) => o.gold === NONE_LABEL);
  const acc = outcomes.filter((o) => o.gold === o.label).length / outcomes.length;
  console.log(`\n${title}: ${outcomes.length} snippets (${events.length} events, ${none.length} none); accuracy ${acc.toFixed(3)}`);
  console.log('  min p   events right   events wrong   none given an event');
  for (const t of THRESHOLDS) {
    const right = events.filter((o) => o.label === o.gold && o.p >= t).length;
    const wrong = events.filter((o) => o.label !== o.gold && o.label !== NONE_LABEL && o.p >= t).length;
    const alarms = none.filter((o) => o.label !== NONE_LABEL && o.p >= t).length;
    console.log(`  ${t.toFixed(2)}    ${(right / events.length).toFixed(3)}          ${(wrong / events.length).toFixed(3)}          ${none.length ? (alarms / none.length).toFixed(3) : '-'}`);
  }
  const labels = [...new Set(outcomes.map((o) => o.gold))].sort();
  const rows = labels.map((l) => {
    const tp = outcomes.filter((o) => o.gold === l && o.label === l).length;
    const fp = outcomes.filter((o) => o.gold !== l && o.label === l).length;
    const fn = outcomes.filter((o) => o.gold === l && o.label !== l).length;
    const f1 = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
    return { l, f1, n: tp + fn };
  });
  console.log(`  macro F1 ${(rows.reduce((s, r) => s + r.f1, 0) / rows.length).toFixed(3)}; weakest: ${rows.sort((x, y) => x.f1 - y.f1).slice(0, 6).map((r) => `${r.l} ${r.f1.toFixed(2)} (${r.n})`).join(', ')}`);
}

function main(argv: string[]): void {
  const taxonomy = loadTaxonomy();
  const dirAt = argv.indexOf('--dir');
  const snippets = dirAt >= 0 ? loadSnippets(taxonomy, argv[dirAt + 1]) : loadSnippets(taxonomy);
  const folds = option(argv, '--folds') ?? 5;
  const opts: TrainOptions = {
    epochs: option(argv, '--epochs'),
    l2: option(argv, '--l2'),
    rate: option(argv, '--rate'),
    minCount: option(argv, '--min-count'),
  };
  for (const k of Object.keys(opts) as (keyof TrainOptions)[]) if (opts[k] === undefined) delete opts[k];

  const outcomes: Outcome[] = [];
  for (let f = 0; f < folds; f++) {
    const train = snippets.filter((_, i) => i % folds !== f);
    const model = SnippetClassifier.train(train, opts);
    for (const s of snippets.filter((_, i) => i % folds === f)) {
      const c = model.classify(s.text);
      outcomes.push({ gold: s.label, label: c.label, p: c.p });
    }
  }
  report(`${folds}-fold cross-validation`, outcomes);

  const t0 = performance.now();
  const model = SnippetClassifier.train(snippets, opts);
  const ms = performance.now() - t0;
  const fixture = path.join(ROOT, 'test/fixtures/codebook-sentences.tsv');
  const held: LabelledSnippet[] = readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l, i) => {
      const [label, text] = l.replace(/^\?/, '').split('\t');
      return { label: label as LabelledSnippet['label'], text: text ?? '', file: 'codebook-sentences.tsv', line: i + 1 };
    });
  report('codebook sentences (never trained on)', held.map((s) => ({ gold: s.label, ...model.classify(s.text) })));
  console.log(`\ntraining on all ${snippets.length} snippets: ${ms.toFixed(0)} ms`);
}

main(process.argv.slice(2));
