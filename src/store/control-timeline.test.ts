import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTimelines, holderAt } from './control-timeline.js';
import type { StoredControlChange } from './store.js';
import { makeControlChange } from './testing.js';

let id = 0;
function change(p: Partial<StoredControlChange> = {}): StoredControlChange {
  id++;
  return { ...makeControlChange(), id, article_id: `a${id}`, published: '2019-08-20', outlet: `Outlet ${id}`, origin: 'reported', event_id: null, country: 'Syria', iso3: 'SYR', ...p };
}
const ARMY = 'Military Forces of Syria (2000-)';
const REBELS = 'Opposition Rebels (Syria)';
const HTS = 'HTS: Hayat Tahrir al-Sham';

describe('control timeline', () => {
  it('opens with "held since", then one period per change; agreeing reports are one change', () => {
    const [t] = buildTimelines([
      change({ date: '2019-08-19', held_since: '2014', outlet: 'Reuters' }),
      change({ date: '2019-08-20', outlet: 'AFP' }),
      change({ date: '2020-02-01', from_actor: ARMY, to_actor: HTS }),
    ]);
    assert.equal(t!.place, 'Khan Shaykhun');
    assert.deepEqual(t!.periods.map((p) => [p.holder, p.from, p.to, p.basis, p.conflicts.length]), [
      [REBELS, '2014', '2019-08-19', 'held-since', 0],
      [ARMY, '2019-08-19', '2020-02-01', 'change', 0],
      [HTS, '2020-02-01', null, 'change', 0],
    ]);
    assert.equal(t!.periods[1]!.changes.length, 2);
  });

  it('keeps conflicting reports side by side and marks the change', () => {
    const [t] = buildTimelines([
      change({ date: '2019-08-19', to_actor: ARMY, outlet: 'SANA' }),
      change({ date: '2019-08-19', to_actor: ARMY, outlet: 'SOHR' }),
      change({ date: '2019-08-20', to_actor: HTS, from_actor: ARMY, outlet: 'Ebaa' }),
    ]);
    const p = t!.periods.find((x) => x.basis === 'change')!;
    assert.equal(p.holder, ARMY);
    assert.equal(p.conflicts[0]!.kind, 'holder');
    assert.deepEqual(p.conflicts[0]!.alternatives.map((a) => [a.actor, a.sources]), [[ARMY, ['SANA', 'SOHR']], [HTS, ['Ebaa']]]);
    assert.match(p.conflicts[0]!.message, /disagree/);
  });

  it('marks a change whose loser is not the holder before it', () => {
    const [t] = buildTimelines([change({ date: '2019-08-19' }), change({ date: '2019-12-01', from_actor: HTS, to_actor: REBELS })]);
    assert.equal(t!.periods.at(-1)!.conflicts[0]!.kind, 'previous-holder');
  });

  it('answers who held the place on a date', () => {
    const [t] = buildTimelines([change({ date: '2019-08-19', held_since: '2014' }), change({ date: '2020-02-01', from_actor: ARMY, to_actor: HTS })]);
    assert.equal(holderAt(t!, '2016-05-01')!.holder, REBELS);
    assert.equal(holderAt(t!, '2019-08-19')!.holder, ARMY);
    assert.equal(holderAt(t!, '2021-01-01')!.holder, HTS);
    assert.equal(holderAt(t!, '2010-01-01'), null);
  });

  it('separates places and lists undated reports apart', () => {
    const ts = buildTimelines([change({ date: null }), change({ location: 'Morek', geonameid: 167000 })]);
    assert.equal(ts.length, 2);
    assert.equal(ts[0]!.undated.length, 1);
    assert.equal(ts[0]!.periods.length, 0);
  });
});
