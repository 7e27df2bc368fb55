/**
 * @module place/gazetteer
 * The gazetteer: every GeoNames populated place with ≥ 500 inhabitants, first- and second-level divisions and
 * countries, searchable by any Latin-script name under two matching keys (see {@link module:place/normalize}).
 *
 * `Gazetteer.load()` maps the compiled index (`dist/gazetteer/gazetteer.bin`, written by `npm run build`) in
 * about 0.1 s. When that file is missing or stale (its inputs changed) it is rebuilt from the sources (~10 s, in a
 * child process) and written back, so tests run from `src/` on a fresh clone still work.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Place } from '../domain/types.js';
import { DEFAULT_SOURCES, INDEX_FILE, buildIndex, sourceStamp, writeIndex } from './build-gazetteer.js';
import { loadCountries, type CountryInfo } from './countries.js';
import { decodeIndex, findKey, hasPrefix, type IndexData, type KeyTable } from './index-format.js';
import { fold, looseFromFolded } from './normalize.js';
import { INDEX_DIR } from './paths.js';
import { readTsv } from './tsv.js';

/** A place found under a name, with how it matched. */
export interface Candidate {
  /** Row of the place in the index (stable within one index file). */
  row: number;
  place: Place;
  /** 1 = level-1 key (spelling variant), 2 = level-2 key only (transliteration variant). */
  level: 1 | 2;
  /** Ranking prior: feature weight + log10(population + 1). */
  prior: number;
}

/** Options of {@link Gazetteer.load}. */
export interface LoadOptions {
  /** Folder holding `gazetteer.bin` (default `dist/gazetteer/`). A file there is used as is, without a staleness check. */
  dir?: string;
}

/** Candidate lists kept in the lookup cache before it is cleared. */
const CANDIDATE_CACHE = 20_000;
/** Key-test answers kept before that cache is cleared. */
const TEST_CACHE = 200_000;
/** Places read per key and level: postings are best prior first, and no name needs more to be resolved. */
const MAX_POSTINGS = 200;

/** Adds the usual English plural of a demonym ("Syrian" → "Syrians"; "Chinese", "British", "Swiss" have none). */
function demonymPlural(d: string): string | null {
  return /(ese|ss|sh|ch|s|x|z)$/i.test(d) ? null : `${d}s`;
}

/** The place gazetteer. Immutable once loaded; share one instance. */
export class Gazetteer {
  private readonly placeCache = new Map<number, Place>();
  /** Recent candidate lists by key (names recur across and within articles). */
  private readonly candidateCache = new Map<string, readonly Candidate[]>();
  /** Recent answers of the key tests used by recognition (most n-grams are tried in many articles). */
  private readonly testCache = new Map<string, boolean>();
  private readonly countryRows = new Map<string, number>();
  private readonly countryNames = new Map<string, number>();
  private readonly demonyms = new Map<string, number>();
  private readonly adminSuffixes: string[];
  private readonly countryInfo: CountryInfo[];

  /**
   * @param data a decoded index.
   * @param countries the country list the index was built from (its first rows, in order).
   */
  constructor(
    private readonly data: IndexData,
    countries: CountryInfo[] = loadCountries(),
  ) {
    this.countryInfo = countries;
    countries.forEach((c, row) => {
      this.countryRows.set(c.iso2, row).set(c.iso3, row);
      for (const n of [c.name, ...c.aliases]) {
        const k = fold(n);
        if (k && !this.countryNames.has(k)) this.countryNames.set(k, row);
      }
      for (const d of c.demonyms) {
        for (const form of [d, demonymPlural(d)]) {
          const k = form && fold(form);
          if (k && !this.demonyms.has(k)) this.demonyms.set(k, row);
        }
      }
    });
    for (const [d, row] of data.header.regionDemonyms ?? []) {
      for (const form of [d, demonymPlural(d)]) {
        const k = form && fold(form);
        if (k && !this.demonyms.has(k)) this.demonyms.set(k, row);
      }
    }
    this.adminSuffixes = readTsv(DEFAULT_SOURCES.adminSuffixes, 2).map(({ cells }) => fold(cells[1] ?? ''));
  }

  /**
   * Loads the compiled index, building it first when it is missing or stale.
   * @param opts where the index lives.
   * @returns the gazetteer.
   */
  static load(opts: LoadOptions = {}): Gazetteer {
    const dir = opts.dir ?? INDEX_DIR;
    const file = path.join(dir, INDEX_FILE);
    if (fs.existsSync(file)) {
      const data = decodeIndex(fs.readFileSync(file));
      if (opts.dir !== undefined || data.header.stamp === sourceStamp()) return new Gazetteer(data);
    }
    if (opts.dir !== undefined) throw new Error(`no gazetteer index in ${dir}`);
    // Build in a child process so that this one does not keep the builder's memory (~450 MB peak).
    if (buildInChild(dir) && fs.existsSync(file)) {
      const data = decodeIndex(fs.readFileSync(file));
      if (data.header.stamp === sourceStamp()) return new Gazetteer(data);
    }
    try {
      return new Gazetteer(decodeIndex(fs.readFileSync(writeIndex(dir))));
    } catch (e) {
      // A read-only install: keep the rebuilt index in memory only.
      if ((e as NodeJS.ErrnoException).code !== 'EACCES' && (e as NodeJS.ErrnoException).code !== 'EROFS') throw e;
      return new Gazetteer(buildIndex());
    }
  }

  /** Number of places. */
  get size(): number {
    return this.data.header.places;
  }

  /** The country list behind the country places. */
  get countries(): readonly CountryInfo[] {
    return this.countryInfo;
  }

  /**
   * The place at an index row.
   * @param row a row from a {@link Candidate}.
   * @returns the place (the same object on every call).
   */
  place(row: number): Place {
    let p = this.placeCache.get(row);
    if (p) return p;
    const d = this.data;
    const cc = d.header.countries[d.country[row] as number] ?? '';
    const crow = this.countryRows.get(cc);
    const info = crow === undefined ? undefined : this.countryInfo[crow];
    const a1 = d.admin1[row] as number;
    const gid = d.geonameid[row] as number;
    p = {
      geonameid: gid < 0 ? null : gid,
      name: d.names[row] ?? '',
      latitude: round5(d.latitude[row] as number),
      longitude: round5(d.longitude[row] as number),
      cc,
      country: info?.name ?? cc,
      iso3: info?.iso3 ?? '',
      admin1: a1 >= 0 ? (d.names[a1] ?? null) : null,
      feature_code: d.header.features[d.feature[row] as number] ?? '',
      population: d.population[row] as number,
    };
    this.placeCache.set(row, p);
    return p;
  }

  /** Ranking prior of a row. */
  prior(row: number): number {
    return this.data.prior[row] as number;
  }

  /** Row of the first-level division of a row, or -1. */
  admin1Row(row: number): number {
    return this.data.admin1[row] as number;
  }

  /** True when some place has this level-1 key (cheap: no Place objects). */
  hasKey(key: string): boolean {
    return key !== '' && this.memo(`k|${key}`, () => findKey(this.data.strict, key) >= 0);
  }

  private memo(k: string, f: () => boolean): boolean {
    const hit = this.testCache.get(k);
    if (hit !== undefined) return hit;
    const v = f();
    if (this.testCache.size >= TEST_CACHE) this.testCache.clear();
    this.testCache.set(k, v);
    return v;
  }

  /** True when some level-1 key starts with `prefix` (used to stop extending a multi-word name early). */
  hasKeyPrefix(prefix: string): boolean {
    return prefix !== '' && this.memo(`p|${prefix}`, () => hasPrefix(this.data.strict, prefix));
  }

  /** True when some place has the level-2 key of this level-1 key. */
  hasLooseKey(key: string): boolean {
    return this.memo(`l|${key}`, () => {
      const loose = looseFromFolded(key);
      return loose !== '' && findKey(this.data.loose, loose) >= 0;
    });
  }

  /**
   * Places under a level-1 key; when there are none, those under its level-2 key.
   * @param key a value of `fold(name)`.
   * @param loose also search the level-2 key (default true).
   * @returns candidates best prior first, all of one level (a shared list: do not modify it).
   */
  candidatesByKey(key: string, loose = true): readonly Candidate[] {
    if (!key) return [];
    const ck = loose ? `2|${key}` : `1|${key}`;
    const hit = this.candidateCache.get(ck);
    if (hit) return hit;
    const out: Candidate[] = [];
    const seen = new Set<number>();
    const take = (table: KeyTable, k: string, level: 1 | 2): void => {
      const at = findKey(table, k);
      if (at < 0) return;
      const end = Math.min(table.postOff[at + 1] as number, (table.postOff[at] as number) + MAX_POSTINGS);
      for (let i = table.postOff[at] as number; i < end; i++) {
        const row = table.post[i] as number;
        if (seen.has(row)) continue;
        seen.add(row);
        out.push({ row, place: this.place(row), level, prior: this.prior(row) });
      }
    };
    take(this.data.strict, key, 1);
    // Level-2 places only when no place has the name itself: a known name's variants are other places.
    if (loose && out.length === 0 && key.length >= 5) take(this.data.loose, looseFromFolded(key), 2);
    if (this.candidateCache.size >= CANDIDATE_CACHE) this.candidateCache.clear();
    this.candidateCache.set(ck, out);
    return out;
  }

  /**
   * Places a name may refer to.
   * @param name a place name as written ("Khan Sheikhoun", "Dayr az Zawr").
   * @returns candidates best-first (see {@link candidatesByKey}).
   */
  candidates(name: string): readonly Candidate[] {
    return this.candidatesByKey(fold(name));
  }

  /**
   * Places whose name folds to the same key as `name` (either level), best-first by prior.
   * @param name a place name as written.
   * @returns the places.
   * @example gaz.lookup('Khan Sheikhoun')[0]?.cc === 'SY'
   */
  lookup(name: string): Place[] {
    return this.candidates(name).map((c) => c.place);
  }

  /**
   * A country by code.
   * @param cc ISO 3166-1 alpha-2 or alpha-3, any case.
   * @returns the country place (`feature_code` `A.PCLI`).
   */
  country(cc: string): Place | undefined {
    const row = this.countryRows.get(cc.toUpperCase());
    return row === undefined ? undefined : this.place(row);
  }

  /**
   * A country by name or alias.
   * @param name "Syria", "Britain", "DR Congo", "the US".
   * @returns the country place.
   */
  countryByName(name: string): Place | undefined {
    const k = fold(name);
    const row = this.countryNames.get(k) ?? this.countryNames.get(k.replace(/^the /, ''));
    return row === undefined ? undefined : this.place(row);
  }

  /**
   * The country (or region) of a demonym or adjective.
   * @param word "Syrian", "Syrians", "Turkish", "Congolese", "European".
   * @returns the country place (a region place, `L.*`, for continental demonyms).
   */
  demonym(word: string): Place | undefined {
    const row = this.demonyms.get(fold(word));
    return row === undefined ? undefined : this.place(row);
  }

  /**
   * A first-level division by name.
   * @param cc the country, ISO2 or ISO3.
   * @param name "Idlib", "Idlib Province", "Kachin State".
   * @returns the division, or undefined.
   */
  admin1(cc: string, name: string): Place | undefined {
    return this.admin1Candidate(cc, name)?.place;
  }

  /** As {@link admin1}, with the index row and prior. */
  admin1Candidate(cc: string, name: string): Candidate | undefined {
    const country = this.country(cc)?.cc;
    if (!country) return undefined;
    const key = fold(name);
    const find = (k: string): Candidate | undefined =>
      this.candidatesByKey(k).find((c) => c.place.cc === country && c.place.feature_code === 'A.ADM1');
    const hit = find(key);
    if (hit) return hit;
    const suffix = this.adminSuffixes.find((s) => key.endsWith(` ${s}`));
    return suffix ? find(key.slice(0, -suffix.length - 1)) : undefined;
  }
}

/**
 * Runs the builder (`build-gazetteer.ts` under tsx, `.js` when compiled) in a child node process.
 * @returns true when the child exited cleanly.
 */
function buildInChild(dir: string): boolean {
  const self = fileURLToPath(import.meta.url);
  const script = path.join(path.dirname(self), `build-gazetteer${path.extname(self)}`);
  if (!fs.existsSync(script)) return false;
  const r = spawnSync(process.execPath, [...process.execArgv, script, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
