/**
 * The query commands end to end: a store is filled in-process (scripted
 * extractor), then `sitrep events|control|claims|stats` run as child processes
 * against it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Article, Extraction } from '../domain/types.js';
import { createIngester } from './ingest.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import { makeArticle, makeClaim, makeControlChange, makeEvent } from './testing.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
const db = join(dir, 'cli.db');
after(() => rmSync(dir, { recursive: true, force: true }));

function sitrep(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args, '--db', db], { cwd: ROOT, encoding: 'utf8' });
}

before(async () => {
  const store = await openSqliteStore(db);
  const byText: Record<string, Partial<Extraction>> = {
    Reuters: { events: [makeEvent({ fatalities: 5, fatalities_low: 5, fatalities_high: 5 })], claims: [makeClaim({ value_low: 500, value_high: 700, source: 'SOHR', qualifier: null })], control_changes: [makeControlChange({ held_since: '2014' })] },
    TRT: { events: [makeEvent()], claims: [makeClaim()], control_changes: [makeControlChange({ to_actor: 'HTS: Hayat Tahrir al-Sham', date: '2019-08-20' })] },
  };
  const ing = createIngester({
    store,
    extractor: {
      extract(a: Article): Extraction {
        const { text: _t, zones: _z, ...meta } = a;
        return { article: meta, events: [], control_changes: [], claims: [], ...byText[a.source!] };
      },
    },
  });
  await ing.ingestArticle(makeArticle('Syrian jets struck a Turkish convoy near Maarat al-Numan, killing five people, a monitor said.', { source: 'Reuters' }));
  await ing.ingestArticle(makeArticle('An air strike hit a convoy in Maarat al-Numan, killing three civilians.', { source: 'TRT' }));
  await store.close();
});

describe('query commands', () => {
  it('events --format csv prints ACLED columns and the fused event', () => {
    const r = sitrep('events', '--format', 'csv', '--country', 'Syria');
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^event_id_cnty,event_date,year,time_precision,disorder_type,/);
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /^SYR1,2019-08-19,2019,1,Political violence,/);
  });

  it('events --text and --bbox filter; --format geojson is one collection', () => {
    assert.equal(sitrep('events', '--text', 'convoy').stdout.trim().split('\n').length, 1);
    assert.equal(sitrep('events', '--text', 'parliament').stdout.trim(), '');
    const g = JSON.parse(sitrep('events', '--format', 'geojson', '--bbox', '36,35,37,36').stdout) as { features: unknown[] };
    assert.equal(g.features.length, 1);
  });

  it('events show explains the merge', () => {
    const r = sitrep('events', 'show', '1');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /fatalities: +3 \(low 3, high 5\); rule: lowest reported figure \(ACLED conservative\)/);
    assert.match(r.stdout, /merged, score .*\n.*\n +why: +same sub-type \(Air\/drone strike\); same date/);
    assert.equal(sitrep('events', 'show', '99').status, 1);
  });

  it('control prints the timeline with the conflict marked, and --at answers for a date', () => {
    const r = sitrep('control', 'khan shaykhun');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /2014 → 2019-08-19 +Opposition Rebels \(Syria\)/);
    assert.match(r.stdout, /\[CONFLICT\]/);
    assert.match(sitrep('control', 'Khan Shaykhun', '--at', '2016-01-01').stdout, /on 2016-01-01: held by Opposition Rebels \(Syria\)/);
    assert.equal(sitrep('control', 'Atlantis').status, 1);
  });

  it('claims shows disagreeing sources side by side', () => {
    const r = sitrep('claims', '--country', 'SYR');
    assert.match(r.stdout, /^DISAGREE fatalities \(civilians\) in Idlib, Syria, 2019-04 onwards: 500 to 730\n +SOHR +500-700 .*\n +UOSSM +more than 730/);
  });

  it('stats counts by type, month and country', () => {
    const s = JSON.parse(sitrep('stats', '--json').stdout) as { events: number; articles: number; byCountry: { key: string; count: number }[] };
    assert.equal(s.events, 1);
    assert.equal(s.articles, 2);
    assert.deepEqual(s.byCountry, [{ key: 'Syria', count: 1 }]);
  });

  it('rejects a bad filter with a message, not a stack trace', () => {
    const r = sitrep('events', '--bbox', '1,2,3');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /expected minLon,minLat,maxLon,maxLat/);
  });
});

describe('sitrep ingest --retry-failed', () => {
  it('records a bad input, then re-reads it once fixed and forgets the failure', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const inputs = join(dir, 'retry');
    mkdirSync(inputs);
    const retryDb = join(dir, 'retry.db');
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'ingest', '--quiet', '--db', retryDb, ...args], { cwd: ROOT, encoding: 'utf8' });
    writeFileSync(join(inputs, 'good.txt'), 'date 2023-02-10 Russian artillery shelled Kramatorsk on 9 February, killing two civilians, Ukrainian officials said.\n');
    writeFileSync(join(inputs, 'bad.json'), '{"text": "never closed');
    const first = run(inputs);
    assert.equal(first.status, 1, first.stderr);
    assert.match(first.stderr, /1 articles \(1 new.*1 errors/);
    writeFileSync(join(inputs, 'bad.json'), '{"text": "Police arrested 50 opposition activists in Dhaka on 19 July, a police spokesman said.", "date": "2024-07-20"}');
    const retry = run('--retry-failed');
    assert.equal(retry.status, 0, retry.stderr);
    assert.match(retry.stderr, /1 articles \(1 new.*0 errors/);
    const store = await openSqliteStore(retryDb);
    try {
      assert.deepEqual(await store.failedImports(), []);
      assert.equal((await store.stats()).articles, 2);
    } finally {
      await store.close();
    }
    assert.match(run('--retry-failed').stderr, /no failed imports to retry/);
  });
});
