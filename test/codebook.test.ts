/**
 * One sentence per way the ACLED Codebook describes each sub-event type
 * (test/fixtures/codebook-sentences.tsv, written by the team, not taken from any
 * corpus): the most confident event Sitrep codes from the sentence alone must have
 * the expected sub-type, and text ACLED does not code (disasters, accidents, crime,
 * diplomacy) must give no event. Known gaps are listed as to-do, so they stay visible.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createExtractor, type Extractor } from '../src/code/extract.js';
import { mostConfidentEvent } from '../src/eval/snippet.js';
import { articleFromText } from '../src/read/text-article.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'codebook-sentences.tsv');
const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => {
  const [label, text] = l.split('\t') as [string, string];
  return { want: label.replace(/^\?/, ''), gap: label.startsWith('?'), text };
});

let extractor: Extractor;
before(async () => {
  extractor = await createExtractor();
});

describe('ACLED Codebook sentences', () => {
  it('covers every sub-event type', async () => {
    const { loadTaxonomy } = await import('../src/code/taxonomy.js');
    const covered = new Set(rows.map((r) => r.want));
    const missing = [...loadTaxonomy().subTypes.keys()].filter((s) => s !== 'Other' && !covered.has(s));
    assert.deepEqual(missing, []);
  });
  for (const r of rows) {
    it(`${r.want}: ${r.text}`, { todo: r.gap ? 'known gap' : false }, () => {
      const x = extractor.extract(articleFromText({ file: 'codebook', text: r.text, published: '2021-01-01' }));
      const best = mostConfidentEvent(x);
      assert.equal(best?.sub_event_type ?? 'none', r.want);
    });
  }
});
