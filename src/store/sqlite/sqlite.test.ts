/**
 * Runs the store conformance suite against a real SQLite file in a temporary
 * directory, plus what only the SQLite implementation promises: the file
 * survives reopening, migrations are recorded once, a newer schema is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createRequire } from 'node:module';
import { runStoreConformance } from '../conformance.js';
import { isStoreError } from '../errors.js';
import { MIGRATIONS, openSqliteStore, SQLITE_SCHEMA_VERSION } from './sqlite-store.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'sitrep-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runStoreConformance('sqlite', () => openSqliteStore(join(dir, `conf-${++n}.db`)));
// every event read again by id when its turn comes (what an export past the sink's cap does)
runStoreConformance('sqlite, event sink of 1', () => openSqliteStore(join(dir, `conf-${++n}.db`), { eventSinkCap: 1 }));

describe('SQLite store', () => {
  it('keeps its data and schema version across reopening', async () => {
    const file = join(dir, 'reopen.db');
    const s1 = await openSqliteStore(file);
    await s1.unitOfWork((tx) => tx.recordFailure({ key: 'k', path: 'p', stage: 'read', code: 'INPUT', reason: 'r' }));
    await s1.close();
    const s2 = await openSqliteStore(file);
    assert.equal(s2.schemaVersion, SQLITE_SCHEMA_VERSION);
    assert.equal((await s2.failedImports()).length, 1);
    await s2.close();
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(file);
    assert.equal(db.prepare('SELECT count(*) AS n FROM schema_migrations').get().n, SQLITE_SCHEMA_VERSION);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  it('upgrades a version-2 file (events with an R*Tree) to events stored by grid cell, keeping every event', async () => {
    const file = join(dir, 'v2.db');
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
    }
    db.prepare("INSERT INTO articles (id, file, path) VALUES ('a1', 'f', 'p')").run();
    const event = (id: number, lat: number | null, lon: number | null, date: string) => {
      db.prepare(`INSERT INTO events (id, event_date, time_precision, date_absolute, event_type, sub_event_type, actor1, inter1, inter2, civilian_targeting,
        iso3, country, location, latitude, longitude, geo_precision, fatalities_rule, historical, confidence, plover_event_type, cameo, sources, source_count, report_count, notes, updated_at)
        VALUES (?, ?, 1, 1, 'Battles', 'Armed clash', 'A', 1, 2, 0, 'SYR', 'Syria', 'X', ?, ?, 1, 'r', 0, 0.5, 'FIGHT', '190', '["Wire"]', 1, 1, 'n', 'then')`).run(id, date, lat, lon);
      if (lat !== null && lon !== null) db.prepare('INSERT INTO events_geo VALUES (?, ?, ?, ?, ?)').run(id, lon, lon, lat, lat);
      db.prepare("INSERT INTO reports (event_id, article_seq, idx, outlet, copy, event, link_rule, link_score, link_reasons) VALUES (?, 1, ?, 'Wire', 0, x'00', 'new', 1, '[]')").run(id, id);
    };
    event(1, 35.44, 36.65, '2019-08-21');
    event(2, null, null, '2019-08-20');
    event(5, -33.9, 18.4, '2019-08-19');
    db.close();

    const s = await openSqliteStore(file);
    assert.equal(s.schemaVersion, SQLITE_SCHEMA_VERSION);
    assert.deepEqual((await collect(s.events())).map((e) => [e.id, e.latitude]), [[5, -33.9], [2, null], [1, 35.44]]);
    assert.deepEqual((await collect(s.events({ bbox: [36.6, 35.4, 36.7, 35.5] }))).map((e) => e.id), [1]);
    assert.deepEqual((await collect(s.events({ bbox: [18, -34, 19, -33] }))).map((e) => e.id), [5]);
    // ids keep ascending after the highest existing one
    const [one] = await collect(s.events({ limit: 1 }));
    const id = await s.unitOfWork(async (tx) => tx.insertEvent({ ...one!, search_text: '' }));
    assert.equal(id, 6);
    await s.close();
    const after = new Database(file);
    assert.deepEqual(after.prepare('PRAGMA foreign_key_check').all(), []);
    assert.equal(after.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'events_geo'").get().n, 0);
    after.close();
  });

  it('refuses a file with a newer schema (SCHEMA_TOO_NEW)', async () => {
    const file = join(dir, 'newer.db');
    await (await openSqliteStore(file)).close();
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(SQLITE_SCHEMA_VERSION + 1, 'future', 'now');
    db.close();
    await assert.rejects(openSqliteStore(file), (e) => isStoreError(e, 'SCHEMA_TOO_NEW'));
  });

  it('refuses a file that is not a database (OPEN_FAILED)', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(dir, 'not-a-db.db');
    writeFileSync(file, 'this is not a database file, just some text that is long enough to be checked '.repeat(20));
    await assert.rejects(openSqliteStore(file), (e) => isStoreError(e, 'OPEN_FAILED'));
  });
});
