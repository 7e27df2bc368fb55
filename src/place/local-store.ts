/**
 * @module place/local-store
 * The local gazetteer: official GeoNames dumps a user imports (`sitrep gazetteer import SY.txt
 * alternateNamesV2.txt admin1CodesASCII.txt`) for village-level coverage of the countries they follow.
 *
 * Two files in the store folder (`$SITREP_GAZETTEER`, `--dir`, else next to the main index):
 * - `local.sqlite`: the imported rows (places, alternate names, first-level division names) and the list of
 *   imported files. An import runs in one transaction: a bad file rolls everything back.
 * - `overlay.bin`: the compiled overlay index ({@link module:place/index-format}, with `header.base`), merged into
 *   the main index by `Gazetteer.load()`. It is written to a temp file and renamed, after the rows are checked and
 *   before the transaction commits, so a failed import leaves both files as they were.
 *
 * Accepted files, by name: `alternateNames*.txt` (alternate names, 8 or 10 columns), `admin1Codes*.txt` (4
 * columns), anything else is a GeoNames main table (19 columns: a country file, `allCountries.txt`,
 * `cities*.txt`). Zip archives must be unpacked first.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEFAULT_SOURCES, emptyTable, isUsableAlternate, loadFeaturePriors, placePrior, toTable } from './build-gazetteer.js';
import { readDivisionNames } from './geonames.js';
import { ALT_FLAG, ROW_MASK, encodeIndex, type IndexData } from './index-format.js';
import { fold, looseFromFolded } from './normalize.js';

/** The store's database file. */
export const STORE_FILE = 'local.sqlite';
/** The compiled overlay index. */
export const OVERLAY_FILE = 'overlay.bin';
/** GeoNames feature classes imported by default: populated places and administrative divisions. */
export const DEFAULT_CLASSES = ['P', 'A'];

/** Same limits as the main builder (see build-gazetteer.ts). */
const MIN_ALT_KEY = 3;
const MIN_LOOSE_SOURCE = 5;
/** Alternate-name "languages" that are codes, links or postal data, not names. */
const CODE_LANGS = new Set(['link', 'wkdt', 'post', 'iata', 'icao', 'faac', 'abbr', 'unlc', 'tcid', 'phon', 'piny', 'fr_1793']);

/** A malformed input file: names the file and line. */
export class DumpError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${reason}`);
    this.name = 'DumpError';
  }
}

/** What the main index offers the overlay builder (a loaded Gazetteer satisfies it). */
export interface BaseIndex {
  readonly stamp: string;
  readonly places: number;
  /** Main row of a GeoNames id, or undefined. */
  rowOfGeonameid(id: number): number | undefined;
  /** Main row of a first-level division by country and name, or -1. */
  admin1RowByName(cc: string, name: string): number;
  prior(row: number): number;
}

/** Kinds of dump file. */
export type DumpKind = 'places' | 'alternates' | 'admin1';

/**
 * The kind of a dump file, from its name.
 * @param file a path.
 * @returns the kind.
 * @throws DumpError for a zip archive.
 */
export function dumpKind(file: string): DumpKind {
  const base = path.basename(file);
  if (/\.zip$/i.test(base)) throw new DumpError(file, null, 'a zip archive: unpack it first (unzip SY.zip) and import the .txt file');
  if (/^alternateNames/i.test(base)) return 'alternates';
  if (/^admin1Codes/i.test(base)) return 'admin1';
  return 'places';
}

/** Lines of a file, read in chunks (dumps reach gigabytes), as UTF-8; binary content is an error. */
function* lines(file: string): Generator<{ n: number; text: string }> {
  const fd = fs.openSync(file, 'r');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const buf = Buffer.alloc(1 << 20);
  let rest = '';
  let n = 0;
  try {
    for (;;) {
      const got = fs.readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      const chunk = buf.subarray(0, got);
      if (chunk.includes(0)) throw new DumpError(file, n + 1 + countLines(rest), 'binary data (NUL byte): not a GeoNames text dump');
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new DumpError(file, n + 1 + countLines(rest), 'not UTF-8 text: not a GeoNames text dump');
      }
      const parts = (rest + text).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) yield { n: ++n, text: p.replace(/\r$/, '') };
    }
    if (rest) yield { n: ++n, text: rest.replace(/\r$/, '') };
  } finally {
    fs.closeSync(fd);
  }
}

function countLines(s: string): number {
  let c = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) c++;
  return c;
}

/** One row of a GeoNames main table, as stored. */
export interface DumpPlace {
  geonameid: number;
  name: string;
  asciiname: string;
  alternates: string;
  latitude: number;
  longitude: number;
  fclass: string;
  fcode: string;
  cc: string;
  admin1: string;
  population: number;
}

const INT_RE = /^-?\d+$/;
const NUM_RE = /^-?\d+(?:\.\d+)?$/;

/**
 * Parses and checks one line of a 19-column GeoNames table.
 * @throws DumpError naming the file and line on a wrong column count, a non-numeric id or coordinate, or a
 * coordinate out of range.
 */
export function parsePlaceLine(file: string, n: number, line: string): DumpPlace {
  const f = line.split('\t');
  if (f.length !== 19) throw new DumpError(file, n, `expected 19 tab-separated columns (GeoNames main table), got ${f.length}`);
  const [id = '', name = '', ascii = '', alts = '', lat = '', lon = '', fclass = '', fcode = '', cc = '', , a1 = '', , , , pop = ''] = f;
  if (!INT_RE.test(id)) throw new DumpError(file, n, `geonameid "${id}" is not a number`);
  if (!NUM_RE.test(lat) || Math.abs(Number(lat)) > 90) throw new DumpError(file, n, `latitude "${lat}" is not a number in [-90, 90]`);
  if (!NUM_RE.test(lon) || Math.abs(Number(lon)) > 180) throw new DumpError(file, n, `longitude "${lon}" is not a number in [-180, 180]`);
  if (pop !== '' && !INT_RE.test(pop)) throw new DumpError(file, n, `population "${pop}" is not a number`);
  if (!name) throw new DumpError(file, n, 'empty name');
  return {
    geonameid: Number(id), name, asciiname: ascii || name, alternates: alts, latitude: Number(lat), longitude: Number(lon),
    fclass, fcode, cc, admin1: a1, population: Number(pop) || 0,
  };
}

/** The subset of better-sqlite3's `Database` this module uses. */
interface Db {
  exec(sql: string): void;
  prepare(sql: string): { run(...args: unknown[]): unknown; all(...args: unknown[]): unknown[]; get(...args: unknown[]): unknown; iterate(...args: unknown[]): IterableIterator<unknown> };
  close(): void;
}

function openDb(file: string): Db {
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3') as new (f: string) => Db;
  const db = new Database(file);
  db.exec(`
    CREATE TABLE IF NOT EXISTS places (geonameid INTEGER PRIMARY KEY, name TEXT, asciiname TEXT, alternates TEXT,
      latitude REAL, longitude REAL, fclass TEXT, fcode TEXT, cc TEXT, admin1 TEXT, population INTEGER);
    CREATE TABLE IF NOT EXISTS altnames (geonameid INTEGER, name TEXT, PRIMARY KEY (geonameid, name)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS admin1 (code TEXT PRIMARY KEY, name TEXT, asciiname TEXT, geonameid INTEGER);
    CREATE TABLE IF NOT EXISTS sources (file TEXT, kind TEXT, rows INTEGER, imported_at TEXT);
  `);
  return db;
}

/** Options of {@link importDumps}. */
export interface ImportOptions {
  /** The store folder (created if missing). */
  dir: string;
  /** The main index the overlay extends. */
  base: BaseIndex;
  /** Feature classes of main-table rows to keep (default {@link DEFAULT_CLASSES}). */
  classes?: string[];
  /** Clock for `sources.imported_at` (tests). */
  now?: () => Date;
}

/** What one import did. */
export interface ImportReport {
  files: { file: string; kind: DumpKind; rows: number }[];
  /** Rows in the compiled overlay. */
  overlayPlaces: number;
  overlayFile: string;
}

/**
 * Imports dump files into the store and recompiles the overlay. All or nothing: any bad file leaves the store and
 * the overlay as they were.
 * @param files dump paths.
 * @param opts store folder, main index, classes.
 * @returns counts per file and the overlay written.
 * @throws DumpError on a malformed file (naming file and line), Error on I/O failures.
 */
export function importDumps(files: string[], opts: ImportOptions): ImportReport {
  const classes = new Set(opts.classes ?? DEFAULT_CLASSES);
  for (const f of files) {
    if (!fs.existsSync(f)) throw new DumpError(f, null, 'no such file');
    if (fs.statSync(f).isDirectory()) throw new DumpError(f, null, 'is a directory');
    dumpKind(f);
  }
  fs.mkdirSync(opts.dir, { recursive: true });
  const db = openDb(path.join(opts.dir, STORE_FILE));
  const report: ImportReport = { files: [], overlayPlaces: 0, overlayFile: path.join(opts.dir, OVERLAY_FILE) };
  const tmp = `${report.overlayFile}.${process.pid}.tmp`;
  db.exec('BEGIN');
  try {
    // Main tables first, so that alternate names can be matched to every imported place.
    const ordered = [...files].sort((a, b) => Number(dumpKind(a) !== 'places') - Number(dumpKind(b) !== 'places'));
    for (const f of ordered) report.files.push({ file: f, kind: dumpKind(f), rows: importFile(db, f, classes, opts.base) });
    const at = (opts.now ?? (() => new Date()))().toISOString();
    const src = db.prepare('INSERT INTO sources (file, kind, rows, imported_at) VALUES (?, ?, ?, ?)');
    for (const r of report.files) src.run(path.resolve(r.file), r.kind, r.rows, at);
    const data = compileOverlay(db, opts.base);
    report.overlayPlaces = data.header.places;
    fs.writeFileSync(tmp, encodeIndex(data));
    db.exec('COMMIT');
    fs.renameSync(tmp, report.overlayFile);
  } catch (e) {
    db.exec('ROLLBACK');
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    db.close();
  }
  return { ...report, files: report.files.map((r) => ({ ...r })) };
}

function importFile(db: Db, file: string, classes: Set<string>, base: BaseIndex): number {
  const kind = dumpKind(file);
  let rows = 0;
  if (kind === 'places') {
    const ins = db.prepare(`INSERT OR REPLACE INTO places (geonameid, name, asciiname, alternates, latitude, longitude, fclass, fcode, cc, admin1, population)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const { n, text } of lines(file)) {
      if (!text.trim()) continue;
      const p = parsePlaceLine(file, n, text);
      rows++;
      if (!classes.has(p.fclass)) continue;
      ins.run(p.geonameid, p.name, p.asciiname, p.alternates, p.latitude, p.longitude, p.fclass, p.fcode, p.cc, p.admin1, p.population);
    }
    if (rows === 0) throw new DumpError(file, null, 'no rows: an empty GeoNames table');
  } else if (kind === 'alternates') {
    const known = db.prepare('SELECT 1 FROM places WHERE geonameid = ?');
    const ins = db.prepare('INSERT OR IGNORE INTO altnames (geonameid, name) VALUES (?, ?)');
    for (const { n, text } of lines(file)) {
      if (!text.trim()) continue;
      const f = text.split('\t');
      if (f.length !== 8 && f.length !== 10) throw new DumpError(file, n, `expected 8 or 10 tab-separated columns (GeoNames alternate names), got ${f.length}`);
      const [altId = '', id = '', lang = '', name = ''] = f;
      if (!INT_RE.test(altId) || !INT_RE.test(id)) throw new DumpError(file, n, `alternateNameId "${altId}" / geonameid "${id}" is not a number`);
      rows++;
      // Names only (no codes, links or postcodes), historic ones included: old names are still used in news.
      if (CODE_LANGS.has(lang) || !name || !isUsableAlternate(name)) continue;
      const gid = Number(id);
      if (base.rowOfGeonameid(gid) === undefined && !known.get(gid)) continue;
      ins.run(gid, name);
    }
  } else {
    const ins = db.prepare('INSERT OR REPLACE INTO admin1 (code, name, asciiname, geonameid) VALUES (?, ?, ?, ?)');
    for (const { n, text } of lines(file)) {
      if (!text.trim()) continue;
      const f = text.split('\t');
      if (f.length !== 4) throw new DumpError(file, n, `expected 4 tab-separated columns (GeoNames admin1 codes), got ${f.length}`);
      const [code = '', name = '', ascii = '', id = ''] = f;
      if (!/^[A-Z]{2}\.\w+$/.test(code)) throw new DumpError(file, n, `code "${code}" is not CC.ADM1`);
      if (!INT_RE.test(id)) throw new DumpError(file, n, `geonameid "${id}" is not a number`);
      ins.run(code, name, ascii, Number(id));
      rows++;
    }
  }
  return rows;
}

/**
 * Compiles the overlay index from the store.
 * @param db the store.
 * @param base the main index.
 * @returns the overlay index (`header.base` set).
 */
function compileOverlay(db: Db, base: BaseIndex): IndexData {
  const weights = loadFeaturePriors();
  // First-level division names by code: the store's admin1 table, else the names the main index was built from.
  const a1Names = new Map<string, string>();
  if (fs.existsSync(DEFAULT_SOURCES.admin1)) for (const d of readDivisionNames(DEFAULT_SOURCES.admin1)) a1Names.set(d.code, d.name);
  for (const r of db.prepare('SELECT code, name FROM admin1').all() as { code: string; name: string }[]) a1Names.set(r.code, r.name);
  const a1Row = new Map<string, number>();
  const admin1RowOf = (cc: string, code: string): number => {
    const k = `${cc}.${code}`;
    let row = a1Row.get(k);
    if (row === undefined) {
      const name = a1Names.get(k);
      row = name ? base.admin1RowByName(cc, name) : -1;
      a1Row.set(k, row);
    }
    return row;
  };
  const alts = new Map<number, string[]>();
  for (const r of db.prepare('SELECT geonameid, name FROM altnames').iterate() as IterableIterator<{ geonameid: number; name: string }>) {
    const list = alts.get(r.geonameid);
    if (list) list.push(r.name);
    else alts.set(r.geonameid, [r.name]);
  }
  const places = (db.prepare('SELECT * FROM places ORDER BY geonameid').all() as DumpPlace[])
    // Countries and first-level divisions come from the main index (hand-kept names, computed extents).
    .filter((p) => base.rowOfGeonameid(p.geonameid) === undefined && !(p.fclass === 'A' && /^(?:PCL|ADM1)/.test(p.fcode)));
  const n = places.length;
  const features: string[] = [];
  const featureIdx = new Map<string, number>();
  const ccList: string[] = [];
  const ccIdx = new Map<string, number>();
  const idx = <K>(list: K[], m: Map<K, number>, v: K): number => {
    let i = m.get(v);
    if (i === undefined) {
      i = list.push(v) - 1;
      m.set(v, i);
    }
    return i;
  };
  const data: IndexData = {
    header: { format: 'SITREPGZ', version: 0, stamp: '', places: n, features, countries: ccList, regionDemonyms: [], sections: {}, base: { stamp: base.stamp, places: base.places } },
    latitude: new Float32Array(n), longitude: new Float32Array(n), population: new Float64Array(n), geonameid: new Int32Array(n),
    feature: new Uint16Array(n), country: new Uint16Array(n), admin1: new Int32Array(n), prior: new Float32Array(n),
    names: new Array<string>(n), strict: emptyTable(), loose: emptyTable(),
  };
  const strict = new Map<string, number[]>();
  const loose = new Map<string, number[]>();
  const post = (m: Map<string, number[]>, k: string, v: number): void => {
    const list = m.get(k);
    if (!list) m.set(k, [v]);
    else if (!list.some((x) => (x & ROW_MASK) === (v & ROW_MASK))) list.push(v);
  };
  const addNames = (row: number, own: string, names: string[], primary: number): void => {
    const seen = new Set<string>();
    const ownKey = ` ${fold(own)} `;
    names.forEach((name, i) => {
      const k = fold(name);
      if (!k || seen.has(k) || !/^[a-z0-9 ]+$/.test(k) || !/[a-z]/.test(k) || (i > 0 && k.length < MIN_ALT_KEY)) return;
      seen.add(k);
      const flag = i >= primary && !ownKey.includes(` ${k} `) ? ALT_FLAG : 0;
      post(strict, k, row | flag);
      if (k.length >= MIN_LOOSE_SOURCE) post(loose, looseFromFolded(k), row | flag);
    });
  };
  const priorOf = new Map<number, number>();
  places.forEach((p, i) => {
    const feature = `${p.fclass}.${p.fcode || (p.fclass === 'P' ? 'PPL' : '')}`;
    data.latitude[i] = p.latitude;
    data.longitude[i] = p.longitude;
    data.population[i] = p.population;
    data.geonameid[i] = p.geonameid;
    data.feature[i] = idx(features, featureIdx, feature);
    data.country[i] = idx(ccList, ccIdx, p.cc);
    data.admin1[i] = admin1RowOf(p.cc, p.admin1);
    data.prior[i] = placePrior(weights, feature, p.population);
    data.names[i] = (p.asciiname || p.name).replace(/\n/g, ' ');
    const row = base.places + i;
    priorOf.set(row, data.prior[i] as number);
    const names = [p.name, p.asciiname, ...p.alternates.split(',').filter(isUsableAlternate), ...(alts.get(p.geonameid) ?? [])];
    addNames(row, p.name, names, 2);
  });
  // Alternate names of main-index places (imported from alternateNamesV2.txt) post their main rows.
  for (const [gid, names] of alts) {
    const row = base.rowOfGeonameid(gid);
    if (row === undefined) continue;
    priorOf.set(row, base.prior(row));
    addNames(row, '', ['', ...names], 1);
  }
  const prior = (v: number): number => priorOf.get(v & ROW_MASK) ?? 0;
  const order = (a: number, b: number): number => prior(b) - prior(a) || (a & ROW_MASK) - (b & ROW_MASK);
  data.strict = toTable(strict, order);
  data.loose = toTable(loose, order);
  return data;
}

/**
 * Recompiles the overlay of a store against a (new) main index, e.g. after the main index was rebuilt.
 * @param dir the store folder.
 * @param base the main index.
 * @returns the overlay, or undefined when the folder holds no store.
 */
export function recompileOverlay(dir: string, base: BaseIndex): IndexData | undefined {
  const file = path.join(dir, STORE_FILE);
  if (!fs.existsSync(file)) return undefined;
  const db = openDb(file);
  try {
    const data = compileOverlay(db, base);
    const out = path.join(dir, OVERLAY_FILE);
    const tmp = `${out}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, encodeIndex(data));
      fs.renameSync(tmp, out);
    } catch {
      fs.rmSync(tmp, { force: true }); // read-only store: keep the overlay in memory
    }
    return data;
  } finally {
    db.close();
  }
}

/** What `sitrep gazetteer info` prints about a store. */
export interface StoreInfo {
  dir: string;
  exists: boolean;
  places: number;
  alternateNames: number;
  admin1: number;
  countries: { cc: string; places: number }[];
  sources: { file: string; kind: string; rows: number; imported_at: string }[];
}

/**
 * Describes a store.
 * @param dir the store folder.
 * @returns counts and imported files.
 */
export function storeInfo(dir: string): StoreInfo {
  const file = path.join(dir, STORE_FILE);
  const info: StoreInfo = { dir, exists: fs.existsSync(file), places: 0, alternateNames: 0, admin1: 0, countries: [], sources: [] };
  if (!info.exists) return info;
  const db = openDb(file);
  try {
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    info.places = count('SELECT count(*) AS n FROM places');
    info.alternateNames = count('SELECT count(*) AS n FROM altnames');
    info.admin1 = count('SELECT count(*) AS n FROM admin1');
    info.countries = db.prepare('SELECT cc, count(*) AS places FROM places GROUP BY cc ORDER BY places DESC').all() as StoreInfo['countries'];
    info.sources = db.prepare('SELECT file, kind, rows, imported_at FROM sources ORDER BY rowid').all() as StoreInfo['sources'];
  } finally {
    db.close();
  }
  return info;
}
