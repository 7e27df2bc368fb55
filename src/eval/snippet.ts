/**
 * @module eval/snippet
 * How a labelled snippet (CASE 2021, the codebook sentences, the classifier's
 * training snippets) is scored: by the sub-type of the most confident event
 * Sitrep codes from it.
 */
import type { Extraction } from '../domain/types.js';

/**
 * The most confident event of an extraction (the first in output order on ties), or null.
 * @param x the extraction of one snippet
 */
export function mostConfidentEvent(x: Extraction): Extraction['events'][number] | null {
  let best: Extraction['events'][number] | null = null;
  for (const e of x.events) if (best === null || e.confidence > best.confidence) best = e;
  return best;
}
