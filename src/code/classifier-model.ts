/**
 * @module code/classifier-model
 * The fall-back classifier as the coder gets it: trained on the labelled
 * snippets of `data/classifier/`, and cached as
 * `dist/classifier/model-<fingerprint>.bin` so that a process loads it in a few
 * milliseconds instead of training it (about half a second). The fingerprint
 * covers everything that shapes the model: the snippets and the classifier's
 * own code. `npm run build` writes the cache; a missing or stale one is rebuilt
 * on first use (and written back when the folder is writable), so an edited
 * snippet is never answered by an old model.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SnippetClassifier, type LabelledSnippet } from './classifier.js';

/** Bump when the features or the training change in a way the fingerprint cannot see. */
const MODEL_VERSION = 1;

/** The repository (or package) root: `src/code/` and `dist/code/` both sit two levels below it. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where cached models live. */
export const MODEL_DIR = path.join(ROOT, 'dist', 'classifier');

/**
 * A hash of everything the model depends on: the training snippets and the
 * classifier's code (its TypeScript source when present, else the compiled file).
 */
export function fingerprint(snippets: readonly LabelledSnippet[]): string {
  const h = createHash('sha1').update(`v${MODEL_VERSION}\n`);
  for (const s of snippets) h.update(s.label).update('\t').update(s.text).update('\n');
  // The same file whether this runs from the sources (tsx) or the compiled build, so both share one cache.
  const source = path.join(ROOT, 'src', 'code', 'classifier.ts');
  h.update(readFileSync(existsSync(source) ? source : path.join(path.dirname(fileURLToPath(import.meta.url)), 'classifier.js')));
  return h.digest('hex').slice(0, 16);
}

/**
 * The classifier: from the cache when it matches the fingerprint, else trained
 * now and cached.
 * @param snippets the training snippets (those of `data/classifier/`)
 * @param dir the cache folder (default `dist/classifier/`)
 */
export function cachedClassifier(snippets: readonly LabelledSnippet[], dir = MODEL_DIR): SnippetClassifier {
  const file = path.join(dir, `model-${fingerprint(snippets)}.bin`);
  if (existsSync(file)) {
    try {
      return SnippetClassifier.fromBytes(readFileSync(file));
    } catch {
      // A damaged cache is rebuilt below.
    }
  }
  const model = SnippetClassifier.train(snippets);
  try {
    mkdirSync(dir, { recursive: true });
    for (const old of readdirSync(dir)) if (/^model-[0-9a-f]+\.(?:json|bin)$/.test(old)) rmSync(path.join(dir, old), { force: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, model.toBytes());
    renameSync(tmp, file);
  } catch {
    // A read-only install keeps the model in memory only.
  }
  return model;
}
