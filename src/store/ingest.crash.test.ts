/**
 * Crash safety, for real: `sitrep ingest` runs as a child process and is
 * killed with SIGKILL in the middle of an ingest (twice, at different points);
 * running the same command again must end in exactly the state of an
 * uninterrupted run (same articles, events, reports, fusion links, control
 * changes, claims and failed imports; only clock fields differ).
 *
 * The killed runs commit every 7 articles, the clean run every 50 (the
 * default): the final state must not depend on where commits fall either.
 *
 * The corpus is generated from the fusion fixtures (variants with other dates
 * and an extra sentence: new articles, many of them near-copies), plus one
 * malformed input.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dumpStore } from './dump.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');
const FIXTURES = join(ROOT, 'test/fixtures/fusion');
const dir = mkdtempSync(join(tmpdir(), 'sitrep-crash-'));
const corpus = join(dir, 'corpus');
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the corpus: every fixture article in VARIANTS versions, and one bad file. */
function writeCorpus(variants: number): number {
  mkdirSync(corpus);
  let n = 0;
  for (const story of readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(join(FIXTURES, story)).sort()) {
      const text = readFileSync(join(FIXTURES, story, file), 'utf8');
      for (let v = 0; v < variants; v++) {
        const shifted = text.replace(/^date (\d{4})-(\d{2})-(\d{2})/, (_m, y: string, mo: string, d: string) => `date ${Number(y) - v}-${mo}-${d}`);
        writeFileSync(join(corpus, `${story}-${v}-${file}`), shifted.replace(/\nSource:/, `\nThis is update ${v} of the report.\nSource:`));
        n++;
      }
    }
  }
  writeFileSync(join(corpus, 'zz-broken.json'), '{"text": "never closed');
  return n + 1;
}

/** Runs `sitrep ingest` to the end. */
function ingest(db: string): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'ingest', '--quiet', '--db', db, corpus], { cwd: ROOT, encoding: 'utf8' });
  // exit 1: the broken file is a failed import; anything else is a crash
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /1 errors/);
}

/** Articles stored so far, read through a separate read-only connection. */
function storedArticles(db: string): number {
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const c = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (c.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      c.close();
    }
  } catch {
    return 0;
  }
}

/** Starts `sitrep ingest`, kills it with SIGKILL once `atLeast` articles are stored; returns how many were. */
async function ingestAndKill(db: string, atLeast: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'ingest', '--quiet', '--batch-size', '7', '--db', db, corpus], { cwd: ROOT, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  let done = false;
  void exited.then(() => (done = true));
  while (!done && storedArticles(db) < atLeast) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL', 'the ingest finished before it could be killed: make the corpus larger');
  return storedArticles(db);
}

describe('ingest crash safety (real SIGKILL of a child process)', () => {
  let total = 0;
  before(() => {
    total = writeCorpus(4);
  });

  it('kill -9 mid-ingest, twice, then re-run: same store as an uninterrupted run', async (t) => {
    const clean = join(dir, 'clean.db');
    ingest(clean);
    const crashed = join(dir, 'crashed.db');
    const first = await ingestAndKill(crashed, 15);
    const second = await ingestAndKill(crashed, first + 25);
    ingest(crashed);
    const storeA = await openSqliteStore(clean);
    const storeB = await openSqliteStore(crashed);
    try {
      const a = await dumpStore(storeA);
      const b = await dumpStore(storeB);
      assert.ok(first > 0 && second > first && second < a.articles.length, `killed at ${first} and ${second} of ${a.articles.length} articles`);
      t.diagnostic(`killed at ${first} and ${second} of ${a.articles.length} articles; ${a.events.length} events`);
      assert.equal(a.articles.length, total - 1);
      assert.ok(a.events.length > 0);
      assert.equal(a.failed.length, 1);
      assert.deepEqual(b, a);
    } finally {
      await storeA.close();
      await storeB.close();
    }
  });
});
