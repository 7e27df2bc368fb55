import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowSink } from './row-sink.js';

describe('RowSink', () => {
  it('hands values over by ticket, in any order, once', () => {
    const sink = new RowSink((v) => `row ${String(v[0])}`, 10);
    const tickets = [7, 8, 9].map((id) => sink.put([id]));
    assert.deepEqual(tickets, [0, 1, 2]);
    assert.equal(sink.take(2), 'row 9');
    assert.equal(sink.take(0), 'row 7');
    assert.throws(() => sink.take(0), /no value for ticket 0/);
    assert.equal(sink.take(1), 'row 8');
  });

  it('past its cap, keeps nothing and returns the negated row id', () => {
    const sink = new RowSink((v) => Number(v[0]), 2);
    assert.deepEqual([11, 12, 13, 14].map((id) => sink.put([id])), [0, 1, -13, -14]);
    assert.equal(sink.take(-13), null);
    assert.equal(sink.take(0), 11);
    assert.equal(sink.put([15]), 2);
  });

  it('starts again at ticket 0 once everything is handed over (one row at a time)', () => {
    const sink = new RowSink((v) => v[0], 1);
    for (const id of [1, 2, 3]) {
      const t = sink.put([id]);
      assert.equal(t, 0);
      assert.equal(sink.take(t), id);
    }
  });
});
