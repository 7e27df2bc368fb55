/**
 * @module util/file-cache
 * A value computed from the repository's data and code, cached in a file under `dist/` whose name carries a
 * fingerprint of what it depends on (the classifier's model, the rules' lead words). `npm run build` writes the
 * files; a missing, stale or damaged one is computed on first use and written back when the folder is writable.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The code a cache depends on, as bytes for its fingerprint: the TypeScript source when the repository has it, else
 * the compiled module (the same file whether the caller runs from the sources or the build, so both share one cache).
 * @param source the `.ts` file
 * @param compiled the `.js` file it compiles to
 */
export function codeBytes(source: string, compiled: string): Buffer {
  return readFileSync(existsSync(source) ? source : compiled);
}

/** How a cached value is read, computed and written. */
export interface FileCache<T> {
  /** The value from the file's bytes, or null when they do not hold a valid one (a throw counts as null). */
  read(bytes: Buffer): T | null;
  compute(): T;
  write(value: T): Uint8Array | string;
}

/**
 * The value in `file`, else computed and written there (atomically), after removing the older versions in its folder.
 * @param file the cache file (its name carries the fingerprint)
 * @param versions the names of every version of this cache in the folder (the older ones are removed)
 * @param cache how to read, compute and write the value
 */
export function cachedInFile<T>(file: string, versions: RegExp, cache: FileCache<T>): T {
  if (existsSync(file)) {
    try {
      const value = cache.read(readFileSync(file));
      if (value !== null) return value;
    } catch {
      // A damaged file is rebuilt below.
    }
  }
  const value = cache.compute();
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
    for (const old of readdirSync(dir)) if (versions.test(old)) rmSync(path.join(dir, old), { force: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, cache.write(value));
    renameSync(tmp, file);
  } catch {
    // A read-only install keeps the value in memory only.
  }
  return value;
}
