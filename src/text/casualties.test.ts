import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCasualties, type CasualtyMention } from './casualties.js';
import { splitSentences } from './sentences.js';

/** Publication date used throughout: Thursday 6 March 2025. */
const PUB = '2025-03-06';

/** Casualty mentions of a whole text, sentence by sentence. */
function cas(t: string, published: string | null = PUB): CasualtyMention[] {
  return splitSentences(t).flatMap((s) => findCasualties(t, s, { published }));
}
/** Compact view: kind low-high victims | source. */
const view = (ms: CasualtyMention[]): string[] =>
  ms.map((m) => `${m.kind} ${m.quantity.low}-${m.quantity.high ?? ''} ${m.victims ?? '-'} | ${m.source ?? '-'}${m.negated ? ' NEG' : ''}${m.total ? ' TOTAL' : ''}`);

describe('findCasualties: patterns', () => {
  it('active verbs with a following figure, and their coordinated partners', () => {
    assert.deepEqual(view(cas('A drone strike on a wedding in Kidal killed at least nine civilians, wounding 14.')), [
      'fatalities 9- civilians | -',
      'injuries 14-14 - | -',
    ]);
    assert.deepEqual(view(cas('Militants killed 6 police officers and wounded 11 others near Bannu.')), [
      'fatalities 6-6 police | -',
      'injuries 11-11 all | -',
    ]);
  });

  it('passive and intransitive triggers with a preceding figure', () => {
    assert.deepEqual(view(cas('Eight miners were killed and 20 injured when the tunnel was shelled.')), [
      'fatalities 8-8 civilians | -',
      'injuries 20-20 - | -',
    ]);
    assert.deepEqual(view(cas('Seven dead after boat capsizes off Lampedusa')), ['fatalities 7-7 all | -']);
    assert.deepEqual(view(cas('Twenty-three fishermen lost their lives in the blast.')), ['fatalities 23-23 civilians | -']);
  });

  it('tolls: "the death toll rose to 45", "put the toll at"', () => {
    assert.deepEqual(view(cas('The death toll from the Kharkiv strike rose to 45.')), ['fatalities 45-45 - | -']);
    assert.deepEqual(view(cas('The death toll rose to 45.')), ['fatalities 45-45 - | -']);
    assert.deepEqual(view(cas('Hospital staff put the toll at more than 60.')), ['fatalities 60- - | Hospital staff']);
  });

  it('the subject of an active verb is not a victim', () => {
    assert.deepEqual(view(cas('Two gunmen killed three soldiers.')), ['fatalities 3-3 soldiers | -']);
    assert.deepEqual(view(cas('Four militants abducted a teacher.')), ['abducted 1-1 civilians | -']);
  });

  it('"45 of its service members" coming home is not a casualty', () => {
    assert.deepEqual(cas('Kyiv says 45 of its service members have come home in a prisoner exchange.'), []);
  });

  it('coordinated figures share the trigger', () => {
    assert.deepEqual(view(cas('The raid killed 9 Palestinians and one Israeli soldier.')), [
      'fatalities 9-9 Palestinians | -',
      'fatalities 1-1 soldiers | -',
    ]);
    assert.deepEqual(view(cas('Four soldiers and 12 attackers were killed in the ambush.')), [
      'fatalities 4-4 soldiers | -',
      'fatalities 12-12 militants | -',
    ]);
  });

  it('drops sub-counts', () => {
    const ms = cas('Air strikes killed 31 civilians, including 12 children, in Saada.');
    assert.deepEqual(view(ms), ['fatalities 31-31 civilians | -']);
    assert.deepEqual(view(cas('The ministry said 15 people were killed, six of them women.')), ['fatalities 15-15 all | The ministry']);
  });

  it('ages are not counts', () => {
    assert.deepEqual(view(cas('The bodies of 11 boys under the age of 16 were recovered.')), ['fatalities 11-11 children | -']);
  });

  it('displacement, refugees, arrests, abductions, sexual violence', () => {
    assert.deepEqual(view(cas('The fighting has forced some 40,000 people from their homes.')), ['displaced 40000-40000 all | - TOTAL']);
    assert.deepEqual(view(cas('About 6,500 villagers fled across the border into Bangladesh.')), ['refugees 6500-6500 civilians | -']);
    assert.deepEqual(view(cas('Jordan, which hosts 650,000 registered refugees, asked for aid.')), ['refugees 650000-650000 civilians | Jordan']);
    assert.deepEqual(view(cas('Police said 312 protesters had been arrested.')), ['arrested 312-312 protesters | Police']);
    assert.deepEqual(view(cas('Bandits kidnapped 17 students from a school in Kaduna.')), ['abducted 17-17 civilians | -']);
    assert.deepEqual(view(cas('The monitor recorded 37 cases of rape in Ituri.')), ['sexual violence 37-37 all | The monitor']);
  });

  it('displacement towards or out of a country is a refugee figure', () => {
    assert.deepEqual(view(cas('More than 80,000 people have fled Armenia.')), ['refugees 80000- all | -']);
    assert.deepEqual(view(cas('About 20,000 villagers fled to Chad.')), ['refugees 20000-20000 civilians | -']);
    assert.deepEqual(view(cas('Some 3 million people have been displaced in Sudan.')), ['displaced 3000000-3000000 all | -']);
    assert.deepEqual(view(cas("About 4,000 residents fled to Sudan's capital.")), ['displaced 4000-4000 civilians | -']);
  });

  it('vague figures are kept and flagged', () => {
    const [m] = cas('Dozens of people were killed in the raid.');
    assert.equal(m!.quantity.vague, true);
    assert.equal(m!.quantity.low, 24);
  });
});

describe('findCasualties: attribution', () => {
  it('"according to", trailing "X said", leading "X said", "X put"', () => {
    assert.deepEqual(view(cas('At least 14 people died, according to the Afghan Red Crescent.')), ['fatalities 14- all | the Afghan Red Crescent']);
    assert.deepEqual(view(cas('A car bomb killed 8 soldiers in Gao, a military source said.')), ['fatalities 8-8 soldiers | a military source']);
    assert.deepEqual(view(cas('Médecins Sans Frontières said 27 wounded people were treated overnight.')), [
      'injuries 27-27 all | Médecins Sans Frontières',
    ]);
  });

  it('two sources in one sentence', () => {
    assert.deepEqual(view(cas('The army said 5 rebels were killed, while local officials put the death toll at 19.')), [
      'fatalities 5-5 militants | The army',
      'fatalities 19-19 - | local officials',
    ]);
  });

  it('pronouns and "the group" resolve to an earlier source', () => {
    const t = 'Rescue group White Helmets reported heavy shelling of Sarmin. The group said 4 children were killed.';
    assert.deepEqual(view(cas(t)), ['fatalities 4-4 children | Rescue group White Helmets']);
    const u = 'Army spokesman Major Kalla Ali rejected the report. He said 3 soldiers died.';
    assert.deepEqual(view(cas(u)), ['fatalities 3-3 soldiers | Army spokesman Major Kalla Ali']);
  });

  it('counting verbs inherit the kind of an earlier figure', () => {
    assert.deepEqual(view(cas('The governor said 40 people were hospitalised; a doctors\' union counted 55 cases.')), [
      'injuries 40-40 all | The governor',
      "injuries 55-55 - | a doctors' union",
    ]);
  });
});

describe('findCasualties: negation, totals and periods', () => {
  it('"no one was killed" and "no deaths were reported" give 0', () => {
    assert.deepEqual(view(cas('Two houses burned but no one was killed.')), ['fatalities 0-0 - | - NEG']);
    assert.deepEqual(view(cas('No deaths were reported.')), ['fatalities 0-0 - | - NEG']);
    assert.deepEqual(view(cas('None of the passengers was hurt, the airline said.')), ['injuries 0-0 civilians | the airline NEG']);
  });

  it('cumulative totals with a period', () => {
    const [m] = cas('The UN says more than 1,900 civilians have been killed since mid-January.');
    assert.equal(m!.total, true);
    assert.equal(m!.period_start, '2025-01');
    const [w] = cas('The insurgency has killed more than 4,000 people since 2017.');
    assert.equal(w!.total, true);
    assert.equal(w!.period_start, '2017');
  });

  it('a single incident is not a total; "the deadliest since" opens no period', () => {
    const [m] = cas('Gunmen killed 22 worshippers in Tillaberi on Friday, the deadliest attack since the coup in July.');
    assert.equal(m!.total, false);
    assert.equal(m!.period_start, null);
  });

  it('area after the figure', () => {
    const [m] = cas('At least 3,400 people have been killed in North Darfur since April 2023.');
    assert.equal(m!.area, 'North Darfur');
  });
});
