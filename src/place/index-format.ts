/**
 * @module place/index-format
 * The compiled gazetteer file (`gazetteer.bin`): a JSON header and typed-array sections, so loading is one
 * file read and a handful of zero-copy views, with no per-name parsing.
 *
 * Layout: `SITREPGZ` (8 bytes) · header length (uint32 LE) · header JSON · sections, each 8-byte aligned.
 * Places are rows of parallel columns (latitude, longitude, population, ...). Names are found through two
 * key tables (level-1 and level-2 keys of {@link module:place/normalize}); each is a byte-sorted blob of
 * ASCII keys with offsets, a postings list of place rows, best prior first, and a hash table over the keys and
 * their word prefixes (recognition asks "is this a name, and does some name go on with more words?" of tens of
 * thousands of n-grams per megabyte of text: one hash probe answers both).
 */

const MAGIC = 'SITREPGZ';
/** Bump when the layout or the key functions change: older files are then rebuilt. */
export const INDEX_VERSION = 15;

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
  /**
   * Open-addressing hash table (linear probing, power-of-two size, {@link keyHash}) of every key and of every
   * word prefix of a key ("new" of "new york"): per slot, the index + 1 of a key that starts with the entry
   * (0: empty slot).
   */
  hashKey: Uint32Array;
  /** Per slot: the entry's length in bytes << 2 | {@link KEY_EXACT} and/or {@link KEY_CONTINUES}. */
  hashMeta: Uint32Array;
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
    col(`${t}.hashKey`, table.hashKey);
    col(`${t}.hashMeta`, table.hashMeta);
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
  const table = (t: string): KeyTable => {
    const keys = raw(`${t}.keys`);
    const keyOff = view(`${t}.keyOff`, Uint32Array);
    // A file of an older version has no hash sections: hash its keys here (its stamp then says it is stale).
    const hash = header.sections[`${t}.hashKey`]
      ? { hashKey: view(`${t}.hashKey`, Uint32Array), hashMeta: view(`${t}.hashMeta`, Uint32Array) }
      : buildKeyHash(keys, keyOff);
    return { keys, keyOff, postOff: view(`${t}.postOff`, Uint32Array), post: view(`${t}.post`, Uint32Array), ...hash };
  };
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

/** {@link probeKey}: the table holds the key itself. */
export const KEY_EXACT = 1;
/** {@link probeKey}: some key of the table continues the key with more words (starts with the key and a space). */
export const KEY_CONTINUES = 2;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a hash of a key's bytes (keys are ASCII `[a-z0-9 ]`; each UTF-16 unit counts as its low byte).
 * @param key the key.
 * @returns an unsigned 32-bit hash, the same that {@link buildKeyHash} computes from the key's bytes.
 */
export function keyHash(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ (key.charCodeAt(i) & 0xff), FNV_PRIME);
  return h >>> 0;
}

/**
 * Builds the hash table of a key blob: every key ({@link KEY_EXACT}) and every word prefix of a key, the bytes
 * before one of its spaces ({@link KEY_CONTINUES}); an entry that is both has both bits.
 * @param keys the concatenated keys.
 * @param keyOff their offsets.
 * @returns the `hashKey` and `hashMeta` columns of a {@link KeyTable}.
 */
export function buildKeyHash(keys: Uint8Array, keyOff: Uint32Array): Pick<KeyTable, 'hashKey' | 'hashMeta'> {
  // Sized first for every key and every space (prefixes repeat across keys), then again for the distinct entries.
  let bound = keyOff.length - 1;
  for (let i = 0; i < keys.length; i++) if (keys[i] === 0x20) bound++;
  const first = hashKeys(keys, keyOff, tableSize(bound));
  const { hashKey, hashMeta } = tableSize(first.entries) === first.hashKey.length ? first : hashKeys(keys, keyOff, tableSize(first.entries));
  return { hashKey, hashMeta };
}

/** A power of two at least twice the entries: the table stays at most half full and probes short. */
function tableSize(entries: number): number {
  let size = 1;
  while (size < entries * 2) size *= 2;
  return size;
}

function hashKeys(keys: Uint8Array, keyOff: Uint32Array, size: number): Pick<KeyTable, 'hashKey' | 'hashMeta'> & { entries: number } {
  const count = keyOff.length - 1;
  let entries = 0;
  const hashKey = new Uint32Array(size);
  const hashMeta = new Uint32Array(size);
  const mask = size - 1;
  const insert = (key: number, len: number, hash: number, flag: number): void => {
    const at = keyOff[key] as number;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const k = hashKey[s] as number;
      if (k === 0) {
        hashKey[s] = key + 1;
        hashMeta[s] = (len << 2) | flag;
        entries++;
        return;
      }
      const meta = hashMeta[s] as number;
      if (meta >>> 2 === len && sameBytes(keys, keyOff[k - 1] as number, keys, at, len)) {
        hashMeta[s] = meta | flag;
        return;
      }
    }
  };
  for (let i = 0; i < count; i++) {
    const from = keyOff[i] as number;
    const to = keyOff[i + 1] as number;
    let h = FNV_OFFSET;
    for (let j = from; j < to; j++) {
      const b = keys[j] as number;
      if (b === 0x20) insert(i, j - from, h >>> 0, KEY_CONTINUES);
      h = Math.imul(h ^ b, FNV_PRIME);
    }
    insert(i, to - from, h >>> 0, KEY_EXACT);
  }
  return { hashKey, hashMeta, entries };
}

function sameBytes(a: Uint8Array, at: number, b: Uint8Array, bt: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[at + i] !== b[bt + i]) return false;
  return true;
}

/** Whether the table bytes at `at` spell `key` (its UTF-16 units as low bytes). */
function spells(keys: Uint8Array, at: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) if (keys[at + i] !== (key.charCodeAt(i) & 0xff)) return false;
  return true;
}

/** The hash slot of a key or word prefix, or -1. */
function slotOf(table: KeyTable, key: string): number {
  const { hashKey, hashMeta } = table;
  const mask = hashKey.length - 1;
  const len = key.length;
  for (let s = keyHash(key) & mask; ; s = (s + 1) & mask) {
    const k = hashKey[s] as number;
    if (k === 0) return -1;
    if ((hashMeta[s] as number) >>> 2 === len && spells(table.keys, table.keyOff[k - 1] as number, key)) return s;
  }
}

/**
 * Finds a key in a table.
 * @param table the key table.
 * @param key the key (ASCII).
 * @returns the key's position, or -1.
 */
export function findKey(table: KeyTable, key: string): number {
  const s = slotOf(table, key);
  return s >= 0 && ((table.hashMeta[s] as number) & KEY_EXACT) !== 0 ? (table.hashKey[s] as number) - 1 : -1;
}

/**
 * What a table holds under a key, by one hash probe.
 * @param table the key table.
 * @param key the key (ASCII).
 * @returns {@link KEY_EXACT} and/or {@link KEY_CONTINUES} bits.
 */
export function probeKey(table: KeyTable, key: string): number {
  const s = slotOf(table, key);
  return s < 0 ? 0 : (table.hashMeta[s] as number) & (KEY_EXACT | KEY_CONTINUES);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
