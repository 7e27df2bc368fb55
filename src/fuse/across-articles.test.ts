import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SitrepEvent } from '../domain/types.js';
import { makeEvent } from '../store/testing.js';
import {
  bestMatch,
  candidateQuery,
  clusterReports,
  compare,
  comparableOf,
  compatibleSubTypes,
  fuseFatalities,
  fuseReports,
  isAbsoluteDate,
  type Report,
} from './across-articles.js';

let n = 0;
function report(p: Partial<SitrepEvent> = {}, r: Partial<Report> = {}): Report {
  n++;
  return { event: makeEvent(p), article_id: `art-${n}`, published: '2019-08-20', outlet: `Outlet ${n}`, copy: false, excerpt: null, ...r };
}
const relDate = (date: string) => ({ event_date: date, evidence: [{ field: 'event_date', start: 0, end: 9, text: 'yesterday' }] });
const absDate = (date: string, text = '19 August') => ({ event_date: date, evidence: [{ field: 'event_date', start: 0, end: text.length, text }] });
const KRAMATORSK = { location: 'Kramatorsk', latitude: 48.72305, longitude: 37.55629, geonameid: 704147, admin1: 'Donetsk', iso3: 'UKR', country: 'Ukraine' };
const BAKHMUT = { location: 'Bakhmut', latitude: 48.59441, longitude: 38.00028, geonameid: 712165, admin1: 'Donetsk', iso3: 'UKR', country: 'Ukraine' };
const DRUZHKIVKA = { location: 'Yasnohirka', latitude: 48.7496, longitude: 37.5718, geonameid: 700001, admin1: 'Donetsk', iso3: 'UKR', country: 'Ukraine' };
const SHELLING = { sub_event_type: 'Shelling/artillery/missile attack' as const, actor1: 'Military Forces of Russia', actor2: 'Civilians (Ukraine)' };

describe('compare: the same event', () => {
  it('same sub-type, date, place and actor: match, with every reason', () => {
    const v = compare(comparableOf(makeEvent()), comparableOf(makeEvent()));
    assert.equal(v.match, true);
    assert.deepEqual(v.blockers, []);
    assert.equal(v.reasons.length, 4);
    assert.match(v.reasons.join('|'), /same sub-type.*same date.*same place.*shared actor/);
  });

  it('relative dates one day apart match; calendar dates one day apart do not', () => {
    assert.equal(compare(comparableOf(makeEvent(relDate('2019-08-19'))), comparableOf(makeEvent(absDate('2019-08-20', '20 August')))).match, true);
    const v = compare(comparableOf(makeEvent(absDate('2019-08-19'))), comparableOf(makeEvent(absDate('2019-08-20', '20 August'))));
    assert.equal(v.match, false);
    assert.match(v.blockers[0]!, /1 days apart .*calendar dates allow 0/);
  });

  it('two days apart never match at day precision', () => {
    assert.equal(compare(comparableOf(makeEvent(relDate('2019-08-17'))), comparableOf(makeEvent(relDate('2019-08-19')))).match, false);
  });

  it('week precision widens the window to 7 days', () => {
    assert.equal(compare(comparableOf(makeEvent({ ...relDate('2019-08-14'), time_precision: 2 })), comparableOf(makeEvent(relDate('2019-08-19')))).match, true);
  });

  it('towns within 10 km match; 35 km apart do not', () => {
    const k = comparableOf(makeEvent({ ...SHELLING, ...KRAMATORSK }));
    const d = comparableOf(makeEvent({ ...SHELLING, ...DRUZHKIVKA }));
    const b = comparableOf(makeEvent({ ...SHELLING, ...BAKHMUT }));
    assert.equal(compare(k, d).match, true, compare(k, d).blockers.join());
    assert.match(compare(k, d).reasons.join(), /km apart/);
    const far = compare(k, b);
    assert.equal(far.match, false);
    assert.match(far.blockers.join(), /3\d km apart .*more than 10 km/);
  });

  it('a province-level report matches a town of its province, not of another', () => {
    const town = comparableOf(makeEvent({ ...SHELLING, ...KRAMATORSK }));
    const province = comparableOf(makeEvent({ ...SHELLING, location: 'Donetsk', admin1: 'Donetsk', geo_precision: 3, geonameid: 709716, latitude: 48, longitude: 37.8, iso3: 'UKR' }));
    const other = comparableOf(makeEvent({ ...SHELLING, location: 'Kharkiv Oblast', admin1: 'Kharkiv', geo_precision: 3, geonameid: 706482, latitude: 49.5, longitude: 36.5, iso3: 'UKR' }));
    assert.equal(compare(town, province).match, true);
    assert.equal(compare(town, other).match, false);
  });

  it('never across countries', () => {
    const v = compare(comparableOf(makeEvent()), comparableOf(makeEvent({ iso3: 'TUR', country: 'Turkey' })));
    assert.equal(v.match, false);
    assert.match(v.blockers.join(), /different countries/);
  });

  it('compatible sub-types match, incompatible ones do not', () => {
    assert.equal(compatibleSubTypes('Suicide bomb', 'Remote explosive/landmine/IED'), true);
    assert.equal(compatibleSubTypes('Armed clash', 'Government regains territory'), true);
    assert.equal(compatibleSubTypes('Peaceful protest', 'Arrests'), false);
    assert.equal(compare(comparableOf(makeEvent()), comparableOf(makeEvent({ sub_event_type: 'Arrests', event_type: 'Strategic developments' }))).match, false);
  });

  it('actors: one in common, or an unidentified side, is needed', () => {
    const a = comparableOf(makeEvent({ actor1: 'Al Shabaab', actor2: 'Civilians (Somalia)' }));
    assert.equal(compare(a, comparableOf(makeEvent({ actor1: 'Unidentified Armed Group (Somalia)', actor2: null }))).match, true);
    assert.equal(compare(a, comparableOf(makeEvent({ actor1: 'Military Forces of Somalia', actor2: 'ISS: Islamic State (Somalia)' }))).match, false);
  });

  it('a background (historical) report never fuses with a new one', () => {
    assert.equal(compare(comparableOf(makeEvent()), comparableOf(makeEvent({ historical: true }))).match, false);
  });

  it('undated reports do not fuse', () => {
    assert.equal(compare(comparableOf(makeEvent({ event_date: null })), comparableOf(makeEvent())).match, false);
  });
});

describe('bestMatch and candidateQuery', () => {
  it('picks the closest candidate, lowest id on ties', () => {
    const r = comparableOf(makeEvent({ ...SHELLING, ...KRAMATORSK }));
    const near = { ...fuseReports([report({ ...SHELLING, ...KRAMATORSK })]), id: 7 };
    const lessNear = { ...fuseReports([report({ ...SHELLING, ...DRUZHKIVKA })]), id: 3 };
    const twin = { ...near, id: 9 };
    assert.equal(bestMatch(r, [lessNear, twin, near])!.event.id, 7);
    assert.equal(bestMatch(r, [{ ...fuseReports([report({ ...SHELLING, ...BAKHMUT })]), id: 1 }]), null);
  });

  it('searches as far as any stored event could match (a month: precision 3) and a box of about 10 km', () => {
    const q = candidateQuery(comparableOf(makeEvent(relDate('2019-08-19'))))!;
    assert.equal(q.dateFrom, '2019-07-19');
    assert.equal(q.dateTo, '2019-09-19');
    const [w, s, e, nn] = q.bbox!;
    assert.ok(nn - s > 0.18 && nn - s < 0.2);
    assert.ok(w < 36.67693 && e > 36.67693);
    assert.equal(q.iso3, 'SYR');
  });

  it('no box for province-level reports; no query without a date', () => {
    assert.equal(candidateQuery(comparableOf(makeEvent({ geo_precision: 3 })))!.bbox, null);
    assert.equal(candidateQuery(comparableOf(makeEvent({ event_date: null }))), null);
  });
});

describe('fuseReports', () => {
  it("fatalities: best is the lowest figure reported (ACLED), low/high keep the spread, the rule is stated", () => {
    const f = fuseFatalities([
      report({ fatalities: 5, fatalities_low: 5, fatalities_high: 5 }, { outlet: 'Reuters' }),
      report({ fatalities: 3, fatalities_low: 3, fatalities_high: 3 }, { outlet: 'TRT' }),
      report({ fatalities: 7, fatalities_low: 7, fatalities_high: 9 }, { outlet: 'MEE' }),
      report({ fatalities: null, fatalities_low: null, fatalities_high: null }),
    ]);
    assert.deepEqual([f.fatalities, f.fatalities_low, f.fatalities_high], [3, 3, 9]);
    assert.match(f.fatalities_rule, /lowest reported figure \(ACLED conservative\) of 3: Reuters: 5; TRT: 3; MEE: 7-9/);
    assert.equal(fuseFatalities([report({ fatalities: null, fatalities_low: null, fatalities_high: null })]).fatalities_rule, 'no figure reported');
  });

  it('takes the finest place, the calendar date and the absorbing sub-type', () => {
    const f = fuseReports([
      report({ sub_event_type: 'Remote explosive/landmine/IED', geo_precision: 3, location: 'Idlib', geonameid: 169387, ...relDate('2019-08-18') }),
      report({ sub_event_type: 'Suicide bomb', ...absDate('2019-08-19') }),
      report({ sub_event_type: 'Remote explosive/landmine/IED', ...relDate('2019-08-18') }),
    ]);
    assert.equal(f.sub_event_type, 'Suicide bomb');
    assert.equal(f.event_date, '2019-08-19');
    assert.equal(f.date_absolute, true);
    assert.equal(f.location, "Ma'arrat an Nu'man");
    assert.equal(f.geo_precision, 1);
  });

  it('counts independent sources only; a near-copy adds a report, not a source', () => {
    const a = report({}, { outlet: 'AP' });
    const f = fuseReports([a, report({}, { outlet: 'Washington Post', copy: true }), report({}, { outlet: 'AFP' })]);
    assert.equal(f.source_count, 2);
    assert.equal(f.report_count, 3);
    assert.deepEqual(f.sources, ['AP', 'AFP']);
  });

  it('confidence rises with independent sources, below 1', () => {
    const one = fuseReports([report({ confidence: 0.6 })]).confidence;
    const two = fuseReports([report({ confidence: 0.6 }), report({ confidence: 0.6 })]).confidence;
    assert.ok(two > one && two < 1);
  });

  it('prefers a named actor over an unidentified one', () => {
    const f = fuseReports([report({ actor1: 'Unidentified Armed Group (Syria)' }), report({ actor1: 'Hayat Tahrir al-Sham' })]);
    assert.equal(f.actor1, 'Hayat Tahrir al-Sham');
  });

  it('notes summarise the event; search text holds the sentences', () => {
    const f = fuseReports([report({}, { excerpt: 'An air strike hit a Turkish convoy.' })]);
    assert.match(f.notes, /^On 2019-08-19, air\/drone strike by Military Forces of Syria \(2000-\) against Civilians \(Syria\) in Ma'arrat an Nu'man, Idlib, Syria\. 3 fatalities/);
    assert.match(f.search_text, /Turkish convoy/);
  });

  it('refuses an empty list', () => {
    assert.throws(() => fuseReports([]), RangeError);
  });
});

describe('clusterReports (the same stories as test/fixtures/fusion, on Extraction objects)', () => {
  it('merges three reports of one strike and keeps a strike 35 km away and one two days later apart', () => {
    const clusters = clusterReports([
      report({ ...SHELLING, ...KRAMATORSK, ...absDate('2023-02-09', '9 February'), fatalities: 2, fatalities_low: 2, fatalities_high: 2 }),
      report({ ...SHELLING, ...KRAMATORSK, ...relDate('2023-02-10'), fatalities: 4, fatalities_low: 4, fatalities_high: 4 }),
      report({ ...SHELLING, ...BAKHMUT, ...absDate('2023-02-09', '9 February') }),
      report({ ...SHELLING, ...KRAMATORSK, ...absDate('2023-02-11', '11 February') }),
      report({ ...SHELLING, ...DRUZHKIVKA, ...relDate('2023-02-09') }),
    ]);
    assert.deepEqual(clusters.map((c) => c.reports.length), [3, 1, 1]);
    assert.equal(clusters[0]!.fields.fatalities, 2);
    assert.equal(clusters[0]!.fields.fatalities_high, 4);
    assert.equal(clusters[0]!.fields.location, 'Kramatorsk');
    assert.match(clusters[0]!.verdicts[2]!.reasons.join(), /km apart \(Yasnohirka \/ Kramatorsk\)/);
  });

  it('is deterministic: the same reports in the same order give the same clusters', () => {
    const rs = [report(), report({ ...relDate('2019-08-20') }), report({ ...BAKHMUT, ...SHELLING })];
    assert.deepEqual(clusterReports(rs), clusterReports(rs));
  });

  it('isAbsoluteDate reads the date evidence', () => {
    assert.equal(isAbsoluteDate(makeEvent(absDate('2019-08-19'))), true);
    assert.equal(isAbsoluteDate(makeEvent(relDate('2019-08-19'))), false);
    assert.equal(isAbsoluteDate(makeEvent({ evidence: [] })), false);
  });
});
