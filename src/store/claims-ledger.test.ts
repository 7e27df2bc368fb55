import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildLedger, figureOf } from './claims-ledger.js';
import type { StoredClaim } from './store.js';
import { makeClaim } from './testing.js';

let id = 0;
function claim(p: Partial<StoredClaim> = {}): StoredClaim {
  id++;
  return { ...makeClaim(), id, article_id: `a${id}`, published: '2019-08-20', outlet: 'Wire', country: 'Syria', iso3: 'SYR', ...p };
}

describe('claims ledger', () => {
  it('puts the figures of different sources for one question side by side, disagreements first', () => {
    const rows = buildLedger([
      claim({ source: 'UOSSM', value_low: 730 }),
      claim({ source: 'SOHR', value_low: 500, value_high: 700, qualifier: null }),
      claim({ claim_type: 'displaced', victims: null, source: 'UN', value_low: 400000, qualifier: 'about', area: null }),
    ]);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.disagree, true);
    assert.deepEqual(rows[0]!.entries.map((e) => [e.source, e.figure]), [['UOSSM', 'more than 730'], ['SOHR', '500-700']]);
    assert.deepEqual([rows[0]!.low, rows[0]!.high], [500, 730]);
    assert.match(rows[0]!.question, /fatalities \(civilians\) in Idlib, Syria, 2019-04 onwards/);
    assert.equal(rows[1]!.disagree, false);
  });

  it('agreeing sources are not a disagreement; the outlet stands in for an unnamed source', () => {
    const [r] = buildLedger([claim({ source: null, outlet: 'AFP' }), claim({ source: 'UOSSM' })]);
    assert.equal(r!.disagree, false);
    assert.deepEqual(r!.entries.map((e) => e.source), ['AFP', 'UOSSM']);
    assert.equal(figureOf(claim({ value_low: 5, value_high: 5, qualifier: null })), '5');
  });
});

describe('claims ledger: tolls without a period', () => {
  it('groups tolls published a day apart, not a week apart', () => {
    const rows = buildLedger([
      claim({ period_start: null, published: '2022-08-17', value_low: 10, source: 'Taliban' }),
      claim({ period_start: null, published: '2022-08-18', value_low: 21, source: 'police' }),
      claim({ period_start: null, published: '2022-08-30', value_low: 4, source: 'police' }),
    ]);
    assert.deepEqual(rows.map((r) => r.entries.map((e) => e.figure)), [['more than 10', 'more than 21'], ['more than 4']]);
  });
});
