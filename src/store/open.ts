/**
 * @module store/open
 * Which store a command uses: `--db FILE`, else `$SITREP_DB`, else
 * `./sitrep.db`; and opening it. The one place that picks the
 * implementation (SQLite today; a `postgres://` URL will select PostgreSQL).
 */
import { StoreError } from './errors.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** The default database file. */
export const DEFAULT_DB = './sitrep.db';

/**
 * @param flag the `--db` option, if given
 * @param env the environment (for `SITREP_DB`)
 * @returns the database location to use
 */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? (env.SITREP_DB || DEFAULT_DB);
}

/**
 * Opens the store at a location.
 * @param location a file path (SQLite)
 * @throws StoreError `UNSUPPORTED` for a database URL this build cannot open; see `openSqliteStore` for the rest
 */
export async function openStore(location: string): Promise<Store> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new StoreError('UNSUPPORTED', `${location}: only SQLite files are supported in this version`);
  }
  return openSqliteStore(location);
}

/**
 * Opens the store, runs `fn`, closes the store; a {@link StoreError} becomes
 * one line on stderr and exit status 2 (no stack trace), anything else propagates.
 * @param location the database location
 * @param fn the command's work
 */
export async function withStore(location: string, fn: (store: Store) => Promise<void>): Promise<void> {
  let store: Store | null = null;
  try {
    store = await openStore(location);
    await fn(store);
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    process.stderr.write(`sitrep: ${e.message} (${e.code})\n`);
    process.exitCode = 2;
  } finally {
    await store?.close();
  }
}
