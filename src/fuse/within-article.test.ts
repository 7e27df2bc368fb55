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
  it('an attack foiled by fighting is the battle: one event (ACLED Codebook, Event aggregation)', () => {
    const x = code('date 2021-01-05 Troops foiled an attack on a military base in Kidal on Monday, killing 13 militants.\n');
    assert.deepEqual(subs(x), ['Armed clash']);
    assert.equal(x.events[0]!.fatalities, 13);
    const plot = code('date 2021-01-05 Police foiled a bomb plot in Lahore on Monday and arrested three suspects.\n');
    assert.ok(plot.events.some((e) => e.sub_event_type === 'Disrupted weapons use'));
  });

  it('people attacked and taken with no one hurt are one abduction; with killings, one attack (ACLED Codebook)', () => {
    const taken = code('date 2021-01-05 Gunmen attacked the village of Kuriga on Thursday.\n\nThey abducted 30 pupils and their teacher, residents said.\n');
    assert.deepEqual(subs(taken), ['Abduction/forced disappearance']);
    const killed = code('date 2021-01-05 Gunmen attacked the village of Kuriga on Thursday, killing two residents, and abducted 30 pupils from the school.\n');
    assert.deepEqual(subs(killed), ['Attack']);
    assert.equal(killed.events[0]!.fatalities, 2);
  });

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

  it('a lede event placed only at the dateline is the body\'s event of its kind, when the body names one place for it', () => {
    const lede = 'date 2021-03-28 Military jets bombed a village held by an ethnic armed group near the Thai border on Saturday, residents said.\n\nYANGON, March 28 –\n\n';
    const one = code(`${lede}Military aircraft bombed a village in Karen State late on Saturday, killing three villagers, a relief group said.\n`);
    assert.deepEqual(one.events.map((e) => `${e.sub_event_type} @ ${e.location}`), ['Air/drone strike @ Kayin State']);
    const two = code(`${lede}Military aircraft bombed a village in Karen State late on Saturday, killing three villagers. Aircraft also bombed the town of Myawaddy on Saturday.\n`);
    assert.equal(two.events.length, 3, 'two places bombed: the lede may summarise either, it stays apart');
  });

  it('withdrawals from "those towns" are one event per town listed before, apart from a recapture 9 km away', () => {
    const x = code('date 2019-08-20 Government forces entered Khan Shaykhun on Monday after rebels pulled back.\n\nThe army had threatened to encircle the rebels in their last towns, Kafr Zeita and Morek.\n\nThe rebels quit those towns, local activists said.\n');
    assert.deepEqual(x.events.map((e) => `${e.sub_event_type} @ ${e.location}`).sort(),
      ['Government regains territory @ Khan Shaykhun', 'Non-violent transfer of territory @ Kafr Zayta', 'Non-violent transfer of territory @ Murak']);
    // The activists are the source of the report, not the side that took the towns over.
    assert.deepEqual(x.control_changes.map((c) => `${c.location} -> ${c.to_actor}`).sort(),
      ['Kafr Zayta -> Military Forces of Syria', 'Khan Shaykhun -> Military Forces of Syria', 'Murak -> Military Forces of Syria']);
  });

  it('one battle told twice counts each side\'s dead once: soldiers and assailants add up', () => {
    const x = code('date 2023-11-05 Suspected jihadists killed 12 soldiers in an ambush near Djibo in northern Burkina Faso on Friday, security sources said.\n\nThe army said it killed about 30 assailants in the counter-attack near Djibo on Friday.\n');
    assert.deepEqual(x.events.map((e) => `${e.sub_event_type} ${e.fatalities}`), ['Armed clash 42']);
  });

  it('a defused bomb absorbs the mention of its planting, but not an explosion that killed', () => {
    const quiet = code('date 2022-03-02 Police defused a bomb near the market in Gao on Tuesday.\n\nThe bomb had been planted under a cart near the market in Gao.\n');
    assert.deepEqual(subs(quiet), ['Disrupted weapons use']);
    const deadly = code('date 2022-03-02 A roadside bomb killed three soldiers near Gao on Tuesday.\n\nPolice defused a second bomb near Gao the same day.\n');
    assert.deepEqual(subs(deadly).sort(), ['Disrupted weapons use', 'Remote explosive/landmine/IED']);
  });
});
