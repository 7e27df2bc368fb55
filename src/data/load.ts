/**
 * @module data/load
 * Reads Sitrep's data files (`data/`: taxonomy, actor dictionaries, rules,
 * lexicons). Both `src/data/*.ts` (tsx) and `dist/data/*.js` sit two levels
 * below the repository root, so one relative path serves both.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository's `data/` folder. */
export const DATA_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

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
  try {
    return parse(text);
  } catch (e) {
    throw new DataError(file, `not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}
