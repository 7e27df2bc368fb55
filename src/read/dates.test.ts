import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isIsoDate, toIsoDay } from './dates.js';

describe('toIsoDay', () => {
  const cases: [unknown, string | null][] = [
    ['2020-10-23', '2020-10-23'],
    ['2020-10-23T01:30:00+03:00', '2020-10-23'],
    ['2021-01-13T23:10:00-01:00', '2021-01-13'],
    ['Sat, 24 Aug 2024 22:15:00 +0000', '2024-08-24'],
    ['Fri, 5 May 2023 06:00:00 +0530', '2023-05-05'],
    ['March 3, 2021', '2021-03-03'],
    ['Sept. 9, 2021', '2021-09-09'],
    ['23 October 2020', '2020-10-23'],
    ['2020/10/23', '2020-10-23'],
    [1700000000, '2023-11-14'],
    [1700000000000, '2023-11-14'],
    [new Date(Date.UTC(2025, 1, 5)), '2025-02-05'],
    ['2023-02-30', null],
    ['yesterday', null],
    [null, null],
    [{}, null],
  ];
  for (const [value, expected] of cases) {
    it(`${String(value)} → ${String(expected)}`, () => assert.equal(toIsoDay(value), expected));
  }
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    assert.ok(isIsoDate('2024-02-29'));
    assert.ok(!isIsoDate('2023-02-29'));
    assert.ok(!isIsoDate('2024-2-1'));
    assert.ok(!isIsoDate('2024-02-01T00:00'));
  });
});
