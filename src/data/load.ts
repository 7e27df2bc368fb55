/**
 * @module data/load
 * Reads Sitrep's data files (`data/`: taxonomy, actor dictionaries, rules,
 * lexicons). Both `src/data/*.ts` (tsx) and `dist/data/*.js` sit two levels
 * below the repository root, so one relative path serves both.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Yaml from 'yaml';

import { lazyRequire } from '../util/lazy-require.js';

/** The YAML parser, needed only when a data file has no fresh parsed copy (see `cached`). */
const yaml = lazyRequire<typeof Yaml>('yaml');

/** The repository's `data/` folder. */
export const DATA_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

/**
 * Parsed copies of the YAML files under `data/`, as JSON: parsing the rules' YAML takes a CLI run
 * ~170 ms, reading the same data as JSON a tenth of that. Each copy records a hash of the YAML it
 * came from, so an edited file is parsed again (and its copy rewritten) on its next load.
 */
const CACHE_DIR = path.resolve(DATA_ROOT, '..', 'dist', 'data-cache');

/** Where the parsed copy of data file `rel` ("rules/triggers.yaml") is kept. */
const copyOf = (rel: string): string => path.join(CACHE_DIR, `${rel.replace(/[\\/]/g, '__')}.json`);

/** The cached parse of data file `rel`, when its copy was made from content with this hash; else undefined. */
function cached(rel: string, hash: string): unknown {
  try {
    const c = JSON.parse(readFileSync(copyOf(rel), 'utf8')) as { hash?: string; value?: unknown };
    return c.hash === hash ? c.value : undefined;
  } catch {
    return undefined; // no copy yet, or a damaged one: parsed again below
  }
}

function cache(rel: string, hash: string, value: unknown): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = copyOf(rel);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ hash, value }));
    renameSync(tmp, file); // atomic: parallel runs never read half a copy
  } catch {
    // A read-only install parses the YAML every time.
  }
}

/** A data file that does not have the shape its loader expects. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DataError';
  }
}

/**
 * Parses a YAML file under `data/` (or an absolute path, for user files).
 * @param rel path relative to `data/`, or absolute
 * @returns the parsed document
 * @throws DataError when the file is missing or not valid YAML
 */
export function loadYaml(rel: string): unknown {
  const file = path.isAbsolute(rel) ? rel : path.join(DATA_ROOT, rel);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataError(file, `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // Only the shipped files are cached; a user's file (an absolute path) is parsed every time.
  const hash = path.isAbsolute(rel) ? null : createHash('sha1').update(text).digest('hex');
  if (hash) {
    const hit = cached(rel, hash);
    if (hit !== undefined) return hit;
  }
  let value: unknown;
  try {
    value = yaml().parse(text);
  } catch (e) {
    throw new DataError(file, `not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (hash) cache(rel, hash, value);
  return value;
}
