import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { InputError, type Zone } from '../domain/types.js';
import type { Draft } from './article.js';
import { readJson } from './json.js';
import { zoneProblems } from './layout.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/read/${name}`, import.meta.url), 'utf8');
const zoned = (text: string, zones: Zone[]): [string, string][] => zones.map((z) => [z.kind, text.slice(z.start, z.end)]);
const read = (name: string, text = fixture(name)): (Draft | InputError)[] => readJson({ path: `in/${name}`, name, text });
const summary = (r: Draft | InputError): string =>
  r instanceof InputError ? `error ${r.message}` : `#${String(r.record)} ${String(r.record_id)} ${String(r.published)} ${r.text.slice(0, 20)}`;

describe('readJson: JSON Lines', () => {
  const results = read('records.jsonl');

  it('reads every good line and names each bad one file:line', () => {
    assert.deepEqual(results.map(summary), [
      '#a1 a1 2024-06-25 Police fired tear ga',
      'error in/records.jsonl:2: malformed JSON: Unexpected end of JSON input',
      'error in/records.jsonl:3: record has no text field (text, body, content)',
      '#d07 d07 2022-11-11 date 2022-11-11 Ukra',
      '#6 null 2023-08-12 Gunmen attacked a ch',
    ]);
  });

  it('reads date, source object, url and id fields', () => {
    const first = results[0];
    assert.ok(first && !(first instanceof InputError));
    assert.deepEqual(
      { published: first.published, source: first.source, url: first.url, record_id: first.record_id },
      { published: '2024-06-25', source: 'Kenya Wire', url: 'https://kenya-wire.example/a1', record_id: 'a1' },
    );
    assert.deepEqual(zoned(first.text, first.zones), [['body', first.text]]);
  });

  it('zones a record text in the plain-text layout like a .txt file', () => {
    const d = results[3];
    assert.ok(d && !(d instanceof InputError));
    assert.deepEqual(zoneProblems(d.text, d.zones), []);
    assert.deepEqual(zoned(d.text, d.zones), [
      ['lede', 'Ukrainian troops entered Kherson on Friday.'],
      ['dateline', 'KYIV, Nov 11 (Reuters) -'],
      ['body', 'Crowds greeted the soldiers in the central square.'],
      ['source', 'Source: Reuters'],
    ]);
    assert.equal(d.source, 'Reuters');
  });

  it('renders an HTML record text', () => {
    const d = results[4];
    assert.ok(d && !(d instanceof InputError));
    assert.equal(d.text, 'Gunmen attacked a checkpoint near Gao.\n\nTwo soldiers were killed.');
    assert.equal(d.title, 'Checkpoint attack');
  });

  it('recognises JSON Lines in a .json file', () => {
    const text = '{"text": "One."}\n{"text": "Two."}\n';
    assert.deepEqual(read('lines.json', text).map(summary), ['#1 null null One.', '#2 null null Two.']);
  });
});

describe('readJson: JSON', () => {
  it('reads an array of records, numbering those without id', () => {
    assert.deepEqual(read('records.json').map(summary), [
      '#x1 x1 2019-01-30 Two men were killed ',
      '#2 null 2021-01-13 Rebels attacked the ',
      'error in/records.json#3: record is not a JSON object',
    ]);
  });

  it('reads a single object as a whole-file article', () => {
    const [d] = read('single.json');
    assert.ok(d && !(d instanceof InputError));
    assert.equal(d.record, null);
    assert.equal(d.title, 'Ceasefire signed');
    assert.equal(d.published, '2020-10-23');
  });

  it('reports malformed JSON with its line', () => {
    assert.deepEqual(read('malformed.json').map(summary), [
      'error in/malformed.json: malformed JSON at line 3: Expected double-quoted property name',
    ]);
  });

  it('reads the records of an API wrapper object', () => {
    const text = JSON.stringify({
      status: 'ok',
      articles: [{ source: { id: null, name: 'Dawn' }, publishedAt: '2023-05-10T04:00:00Z', content: 'Protesters set fire to a building in Peshawar.' }],
    });
    const [d] = read('news.json', text);
    assert.ok(d && !(d instanceof InputError));
    assert.deepEqual([d.record, d.source, d.published], [1, 'Dawn', '2023-05-10']);
  });

  it('reports an empty array', () => {
    assert.deepEqual(read('none.json', '[]').map(summary), ['error in/none.json: JSON array has no records']);
  });
});
