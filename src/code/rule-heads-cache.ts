/**
 * @module code/rule-heads-cache
 * What `code/regex-heads` reads off the trigger rules' patterns (each lead word and the words its matches need),
 * cached as `dist/rules/heads-<fingerprint>.json`. Reading 200-odd patterns of ~190,000 characters costs about a
 * fifth of a second and much garbage at every start; the cache is a JSON file read in a few milliseconds. The
 * fingerprint covers the expanded patterns and the analysis' own code, so an edited rule is never answered by an old
 * analysis. `npm run build` writes the cache; a missing or stale one is computed on first use (and written back when
 * the folder is writable), as the classifier's model is (`code/classifier-model`, `util/file-cache`).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { cachedInFile, codeBytes } from '../util/file-cache.js';
import { leadNeeds, requiredWords, type Lead, type LeadNeeds } from './regex-heads.js';

/** Bump when the cached shape changes in a way the fingerprint cannot see. */
const HEADS_VERSION = 1;

/** The repository (or package) root: `src/code/` and `dist/code/` both sit two levels below it. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the cache lives. */
export const HEADS_DIR = path.join(ROOT, 'dist', 'rules');

/** What the trigger index needs of one rule's pattern. */
export interface RuleHeads {
  /** Its leads and, per lead, the words its matches need (`leadNeeds`); null when it could start anywhere. */
  heads: LeadNeeds[] | null;
  /** The words every match needs (`requiredWords`); null when none are known. */
  needs: Lead[] | null;
}

/** A hash of the patterns (in order) and of the analysis' code (its TypeScript source when present, else the build). */
export function headsFingerprint(patterns: readonly string[]): string {
  const h = createHash('sha1').update(`v${HEADS_VERSION}\n`);
  for (const p of patterns) h.update(p).update('\n');
  h.update(codeBytes(path.join(ROOT, 'src', 'code', 'regex-heads.ts'), path.join(path.dirname(fileURLToPath(import.meta.url)), 'regex-heads.js')));
  return h.digest('hex').slice(0, 16);
}

/**
 * The analysis of each pattern, in order: from the cache when it matches the fingerprint, else computed now and cached.
 * @param patterns the rules' expanded patterns (without the word boundaries the rules add)
 * @param dir the cache folder (default `dist/rules/`)
 */
export function cachedRuleHeads(patterns: readonly string[], dir = HEADS_DIR): RuleHeads[] {
  return cachedInFile(path.join(dir, `heads-${headsFingerprint(patterns)}.json`), /^heads-[0-9a-f]+\.json$/, {
    read: (bytes) => {
      const cached = JSON.parse(bytes.toString('utf8')) as RuleHeads[];
      return Array.isArray(cached) && cached.length === patterns.length ? cached : null;
    },
    compute: () => patterns.map((p) => ({ heads: leadNeeds(p), needs: requiredWords(p) })),
    write: (heads) => JSON.stringify(heads),
  });
}
