/**
 * @module code/build-rule-heads
 * `npm run build` step: reads the trigger rules' lead words once and caches them under `dist/rules/` (see
 * `code/rule-heads-cache`), so no run has to.
 */
import { HEADS_DIR } from './rule-heads-cache.js';
import { loadTaxonomy } from './taxonomy.js';
import { loadTriggers } from './triggers.js';

const t0 = performance.now();
const rules = loadTriggers(loadTaxonomy());
console.log(`rule heads: ${rules.length} trigger rules → ${HEADS_DIR} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
