/**
 * @module code/build-classifier
 * `npm run build` step: trains the fall-back classifier on `data/classifier/`
 * and caches it under `dist/classifier/` (see `code/classifier-model`), so no
 * run has to train it.
 */
import { loadSnippets } from './classifier.js';
import { cachedClassifier, fingerprint, MODEL_DIR } from './classifier-model.js';
import { loadTaxonomy } from './taxonomy.js';

const t0 = performance.now();
const snippets = loadSnippets(loadTaxonomy());
cachedClassifier(snippets);
console.log(`classifier: ${snippets.length} snippets → ${MODEL_DIR}/model-${fingerprint(snippets)}.bin in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
