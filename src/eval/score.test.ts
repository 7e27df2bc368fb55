import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import type { GoldArticle, GoldEvent } from './gold.js';
import { parseGold } from './gold.js';
import { formatReport, formatSummary } from './format.js';
import { greedyMatch } from './match.js';
import { actorOk, claimKind, norm, type PredEvent } from './rules.js';
import { predKey, scoreExtractions, triggerText, type PredRecord } from './score.js';

// ---------------------------------------------------------------- fixtures

/** Aleppo and a point ~30 km east of it; Idlib ~ 57 km west. */
const ALEPPO = { latitude: 36.20124, longitude: 37.16117 };
const EAST_30KM = { latitude: 36.20124, longitude: 37.49527 };
const IDLIB = { latitude: 35.93333, longitude: 36.63333 };

function gEvent(over: Partial<GoldEvent> = {}): GoldEvent {
  return {
    id: 'e1',
    required: true,
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    event_date: '2020-03-10',
    date_tolerance_days: 1,
    location: 'Aleppo',
    iso3: 'SYR',
    ...ALEPPO,
    km_tolerance: 40,
    actor1: ['Military Forces of Syria', 'Syrian army'],
    actor2: null,
    fatalities: null,
    historical: false,
    ...over,
  };
}

function pEvent(over: Partial<PredEvent> = {}): PredEvent {
  return {
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    event_date: '2020-03-10',
    location: 'Aleppo',
    iso3: 'SYR',
    ...ALEPPO,
    actor1: 'Military Forces of Syria',
    fatalities: null,
    historical: false,
    ...over,
  };
}

const gold = (events: GoldEvent[], over: Partial<GoldArticle> = {}): GoldArticle => ({ article: 'a.txt', events, ...over });
const pred = (events: PredEvent[], over: Partial<PredRecord> = {}): PredRecord => ({ article: { file: 'a.txt' }, events, ...over });

/** Scores one article with one gold and one predicted event list. */
const one = (g: GoldEvent[], p: PredEvent[]) => scoreExtractions([gold(g)], [pred(p)]);

// ---------------------------------------------------------------- rules

describe('norm and actorOk', () => {
  test('norm strips accents and punctuation', () => {
    assert.equal(norm('  Déir ez-Zór!! '), 'deir ez zor');
    assert.equal(norm(null), '');
  });
  test('actorOk: whole-word containment either way', () => {
    assert.equal(actorOk('Military Forces of Syria (2000-)', ['Military Forces of Syria']), true);
    assert.equal(actorOk('army', ['Syrian army']), true);
    assert.equal(actorOk('Syrian armymen', ['Syrian army']), false);
    assert.equal(actorOk('IS', ['ISIS']), false);
    assert.equal(actorOk('', ['IS']), false);
    assert.equal(actorOk('anyone', null), true);
    assert.equal(actorOk('anyone', []), false);
  });
  test('claimKind folds synonyms', () => {
    assert.equal(claimKind('injured'), 'injuries');
    assert.equal(claimKind('Killed'), 'fatalities');
    assert.equal(claimKind('displaced'), 'displaced');
    const folded = ['wounded', 'deaths', 'dead', 'detained', 'arrests', 'kidnapped', 'abductions'].map(claimKind);
    assert.deepEqual(folded, ['injuries', 'fatalities', 'fatalities', 'arrested', 'arrested', 'abducted', 'abducted']);
  });
});

describe('greedyMatch', () => {
  test('takes the cheapest pair first even when that is not optimal overall', () => {
    // optimal would pair 0-1 and 1-0 (cost 2+2); greedy takes 0-0 (cost 1) and leaves 1 unmatched
    const cost = (p: number, g: number) => (p === 1 && g === 0 ? 2 : p === 0 && g === 0 ? 1 : p === 0 && g === 1 ? 2 : null);
    assert.deepEqual(greedyMatch([0, 1], [0, 1], cost), [{ pred: 0, gold: 0, cost: 1 }]);
  });
  test('ties keep prediction order', () => {
    const pairs = greedyMatch(['a', 'b'], ['x'], () => 0);
    assert.deepEqual(pairs, [{ pred: 0, gold: 0, cost: 0 }]);
  });
});

// ---------------------------------------------------------------- events

describe('event matching tolerances', () => {
  test('an exact event is a TP', () => {
    const r = one([gEvent()], [pEvent()]);
    assert.deepEqual(r.summary.events, { tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  });
  test('date: exactly at the tolerance matches, one day beyond does not', () => {
    const g = gEvent({ date_tolerance_days: 3 });
    assert.equal(one([g], [pEvent({ event_date: '2020-03-13' })]).summary.events.tp, 1);
    assert.equal(one([g], [pEvent({ event_date: '2020-03-14' })]).summary.events.tp, 0);
  });
  test('date: tolerance defaults to 1 day', () => {
    const g = gEvent({ date_tolerance_days: undefined });
    assert.equal(one([g], [pEvent({ event_date: '2020-03-11' })]).summary.events.tp, 1);
    assert.equal(one([g], [pEvent({ event_date: '2020-03-12' })]).summary.events.tp, 0);
  });
  test('date: a missing or unparsable predicted date never matches', () => {
    assert.equal(one([gEvent()], [pEvent({ event_date: null })]).summary.events.tp, 0);
    assert.equal(one([gEvent()], [pEvent({ event_date: 'last week' })]).summary.events.tp, 0);
  });
  test('place: within km_tolerance matches, beyond does not; default 40 km', () => {
    assert.equal(one([gEvent({ km_tolerance: 40 })], [pEvent(EAST_30KM)]).summary.events.tp, 1);
    assert.equal(one([gEvent({ km_tolerance: 20 })], [pEvent(EAST_30KM)]).summary.events.tp, 0);
    assert.equal(one([gEvent({ km_tolerance: undefined })], [pEvent(IDLIB)]).summary.events.tp, 0);
    assert.equal(one([gEvent({ km_tolerance: 60 })], [pEvent(IDLIB)]).summary.events.tp, 1);
  });
  test('place: a prediction without coordinates never matches a gold place', () => {
    assert.equal(one([gEvent()], [pEvent({ latitude: null, longitude: null })]).summary.events.tp, 0);
  });
  test('place: country-level gold needs the same country, by ISO3 or name', () => {
    const g = gEvent({ latitude: null, longitude: null, km_tolerance: null, iso3: 'SYR', location: 'Syria' });
    assert.equal(one([g], [pEvent({ ...IDLIB, iso3: 'syr' })]).summary.events.tp, 1);
    assert.equal(one([g], [pEvent({ iso3: 'TUR' })]).summary.events.tp, 0);
    const byName = gEvent({ latitude: null, longitude: null, iso3: null, country: 'Syria' });
    assert.equal(one([byName], [pEvent({ iso3: null, country: 'SYRIA' })]).summary.events.tp, 1);
    // country-level matches are not in the median distance
    assert.equal(one([g], [pEvent({ iso3: 'SYR' })]).summary.on_matched.median_km, null);
  });
  test('type: any listed alternative matches; another type does not', () => {
    const g = gEvent({ event_type: ['Riots', 'Protests'], sub_event_type: ['Violent demonstration', 'Excessive force against protesters'] });
    const r = one([g], [pEvent({ event_type: 'protests', sub_event_type: 'Excessive force against protesters' })]);
    assert.equal(r.summary.events.tp, 1);
    assert.equal(r.summary.on_matched.sub_event_type_acc, 1);
    assert.equal(one([g], [pEvent({ event_type: 'Battles' })]).summary.events.tp, 0);
  });
  test('historical: a disagreeing flag still matches but costs 25 km-equivalents', () => {
    const g = gEvent();
    const near = pEvent({ historical: true }); // 0 km, wrong flag → cost 25
    const far = pEvent({ ...EAST_30KM }); // ~30 km, right flag → cost ~30
    const r = one([g], [far, near]);
    assert.equal(r.articles[0]?.matched[0]?.pred_index, 1);
    assert.equal(r.summary.on_matched.historical_acc, 0);
    const r2 = one([g], [pEvent({ ...EAST_30KM, latitude: 36.2, longitude: 37.35 }), near]); // ~17 km < 25
    assert.equal(r2.articles[0]?.matched[0]?.pred_index, 0);
  });
  test('one day of date difference weighs 50 km', () => {
    const g = gEvent({ date_tolerance_days: 2 });
    const r = one([g], [pEvent({ event_date: '2020-03-11' }), pEvent(EAST_30KM)]);
    assert.equal(r.articles[0]?.matched[0]?.pred_index, 1);
    assert.equal(r.summary.events.fp, 1);
  });
  test('matching is one-to-one', () => {
    const r = one([gEvent()], [pEvent(), pEvent()]);
    assert.deepEqual([r.summary.events.tp, r.summary.events.fp, r.summary.events.fn], [1, 1, 0]);
  });
});

describe('optional gold events', () => {
  const opt = gEvent({ id: 'o1', required: false });
  test('matched: neither TP nor FP', () => {
    const r = one([opt], [pEvent()]);
    assert.deepEqual([r.summary.events.tp, r.summary.events.fp, r.summary.events.fn], [0, 0, 0]);
    assert.equal(r.articles[0]?.optional_matched, 1);
    assert.equal(r.summary.on_matched.historical_acc, null);
  });
  test('unmatched: no recall penalty, not listed as missed', () => {
    const r = one([opt], []);
    assert.equal(r.summary.events.fn, 0);
    assert.deepEqual(r.articles[0]?.missed, []);
  });
});

describe('accuracy on matched events', () => {
  test('sub-type, fatalities, actor1, historical and median km', () => {
    const golds = [
      gEvent({ id: 'e1', fatalities: 3 }),
      gEvent({ id: 'e2', event_date: '2020-04-01', fatalities: 5, sub_event_type: 'Attack', event_type: 'Violence against civilians', actor1: ['Islamic State'] }),
      gEvent({ id: 'e3', event_date: '2020-05-01', fatalities: null, actor1: null }),
    ];
    const preds = [
      pEvent({ fatalities: '3' }),
      pEvent({ event_date: '2020-04-01', event_type: 'Violence against civilians', sub_event_type: 'Abduction/forced disappearance', fatalities: 4, actor1: 'Unidentified Armed Group' }),
      pEvent({ event_date: '2020-05-01', ...EAST_30KM, historical: true }),
    ];
    const s = one(golds, preds).summary;
    assert.equal(s.events.tp, 3);
    assert.equal(s.on_matched.sub_event_type_acc, 2 / 3);
    assert.equal(s.on_matched.fatalities_acc, 1 / 2);
    assert.equal(s.on_matched.actor1_acc, 1 / 2);
    assert.equal(s.on_matched.historical_acc, 2 / 3);
    // upper median of [0, 0, ~29.9]
    assert.equal(s.on_matched.median_km, 0);
  });
});

// ---------------------------------------------------------------- control changes and claims

describe('control changes', () => {
  const gc = { location: 'Aleppo', ...ALEPPO, date: '2020-03-10', date_tolerance_days: 2, to_side: ['Military Forces of Syria', 'Syrian army'] };
  const score = (pc: object) =>
    scoreExtractions([gold([], { control_changes: [gc] })], [pred([], { control_changes: [pc] })]).summary.control_changes;
  test('within 25 km, within the date tolerance, to-side agreeing: recall 1', () => {
    assert.deepEqual(score({ location: 'X', latitude: 36.2, longitude: 37.4, date: '2020-03-12', to_actor: 'Syrian army' }), { recall: 1, precision: 1 });
  });
  test('beyond 25 km, beyond the date tolerance, or the wrong side: no match', () => {
    assert.equal(score({ ...EAST_30KM, date: '2020-03-10', to_actor: 'Syrian army' }).recall, 0);
    assert.equal(score({ ...ALEPPO, date: '2020-03-13', to_actor: 'Syrian army' }).recall, 0);
    assert.equal(score({ ...ALEPPO, date: '2020-03-10', to_actor: 'Islamic State' }).recall, 0);
  });
  test('without coordinates the folded names must be equal', () => {
    assert.equal(score({ location: 'ALEPPO', date: '2020-03-10', to_actor: 'Syrian army' }).recall, 1);
    assert.equal(score({ location: 'Halab', date: '2020-03-10', to_actor: 'Syrian army' }).recall, 0);
  });
  test('missed control changes are listed', () => {
    const r = scoreExtractions([gold([], { control_changes: [gc] })], [pred([])]);
    assert.equal(r.articles[0]?.missed_control_changes[0]?.location, 'Aleppo');
    assert.equal(r.summary.control_changes.precision, null);
  });
});

describe('claims', () => {
  const gcl = { claim_type: 'injured', value_low: 10, value_high: 12, victims: 'civilians', source: ['UN', 'OCHA'] };
  const recall = (pc: object, g: object = gcl) =>
    scoreExtractions([gold([], { claims: [g as never] })], [pred([], { claims: [pc] })]).summary.claims.recall;
  test('same kind (synonyms folded), overlapping values, agreeing source', () => {
    assert.equal(recall({ claim_type: 'injuries', value_low: 12, value_high: null, source: 'the UN' }), 1);
    assert.equal(recall({ claim_type: 'injuries', value_low: 5, value_high: 10, source: 'OCHA' }), 1);
    assert.equal(recall({ claim_type: 'wounded', value: 11, source: 'UN' }), 1);
  });
  test('wrong kind, disjoint values or another source: no match', () => {
    assert.equal(recall({ claim_type: 'fatalities', value_low: 10, source: 'UN' }), 0);
    assert.equal(recall({ claim_type: 'injuries', value_low: 13, source: 'UN' }), 0);
    assert.equal(recall({ claim_type: 'injuries', value_low: 10, source: 'Red Cross' }), 0);
    assert.equal(recall({ claim_type: 'injuries', value_low: 10, source: null }), 0);
  });
  test('an open gold range (value_high null) is exactly value_low; unattributed gold ignores the source', () => {
    const open = { claim_type: 'fatalities', value_low: 30, value_high: null, source: null };
    assert.equal(recall({ claim_type: 'killed', value_low: 30, source: 'anyone' }, open), 1);
    assert.equal(recall({ claim_type: 'killed', value_low: 31 }, open), 0);
    assert.equal(recall({ claim_type: 'killed', value_low: 20, value_high: 40 }, open), 1);
  });
});

// ---------------------------------------------------------------- per-article report

describe('per-article report', () => {
  test('lists missed gold events and invented predictions with their trigger text', () => {
    const ev = [{ field: 'trigger', text: 'clashes', start: 0, end: 7 }, { field: 'location', text: 'Aleppo', start: 11, end: 17 }];
    const r = one([gEvent({ id: 'e9', sub_event_type: ['Armed clash', 'Attack'] })], [pEvent({ event_date: '2020-06-01', evidence: ev })]);
    const a = r.articles[0];
    assert.deepEqual(a?.missed, [{ id: 'e9', event_type: ['Battles'], sub_event_type: ['Armed clash', 'Attack'], location: 'Aleppo', event_date: '2020-03-10', historical: false }]);
    assert.equal(a?.invented.length, 1);
    assert.equal(a?.invented[0]?.evidence, 'clashes');
    assert.equal(a?.invented[0]?.event_date, '2020-06-01');
    const text = formatReport(r);
    assert.match(text, /missed: e9 Armed clash \| Attack @ Aleppo 2020-03-10/);
    assert.match(text, /invented: #0 Armed clash @ Aleppo 2020-06-01 "clashes"/);
  });
  test('triggerText falls back to the sub-type evidence, then the first evidence', () => {
    assert.equal(triggerText({ evidence: [{ field: 'location', text: 'x', start: 0, end: 1 }, { field: 'sub_event_type', text: 'y', start: 0, end: 1 }] }), 'y');
    assert.equal(triggerText({ evidence: [{ field: 'location', text: 'x', start: 0, end: 1 }] }), 'x');
    assert.equal(triggerText({}), null);
  });
  test('articles are paired by base name; missing and unpaired are reported', () => {
    const r = scoreExtractions(
      [gold([gEvent()], { article: 'd01.txt' }), gold([gEvent()], { article: 'd02.txt' })],
      [{ article: { file: 'd01.txt', path: 'x/y/d01.txt' }, events: [pEvent()] }, { article: { path: '/tmp/other.txt' }, events: [] }],
    );
    assert.deepEqual(r.missing_articles, ['d02.txt']);
    assert.deepEqual(r.unpaired_predictions, ['other.txt']);
    assert.equal(r.summary.missing_articles, 1);
    assert.equal(r.articles[1]?.has_output, false);
    assert.deepEqual([r.summary.events.tp, r.summary.events.fn], [1, 1]);
    assert.equal(predKey({ article: { id: 'abc' } }), 'abc');
  });
  test('non-object predicted events are ignored', () => {
    const r = scoreExtractions([gold([gEvent()])], [{ article: { file: 'a.txt' }, events: [null, pEvent()] }]);
    assert.deepEqual([r.summary.events.tp, r.summary.events.fp], [1, 0]);
  });
  test('summary lines have the score.mjs wording', () => {
    const lines = formatSummary(one([gEvent()], [pEvent(), pEvent()]).summary, ['d09.txt']);
    assert.deepEqual(lines, [
      'articles with no output: d09.txt',
      'sub-type acc 1.000  fatalities acc n/a  actor1 acc 1.000  historical acc 1.000  median km 0.000',
      'control changes recall n/a precision n/a  claims recall n/a',
      'events P 0.500 R 1.000 F1 0.667 (tp 1 fp 1 fn 0)',
    ]);
  });
});

// ---------------------------------------------------------------- parity with the shared scorer

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const SCORE_MJS = path.join(SHARED, 'score.mjs');
const DEVSET_GOLD = path.join(SHARED, 'devset', 'gold.jsonl');

/** Runs score.mjs --json on two in-memory files and returns its summary. */
function referenceSummary(goldLines: object[], predLines: object[]): unknown {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-eval-'));
  try {
    const g = path.join(dir, 'gold.jsonl');
    const p = path.join(dir, 'pred.jsonl');
    writeFileSync(g, goldLines.map((x) => JSON.stringify(x)).join('\n') + '\n');
    writeFileSync(p, predLines.map((x) => JSON.stringify(x)).join('\n') + '\n');
    let out: string;
    try {
      out = execFileSync(process.execPath, [SCORE_MJS, '--gold', g, '--pred', p, '--json'], { encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout); // exit 1 when F1 < --min-f1 (default 0: never)
    }
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deterministic predictions built from gold: some exact, some shifted, mistyped, dropped or doubled. */
function perturb(g: GoldArticle, seed: number): PredRecord {
  const events: PredEvent[] = [];
  (g.events ?? []).forEach((e, i) => {
    const k = (seed + i) % 9;
    if (k === 0) return; // dropped
    const type = Array.isArray(e.event_type) ? e.event_type[0] : e.event_type;
    const sub = e.sub_event_type === null || e.sub_event_type === undefined ? null : Array.isArray(e.sub_event_type) ? e.sub_event_type[k % e.sub_event_type.length] : e.sub_event_type;
    const d = new Date(Date.parse(e.event_date) + (k === 3 ? 2 : k === 4 ? 1 : 0) * 86400000).toISOString().slice(0, 10);
    const lat = e.latitude === null || e.latitude === undefined ? (k === 5 ? 10 : null) : e.latitude + (k === 6 ? 0.5 : k === 7 ? 0.1 : 0);
    events.push({
      event_type: k === 8 ? 'Protests' : (type ?? null),
      sub_event_type: k === 2 ? 'Other' : (sub ?? null),
      event_date: d,
      latitude: lat,
      longitude: e.longitude ?? (k === 5 ? 10 : null),
      iso3: k === 1 ? 'XXX' : (e.iso3 ?? null),
      actor1: k % 2 ? (Array.isArray(e.actor1) ? e.actor1[0] : (e.actor1 as string | undefined)) ?? null : 'Someone Else',
      fatalities: k === 7 ? 99 : (e.fatalities ?? null),
      historical: k === 4 ? !e.historical : Boolean(e.historical),
    });
    if (k === 1) events.push({ ...events[events.length - 1], event_date: '1999-01-01' }); // an invented event
  });
  const control_changes = (g.control_changes ?? []).map((c, i) => ({
    location: c.location ?? null,
    latitude: (c.latitude ?? 0) + (i % 2 ? 0.3 : 0),
    longitude: c.longitude ?? null,
    date: c.date,
    to_actor: (seed + i) % 3 ? (Array.isArray(c.to_side) ? c.to_side[0] : (c.to_side as string)) ?? null : 'nobody',
  }));
  const claims = (g.claims ?? []).map((c, i) => ({
    claim_type: (seed + i) % 4 === 0 ? 'killed' : c.claim_type,
    value_low: c.value_low + ((seed + i) % 5 === 0 ? 1 : 0),
    value_high: c.value_high ?? null,
    source: (seed + i) % 6 === 0 ? null : (Array.isArray(c.source) ? c.source[0] : (c.source as string | null | undefined)) ?? null,
  }));
  return { article: { file: g.article }, events, control_changes, claims };
}

describe('parity with ../shared/score.mjs', () => {
  const haveShared = existsSync(SCORE_MJS);
  const skip = haveShared ? false : 'needs ../shared/score.mjs (absent)';

  test('small hand-made files give the same summary', { skip }, () => {
    const golds: GoldArticle[] = [
      { article: 'a.txt', events: [gEvent({ fatalities: 2 }), gEvent({ id: 'e2', required: false, event_date: '2020-03-20' }), gEvent({ id: 'e3', latitude: null, longitude: null, iso3: 'SYR', event_date: '2020-02-01', historical: true })], control_changes: [{ location: 'Aleppo', ...ALEPPO, date: '2020-03-10', to_side: ['Syrian army'] }], claims: [{ claim_type: 'fatalities', value_low: 2, value_high: 2, source: ['UN'] }] },
      { article: 'b.txt', events: [gEvent({ event_type: ['Riots', 'Protests'], sub_event_type: ['Mob violence'] })] },
      { article: 'c.txt', events: [gEvent()] },
    ];
    const preds: PredRecord[] = [
      { article: { file: 'a.txt' }, events: [pEvent({ fatalities: 2 }), pEvent({ event_date: '2020-03-21' }), pEvent({ event_date: '2020-02-01', iso3: 'SYR', ...IDLIB }), pEvent({ ...EAST_30KM, event_date: '2020-03-11' })], control_changes: [{ location: 'Aleppo', date: '2020-03-11', to_actor: 'Syrian army' }], claims: [{ claim_type: 'killed', value_low: 2, source: 'UN' }] },
      { article: { path: 'x/b.txt' }, events: [pEvent({ event_type: 'Riots', sub_event_type: 'Violent demonstration' })] },
      // loosely typed JSON, as any extractor might print it
      { article: { id: 'c.txt' }, events: [pEvent({ latitude: '36.2', longitude: '37.16', fatalities: '', event_date: 'soon' }), pEvent({ latitude: '36.2', longitude: '37.16', fatalities: '0' })], control_changes: [{ location: 'x', latitude: '', date: '2020-01-01', to_side: ['a', 'b'] }], claims: [{ claim_type: 'Deaths', value: '4' }] },
      { article: { file: 'unpaired.txt' }, events: [pEvent()] },
    ];
    assert.deepEqual(scoreExtractions(golds, preds).summary, referenceSummary(golds, preds));
  });

  test('devset gold against perturbed predictions gives the same summary', { skip: haveShared && existsSync(DEVSET_GOLD) ? false : 'needs ../shared/devset (absent)' }, () => {
    const golds = parseGold(readFileSync(DEVSET_GOLD, 'utf8'), DEVSET_GOLD);
    for (const seed of [0, 1, 4]) {
      const preds = golds.filter((_, i) => (i + seed) % 11 !== 0).map((g, i) => perturb(g, seed + i));
      const goldLines = golds.map(({ line: _line, ...g }) => g);
      assert.deepEqual(scoreExtractions(golds, preds).summary, referenceSummary(goldLines, preds), `seed ${seed}`);
    }
  });
});
