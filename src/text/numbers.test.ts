import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findQuantities, parseQuantity, type Quantity } from './numbers.js';

const pq = (s: string): Quantity => {
  const q = parseQuantity(s);
  assert.ok(q, `no quantity in "${s}"`);
  return q;
};
const all = (t: string): Quantity[] => findQuantities(t, { start: 0, end: t.length });

describe('parseQuantity', () => {
  const table: [string, number, number | null, string | null, boolean][] = [
    // text, low, high, qualifier, vague
    ['at least three', 3, null, 'at least', false],
    ['a dozen', 12, 12, null, false],
    ['two dozen', 24, 24, null, false],
    ['half a dozen', 6, 6, null, false],
    ['dozens', 24, null, null, true],
    ['scores', 40, null, null, true],
    ['hundreds of', 200, null, null, true],
    ['hundreds of thousands', 200000, null, null, true],
    ['tens of thousands', 20000, null, null, true],
    ['several hundred', 300, null, null, true],
    ['between 500 and 700', 500, 700, 'between', false],
    ['five to seven', 5, 7, 'between', false],
    ['3 to 4 million', 3000000, 4000000, 'between', false],
    ['more than 730', 730, null, 'more than', false],
    ['over 100', 100, null, 'over', false],
    ['nearly 40', 40, 40, 'nearly', false],
    ['some 3.6 million', 3600000, 3600000, 'some', false],
    ['an estimated 93,000', 93000, 93000, 'about', false],
    ['up to 50', 50, 50, 'up to', false],
    ['3.6 million', 3600000, 3600000, null, false],
    ['31,000', 31000, 31000, null, false],
    ['1.2m', 1200000, 1200000, null, false],
    ['twenty-five', 25, 25, null, false],
    ['one hundred and five', 105, 105, null, false],
    ['two thousand three hundred', 2300, 2300, null, false],
    ['more than two million', 2000000, null, 'more than', false],
    ['two lakh', 200000, 200000, null, false],
    ['a', 1, 1, null, false],
    ['one', 1, 1, null, false],
    ['no one', 0, 0, null, false],
    ['none', 0, 0, null, false],
  ];
  for (const [text, low, high, qualifier, vague] of table) {
    it(`"${text}"`, () => {
      const q = pq(text);
      assert.equal(q.low, low);
      assert.equal(q.high, high);
      assert.equal(q.qualifier, qualifier);
      assert.equal(q.vague, vague);
      assert.equal(q.exact, qualifier === null && !vague);
    });
  }
  it('rejects non-quantities', () => {
    assert.equal(parseQuantity('the army'), null);
    assert.equal(parseQuantity('12th'), null);
    assert.equal(parseQuantity(''), null);
  });
});

describe('findQuantities', () => {
  it('finds figures with exact offsets', () => {
    const t = 'Gunmen killed at least 14 people and wounded twenty-two others in Bunia.';
    const qs = all(t);
    assert.deepEqual(qs.map((q) => q.text), ['at least 14', 'twenty-two']);
    assert.equal(t.slice(qs[0]!.start, qs[0]!.end), 'at least 14');
  });

  it('skips years, days of the month, times and ordinals', () => {
    const t = 'In 2014, on June 10, 2014 and on 3 March, at 05:00, the 12th brigade moved.';
    assert.deepEqual(all(t).map((q) => q.text), []);
  });

  it('marks measures instead of dropping them', () => {
    const t = 'A 30-hour siege 15 kilometres from Gao left 80% of homes and $5 million in damage.';
    const units = Object.fromEntries(all(t).map((q) => [q.text, q.unit]));
    assert.equal(units['30'], 'time');
    assert.equal(units['15'], 'distance');
    assert.equal(units['80'], 'percent');
    assert.equal(units['$5 million'], 'money');
  });

  it('does not read "between 500 and 700" as two numbers', () => {
    const qs = all('Between 500 and 700 people have been killed since.');
    assert.equal(qs.length, 1);
    assert.equal(qs[0]!.high, 700);
  });

  it('honours the exclusion spans', () => {
    const t = 'Fighting in 2013-2018 killed 400,000.';
    const qs = findQuantities(t, { start: 0, end: t.length }, [{ start: 12, end: 21 }]);
    assert.deepEqual(qs.map((q) => q.low), [400000]);
  });
});
