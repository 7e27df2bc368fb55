import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { readDocument, readInputs, type ReadResult } from './index.js';
import { zoneProblems } from './layout.js';

const dir = fileURLToPath(new URL('../../test/fixtures/read', import.meta.url));
const fixture = (name: string): string => path.join(dir, name);

async function collect(paths: string[], opts = {}, io = {}): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readInputs(paths, opts, io)) out.push(r);
  return out;
}

const line = (r: ReadResult): string =>
  'error' in r ? `error ${path.relative(dir, r.error.file)}: ${r.error.reason}` : `${r.article.file} ${String(r.article.published)}`;

describe('readInputs', () => {
  it('reads a directory tree in order, skipping hidden files, reporting bad files and going on', async () => {
    const results = await collect([fixture('tree'), fixture('missing.txt'), fixture('binary.bin'), fixture('empty.txt')]);
    assert.deepEqual(results.map(line), [
      'a.txt 2020-01-02',
      'b.txt 2020-01-01',
      'c.md null',
      `error ${path.join('tree', 'sub', 'empty.txt')}: empty file`,
      'error missing.txt: no such file or directory',
      'error binary.bin: binary file (contains NUL bytes)',
      'error empty.txt: empty file',
    ]);
  });

  it('reads every fixture with sound zones and one-line errors', async () => {
    for (const r of await collect([dir])) {
      if ('error' in r) assert.doesNotMatch(r.error.message, /\n/);
      else assert.deepEqual(zoneProblems(r.article.text, r.article.zones), [], r.article.file);
    }
  });

  it('uses --date only when the article has no date of its own', async () => {
    const results = await collect([fixture('no-date.txt'), fixture('article.txt')], { date: '2024-01-31' });
    assert.deepEqual(results.map(line), ['no-date.txt 2024-01-31', 'article.txt 2023-11-15']);
  });

  it('sniffs the format of stdin', async () => {
    async function* stdin(): AsyncGenerator<string> {
      yield '{"id": 7, "text": "Rebels attacked Bangui."}\n{"id": 8, "text": "Troops pushed them back."}\n';
    }
    const results = await collect(['-'], {}, { stdin: stdin() });
    assert.deepEqual(results.map(line), ['-#7 null', '-#8 null']);
    const first = results[0];
    assert.ok(first && 'article' in first);
    assert.equal(first.article.path, '-');
  });

  it('rejects an invalid --date as a caller error', async () => {
    await assert.rejects(collect([fixture('article.txt')], { date: '2024-13-01' }), RangeError);
  });
});

describe('readDocument', () => {
  it('builds the Article: file, path, content id and the text as read', () => {
    const bytes = readFileSync(fixture('article.txt'));
    const [r] = readDocument('some/dir/article.txt', bytes);
    assert.ok(r && 'article' in r);
    const a = r.article;
    assert.equal(a.file, 'article.txt');
    assert.equal(a.path, 'some/dir/article.txt');
    assert.equal(a.text, bytes.toString('utf8'));
    assert.equal(a.id, createHash('sha256').update(a.text).digest('hex').slice(0, 16));
    assert.equal(a.record_id, null);
    assert.equal(a.title, 'Mali army enters Kidal after rebel withdrawal');
    assert.equal(a.source, 'Reuters and agencies');
    assert.equal(a.url, null);
  });

  it('removes a UTF-8 BOM, decodes UTF-16 and keeps CRLF text as is', () => {
    const bom = readDocument('bom.txt', readFileSync(fixture('bom.txt')))[0];
    assert.ok(bom && 'article' in bom);
    assert.ok(bom.article.text.startsWith('date 2021-01-14 '));
    const utf16 = readDocument('utf16.txt', readFileSync(fixture('utf16.txt')))[0];
    assert.ok(utf16 && 'article' in utf16);
    assert.equal(utf16.article.published, '2022-11-11');
    const crlf = readDocument('crlf.txt', readFileSync(fixture('crlf.txt')))[0];
    assert.ok(crlf && 'article' in crlf);
    assert.equal(crlf.article.text, 'date 2024-06-30 First line lede.\r\n\r\nBody paragraph one.\r\n');
    assert.deepEqual(
      crlf.article.zones.map((z) => crlf.article.text.slice(z.start, z.end)),
      ['First line lede.', 'Body paragraph one.'],
    );
  });

  it('reports each failure mode as one error naming the file', () => {
    const cases: [string, Buffer | string, string][] = [
      ['binary.bin', readFileSync(fixture('binary.bin')), 'binary file (contains NUL bytes)'],
      ['latin1.txt', readFileSync(fixture('latin1.txt')), 'binary file (not valid UTF-8)'],
      ['empty.txt', Buffer.alloc(0), 'empty file'],
      ['blank.txt', readFileSync(fixture('blank.txt')), 'empty file'],
      ['malformed.json', readFileSync(fixture('malformed.json')), 'malformed JSON at line 3: Expected double-quoted property name'],
    ];
    for (const [name, content, reason] of cases) {
      const results = readDocument(name, content);
      assert.equal(results.length, 1, name);
      const [r] = results;
      assert.ok(r && 'error' in r, name);
      assert.equal(r.error.file, name);
      assert.equal(r.error.reason, reason);
      assert.equal(r.error.message, `${name}: ${reason}`);
    }
  });

  it('reads a text without a date as published null: not an error', () => {
    const [r] = readDocument('-', 'Gunmen killed three farmers near Konduga on Sunday.');
    assert.ok(r && 'article' in r);
    assert.equal(r.article.published, null);
    assert.equal(r.article.file, '-');
  });
});
