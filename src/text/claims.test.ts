import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Claim } from '../domain/types.js';
import { findCasualties } from './casualties.js';
import { claimsFrom } from './claims.js';
import { splitSentences } from './sentences.js';

const PUB = '2023-10-20';

function claims(t: string, attributedOnly = false): Claim[] {
  const ms = splitSentences(t).flatMap((s) => findCasualties(t, s, { published: PUB }));
  return claimsFrom(ms, t, { attributedOnly });
}
const brief = (c: Claim): string => `${c.claim_type} ${c.value_low}-${c.value_high ?? ''} ${c.victims} | ${c.source ?? '-'}`;

describe('claimsFrom', () => {
  it('value conventions: at least → open, exact → low = high, range → low/high', () => {
    const t =
      'Officials said at least 40 people died. The Red Crescent said 52 people were killed. ' +
      'Between 60 and 75 people were killed, according to residents.';
    assert.deepEqual(claims(t).map(brief), [
      'fatalities 40- all | Officials',
      'fatalities 52-52 all | The Red Crescent',
      'fatalities 60-75 all | residents',
    ]);
  });

  it('evidence points at the value, the victims and the source', () => {
    const t = 'The health ministry said 12 civilians were killed.';
    const [c] = claims(t);
    const ev = Object.fromEntries(c!.evidence.map((e) => [e.field, e.text]));
    assert.equal(ev.value, '12');
    assert.equal(ev.victims, 'civilians');
    assert.equal(ev.source, 'The health ministry');
    for (const e of c!.evidence) assert.equal(t.slice(e.start, e.end), e.text);
  });

  it('vague and negated figures are not claims', () => {
    assert.deepEqual(claims('Dozens of people were killed, residents said. No injuries were reported.'), []);
  });

  it('coordinated counts also give their sum', () => {
    const got = claims('The army said the blast killed a woman and three children.').map(brief);
    assert.ok(got.includes('fatalities 4-4 all | The army'), got.join('; '));
  });

  it('a total carries its period', () => {
    const [c] = claims('The conflict has displaced more than 700,000 people since March 2022, according to UNHCR.');
    assert.equal(c!.claim_type, 'displaced');
    assert.equal(c!.value_low, 700000);
    assert.equal(c!.value_high, null);
    assert.equal(c!.source, 'UNHCR');
    assert.equal(c!.period_start, '2022-03');
  });

  it('a repeated unattributed figure is dropped in favour of the attributed one', () => {
    const t = 'Gunmen killed 16 villagers in Plateau. Police said 16 villagers were killed.';
    assert.deepEqual(claims(t).map(brief), ['fatalities 16-16 civilians | Police']);
  });

  it('attributedOnly keeps sourced figures and totals only', () => {
    const t = 'A mine killed 3 soldiers. Since 2019 the war has killed 9,000 people. Officials said 4 people were injured.';
    assert.deepEqual(claims(t, true).map(brief), ['fatalities 9000-9000 all | -', 'injuries 4-4 all | Officials']);
  });
});
