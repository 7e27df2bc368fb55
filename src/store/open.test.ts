import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStoreError } from './errors.js';
import { DEFAULT_DB, openStore, resolveDbPath } from './open.js';

describe('which store', () => {
  it('--db wins, then $SITREP_DB, then ./sitrep.db', () => {
    assert.equal(resolveDbPath('a.db', { SITREP_DB: 'b.db' }), 'a.db');
    assert.equal(resolveDbPath(undefined, { SITREP_DB: 'b.db' }), 'b.db');
    assert.equal(resolveDbPath(undefined, { SITREP_DB: '' }), DEFAULT_DB);
    assert.equal(resolveDbPath(undefined, {}), './sitrep.db');
  });

  it('a database URL is UNSUPPORTED in this version', async () => {
    await assert.rejects(openStore('postgres://localhost/sitrep'), (e) => isStoreError(e, 'UNSUPPORTED'));
  });
});
