import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';

import { GoldFormatError, parseGold } from './gold.js';

const EVENT = { id: 'e1', event_type: 'Battles', event_date: '2020-03-10', latitude: 36.2, longitude: 37.1 };
const line = (o: object) => JSON.stringify(o);

/** The error parseGold throws for a text, or a failure. */
function errorOf(text: string): GoldFormatError {
  try {
    parseGold(text, 'gold.jsonl');
  } catch (e) {
    assert.ok(e instanceof GoldFormatError);
    return e;
  }
  assert.fail('expected a GoldFormatError');
}

describe('parseGold', () => {
  test('reads articles, skips blank lines and records the real line numbers', () => {
    const g = parseGold(`\n${line({ article: 'a.txt', events: [EVENT] })}\n\n${line({ article: 'b.txt' })}\n`, 'gold.jsonl');
    assert.deepEqual(g.map((a) => [a.article, a.line]), [['a.txt', 2], ['b.txt', 4]]);
  });
  test('bad JSON names the file and the line', () => {
    const e = errorOf(`${line({ article: 'a.txt' })}\n\n{"article": "b.txt",\n`);
    assert.equal(e.line, 3);
    assert.equal(e.code, 'GOLD_FORMAT');
    assert.match(e.message, /^gold\.jsonl:3: not valid JSON/);
  });
  test('missing or mistyped fields name the field', () => {
    assert.match(errorOf(line({ events: [] })).message, /gold\.jsonl:1: article: expected/);
    assert.match(errorOf(line({ article: 'a', events: {} })).message, /events: expected a list/);
    assert.match(errorOf(line({ article: 'a', events: [{ ...EVENT, event_type: [] }] })).message, /events\[0\]\.event_type/);
    assert.match(errorOf(line({ article: 'a', events: [{ ...EVENT, event_date: 'soon' }] })).message, /events\[0\]\.event_date/);
    assert.match(errorOf(line({ article: 'a', events: [{ ...EVENT, latitude: '36' }] })).message, /events\[0\]\.latitude/);
    assert.match(errorOf(line({ article: 'a', events: [{ ...EVENT, longitude: null }] })).message, /events\[0\]\.longitude/);
    assert.match(errorOf(line({ article: 'a', claims: [{ claim_type: 'fatalities' }] })).message, /claims\[0\]\.value_low/);
    assert.match(errorOf(line({ article: 'a', control_changes: [{ date: '2020-01-01' }] })).message, /control_changes\[0\]\.location/);
  });
  test('duplicate articles and empty files are errors', () => {
    assert.match(errorOf(`${line({ article: 'a' })}\n${line({ article: 'a' })}`).message, /:2: duplicate article a \(first on line 1\)/);
    assert.equal(errorOf('\n\n').line, null);
  });
});
