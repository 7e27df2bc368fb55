/**
 * Merging the mentions of one article, through the whole extractor, on short texts
 * written for these tests (plain-text news layout: first line `date YYYY-MM-DD lede`).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createExtractor, type Extractor } from '../code/extract.js';
import type { Extraction } from '../domain/types.js';
import { readDocument } from '../read/index.js';

let extractor: Extractor;
before(async () => {
  extractor = await createExtractor();
});

function code(text: string): Extraction {
  const [r] = readDocument('t.txt', text);
  if (!r || !('article' in r)) throw new Error('fixture did not read');
  return extractor.extract(r.article);
}
const subs = (x: Extraction) => x.events.map((e) => e.sub_event_type);

describe('merging inside an article', () => {
  it('a protest and clashes reported in the next sentence are one violent demonstration', () => {
    const x = code('date 2022-03-02 Hundreds of people protested against fuel prices in Conakry on Tuesday.\n\nClashes broke out in the afternoon and several people were injured.\n');
    assert.deepEqual(subs(x), ['Violent demonstration']);
    assert.match(x.events[0]!.actor1, /^Rioters/);
  });

  it('protesters who clash with the police are the rioters, and the police the second actor', () => {
    const x = code('date 2022-03-02 Protesters and police clashed in Nairobi on Tuesday.\n');
    assert.deepEqual(subs(x), ['Violent demonstration']);
    assert.equal(x.events[0]!.actor1, 'Rioters (Kenya)');
    assert.equal(x.events[0]!.actor2, 'Police Forces of Kenya');
  });

  it('a protest and killings by the police in the next sentence are excessive force against protesters', () => {
    const x = code('date 2022-03-02 Thousands of people protested in Khartoum on Tuesday.\n\nPolice shot dead two people near the presidential palace.\n');
    assert.deepEqual(subs(x), ['Excessive force against protesters']);
    assert.match(x.events[0]!.actor1, /^Protesters/);
    assert.equal(x.events[0]!.actor2, 'Police Forces of Sudan');
  });

  it('a sit-in and the police tearing down its tents in the next sentence are an intervention, not a riot', () => {
    const x = code('date 2022-03-02 Hundreds of farmers staged a sit-in outside the governorate in Gafsa on Tuesday.\n\nPolice later demolished the tents of the sit-in in Gafsa.\n');
    assert.deepEqual(subs(x), ['Protest with intervention']);
  });

  it('a protest and a battle between named armed groups stay two events', () => {
    const x = code('date 2022-03-02 Hundreds of people protested in Goma on Tuesday.\n\nM23 rebels clashed with the army near Goma the same day.\n');
    assert.deepEqual(subs(x).sort(), ['Armed clash', 'Peaceful protest']);
  });

  it('a defused bomb absorbs the mention of its planting, but not an explosion that killed', () => {
    const quiet = code('date 2022-03-02 Police defused a bomb near the market in Gao on Tuesday.\n\nThe bomb had been planted under a cart near the market in Gao.\n');
    assert.deepEqual(subs(quiet), ['Disrupted weapons use']);
    const deadly = code('date 2022-03-02 A roadside bomb killed three soldiers near Gao on Tuesday.\n\nPolice defused a second bomb near Gao the same day.\n');
    assert.deepEqual(subs(deadly).sort(), ['Disrupted weapons use', 'Remote explosive/landmine/IED']);
  });
});
