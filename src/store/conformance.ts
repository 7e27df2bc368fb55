/**
 * @module store/conformance
 * The one test suite every {@link Store} implementation must pass (after
 * hono's shared router tests and kysely's per-dialect suites). An
 * implementation's test file is a few lines:
 *
 * @example
 * runStoreConformance('sqlite', async () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-')), 'test.db')));
 *
 * Tests that need an optional capability (full-text search) are skipped when
 * the implementation does not declare it. Each test gets a fresh, empty store
 * and closes it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuseReports, type Report } from '../fuse/across-articles.js';
import type { SitrepEvent } from '../domain/types.js';
import { isStoreError } from './errors.js';
import { bandKeys, signature } from './minhash.js';
import type { BBox, EventFields, NewArticle, Store, StoredEvent } from './store.js';
import { makeClaim, makeControlChange, makeEvent } from './testing.js';

/** Makes a fresh, empty store. */
export type StoreMaker = () => Promise<Store>;

let articleCounter = 0;

/** A new article to store, with a unique id. */
function newArticle(p: Partial<NewArticle['meta']> = {}, extra: Partial<Omit<NewArticle, 'meta'>> = {}): NewArticle {
  articleCounter++;
  return {
    meta: { file: `a${articleCounter}.txt`, path: `in/a${articleCounter}.txt`, id: `art${String(articleCounter).padStart(13, '0')}`, record_id: null, title: null, published: '2019-08-20', source: 'Wire', url: null, ...p },
    minhash: null,
    bands: [],
    duplicate_of: null,
    similarity: null,
    ...extra,
  };
}

function fields(p: Partial<SitrepEvent> = {}, text = ''): EventFields {
  const report: Report = { event: makeEvent(p), article_id: 'x', published: '2019-08-20', outlet: 'Wire', copy: false, excerpt: text || null };
  return fuseReports([report]);
}

/** Stores one article with one event per field set; returns the event ids. */
async function seed(store: Store, events: EventFields[], article: NewArticle = newArticle()): Promise<number[]> {
  return store.unitOfWork(async (tx) => {
    await tx.insertArticle(article);
    const ids: number[] = [];
    for (const [i, f] of events.entries()) {
      const id = await tx.insertEvent(f);
      await tx.insertReport({ event_id: id, article_id: article.meta.id, index: i, published: article.meta.published, outlet: 'Wire', copy: false, event: makeEvent(), excerpt: null, link: { rule: 'new', score: 1, reasons: ['first'] } });
      ids.push(id);
    }
    return ids;
  });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const ids = (es: StoredEvent[]) => es.map((e) => e.id);

/**
 * Registers the conformance suite for one implementation.
 * @param name the implementation's name (test titles)
 * @param makeStore makes a fresh, empty store per test
 */
export function runStoreConformance(name: string, makeStore: StoreMaker): void {
  const withStore = (title: string, fn: (s: Store) => Promise<void>, opts: { skip?: (s: Store) => string | false } = {}) =>
    it(title, async (t) => {
      const store = await makeStore();
      try {
        const skip = opts.skip?.(store);
        if (skip) t.skip(skip);
        else await fn(store);
      } finally {
        await store.close();
      }
    });

  describe(`Store conformance: ${name}`, () => {
    describe('schema and units of work', () => {
      withStore('reports a schema version and capabilities', async (s) => {
        assert.ok(s.schemaVersion >= 1);
        for (const k of ['fullTextSearch', 'spatialIndex', 'concurrentWriters', 'transactionalDdl'] as const) assert.equal(typeof s.capabilities[k], 'boolean');
      });

      withStore('commits a unit of work', async (s) => {
        const a = newArticle({ title: 'Kept' });
        await s.unitOfWork((tx) => tx.insertArticle(a));
        assert.equal((await s.article(a.meta.id))?.title, 'Kept');
      });

      withStore('rolls back every write of a failed unit of work', async (s) => {
        const a = newArticle();
        await assert.rejects(
          s.unitOfWork(async (tx) => {
            await tx.insertArticle(a);
            await tx.insertEvent(fields());
            await tx.recordFailure({ key: 'k', path: 'p', stage: 'read', code: 'X', reason: 'r' });
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await s.article(a.meta.id), null);
        assert.equal((await collect(s.events())).length, 0);
        assert.deepEqual(await s.failedImports(), []);
      });

      withStore('runs units of work one at a time, in call order', async (s) => {
        const order: string[] = [];
        const slow = s.unitOfWork(async (tx) => {
          order.push('a-start');
          await new Promise((r) => setTimeout(r, 20));
          await tx.insertArticle(newArticle());
          order.push('a-end');
        });
        const fast = s.unitOfWork(async (tx) => {
          order.push('b-start');
          await tx.insertArticle(newArticle());
          order.push('b-end');
        });
        await Promise.all([slow, fast]);
        assert.deepEqual(order, ['a-start', 'a-end', 'b-start', 'b-end']);
      });

      withStore('a failed unit of work does not stop the next', async (s) => {
        await assert.rejects(s.unitOfWork(async () => { throw new Error('first'); }));
        const a = newArticle();
        await s.unitOfWork((tx) => tx.insertArticle(a));
        assert.ok(await s.article(a.meta.id));
      });

      it('refuses use after close with CLOSED', async () => {
        const s = await makeStore();
        await s.close();
        await assert.rejects(s.unitOfWork(async () => undefined), (e) => isStoreError(e, 'CLOSED'));
        await s.close();
      });
    });

    describe('articles', () => {
      withStore('stores metadata and keeps ingestion order', async (s) => {
        const a = newArticle({ title: 'T', record_id: 7, url: 'https://x.test/1' });
        const b = newArticle({ record_id: 'r-2' });
        await s.unitOfWork(async (tx) => {
          await tx.insertArticle(a);
          await tx.insertArticle(b);
        });
        const all = await collect(s.articles());
        assert.deepEqual(all.map((x) => x.id), [a.meta.id, b.meta.id]);
        assert.deepEqual(all.map((x) => x.seq), [1, 2]);
        assert.equal(all[0]!.record_id, 7);
        assert.equal(all[1]!.record_id, 'r-2');
        assert.equal(all[0]!.url, 'https://x.test/1');
      });

      withStore('rejects the same content hash twice with CONSTRAINT', async (s) => {
        const a = newArticle();
        await s.unitOfWork((tx) => tx.insertArticle(a));
        await assert.rejects(s.unitOfWork((tx) => tx.insertArticle(a)), (e) => isStoreError(e, 'CONSTRAINT'));
      });

      withStore('finds near-duplicate candidates through shared bands', async (s) => {
        const text = 'Government forces shelled the town of Kafr Nabl on Monday killing five civilians including two children according to rescuers';
        const sig = signature(text)!;
        const original = newArticle({}, { minhash: sig, bands: bandKeys(sig) });
        const other = signature('Protesters gathered in the capital on Friday to demand the release of detained journalists and an end to curfews')!;
        await s.unitOfWork(async (tx) => {
          await tx.insertArticle(original);
          await tx.insertArticle(newArticle({}, { minhash: other, bands: bandKeys(other) }));
        });
        const found = await s.unitOfWork((tx) => tx.similarArticles(bandKeys(signature(`${text} (AFP)`)!), 10));
        assert.deepEqual(found.map((f) => f.id), [original.meta.id]);
        assert.deepEqual([...found[0]!.minhash], [...sig]);
      });

      withStore('links a duplicate to its original', async (s) => {
        const a = newArticle();
        const b = newArticle({}, { duplicate_of: a.meta.id, similarity: 0.9 });
        await s.unitOfWork(async (tx) => {
          await tx.insertArticle(a);
          await tx.insertArticle(b);
        });
        const got = await s.article(b.meta.id);
        assert.equal(got?.duplicate_of, a.meta.id);
        assert.equal(got?.similarity, 0.9);
      });
    });

    describe('events and reports', () => {
      withStore('round-trips every field of an event', async (s) => {
        const f = fields({ assoc_actor_1: 'Military Forces of Russia', fatalities: 3, fatalities_high: 7, injuries: 12 }, 'An air strike hit the market.');
        const [id] = await seed(s, [f]);
        const d = await s.event(id!);
        assert.ok(d);
        const { search_text: _a, ...want } = f;
        const { id: _i, updated_at, search_text: _b, ...got } = d.event;
        assert.deepEqual(got, want);
        assert.ok(!Number.isNaN(Date.parse(updated_at)));
        assert.equal(d.reports.length, 1);
        assert.deepEqual(d.reports[0]!.link, { rule: 'new', score: 1, reasons: ['first'] });
        assert.deepEqual(d.reports[0]!.event, makeEvent());
      });

      withStore('updates an event and its indexes', async (s) => {
        const [id] = await seed(s, [fields({}, 'convoy')]);
        await s.unitOfWork((tx) => tx.updateEvent(id!, fields({ location: 'Khan Shaykhun', latitude: 35.44, longitude: 36.65, geonameid: 168325 }, 'checkpoint')));
        assert.equal((await s.event(id!))?.event.location, 'Khan Shaykhun');
        assert.deepEqual(ids(await collect(s.events({ bbox: [36.6, 35.4, 36.7, 35.5] }))), [id]);
        assert.deepEqual(ids(await collect(s.events({ bbox: [36.6, 35.6, 36.7, 35.7] }))), []);
        if (s.capabilities.fullTextSearch) {
          assert.deepEqual(ids(await collect(s.events({ text: 'checkpoint' }))), [id]);
          assert.deepEqual(ids(await collect(s.events({ text: 'convoy' }))), []);
        }
      });

      withStore('updating a missing event is a CONSTRAINT error', async (s) => {
        await assert.rejects(s.unitOfWork((tx) => tx.updateEvent(999, fields())), (e) => isStoreError(e, 'CONSTRAINT'));
      });

      withStore('finds fusion candidates by date window and box, and coarse events of the country', async (s) => {
        const [near, farDay, farPlace, coarse, otherCountry] = await seed(s, [
          fields(),
          fields({ event_date: '2019-08-25' }),
          fields({ location: 'Idlib', latitude: 35.93, longitude: 36.63, geonameid: 169388 }),
          fields({ location: 'Idlib', admin1: 'Idlib', geo_precision: 3, geonameid: 169387, latitude: 35.8, longitude: 36.6 }),
          fields({ iso3: 'TUR', country: 'Turkey', geo_precision: 3, latitude: 39, longitude: 35, geonameid: 298795 }),
        ]);
        const found = await s.unitOfWork((tx) => tx.eventCandidates({ dateFrom: '2019-08-18', dateTo: '2019-08-20', bbox: [36.6, 35.6, 36.75, 35.7], iso3: 'SYR', limit: 10 }));
        assert.deepEqual(found.map((e) => e.id).sort(), [near, coarse].sort());
        assert.ok(![farDay, farPlace, otherCountry].some((x) => found.some((e) => e.id === x)));
        const byCountry = await s.unitOfWork((tx) => tx.eventCandidates({ dateFrom: '2019-08-18', dateTo: '2019-08-20', bbox: null, iso3: 'SYR', limit: 10 }));
        assert.deepEqual(byCountry.map((e) => e.id).sort(), [near, farPlace, coarse].sort());
      });

      withStore('keeps the nearest dates when more candidates than the limit', async (s) => {
        const dates = ['2019-08-01', '2019-08-30', '2019-08-19', '2019-08-10', '2019-08-20'];
        const got = await seed(s, dates.map((d) => fields({ event_date: d })));
        const found = await s.unitOfWork((tx) => tx.eventCandidates({ dateFrom: '2019-07-19', dateTo: '2019-09-19', bbox: [36.6, 35.6, 36.75, 35.7], iso3: 'SYR', limit: 2 }));
        assert.deepEqual(found.map((e) => e.id), [got[2], got[4]]);
      });

      withStore('lists an article\'s events by report index', async (s) => {
        const a = newArticle();
        const [x, y] = await seed(s, [fields(), fields({ sub_event_type: 'Armed clash', event_type: 'Battles' })], a);
        const got = await s.unitOfWork((tx) => tx.eventsOfArticle(a.meta.id));
        assert.deepEqual(got.map((g) => [g.index, g.event.id]), [[0, x], [1, y]]);
      });

      withStore('refuses a report of an unknown article', async (s) => {
        await assert.rejects(
          s.unitOfWork(async (tx) => {
            const id = await tx.insertEvent(fields());
            await tx.insertReport({ event_id: id, article_id: 'nope', index: 0, published: null, outlet: 'W', copy: false, event: makeEvent(), excerpt: null, link: { rule: 'new', score: 1, reasons: [] } });
          }),
          (e) => isStoreError(e, 'CONSTRAINT'),
        );
      });
    });

    describe('event queries', () => {
      const world = (s: Store) =>
        seed(s, [
          fields({ event_date: '2019-08-19' }, 'air strike on a Turkish convoy'),
          fields({ event_date: '2019-08-21', sub_event_type: 'Armed clash', event_type: 'Battles', actor2: 'Hayat Tahrir al-Sham', location: 'Khan Shaykhun', latitude: 35.44208, longitude: 36.65095, geonameid: 168325, confidence: 0.5 }, 'fighting around the town'),
          fields({ event_date: '2019-09-02', iso3: 'TUR', country: 'Turkey', admin1: 'Hatay', location: 'Reyhanli', latitude: 36.2691, longitude: 36.5672, geonameid: 304531, historical: true }, 'car bomb'),
          fields({ event_date: null, time_precision: 3 }),
        ]);

      withStore('orders by date, undated last, then id', async (s) => {
        const [a, b, c, d] = await world(s);
        assert.deepEqual(ids(await collect(s.events())), [a, b, c, d]);
      });

      withStore('filters by date range', async (s) => {
        const [a, b] = await world(s);
        assert.deepEqual(ids(await collect(s.events({ dateFrom: '2019-08-19', dateTo: '2019-08-31' }))), [a, b]);
      });

      withStore('filters by country name or ISO3, and admin1', async (s) => {
        const [, , c] = await world(s);
        assert.deepEqual(ids(await collect(s.events({ country: 'tur' }))), [c]);
        assert.deepEqual(ids(await collect(s.events({ country: 'turkey' }))), [c]);
        assert.deepEqual(ids(await collect(s.events({ admin1: 'hatay' }))), [c]);
      });

      withStore('filters by bounding box and by radius', async (s) => {
        const [a, b, , d] = await world(s);
        assert.deepEqual(ids(await collect(s.events({ bbox: [36.5, 35.3, 36.8, 35.7] }))), [a, b, d]);
        assert.deepEqual(ids(await collect(s.events({ near: { lat: 35.44, lon: 36.65, km: 5 } }))), [b]);
        assert.deepEqual(ids(await collect(s.events({ near: { lat: 35.44, lon: 36.65, km: 30 } }))), [a, b, d]);
        assert.deepEqual(ids(await collect(s.events({ bbox: [40, 36, 41, 37] }))), []);
      });

      withStore('a bounding box includes events on its edges and crosses grid lines', async (s) => {
        const [, b, c] = await world(s);
        // Khan Shaykhun (35.44208, 36.65095) exactly on each edge in turn; Reyhanli and Khan Shaykhun in one box
        for (const box of [[36.65095, 35.4, 36.7, 35.5], [36.6, 35.4, 36.65095, 35.5], [36.6, 35.44208, 36.7, 35.5], [36.6, 35.4, 36.7, 35.44208]] as BBox[]) {
          assert.deepEqual(ids(await collect(s.events({ bbox: box }))), [b], String(box));
        }
        assert.deepEqual(ids(await collect(s.events({ bbox: [36.56, 35.44, 36.66, 36.27] }))), [b, c]);
        assert.deepEqual(ids(await collect(s.events({ bbox: [-180, -90, 180, 90], historical: 'only' }))), [c]);
      });

      withStore('filters by type, sub-type, actor and confidence', async (s) => {
        const [a, b, c] = await world(s);
        assert.deepEqual(ids(await collect(s.events({ eventType: 'Battles' }))), [b]);
        assert.deepEqual(ids(await collect(s.events({ subEventType: 'Air/drone strike', dateFrom: '2019-01-01' }))), [a, c]);
        assert.deepEqual(ids(await collect(s.events({ actor: 'tahrir' }))), [b]);
        assert.deepEqual(ids(await collect(s.events({ actor: '100%_' }))), []);
        assert.deepEqual(ids(await collect(s.events({ minConfidence: 0.6, dateFrom: '2019-01-01' }))), [a, c]);
      });

      withStore('includes, excludes or selects historical events', async (s) => {
        const [a, b, c, d] = await world(s);
        assert.deepEqual(ids(await collect(s.events({ historical: 'exclude' }))), [a, b, d]);
        assert.deepEqual(ids(await collect(s.events({ historical: 'only' }))), [c]);
        assert.equal((await collect(s.events({ historical: 'include' }))).length, 4);
      });

      withStore('searches text (words, phrases, prefixes, accents)', async (s) => {
        const [a, b] = await world(s);
        assert.deepEqual(ids(await collect(s.events({ text: 'convoy' }))), [a]);
        assert.deepEqual(ids(await collect(s.events({ text: '"turkish convoy"' }))), [a]);
        assert.deepEqual(ids(await collect(s.events({ text: '"convoy turkish"' }))), []);
        assert.deepEqual(ids(await collect(s.events({ text: 'fight*' }))), [b]);
        assert.deepEqual(ids(await collect(s.events({ text: 'TÜRKISH' }))), [a]);
        assert.deepEqual(ids(await collect(s.events({ text: 'convoy NEAR( OR' }))), []);
      }, { skip: (s) => !s.capabilities.fullTextSearch && 'no full-text search' });

      withStore('pages with limit and offset', async (s) => {
        const [, b, c] = await world(s);
        assert.deepEqual(ids(await collect(s.events({ limit: 2, offset: 1 }))), [b, c]);
      });

      withStore('rejects malformed filters with INVALID_ARGUMENT', async (s) => {
        for (const f of [{ dateFrom: '2019-13-45' }, { bbox: [10, 10, 0, 0] as [number, number, number, number] }, { near: { lat: 95, lon: 0, km: 1 } }, { minConfidence: 2 }, { limit: -1 }, { text: '!!' }]) {
          await assert.rejects(collect(s.events(f)), (e) => isStoreError(e, 'INVALID_ARGUMENT'), JSON.stringify(f));
        }
      });

      withStore('counts by type, month and country', async (s) => {
        await world(s);
        const st = await s.stats();
        assert.equal(st.events, 4);
        assert.equal(st.articles, 1);
        assert.equal(st.reports, 4);
        assert.deepEqual(st.byType, [{ key: 'Explosions/Remote violence', count: 3 }, { key: 'Battles', count: 1 }]);
        assert.deepEqual(st.byMonth, [{ key: '(none)', count: 1 }, { key: '2019-08', count: 2 }, { key: '2019-09', count: 1 }]);
        assert.deepEqual(st.byCountry, [{ key: 'Syria', count: 3 }, { key: 'Turkey', count: 1 }]);
        assert.equal((await s.stats({ country: 'SYR' })).events, 3);
      });
    });

    describe('control changes, claims, failures', () => {
      withStore('finds control changes by name (any case, any accents) or GeoNames id, undated first', async (s) => {
        const a = newArticle();
        await s.unitOfWork(async (tx) => {
          await tx.insertArticle(a);
          const base = { article_id: a.meta.id, published: '2019-08-20', outlet: 'Wire', origin: 'reported' as const, event_id: null, country: 'Syria', iso3: 'SYR' };
          await tx.insertControlChange({ ...makeControlChange({ date: '2019-08-19' }), ...base });
          await tx.insertControlChange({ ...makeControlChange({ date: null, location: 'Khān Shaykhūn' }), ...base });
          await tx.insertControlChange({ ...makeControlChange({ location: 'Morek', geonameid: 167000 }), ...base });
        });
        const byName = await s.controlChanges({ name: 'KHAN SHAYKHUN' });
        assert.deepEqual(byName.map((c) => c.date), [null, '2019-08-19']);
        assert.equal(byName[1]!.to_actor, 'Military Forces of Syria (2000-)');
        assert.equal((await s.controlChanges({ geonameid: 168325 })).length, 2);
        assert.deepEqual((await s.controlPlaces()).map((p) => p.count), [2, 1]);
      });

      withStore('filters claims by country and publication date', async (s) => {
        const a = newArticle({ published: '2019-08-20' });
        const b = newArticle({ published: '2020-01-05' });
        await s.unitOfWork(async (tx) => {
          await tx.insertArticle(a);
          await tx.insertArticle(b);
          await tx.insertClaim({ ...makeClaim(), article_id: a.meta.id, published: '2019-08-20', outlet: 'Wire', country: 'Syria', iso3: 'SYR' });
          await tx.insertClaim({ ...makeClaim({ value_low: 500, value_high: 700, qualifier: null }), article_id: b.meta.id, published: '2020-01-05', outlet: 'Daily', country: 'Syria', iso3: 'SYR' });
          await tx.insertClaim({ ...makeClaim({ value_low: 9 }), article_id: b.meta.id, published: '2020-01-05', outlet: 'Daily', country: 'Yemen', iso3: 'YEM' });
        });
        assert.equal((await s.claims()).length, 3);
        assert.deepEqual((await s.claims({ country: 'syria' })).map((c) => c.value_low), [730, 500]);
        assert.deepEqual((await s.claims({ country: 'SYR', since: '2020-01-01' })).map((c) => [c.value_low, c.value_high]), [[500, 700]]);
      });

      withStore('records, replaces and clears failed imports', async (s) => {
        await s.unitOfWork(async (tx) => {
          await tx.recordFailure({ key: 'in/b.json:3', path: 'in/b.json', stage: 'read', code: 'INPUT', reason: 'malformed JSON' });
          await tx.recordFailure({ key: 'in/a.txt', path: 'in/a.txt', stage: 'read', code: 'INPUT', reason: 'empty file' });
          await tx.recordFailure({ key: 'in/a.txt', path: 'in/a.txt', stage: 'read', code: 'INPUT', reason: 'not UTF-8' });
        });
        assert.deepEqual((await s.failedImports()).map((f) => [f.key, f.reason]), [['in/a.txt', 'not UTF-8'], ['in/b.json:3', 'malformed JSON']]);
        await s.unitOfWork((tx) => tx.clearFailures(['in/a.txt']));
        assert.deepEqual((await s.failedImports()).map((f) => f.key), ['in/b.json:3']);
      });
    });
  });
}
