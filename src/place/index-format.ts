/**
 * @module place/index-format
 * The compiled gazetteer file (`gazetteer.bin`): a JSON header and typed-array sections, so loading is one
 * file read and a handful of zero-copy views, with no per-name parsing.
 *
 * Layout: `SITREPGZ` (8 bytes) · header length (uint32 LE) · header JSON · sections, each 8-byte aligned.
 * Places are rows of parallel columns (latitude, longitude, population, ...). Names are found through two
 * key tables (level-1 and level-2 keys of {@link module:place/normalize}); each is a byte-sorted blob of
 * ASCII keys with offsets and a postings list of place rows, best prior first.
 */

const MAGIC = 'SITREPGZ';
/** Bump when the layout or the key functions change: older files are then rebuilt. */
export const INDEX_VERSION = 13;

/**
 * Postings are place rows; the top bit marks a row found under a GeoNames alternate name only ("California" for
 * Spencer, West Virginia, its old name), not under its own name nor a short form of it ("Enfield" for Enfield Town is not flagged): such a match loses to a place that bears the
 * name itself (signal `sig-alt-name`).
 */
export const ALT_FLAG = 0x8000_0000;
/** Mask of the row in a posting. */
export const ROW_MASK = 0x7fff_ffff;

/** A sorted key table. */
export interface KeyTable {
  /** Concatenated ASCII keys, byte-sorted. */
  keys: Buffer;
  /** `keys` offsets, length = number of keys + 1. */
  keyOff: Uint32Array;
  /** `post` offsets, length = number of keys + 1. */
  postOff: Uint32Array;
  /** Place rows, best prior first; {@link ALT_FLAG} marks alternate-name-only matches. */
  post: Uint32Array;
}

/** Everything in the file. */
export interface IndexData {
  header: IndexHeader;
  latitude: Float32Array;
  longitude: Float32Array;
  population: Float64Array;
  /** -1 when the place has no GeoNames id (computed divisions, countries). */
  geonameid: Int32Array;
  /** Index into `header.features`. */
  feature: Uint16Array;
  /** Index into `header.countries`. */
  country: Uint16Array;
  /** Row of the place's first-level division, -1 when unknown. */
  admin1: Int32Array;
  /** Ranking prior (feature class and population). */
  prior: Float32Array;
  /** Display names, one per row. */
  names: string[];
  strict: KeyTable;
  loose: KeyTable;
}

/** The JSON header. */
export interface IndexHeader {
  format: typeof MAGIC;
  version: number;
  /** Fingerprint of the source files the index was built from. */
  stamp: string;
  places: number;
  features: string[];
  /** ISO2 of each country index. */
  countries: string[];
  /** Demonyms of the regions of `regions.tsv` ("European") and their rows. */
  regionDemonyms: [string, number][];
  /**
   * Set in an overlay index (a local gazetteer, {@link module:place/local-store}): the main index it extends. Its
   * rows are numbered after the main index's `places` rows; its postings hold rows of both; its `admin1` column
   * holds main-index rows.
   */
  base?: { stamp: string; places: number };
  sections: Record<string, { offset: number; bytes: number }>;
}

type Column = Float32Array | Float64Array | Int32Array | Uint16Array | Uint32Array;

/**
 * Serialises an index.
 * @param data the index (its header's `sections` is filled in here).
 * @returns the file contents.
 */
export function encodeIndex(data: IndexData): Buffer {
  const parts: [string, Buffer][] = [];
  const col = (name: string, a: Column): void => {
    parts.push([name, Buffer.from(a.buffer, a.byteOffset, a.byteLength)]);
  };
  col('latitude', data.latitude);
  col('longitude', data.longitude);
  col('population', data.population);
  col('geonameid', data.geonameid);
  col('feature', data.feature);
  col('country', data.country);
  col('admin1', data.admin1);
  col('prior', data.prior);
  parts.push(['names', Buffer.from(data.names.join('\n'), 'utf8')]);
  for (const [t, table] of [['strict', data.strict], ['loose', data.loose]] as const) {
    parts.push([`${t}.keys`, table.keys]);
    col(`${t}.keyOff`, table.keyOff);
    col(`${t}.postOff`, table.postOff);
    col(`${t}.post`, table.post);
  }
  const sections: IndexHeader['sections'] = {};
  let offset = 0;
  for (const [name, buf] of parts) {
    sections[name] = { offset, bytes: buf.length };
    offset += align8(buf.length);
  }
  const header = Buffer.from(JSON.stringify({ ...data.header, format: MAGIC, sections }), 'utf8');
  const start = align8(MAGIC.length + 4 + header.length);
  const out = Buffer.alloc(start + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, MAGIC.length);
  header.copy(out, MAGIC.length + 4);
  for (const [name, buf] of parts) buf.copy(out, start + (sections[name]?.offset ?? 0));
  return out;
}

/**
 * Reads an index without copying its columns.
 * @param file the file contents (kept alive by the returned views).
 * @returns the index.
 * @throws Error when the buffer is not a gazetteer index.
 */
export function decodeIndex(file: Buffer): IndexData {
  if (file.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a Sitrep gazetteer index');
  // Typed-array views need aligned offsets: copy in the rare case the buffer is not 8-aligned.
  const buf = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
  const hlen = buf.readUInt32LE(MAGIC.length);
  const header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + hlen)) as IndexHeader;
  const start = align8(MAGIC.length + 4 + hlen);
  const sec = (name: string): { at: number; bytes: number } => {
    const s = header.sections[name];
    if (!s) throw new Error(`gazetteer index: missing section ${name}`);
    return { at: buf.byteOffset + start + s.offset, bytes: s.bytes };
  };
  const view = <T>(name: string, C: { new (b: ArrayBufferLike, o: number, n: number): T; BYTES_PER_ELEMENT: number }): T => {
    const s = sec(name);
    return new C(buf.buffer, s.at, s.bytes / C.BYTES_PER_ELEMENT);
  };
  const raw = (name: string): Buffer => {
    const s = sec(name);
    return Buffer.from(buf.buffer, s.at, s.bytes);
  };
  const table = (t: string): KeyTable => ({
    keys: raw(`${t}.keys`),
    keyOff: view(`${t}.keyOff`, Uint32Array),
    postOff: view(`${t}.postOff`, Uint32Array),
    post: view(`${t}.post`, Uint32Array),
  });
  return {
    header,
    latitude: view('latitude', Float32Array),
    longitude: view('longitude', Float32Array),
    population: view('population', Float64Array),
    geonameid: view('geonameid', Int32Array),
    feature: view('feature', Uint16Array),
    country: view('country', Uint16Array),
    admin1: view('admin1', Int32Array),
    prior: view('prior', Float32Array),
    names: raw('names').toString('utf8').split('\n'),
    strict: table('strict'),
    loose: table('loose'),
  };
}

/**
 * Compares the table key at `[s, e)` with `key` (byte order), in JavaScript: for keys of a few bytes this is
 * several times faster than a native `Buffer.compare` call per probe.
 * @returns < 0, 0 or > 0 as the table key sorts before, equal to or after `key`.
 */
function compareAt(keys: Uint8Array, s: number, e: number, key: Uint8Array, keyLen: number): number {
  const n = Math.min(e - s, keyLen);
  for (let i = 0; i < n; i++) {
    const d = (keys[s + i] as number) - (key[i] as number);
    if (d !== 0) return d;
  }
  return e - s - keyLen;
}

/** ASCII bytes of a key (keys are `[a-z0-9 ]`), in a buffer reused between calls. */
let scratch = new Uint8Array(256);
function encodeKey(key: string): Uint8Array {
  if (key.length > scratch.length) scratch = new Uint8Array(key.length * 2);
  for (let i = 0; i < key.length; i++) scratch[i] = key.charCodeAt(i) & 0xff;
  return scratch;
}

/**
 * Finds a key in a table by binary search over its bytes.
 * @param table the key table.
 * @param key the key (ASCII).
 * @returns the key's position, or -1.
 */
export function findKey(table: KeyTable, key: string): number {
  const k = encodeKey(key);
  const len = key.length;
  let lo = 0;
  let hi = table.keyOff.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareAt(table.keys, table.keyOff[mid] as number, table.keyOff[mid + 1] as number, k, len);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** {@link probeKey}: the table holds the key itself. */
export const KEY_EXACT = 1;
/** {@link probeKey}: some key of the table continues the key with more words (starts with the key and a space). */
export const KEY_CONTINUES = 2;

/**
 * What a table holds under a key, by one lower-bound binary search: keys are `[a-z0-9 ]` and byte-sorted, and the
 * space sorts before every letter and digit, so the keys that continue `key` with a word come right after `key`
 * itself (or where it would be).
 * @param table the key table.
 * @param key the key (ASCII).
 * @returns {@link KEY_EXACT} and/or {@link KEY_CONTINUES} bits.
 */
export function probeKey(table: KeyTable, key: string): number {
  const k = encodeKey(key);
  const len = key.length;
  const count = table.keyOff.length - 1;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAt(table.keys, table.keyOff[mid] as number, table.keyOff[mid + 1] as number, k, len) < 0) lo = mid + 1;
    else hi = mid;
  }
  let flags = 0;
  if (lo < count && compareAt(table.keys, table.keyOff[lo] as number, table.keyOff[lo + 1] as number, k, len) === 0) {
    flags = KEY_EXACT;
    lo++;
  }
  if (lo < count) {
    const start = table.keyOff[lo] as number;
    if ((table.keyOff[lo + 1] as number) - start > len && compareAt(table.keys, start, start + len, k, len) === 0 && table.keys[start + len] === 0x20) {
      flags |= KEY_CONTINUES;
    }
  }
  return flags;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
