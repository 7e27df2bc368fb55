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
import { openSqliteStore, SQLITE_SCHEMA_VERSION } from './sqlite-store.js';

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
