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
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { cachedInFile, codeBytes } from '../util/file-cache.js';
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
  h.update(codeBytes(path.join(ROOT, 'src', 'code', 'classifier.ts'), path.join(path.dirname(fileURLToPath(import.meta.url)), 'classifier.js')));
  return h.digest('hex').slice(0, 16);
}

/**
 * The classifier: from the cache when it matches the fingerprint, else trained
 * now and cached.
 * @param snippets the training snippets (those of `data/classifier/`)
 * @param dir the cache folder (default `dist/classifier/`)
 */
export function cachedClassifier(snippets: readonly LabelledSnippet[], dir = MODEL_DIR): SnippetClassifier {
  return cachedInFile(path.join(dir, `model-${fingerprint(snippets)}.bin`), /^model-[0-9a-f]+\.(?:json|bin)$/, {
    read: (bytes) => SnippetClassifier.fromBytes(bytes),
    compute: () => SnippetClassifier.train(snippets),
    write: (model) => model.toBytes(),
  });
}
