/**
 * Ingestion against a real SQLite store, with a scripted extractor (the
 * extractor is not under test here: each article's text names the events it
 * reports). Idempotence, near-copies, cross-article fusion, control changes,
 * claims and failed imports.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Article, Extraction, SitrepEvent } from '../domain/types.js';
import { readInputs } from '../read/index.js';
import { createIngester, excerptOf, ingestAll, inputPathOf, type ArticleExtractor } from './ingest.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import { makeArticle, makeClaim, makeControlChange, makeEvent } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-ingest-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshStore = () => openSqliteStore(join(dir, `ingest-${++n}.db`));

/** An extractor scripted by marker words in the text. */
function scripted(script: Record<string, Partial<Extraction>>): ArticleExtractor {
  return {
    extract(article: Article): Extraction {
      const { text: _t, zones: _z, ...meta } = article;
      const hit = Object.entries(script).find(([marker]) => article.text.includes(marker));
      if (article.text.includes('CRASH')) throw new Error('extractor bug on this article');
      return { article: meta, events: [], control_changes: [], claims: [], ...(hit?.[1] ?? {}) };
    },
  };
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const strike = (p: Partial<SitrepEvent> = {}) => makeEvent({ evidence: [{ field: 'sub_event_type', start: 0, end: 10, text: 'air strike' }], ...p });
const LONG = 'Government warplanes carried out an air strike on the market of the town on Monday morning, killing several people and wounding many more, witnesses told reporters at the scene.';

describe('ingest', () => {
  it('is idempotent: the same article twice is stored once', async () => {
    const store = await freshStore();
    const ing = createIngester({ store, extractor: scripted({ market: { events: [strike()] } }) });
    const a = makeArticle(LONG);
    const first = await ing.ingestArticle(a);
    const again = await ing.ingestArticle(a);
    assert.equal(first.status, 'stored');
    assert.deepEqual(again, { status: 'skipped', id: a.id });
    assert.equal((await all(store.articles())).length, 1);
    assert.equal((await all(store.events())).length, 1);
    await store.close();
  });

  it('fuses reports of the same event from two articles, with reasons', async () => {
    const store = await freshStore();
    const ing = createIngester({ store, extractor: scripted({ 'Wire A': { events: [strike({ fatalities: 5, fatalities_low: 5, fatalities_high: 5 })] }, 'Wire B': { events: [strike({ fatalities: 3, fatalities_low: 3, fatalities_high: 3 })] } }) });
    await ing.ingestArticle(makeArticle(`Wire A. ${LONG}`, { source: 'Wire A' }));
    const out = await ing.ingestArticle(makeArticle(`Wire B reports: jets bombed the town market, many dead. ${LONG.split(' ').reverse().join(' ')}`, { source: 'Wire B' }));
    assert.equal(out.status, 'stored');
    assert.equal(out.status === 'stored' && out.mergedReports, 1);
    const [e] = await all(store.events());
    assert.equal(e!.source_count, 2);
    assert.deepEqual(e!.sources, ['Wire A', 'Wire B']);
    assert.equal(e!.fatalities, 3);
    assert.equal(e!.fatalities_high, 5);
    const d = (await store.event(e!.id))!;
    assert.deepEqual(d.reports.map((r) => r.link.rule), ['new', 'merged']);
    assert.match(d.reports[1]!.link.reasons.join('; '), /same sub-type.*same date.*same place.*shared actor/);
    await store.close();
  });

  it('links a near-copy (syndication) to its original and does not count it as a source', async () => {
    const store = await freshStore();
    const ing = createIngester({ store, extractor: scripted({ market: { events: [strike()] } }) });
    const original = makeArticle(`${LONG} Source: AP`, { source: 'AP' });
    const copy = makeArticle(`${LONG} Source: The Post (AP)`, { source: 'The Post' });
    await ing.ingestArticle(original);
    const out = await ing.ingestArticle(copy);
    assert.equal(out.status === 'stored' && out.duplicateOf, original.id);
    const stored = (await store.article(copy.id))!;
    assert.ok(stored.similarity! >= 0.8);
    const [e] = await all(store.events());
    assert.equal(e!.source_count, 1);
    assert.equal(e!.report_count, 2);
    assert.deepEqual((await store.event(e!.id))!.reports.map((r) => r.link.rule), ['new', 'copy']);
    await store.close();
  });

  it('stores reported and implied control changes, and claims with the article\'s country', async () => {
    const store = await freshStore();
    const capture = makeEvent({ sub_event_type: 'Government regains territory', event_type: 'Battles', location: 'Kidal', geonameid: 2455290, latitude: 18.44, longitude: 1.41, iso3: 'MLI', country: 'Mali', actor1: 'Military Forces of Mali', actor2: 'CSP' });
    const ing = createIngester({ store, extractor: scripted({ market: { events: [strike(), capture], control_changes: [makeControlChange()], claims: [makeClaim()] } }) });
    await ing.ingestArticle(makeArticle(LONG));
    const reported = await store.controlChanges({ name: 'Khan Shaykhun' });
    assert.equal(reported.length, 1);
    assert.equal(reported[0]!.origin, 'reported');
    const implied = await store.controlChanges({ name: 'kidal' });
    assert.equal(implied.length, 1);
    assert.equal(implied[0]!.origin, 'implied');
    assert.equal(implied[0]!.to_actor, 'Military Forces of Mali');
    assert.equal(implied[0]!.from_actor, 'CSP');
    assert.ok(implied[0]!.event_id);
    const claims = await store.claims();
    assert.equal(claims.length, 1);
    assert.equal(claims[0]!.iso3, 'SYR');
    await store.close();
  });

  it('keeps two events of one article apart even when they look alike (the extractor already split them)', async () => {
    const store = await freshStore();
    const ing = createIngester({ store, extractor: scripted({ market: { events: [strike(), strike({ actor1: 'Military Forces of Russia' })] } }) });
    await ing.ingestArticle(makeArticle(LONG));
    assert.equal((await all(store.events())).length, 2);
    await store.close();
  });

  it('records bad input as failed imports, stores the rest, and forgets a failure once fixed', async () => {
    const store = await freshStore();
    const inputs = join(dir, `inputs-${n}`);
    mkdirSync(inputs);
    writeFileSync(join(inputs, 'a.txt'), `date 2019-08-20 ${LONG}\n`);
    writeFileSync(join(inputs, 'b.json'), '{"text": "unterminated');
    writeFileSync(join(inputs, 'c.txt'), `date 2019-08-20 CRASH ${LONG}\n`);
    writeFileSync(join(inputs, 'd.jsonl'), `{"text": "${LONG}", "date": "2019-08-20"}\nnot json\n`);
    const ing = createIngester({ store, extractor: scripted({ market: { events: [strike()] } }) });
    const s1 = await ingestAll(ing, readInputs([inputs]));
    assert.equal(s1.errors, 3);
    assert.equal(s1.stored, 2);
    const failed = await store.failedImports();
    assert.deepEqual(failed.map((f) => [f.path.replace(inputs, ''), f.stage]), [['/b.json', 'read'], [`/c.txt`, 'extract'], ['/d.jsonl', 'read']]);
    assert.match(failed[1]!.reason, /extractor bug/);
    // fix b.json and d.jsonl, then run again: their failures go, c.txt's stays
    writeFileSync(join(inputs, 'b.json'), `{"text": "Police arrested ten protesters in the capital on Monday, a spokesman said, adding that they were released later."}`);
    writeFileSync(join(inputs, 'd.jsonl'), `{"text": "${LONG}", "date": "2019-08-20"}\n`);
    const s2 = await ingestAll(ing, readInputs([inputs]));
    assert.equal(s2.errors, 1);
    assert.deepEqual((await store.failedImports()).map((f) => f.path.replace(inputs, '')), ['/c.txt']);
    await store.close();
  });

  it('inputPathOf strips record positions; excerptOf returns the sentence', () => {
    assert.equal(inputPathOf('in/x.jsonl:3'), 'in/x.jsonl');
    assert.equal(inputPathOf('in/x.json#2'), 'in/x.json');
    assert.equal(inputPathOf('in/x.txt'), 'in/x.txt');
    const text = 'First sentence. Jets carried out an air strike on the market. Last one.';
    const start = text.indexOf('air strike');
    assert.equal(excerptOf(text, makeEvent({ evidence: [{ field: 'sub_event_type', start, end: start + 10, text: 'air strike' }] })), 'Jets carried out an air strike on the market.');
  });
});
