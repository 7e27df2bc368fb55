import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDates, type DateMention } from './dates.js';

/** Publication date used throughout: Tuesday 14 May 2024. */
const PUB = '2024-05-14';

const one = (t: string, published: string | null = PUB): DateMention => {
  const ds = findDates(t, { start: 0, end: t.length }, published);
  assert.equal(ds.length, 1, `expected one mention in "${t}", got ${JSON.stringify(ds.map((d) => d.text))}`);
  return ds[0]!;
};

describe('findDates: weekdays lean into the past', () => {
  it('"on Monday" in a Tuesday story is yesterday', () => {
    const d = one('Drones struck Kharkiv on Monday.');
    assert.equal(d.date, '2024-05-13');
    assert.equal(d.precision, 1);
    assert.equal(d.kind, 'day');
  });
  it('"on Tuesday" in a Tuesday story is that day', () => assert.equal(one('Troops withdrew on Tuesday.').date, PUB));
  it('"on Wednesday" in a Tuesday story is last week', () => assert.equal(one('The raid began on Wednesday.').date, '2024-05-08'));
  it('"late on Monday", "Monday night", "Sunday\'s attack"', () => {
    assert.equal(one('Gunmen attacked late on Monday.').date, '2024-05-13');
    assert.equal(one('Shelling continued Monday night.').date, '2024-05-13');
    assert.equal(one("Sunday's attack in Bamako").date, '2024-05-12');
  });
  it('"last Monday" is the Monday of the previous week', () => assert.equal(one('They took the town last Monday.').date, '2024-05-06'));
  it('a future cue resolves forward', () => assert.equal(one('Mediators are due to meet in Doha on Saturday.').date, '2024-05-18'));
  it('weekday with an explicit date keeps the date', () => {
    const d = one('On Friday, February 14, villagers fled.');
    assert.equal(d.date, '2024-02-14');
  });
});

describe('findDates: relative days and periods', () => {
  it('yesterday, today, this morning, overnight', () => {
    assert.equal(one('Police fired tear gas yesterday.').date, '2024-05-13');
    assert.equal(one('Talks resume today.').date, PUB);
    assert.equal(one('A drone hit a market early this morning.').date, PUB);
    const o = one('A bridge collapsed overnight.');
    assert.equal(o.date, '2024-05-13');
    assert.equal(o.precision, 1);
  });
  it('"two days ago"', () => assert.equal(one('He was abducted two days ago.').date, '2024-05-12'));
  it('"last week" is the previous Monday-Sunday, dated on its Thursday', () => {
    const d = one('Clashes erupted last week.');
    assert.deepEqual([d.kind, d.date, d.earliest, d.latest, d.precision], ['week', '2024-05-09', '2024-05-06', '2024-05-12', 2]);
  });
  it('"earlier this week"', () => {
    const d = one('Militants regrouped earlier this week.');
    assert.deepEqual([d.earliest, d.latest, d.precision], ['2024-05-13', PUB, 2]);
  });
  it('"last month" and "earlier this month"', () => {
    const lm = one('The siege ended last month.');
    assert.deepEqual([lm.kind, lm.earliest, lm.latest, lm.precision], ['month', '2024-04-01', '2024-04-30', 3]);
    const tm = one('Fighting resumed earlier this month.');
    assert.deepEqual([tm.earliest, tm.latest], ['2024-05-01', PUB]);
  });
  it('over the weekend', () => {
    const d = one('Heavy clashes were reported over the weekend.');
    assert.deepEqual([d.earliest, d.latest], ['2024-05-11', '2024-05-12']);
  });
  it('relative expressions without a publication date are unresolved', () => {
    const d = one('Police fired tear gas yesterday.', null);
    assert.equal(d.date, null);
    assert.equal(d.earliest, null);
  });
});

describe('findDates: calendar dates', () => {
  it('"on April 4, 2017" and "4 April 2017"', () => {
    for (const t of ['Sarin was released on April 4, 2017.', 'Sarin was released on 4 April 2017.']) {
      const d = one(t);
      assert.equal(d.date, '2017-04-04');
      assert.equal(d.precision, 1);
      assert.equal(d.historical_hint, true);
    }
  });
  it('a day-month without year is the latest one not after publication', () => {
    assert.equal(one('The offensive began on 5 May.').date, '2024-05-05');
    assert.equal(one('Rebels seized the town on December 27.').date, '2023-12-27');
  });
  it('"in September 2018" is the 15th, precision 3', () => {
    const d = one('A deal was signed in September 2018.');
    assert.deepEqual([d.kind, d.date, d.precision, d.earliest, d.latest], ['month', '2018-09-15', 3, '2018-09-01', '2018-09-30']);
  });
  it('"in March" without year is the most recent March', () => {
    assert.equal(one('Talks collapsed in March.').date, '2024-03-15');
    assert.equal(one('Talks collapsed in October.').date, '2023-10-15');
  });
  it('"in 2014" is a year dated 1 July', () => {
    const d = one('The town fell in 2014.');
    assert.deepEqual([d.kind, d.date, d.precision, d.earliest, d.latest], ['year', '2014-07-01', 3, '2014-01-01', '2014-12-31']);
  });
  it('"since late April" starts a period', () => {
    const d = one('Fighting has raged since late April.');
    assert.equal(d.kind, 'since');
    assert.equal(d.anchor, 'month');
    assert.ok(d.earliest! >= '2024-04-20' && d.earliest! <= '2024-04-30');
    assert.equal(d.latest, PUB);
  });
  it('"since 2015" and "since the start of the year"', () => {
    assert.deepEqual([one('Attacks have continued since 2015.').earliest, one('Attacks have continued since 2015.').anchor], ['2015-01-01', 'year']);
    assert.equal(one('displaced since the start of the year').earliest, '2024-01-01');
  });
  it('"on the night of 3 to 4 May" is a one-night range', () => {
    const d = one('Drones hit Odesa on the night of 3 to 4 May.');
    assert.deepEqual([d.kind, d.date, d.earliest, d.latest, d.precision], ['range', '2024-05-03', '2024-05-03', '2024-05-04', 1]);
  });
  it('"between 12 and 16 June" and "in the first three weeks of April"', () => {
    const r = one('Survivors were interviewed between 12 and 16 June 2023.');
    assert.deepEqual([r.earliest, r.latest, r.date, r.precision], ['2023-06-12', '2023-06-16', '2023-06-14', 2]);
    const w = one('More than 600 died in the first three weeks of April.');
    assert.deepEqual([w.earliest, w.latest], ['2024-04-01', '2024-04-21']);
  });
  it('year ranges', () => {
    const d = one('the 2013-2018 civil war');
    assert.deepEqual([d.kind, d.earliest, d.latest, d.precision], ['range', '2013-01-01', '2018-12-31', 3]);
  });
  it('numeric dates through chrono-node', () => assert.equal(one('The report is dated 2024-03-09.').date, '2024-03-09'));
});

describe('findDates: what is not a date', () => {
  it('"between 500 and 700" is a count', () => assert.deepEqual(findDates('Between 500 and 700 people died.', { start: 0, end: 32 }, PUB), []));
  it('"April 30,000" is not 30 April', () => {
    const t = 'In April 30,000 people fled.';
    const ds = findDates(t, { start: 0, end: t.length }, PUB);
    assert.deepEqual(ds.map((d) => d.text), ['April']);
  });
  it('"may" the verb is not May', () => assert.deepEqual(findDates('The toll may rise.', { start: 0, end: 18 }, PUB), []));
  it('times are kind "time" with no date', () => {
    const t = 'The truce took effect at 04:00 local time; a blast followed at 3 p.m.';
    const ds = findDates(t, { start: 0, end: t.length }, PUB);
    assert.deepEqual(ds.map((d) => [d.kind, d.date]), [['time', null], ['time', null]]);
  });
});
