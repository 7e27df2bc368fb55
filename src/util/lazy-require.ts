/**
 * @module util/lazy-require
 * Libraries loaded on first use. Importing linkedom or chrono-node takes ~200 ms each, and
 * most runs (plain text, no slash dates) never need them; a CLI run pays for every module it
 * imports. Their CommonJS builds are loaded with `require`, so the stages that use them stay
 * synchronous.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package's CommonJS build, loaded on the first call and kept.
 * @param name the package name (its types come from a type-only import at the call site)
 */
export function lazyRequire<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= require(name) as T);
}
