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
import { ALT_FLAG, KEY_EXACT, ROW_MASK, decodeIndex, findKey, probeKey, type IndexData, type KeyTable } from './index-format.js';
import { fold, looseFromFolded } from './normalize.js';
import { INDEX_DIR } from './paths.js';
import { OVERLAY_FILE, recompileOverlay } from './local-store.js';
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
  /** Found under a GeoNames alternate name only, not under the place's own name. */
  alt: boolean;
}

/**
 * A candidate. Every candidate is built here, with all its fields in one order, so that all share one object
 * shape: the resolver reads thousands of them per article.
 */
export function candidate(row: number, place: Place, level: 1 | 2, prior: number, alt = false): Candidate {
  return { row, place, level, prior, alt };
}

/**
 * The empty candidate list. Lists that hold places are arrays of objects; an empty array literal is an array of
 * another (small-integer) kind, and code that meets both kinds at one spot is compiled twice. Every empty list the
 * gazetteer and the resolver hand out is this one, of the same kind as the others.
 */
export const NO_CANDIDATES: readonly Candidate[] = emptyObjectList<Candidate>();

function emptyObjectList<T>(): T[] {
  const list = [{}] as T[];
  list.pop(); // an array keeps its elements kind when emptied
  return list;
}

/** Options of {@link Gazetteer.load}. */
export interface LoadOptions {
  /** Folder holding `gazetteer.bin` (default `dist/gazetteer/`). A file there is used as is, without a staleness check. */
  dir?: string;
  /**
   * Folder of the local gazetteer (`sitrep gazetteer import`), merged over the main index; default
   * `$SITREP_GAZETTEER`, else the main index's folder. `false`: main index only.
   */
  overlayDir?: string | false;
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
  /** Country → row of its capital, built on first use. */
  private capitals: Map<string, number> | undefined;
  /** Recent candidate lists by key (names recur across and within articles). */
  private readonly candidateCache = new Map<string, readonly Candidate[]>();
  /** Recent answers of the level-2 key tests used by recognition (a level-2 key costs a dozen rewrites). */
  private readonly looseTests = new Map<string, boolean>();
  /** Answers of {@link admin1Candidate} by country and name (null: none); division abbreviations recur. */
  private readonly admin1Cache = new Map<string, Candidate | null>();
  private readonly countryRows = new Map<string, number>();
  private readonly countryNames = new Map<string, number>();
  private readonly demonyms = new Map<string, number>();
  private readonly adminSuffixes: string[];
  private readonly countryInfo: CountryInfo[];

  /**
   * @param data a decoded index.
   * @param countries the country list the index was built from (its first rows, in order).
   */
  /** Rows of the main index; overlay rows follow. */
  private readonly mainPlaces: number;
  /** The local gazetteer's index (see {@link module:place/local-store}), when one is loaded. */
  private overlay: IndexData | undefined;
  private geonameRows: Map<number, number> | undefined;

  constructor(
    private readonly data: IndexData,
    countries: CountryInfo[] = loadCountries(),
  ) {
    this.mainPlaces = data.header.places;
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
    const gaz = Gazetteer.loadMain(opts);
    const overlayDir = opts.overlayDir ?? process.env['SITREP_GAZETTEER'] ?? opts.dir ?? INDEX_DIR;
    if (overlayDir !== false) gaz.attachOverlay(overlayDir);
    return gaz;
  }

  private static loadMain(opts: LoadOptions): Gazetteer {
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

  /**
   * Merges the local gazetteer of a folder, when it holds one; an overlay compiled against another main index is
   * recompiled from its store first.
   * @param dir the store folder.
   */
  private attachOverlay(dir: string): void {
    const file = path.join(dir, OVERLAY_FILE);
    if (!fs.existsSync(file)) return;
    let data: IndexData | undefined = decodeIndex(fs.readFileSync(file));
    if (data.header.base?.stamp !== this.stamp || data.header.base.places !== this.mainPlaces) data = recompileOverlay(dir, this);
    if (!data) return;
    this.overlay = data;
    this.candidateCache.clear();
    this.looseTests.clear();
    this.admin1Cache.clear();
  }

  /** Fingerprint of the main index (an overlay records the one it was compiled against). */
  get stamp(): string {
    return this.data.header.stamp;
  }

  /** Rows of the main index. */
  get places(): number {
    return this.mainPlaces;
  }

  /** Places in the local gazetteer overlay (0 without one). */
  get overlayPlaces(): number {
    return this.overlay?.header.places ?? 0;
  }

  /**
   * The main-index row of a GeoNames id.
   * @param id a geonameid.
   * @returns the row, or undefined when the main index does not hold it.
   */
  rowOfGeonameid(id: number): number | undefined {
    if (!this.geonameRows) {
      this.geonameRows = new Map();
      const g = this.data.geonameid;
      for (let row = 0; row < this.mainPlaces; row++) if ((g[row] as number) >= 0) this.geonameRows.set(g[row] as number, row);
    }
    return this.geonameRows.get(id);
  }

  /**
   * The main-index row of a first-level division.
   * @param cc ISO2.
   * @param name its name.
   * @returns the row, or -1.
   */
  admin1RowByName(cc: string, name: string): number {
    return this.admin1Candidate(cc, name)?.row ?? -1;
  }

  /** Number of places. */
  get size(): number {
    return this.mainPlaces + this.overlayPlaces;
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
    const [d, r] = this.at(row);
    const cc = d.header.countries[d.country[r] as number] ?? '';
    const crow = this.countryRows.get(cc);
    const info = crow === undefined ? undefined : this.countryInfo[crow];
    // Overlay rows point at main-index divisions.
    const a1 = d.admin1[r] as number;
    const gid = d.geonameid[r] as number;
    p = {
      geonameid: gid < 0 ? null : gid,
      name: d.names[r] ?? '',
      latitude: round5(d.latitude[r] as number),
      longitude: round5(d.longitude[r] as number),
      cc,
      country: info?.name ?? cc,
      iso3: info?.iso3 ?? '',
      admin1: a1 >= 0 ? (this.data.names[a1] ?? null) : null,
      feature_code: d.header.features[d.feature[r] as number] ?? '',
      population: d.population[r] as number,
    };
    this.placeCache.set(row, p);
    return p;
  }

  /** Ranking prior of a row. */
  prior(row: number): number {
    return row < this.mainPlaces || !this.overlay ? this.data.prior[row] as number : this.overlay.prior[row - this.mainPlaces] as number;
  }

  /** The index holding a row and the row inside it. */
  private at(row: number): [IndexData, number] {
    return row < this.mainPlaces || !this.overlay ? [this.data, row] : [this.overlay, row - this.mainPlaces];
  }

  /** Row of the first-level division of a row, or -1. */
  admin1Row(row: number): number {
    return row < this.mainPlaces || !this.overlay ? this.data.admin1[row] as number : this.overlay.admin1[row - this.mainPlaces] as number;
  }

  /** True when some place has this level-1 key (cheap: no Place objects). */
  hasKey(key: string): boolean {
    return (this.keyFlags(key) & KEY_EXACT) !== 0;
  }

  /**
   * What the level-1 keys hold under a key, in one hash probe (cheap: no Place objects, no cache needed).
   * @param key a value of `fold(name)`.
   * @returns `KEY_EXACT` when some place has the key, `KEY_CONTINUES` when some key continues it with more words
   *   (used to stop extending a multi-word name early); 0 for `''`.
   */
  keyFlags(key: string): number {
    if (key === '') return 0;
    const o = this.overlay;
    return probeKey(this.data.strict, key) | (o ? probeKey(o.strict, key) : 0);
  }

  /** True when some place has the level-2 key of this level-1 key. */
  hasLooseKey(key: string): boolean {
    const hit = this.looseTests.get(key);
    if (hit !== undefined) return hit;
    const loose = looseFromFolded(key);
    const o = this.overlay;
    return remember(this.looseTests, key, loose !== '' && (findKey(this.data.loose, loose) >= 0 || (!!o && findKey(o.loose, loose) >= 0)));
  }

  /**
   * Places under a level-1 key; when there are none, those under its level-2 key.
   * @param key a value of `fold(name)`.
   * @param loose also search the level-2 key (default true).
   * @returns candidates best prior first, all of one level (a shared list: do not modify it).
   */
  candidatesByKey(key: string, loose = true): readonly Candidate[] {
    if (!key) return NO_CANDIDATES;
    const ck = loose ? `2|${key}` : `1|${key}`;
    const hit = this.candidateCache.get(ck);
    if (hit) return hit;
    let out: Candidate[] = [];
    const seen = new Set<number>();
    const o = this.overlay;
    this.takePostings(this.data.strict, key, 1, out, seen);
    if (o) this.takePostings(o.strict, key, 1, out, seen);
    // Level-2 places only when no place has the name itself: a known name's variants are other places.
    if (loose && out.length === 0 && key.length >= 5) {
      const lk = looseFromFolded(key);
      this.takePostings(this.data.loose, lk, 2, out, seen);
      if (o) this.takePostings(o.loose, lk, 2, out, seen);
    }
    // Main and overlay postings are each best-first: merge them.
    if (o) out.sort((a, b) => b.prior - a.prior || a.row - b.row);
    if (out.length === 0) out = NO_CANDIDATES as Candidate[];
    if (this.candidateCache.size >= CANDIDATE_CACHE) this.candidateCache.clear();
    this.candidateCache.set(ck, out);
    return out;
  }

  /** Appends the places of a key table's postings under a key (at most {@link MAX_POSTINGS}, each row once). */
  private takePostings(table: KeyTable, k: string, level: 1 | 2, out: Candidate[], seen: Set<number>): void {
    const at = findKey(table, k);
    if (at < 0) return;
    const end = Math.min(table.postOff[at + 1] as number, (table.postOff[at] as number) + MAX_POSTINGS);
    for (let i = table.postOff[at] as number; i < end; i++) {
      const v = table.post[i] as number;
      const row = v & ROW_MASK;
      if (seen.has(row)) continue;
      seen.add(row);
      out.push(candidate(row, this.place(row), level, this.prior(row), v >= ALT_FLAG));
    }
  }

  /**
   * The row of the best place under a key: the first of {@link candidatesByKey}, read from the postings without
   * building the list (recognition asks what kind of place a name is before resolution needs its candidates).
   * @param key a value of `fold(name)`.
   * @param loose also search the level-2 key.
   * @returns the row, or -1.
   */
  topRow(key: string, loose = true): number {
    if (!key) return -1;
    if (this.overlay) return this.candidatesByKey(key, loose)[0]?.row ?? -1;
    const row = firstPosting(this.data.strict, key);
    return row < 0 && loose && key.length >= 5 ? firstPosting(this.data.loose, looseFromFolded(key)) : row;
  }

  /** Feature code of a row ("P.PPLA", "A.ADM1"), read from the index without building its place. */
  featureCode(row: number): string {
    const main = row < this.mainPlaces || !this.overlay;
    const d = main ? this.data : this.overlay as IndexData;
    return d.header.features[d.feature[main ? row : row - this.mainPlaces] as number] ?? '';
  }

  /** Population of a row, read from the index without building its place. */
  population(row: number): number {
    return row < this.mainPlaces || !this.overlay ? this.data.population[row] as number : this.overlay.population[row - this.mainPlaces] as number;
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
   * The capital of a country: its most populous `P.PPLC` place.
   * @param cc ISO2 or ISO3.
   * @returns the capital as a candidate, or undefined.
   */
  capital(cc: string): Candidate | undefined {
    const country = this.country(cc)?.cc;
    if (!country) return undefined;
    this.capitals ??= capitalRows(this.data);
    const row = this.capitals.get(country);
    return row === undefined ? undefined : candidate(row, this.place(row), 1, this.prior(row));
  }

  /**
   * A country by name or alias.
   * @param name "Syria", "Britain", "DR Congo", "the US".
   * @returns the country place.
   */
  countryByName(name: string): Place | undefined {
    return this.countryByKey(fold(name));
  }

  /** As {@link countryByName}, from the name's level-1 key. */
  countryByKey(key: string): Place | undefined {
    const row = this.countryNames.get(key) ?? (key.startsWith('the ') ? this.countryNames.get(key.slice(4)) : undefined);
    return row === undefined ? undefined : this.place(row);
  }

  /**
   * The country (or region) of a demonym or adjective.
   * @param word "Syrian", "Syrians", "Turkish", "Congolese", "European".
   * @returns the country place (a region place, `L.*`, for continental demonyms).
   */
  demonym(word: string): Place | undefined {
    return this.demonymByKey(fold(word));
  }

  /** As {@link demonym}, from the word's level-1 key. */
  demonymByKey(key: string): Place | undefined {
    const row = this.demonyms.get(key);
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
    const ck = `${cc}\t${name}`;
    const hit = this.admin1Cache.get(ck);
    if (hit !== undefined) return hit ?? undefined;
    const found = this.findAdmin1(cc, name);
    if (this.admin1Cache.size >= CANDIDATE_CACHE) this.admin1Cache.clear();
    this.admin1Cache.set(ck, found ?? null);
    return found;
  }

  /** Whether a word or phrase is a generic division word of `admin-suffixes.tsv` ("region", "Province"). */
  isAdminSuffix(words: string): boolean {
    return this.adminSuffixes.includes(fold(words));
  }

  private findAdmin1(cc: string, name: string): Candidate | undefined {
    const country = this.country(cc)?.cc;
    if (!country) return undefined;
    const key = fold(name);
    const hit = this.admin1Under(key, country);
    if (hit) return hit;
    for (const s of this.adminSuffixes) if (key.endsWith(` ${s}`)) return this.admin1Under(key.slice(0, -s.length - 1), country);
    return undefined;
  }

  /** The first-level division of a country among the places under a key. */
  private admin1Under(key: string, country: string): Candidate | undefined {
    for (const c of this.candidatesByKey(key)) if (c.place.cc === country && c.place.feature_code === 'A.ADM1') return c;
    return undefined;
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

/**
 * Country → row of its most populous `P.PPLC` place. (A function of its own: its loop over every row is compiled
 * while it runs, and that code then ends with the loop.)
 */
function capitalRows(d: IndexData): Map<string, number> {
  const capitals = new Map<string, number>();
  const pplc = d.header.features.indexOf('P.PPLC');
  for (let row = 0; row < d.header.places; row++) {
    if (d.feature[row] !== pplc) continue;
    const c = d.header.countries[d.country[row] as number] ?? '';
    const prev = capitals.get(c);
    if (prev === undefined || (d.population[row] as number) > (d.population[prev] as number)) capitals.set(c, row);
  }
  return capitals;
}

/** The row of the first (best) posting of a key, or -1. */
function firstPosting(table: KeyTable, key: string): number {
  const at = findKey(table, key);
  if (at < 0 || (table.postOff[at] as number) >= (table.postOff[at + 1] as number)) return -1;
  return (table.post[table.postOff[at] as number] as number) & ROW_MASK;
}

/** Stores a test answer, clearing the cache when it is full; returns the answer. */
function remember(cache: Map<string, boolean>, key: string, v: boolean): boolean {
  if (cache.size >= TEST_CACHE) cache.clear();
  cache.set(key, v);
  return v;
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
