/**
 * @module store/sqlite/sqlite-store
 * The {@link Store} on SQLite through better-sqlite3: one file, WAL journal
 * (readers never block the writer; a crash loses no committed transaction),
 * numbered schema migrations recorded in `schema_migrations`, FTS5 for text
 * search, and events stored clustered by 0.25° grid cell for bounding boxes
 * and radii.
 *
 * Every unit of work is one `BEGIN IMMEDIATE … COMMIT`; with WAL and
 * `synchronous = NORMAL` a process killed at any instant leaves the file at
 * its last commit. `events()` streams from a second, read-only connection, so
 * a long export sees one consistent snapshot and never blocks the writer.
 *
 * The driver is typed by the methods used ({@link SqliteDatabase}), after
 * kysely's `SqliteDatabase`: the rest of Sitrep never imports better-sqlite3.
 */
import { createRequire } from 'node:module';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SitrepEvent } from '../../domain/types.js';
import { distanceKm } from '../../place/distance.js';
import { normaliseText, signatureFromBytes, signatureToBytes } from '../minhash.js';
import { StoreError } from '../errors.js';
import { RowSink } from './row-sink.js';
import type {
  ArticleMeta,
  BBox,
  CandidateQuery,
  ClaimFilter,
  Count,
  EventDetail,
  EventFields,
  EventFilter,
  EventReport,
  FailedImport,
  NewArticle,
  NewClaim,
  NewControlChange,
  NewReport,
  PlaceQuery,
  SimilarArticle,
  Store,
  StoreCapabilities,
  StoredArticle,
  StoredClaim,
  StoredControlChange,
  StoredEvent,
  StoreStats,
  StoreTx,
} from '../store.js';

// ---------------------------------------------------------------- the driver, typed by what we use

/** A prepared statement: the subset of better-sqlite3's `Statement` this store uses. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** Rows as arrays of values (much cheaper than objects for wide rows). */
  raw(toggle?: boolean): SqliteStatement;
  /** Rows as their first value only. */
  pluck(toggle?: boolean): SqliteStatement;
  columns(): { name: string }[];
}

/** A connection: the subset of better-sqlite3's `Database` this store uses. */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(sql: string, opts?: { simple?: boolean }): unknown;
  function(name: string, opts: { deterministic?: boolean; varargs?: boolean; directOnly?: boolean }, fn: (...args: never[]) => unknown): unknown;
  close(): unknown;
  readonly inTransaction: boolean;
}

/** Opens a connection (better-sqlite3's constructor, or a test double). */
export type SqliteOpener = (file: string, opts: { readonly: boolean }) => SqliteDatabase;

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Opens connections; default: better-sqlite3. */
  open?: SqliteOpener;
  /** The clock for `updated_at`; default: the system clock. */
  now?: () => Date;
  /** SQLite page cache per connection, in MiB (default 64). */
  cacheMiB?: number;
  /** Memory-mapped I/O for the read connection, in MiB (default 2048; 0 turns it off). */
  mmapMiB?: number;
  /**
   * Events `events()` builds ahead of their turn while SQLite sorts (default 50,000, about 1 KB each);
   * past it, rows are read again by id when their turn comes (see `row-sink.ts`).
   */
  eventSinkCap?: number;
}

const defaultOpener: SqliteOpener = (file, opts) => {
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3') as new (f: string, o: { readonly: boolean; fileMustExist: boolean }) => SqliteDatabase;
  return new Database(file, { readonly: opts.readonly, fileMustExist: opts.readonly });
};

// ---------------------------------------------------------------- schema

/** One schema migration. Applied in order, each in its own transaction, recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rebuilds a table that others reference: foreign keys are switched off around the transaction (SQLite's
   * procedure for changing a table's layout) and checked before it commits.
   */
  rebuildsReferencedTable?: boolean;
}

// ---------------------------------------------------------------- the grid events are stored by

/**
 * Events are stored clustered by grid cell (`PRIMARY KEY (cell, id)`), 0.25° × 0.25°, numbered row by row
 * (`latitude band × 2048 + longitude band`); -1 for events without coordinates. A box is read as one run of
 * cells per latitude band. {@link cellOf} and {@link cellSql} must agree (both truncate a non-negative double).
 */
const CELLS_PER_DEGREE = 4;
const CELL_ROW = 2048;
/** Boxes taller than this many bands are filtered by coordinates alone (they read most of the table anyway). */
const MAX_CELL_BANDS = 96;

function cellOf(lat: number | null, lon: number | null): number {
  if (lat === null || lon === null) return -1;
  return Math.trunc((lat + 90) * CELLS_PER_DEGREE) * CELL_ROW + Math.trunc((lon + 180) * CELLS_PER_DEGREE);
}

function cellSql(lat: string, lon: string): string {
  return `CASE WHEN ${lat} IS NULL OR ${lon} IS NULL THEN -1 ELSE CAST((${lat} + 90) * ${CELLS_PER_DEGREE} AS INTEGER) * ${CELL_ROW} + CAST((${lon} + 180) * ${CELLS_PER_DEGREE} AS INTEGER) END`;
}

/** The runs of cells covering a box: `[first, last]` per latitude band, or null when the box is too tall. */
function cellRuns([w, s, e, n]: BBox): [number, number][] | null {
  const [south, north] = [Math.trunc((s + 90) * CELLS_PER_DEGREE), Math.trunc((n + 90) * CELLS_PER_DEGREE)];
  if (north - south + 1 > MAX_CELL_BANDS) return null;
  const [west, east] = [Math.trunc((w + 180) * CELLS_PER_DEGREE), Math.trunc((e + 180) * CELLS_PER_DEGREE)];
  const runs: [number, number][] = [];
  for (let band = south; band <= north; band++) runs.push([band * CELL_ROW + west, band * CELL_ROW + east]);
  return runs;
}

/** WHERE terms (alias `e`) and parameters for the events inside a box: the cells, then the exact coordinates. */
function boxWhere(box: BBox): { sql: string; params: number[] } {
  const [w, s, e, n] = box;
  const runs = cellRuns(box);
  const exact = 'e.longitude BETWEEN ? AND ? AND e.latitude BETWEEN ? AND ?';
  if (!runs) return { sql: exact, params: [w, e, s, n] };
  return { sql: `(${runs.map(() => 'e.cell BETWEEN ? AND ?').join(' OR ')}) AND ${exact}`, params: [...runs.flat(), w, e, s, n] };
}

/** The schema's history (exported for upgrade tests). */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, events with reports, control changes, claims, failed imports',
    sql: `
CREATE TABLE articles (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  file TEXT NOT NULL, path TEXT NOT NULL, record_id TEXT, title TEXT,
  published TEXT, source TEXT, url TEXT,
  duplicate_of TEXT REFERENCES articles(id), similarity REAL,
  minhash BLOB
);
CREATE TABLE article_bands (
  band_key INTEGER NOT NULL,
  article_seq INTEGER NOT NULL REFERENCES articles(seq),
  PRIMARY KEY (band_key, article_seq)
) WITHOUT ROWID;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  event_date TEXT, time_precision INTEGER NOT NULL, date_absolute INTEGER NOT NULL,
  event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
  actor1 TEXT NOT NULL, assoc_actor_1 TEXT, actor2 TEXT, assoc_actor_2 TEXT,
  inter1 INTEGER NOT NULL, inter2 INTEGER NOT NULL, civilian_targeting INTEGER NOT NULL,
  country TEXT, iso3 TEXT, admin1 TEXT, location TEXT,
  latitude REAL, longitude REAL, geo_precision INTEGER NOT NULL, geonameid INTEGER,
  fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER, fatalities_rule TEXT NOT NULL,
  injuries INTEGER, historical INTEGER NOT NULL, confidence REAL NOT NULL,
  plover_event_type TEXT NOT NULL, plover_mode TEXT, cameo TEXT NOT NULL,
  sources TEXT NOT NULL, source_count INTEGER NOT NULL, report_count INTEGER NOT NULL,
  notes TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_iso3_date ON events(iso3, event_date);
CREATE INDEX events_country_date ON events(country COLLATE NOCASE, event_date);
CREATE VIRTUAL TABLE events_geo USING rtree(id, min_lon, max_lon, min_lat, max_lat);
CREATE VIRTUAL TABLE events_fts USING fts5(search_text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id),
  article_seq INTEGER NOT NULL REFERENCES articles(seq),
  idx INTEGER NOT NULL,
  published TEXT, outlet TEXT NOT NULL, copy INTEGER NOT NULL,
  event BLOB NOT NULL, excerpt TEXT,
  link_rule TEXT NOT NULL, link_score REAL NOT NULL, link_reasons TEXT NOT NULL,
  UNIQUE (article_seq, idx)
);
CREATE INDEX reports_event ON reports(event_id);

CREATE TABLE control_changes (
  id INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id),
  place_norm TEXT NOT NULL, location TEXT NOT NULL, latitude REAL, longitude REAL, geonameid INTEGER,
  date TEXT, from_actor TEXT, to_actor TEXT NOT NULL, held_since TEXT,
  evidence_json TEXT NOT NULL, published TEXT, outlet TEXT NOT NULL,
  origin TEXT NOT NULL, event_id INTEGER REFERENCES events(id), country TEXT, iso3 TEXT
);
CREATE INDEX control_place ON control_changes(place_norm);
CREATE INDEX control_geonameid ON control_changes(geonameid);

CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id),
  claim_type TEXT NOT NULL, victims TEXT, value_low INTEGER NOT NULL, value_high INTEGER,
  qualifier TEXT, source TEXT, period_start TEXT, period_end TEXT, area TEXT,
  evidence_json TEXT NOT NULL, published TEXT, outlet TEXT NOT NULL, country TEXT, iso3 TEXT
);
CREATE INDEX claims_iso3 ON claims(iso3, published);

CREATE TABLE failed_imports (
  key TEXT PRIMARY KEY, path TEXT NOT NULL, stage TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'index of coarse (province- or country-level) events, for fusion candidates',
    // Fusion looks up, for every new report, the coarse events of its country in a ±31-day window; without
    // this index it read every event of the country in the window (~3,000 rows for Ukraine in a large store).
    sql: `CREATE INDEX events_coarse ON events(iso3, event_date) WHERE geo_precision = 3 OR latitude IS NULL;`,
  },
  {
    version: 3,
    name: 'events stored by place (0.25° grid cell), replacing the R*Tree',
    // A bounding box then reads a few runs of neighbouring rows instead of one scattered row per event found
    // in the R*Tree (1.4 µs each in a 1M-event store: a third of the cost of a box over a city).
    rebuildsReferencedTable: true,
    sql: `
CREATE TABLE events_by_cell (
  cell INTEGER NOT NULL,
  id INTEGER NOT NULL,
  event_date TEXT, time_precision INTEGER NOT NULL, date_absolute INTEGER NOT NULL,
  event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
  actor1 TEXT NOT NULL, assoc_actor_1 TEXT, actor2 TEXT, assoc_actor_2 TEXT,
  inter1 INTEGER NOT NULL, inter2 INTEGER NOT NULL, civilian_targeting INTEGER NOT NULL,
  country TEXT, iso3 TEXT, admin1 TEXT, location TEXT,
  latitude REAL, longitude REAL, geo_precision INTEGER NOT NULL, geonameid INTEGER,
  fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER, fatalities_rule TEXT NOT NULL,
  injuries INTEGER, historical INTEGER NOT NULL, confidence REAL NOT NULL,
  plover_event_type TEXT NOT NULL, plover_mode TEXT, cameo TEXT NOT NULL,
  sources TEXT NOT NULL, source_count INTEGER NOT NULL, report_count INTEGER NOT NULL,
  notes TEXT NOT NULL, updated_at TEXT NOT NULL,
  PRIMARY KEY (cell, id)
) WITHOUT ROWID;
INSERT INTO events_by_cell SELECT ${cellSql('latitude', 'longitude')}, * FROM events ORDER BY 1, 2;
DROP TABLE events;
DROP TABLE events_geo;
ALTER TABLE events_by_cell RENAME TO events;
CREATE UNIQUE INDEX events_id ON events(id);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_iso3_date ON events(iso3, event_date);
CREATE INDEX events_country_date ON events(country COLLATE NOCASE, event_date);
CREATE INDEX events_coarse ON events(iso3, event_date) WHERE geo_precision = 3 OR latitude IS NULL;
`,
  },
];

/** The schema version this code writes. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

const CAPABILITIES: StoreCapabilities = Object.freeze({
  fullTextSearch: true,
  spatialIndex: true,
  concurrentWriters: false,
  transactionalDdl: true,
});

// ---------------------------------------------------------------- rows

type Row = Record<string, unknown>;

const b = (x: boolean): number => (x ? 1 : 0);
const str = (x: unknown): string | null => (x === null || x === undefined ? null : String(x));
const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

function eventParams(f: EventFields, updatedAt: string): unknown[] {
  return [
    f.event_date, f.time_precision, b(f.date_absolute), f.event_type, f.sub_event_type,
    f.actor1, f.assoc_actor_1, f.actor2, f.assoc_actor_2, f.inter1, f.inter2, b(f.civilian_targeting),
    f.country, f.iso3, f.admin1, f.location, f.latitude, f.longitude, f.geo_precision, f.geonameid,
    f.fatalities, f.fatalities_low, f.fatalities_high, f.fatalities_rule, f.injuries, b(f.historical), f.confidence,
    f.plover.event_type, f.plover.mode, f.cameo, JSON.stringify(f.sources), f.source_count, f.report_count,
    f.notes, updatedAt,
  ];
}

/** The columns of `events` after `id`, in the order of {@link eventParams}. */
const EVENT_COLUMNS = `event_date, time_precision, date_absolute, event_type, sub_event_type,
  actor1, assoc_actor_1, actor2, assoc_actor_2, inter1, inter2, civilian_targeting,
  country, iso3, admin1, location, latitude, longitude, geo_precision, geonameid,
  fatalities, fatalities_low, fatalities_high, fatalities_rule, injuries, historical, confidence,
  plover_event_type, plover_mode, cameo, sources, source_count, report_count, notes, updated_at`;

/**
 * `id` and {@link EVENT_COLUMNS} of the table aliased `e`: what {@link eventFromValues} reads, by position.
 * Always named (never `e.*`), so a later migration adding a column cannot shift the positions.
 */
const EVENT_SELECT = ['id', ...EVENT_COLUMNS.split(',').map((c) => c.trim())].map((c) => `e.${c}`).join(', ');

/**
 * A stored event from the values of {@link EVENT_SELECT}, by position. Rows are read as arrays
 * (better-sqlite3's `raw`) or as the arguments of `sitrep_event` (see `row-sink.ts`): an object row
 * costs a property lookup by name per column, several times the cost of the value itself.
 */
function eventFromValues(v: ArrayLike<unknown>): StoredEvent {
  return {
    id: Number(v[0]),
    event_date: str(v[1]),
    time_precision: Number(v[2]) as StoredEvent['time_precision'],
    date_absolute: v[3] === 1,
    event_type: v[4] as StoredEvent['event_type'],
    sub_event_type: v[5] as StoredEvent['sub_event_type'],
    actor1: String(v[6]),
    assoc_actor_1: str(v[7]),
    actor2: str(v[8]),
    assoc_actor_2: str(v[9]),
    inter1: Number(v[10]) as StoredEvent['inter1'],
    inter2: Number(v[11]) as StoredEvent['inter2'],
    civilian_targeting: v[12] === 1,
    country: str(v[13]),
    iso3: str(v[14]),
    admin1: str(v[15]),
    location: str(v[16]),
    latitude: num(v[17]),
    longitude: num(v[18]),
    geo_precision: Number(v[19]) as StoredEvent['geo_precision'],
    geonameid: num(v[20]),
    fatalities: num(v[21]),
    fatalities_low: num(v[22]),
    fatalities_high: num(v[23]),
    fatalities_rule: String(v[24]),
    injuries: num(v[25]),
    historical: v[26] === 1,
    confidence: Number(v[27]),
    plover: { event_type: String(v[28]), mode: str(v[29]) },
    cameo: String(v[30]),
    sources: JSON.parse(String(v[31])) as string[],
    source_count: Number(v[32]),
    report_count: Number(v[33]),
    notes: String(v[34]),
    search_text: '',
    updated_at: String(v[35]),
  };
}

function articleFromRow(r: Row): StoredArticle {
  return {
    seq: Number(r.seq),
    id: String(r.id),
    file: String(r.file),
    path: String(r.path),
    record_id: r.record_id === null ? null : JSON.parse(String(r.record_id)) as string | number,
    title: str(r.title),
    published: str(r.published),
    source: str(r.source),
    url: str(r.url),
    duplicate_of: str(r.duplicate_of),
    similarity: num(r.similarity),
    report_count: Number(r.report_count ?? 0),
  };
}

function reportFromRow(r: Row): EventReport {
  return {
    id: Number(r.id),
    event_id: Number(r.event_id),
    article_id: String(r.article_id),
    article_seq: Number(r.article_seq),
    index: Number(r.idx),
    published: str(r.published),
    outlet: String(r.outlet),
    copy: r.copy === 1,
    event: decodeReportEvent(r.event as Uint8Array),
    excerpt: str(r.excerpt),
    link: { rule: r.link_rule as EventReport['link']['rule'], score: Number(r.link_score), reasons: JSON.parse(String(r.link_reasons)) as string[] },
  };
}

function controlFromRow(r: Row): StoredControlChange {
  return {
    id: Number(r.id),
    article_id: String(r.article_id),
    location: String(r.location),
    latitude: num(r.latitude),
    longitude: num(r.longitude),
    geonameid: num(r.geonameid),
    date: str(r.date),
    from_actor: str(r.from_actor),
    to_actor: String(r.to_actor),
    held_since: str(r.held_since),
    evidence: JSON.parse(String(r.evidence_json)) as StoredControlChange['evidence'],
    published: str(r.published),
    outlet: String(r.outlet),
    origin: r.origin as StoredControlChange['origin'],
    event_id: num(r.event_id),
    country: str(r.country),
    iso3: str(r.iso3),
  };
}

function claimFromRow(r: Row): StoredClaim {
  return {
    id: Number(r.id),
    article_id: String(r.article_id),
    claim_type: r.claim_type as StoredClaim['claim_type'],
    victims: str(r.victims),
    value_low: Number(r.value_low),
    value_high: num(r.value_high),
    qualifier: str(r.qualifier),
    source: str(r.source),
    period_start: str(r.period_start),
    period_end: str(r.period_end),
    area: str(r.area),
    evidence: JSON.parse(String(r.evidence_json)) as StoredClaim['evidence'],
    published: str(r.published),
    outlet: String(r.outlet),
    country: str(r.country),
    iso3: str(r.iso3),
  };
}

// ---------------------------------------------------------------- report events, compactly

/**
 * The fields of a stored report event, in storage order. A report keeps the
 * extractor's whole event (evidence included); stored as a JSON array of the
 * values in this order, deflated (about a third of the size of the JSON
 * object: reports are the bulk of a store). Append new fields at the end.
 */
const REPORT_EVENT_FIELDS = [
  'event_date', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'actor2', 'assoc_actor_2',
  'inter1', 'inter2', 'civilian_targeting', 'country', 'iso3', 'admin1', 'location', 'latitude', 'longitude',
  'geo_precision', 'geonameid', 'fatalities', 'fatalities_low', 'fatalities_high', 'injuries', 'historical',
  'plover', 'cameo', 'source_attribution', 'confidence', 'rules', 'evidence',
] as const satisfies readonly (keyof SitrepEvent)[];

/** Encodes a report's event for the `reports.event` column. */
export function encodeReportEvent(e: SitrepEvent): Buffer {
  return deflateRawSync(JSON.stringify(REPORT_EVENT_FIELDS.map((k) => e[k])));
}

/** Decodes {@link encodeReportEvent}. */
export function decodeReportEvent(blob: Uint8Array): SitrepEvent {
  const values = JSON.parse(inflateRawSync(blob).toString('utf8')) as unknown[];
  return Object.fromEntries(REPORT_EVENT_FIELDS.map((k, i) => [k, values[i] ?? null])) as unknown as SitrepEvent;
}

// ---------------------------------------------------------------- filters

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(message: string): StoreError {
  return new StoreError('INVALID_ARGUMENT', message);
}

function checkDate(name: string, v: string | undefined): void {
  if (v !== undefined && (!ISO_DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) {
    throw invalid(`${name}: expected YYYY-MM-DD, got ${JSON.stringify(v)}`);
  }
}

function checkBBox(bb: BBox): void {
  const [w, s, e, n] = bb;
  if (![w, s, e, n].every(Number.isFinite) || w > e || s > n || s < -90 || n > 90 || w < -180 || e > 180) {
    throw invalid(`bbox: expected minLon,minLat,maxLon,maxLat within ±180/±90, got ${bb.join(',')}`);
  }
}

/**
 * An FTS5 query from user text: words must all occur; `"quoted phrases"` and
 * `prefix*` keep their meaning; every other FTS5 operator character is inert.
 * @param text the user's search text
 * @returns an FTS5 MATCH expression, or null when no word is left
 */
export function ftsQuery(text: string): string | null {
  const parts: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (m[1] !== undefined) {
      const words = normaliseText(m[1]);
      if (words) parts.push(`"${words}"`);
      continue;
    }
    const raw = m[2]!;
    const prefix = raw.endsWith('*');
    const words = normaliseText(raw).split(' ').filter(Boolean);
    words.forEach((w, i) => parts.push(`"${w}"${prefix && i === words.length - 1 ? '*' : ''}`));
  }
  return parts.length ? parts.join(' ') : null;
}

/** Box around a point of radius `km` (clamped to the poles and the antimeridian). */
function boxAround(lat: number, lon: number, km: number): BBox {
  const dLat = km / 111.2;
  const dLon = Math.min(180, km / (111.2 * Math.max(0.01, Math.cos((lat * Math.PI) / 180))));
  return [Math.max(-180, lon - dLon), Math.max(-90, lat - dLat), Math.min(180, lon + dLon), Math.min(90, lat + dLat)];
}

/** WHERE clauses and parameters for an event filter (table alias `e`). */
function whereOf(f: EventFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  checkDate('dateFrom', f.dateFrom);
  checkDate('dateTo', f.dateTo);
  if (f.dateFrom) where.push('e.event_date >= ?'), params.push(f.dateFrom);
  if (f.dateTo) where.push('e.event_date <= ?'), params.push(f.dateTo);
  if (f.country) {
    if (/^[A-Za-z]{3}$/.test(f.country)) where.push('e.iso3 = ?'), params.push(f.country.toUpperCase());
    else where.push('e.country = ? COLLATE NOCASE'), params.push(f.country);
  }
  if (f.admin1) where.push('e.admin1 = ? COLLATE NOCASE'), params.push(f.admin1);
  const boxes: BBox[] = [];
  if (f.bbox) checkBBox(f.bbox), boxes.push(f.bbox);
  if (f.near) {
    const { lat, lon, km } = f.near;
    if (![lat, lon, km].every(Number.isFinite) || km <= 0 || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      throw invalid(`near: expected lat,lon,km with km > 0, got ${lat},${lon},${km}`);
    }
    boxes.push(boxAround(lat, lon, km));
    where.push('sitrep_distance_km(e.latitude, e.longitude, ?, ?) <= ?');
    params.push(lat, lon, km);
  }
  for (const box of boxes) {
    const b2 = boxWhere(box);
    where.push(b2.sql);
    params.push(...b2.params);
  }
  if (f.eventType) where.push('e.event_type = ?'), params.push(f.eventType);
  if (f.subEventType) where.push('e.sub_event_type = ?'), params.push(f.subEventType);
  if (f.actor) {
    where.push('(e.actor1 LIKE ? ESCAPE \'\\\' OR e.actor2 LIKE ? ESCAPE \'\\\' OR e.assoc_actor_1 LIKE ? ESCAPE \'\\\' OR e.assoc_actor_2 LIKE ? ESCAPE \'\\\')');
    const like = `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like, like, like);
  }
  if (f.text !== undefined) {
    const q = ftsQuery(f.text);
    if (q === null) throw invalid(`text: no word to search for in ${JSON.stringify(f.text)}`);
    where.push('e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)');
    params.push(q);
  }
  if (f.minConfidence !== undefined) {
    if (!(f.minConfidence >= 0 && f.minConfidence <= 1)) throw invalid(`minConfidence: expected 0–1, got ${f.minConfidence}`);
    where.push('e.confidence >= ?'), params.push(f.minConfidence);
  }
  if (f.historical === 'exclude') where.push('e.historical = 0');
  else if (f.historical === 'only') where.push('e.historical = 1');
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

function pageOf(f: EventFilter): string {
  for (const [k, v] of [['limit', f.limit], ['offset', f.offset]] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw invalid(`${k}: expected a non-negative integer, got ${v}`);
  }
  if (f.limit === undefined && f.offset === undefined) return '';
  return ` LIMIT ${f.limit ?? -1} OFFSET ${f.offset ?? 0}`;
}

// ---------------------------------------------------------------- the store

/**
 * Opens (creating if needed) a SQLite store and brings its schema up to date.
 * @param file path of the database file (created with its directory's permissions)
 * @param opts the driver opener, the clock, the page cache size
 * @returns the store; close it with `close()`
 * @throws StoreError `OPEN_FAILED` (not a database, no permission), `SCHEMA_TOO_NEW`, `MIGRATION_FAILED`
 * @example
 * const store = await openSqliteStore('sitrep.db');
 * for await (const e of store.events({ country: 'SYR', dateFrom: '2019-08-01' })) console.log(e.location);
 * await store.close();
 */
export async function openSqliteStore(file: string, opts: SqliteStoreOptions = {}): Promise<Store> {
  const open = opts.open ?? defaultOpener;
  let db: SqliteDatabase;
  try {
    db = open(file, { readonly: false });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${(opts.cacheMiB ?? 64) * 1024}`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    throw new StoreError('OPEN_FAILED', `cannot open ${file} as a SQLite store: ${(e as Error).message}`, { cause: e });
  }
  const version = migrate(db, file);
  return new SqliteStore(db, file, version, open, opts);
}

function migrate(db: SqliteDatabase, file: string): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const current = Number((db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as Row).v);
  if (current > SQLITE_SCHEMA_VERSION) {
    db.close();
    throw new StoreError('SCHEMA_TOO_NEW', `${file} has schema version ${current}; this Sitrep knows up to ${SQLITE_SCHEMA_VERSION}: upgrade Sitrep`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    try {
      // (foreign_keys cannot change inside a transaction)
      if (m.rebuildsReferencedTable) db.pragma('foreign_keys = OFF');
      db.exec('BEGIN IMMEDIATE');
      db.exec(m.sql);
      if (m.rebuildsReferencedTable) {
        const broken = db.prepare('PRAGMA foreign_key_check').all();
        if (broken.length) throw new Error(`${broken.length} broken references, e.g. ${JSON.stringify(broken[0])}`);
      }
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      db.exec('COMMIT');
      if (m.rebuildsReferencedTable) {
        db.pragma('foreign_keys = ON');
        // The old table's pages are free now: give them back (else the file keeps its size until they are
        // reused). Not needed for correctness: skipped when another connection keeps it from running.
        try {
          db.exec('VACUUM');
        } catch {
          // busy: the free pages are reused by later writes
        }
      }
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
      throw new StoreError('MIGRATION_FAILED', `${file}: migration ${m.version} (${m.name}) failed: ${(e as Error).message}`, { cause: e });
    }
  }
  return SQLITE_SCHEMA_VERSION;
}

/** How a statement returns rows: objects (default), arrays of values, or the first value. */
type RowMode = 'raw' | 'pluck';

function prepare(db: SqliteDatabase, sql: string, mode: RowMode | undefined): SqliteStatement {
  const s = db.prepare(sql);
  return mode === 'raw' ? s.raw(true) : mode === 'pluck' ? s.pluck(true) : s;
}

function registerFunctions(db: SqliteDatabase): void {
  db.function('sitrep_distance_km', { deterministic: true }, ((lat1: number | null, lon1: number | null, lat2: number, lon2: number) =>
    lat1 === null || lon1 === null ? null : distanceKm(lat1, lon1, lat2, lon2)) as (...args: never[]) => unknown);
}

class SqliteStore implements Store {
  readonly dialect = 'sqlite';
  readonly capabilities = CAPABILITIES;
  private readonly statements = new Map<string, SqliteStatement>();
  private reader: SqliteDatabase | null = null;
  private readonly readerStatements = new Map<string, SqliteStatement>();
  /** Where `sitrep_event()` puts the events of the statement being stepped (set around each step only). */
  private sink: RowSink<StoredEvent> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly now: () => Date;
  private readonly tx: StoreTx;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly file: string,
    readonly schemaVersion: number,
    private readonly open: SqliteOpener,
    private readonly opts: SqliteStoreOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    registerFunctions(db);
    this.tx = this.makeTx();
  }

  private stmt(sql: string, mode?: RowMode): SqliteStatement {
    if (this.closed) throw new StoreError('CLOSED', `${this.file}: store is closed`);
    const key = mode ? `${mode}:${sql}` : sql;
    let s = this.statements.get(key);
    if (!s) this.statements.set(key, (s = prepare(this.db, sql, mode)));
    return s;
  }

  /** The read-only connection for streaming reads (opened on first use). */
  private readStmt(sql: string, mode?: RowMode): SqliteStatement {
    if (this.closed) throw new StoreError('CLOSED', `${this.file}: store is closed`);
    if (!this.reader) {
      this.reader = this.open(this.file, { readonly: true });
      this.reader.pragma(`cache_size = -${(this.opts.cacheMiB ?? 64) * 1024}`);
      // Reads map the file (no read() per page): scattered row fetches of bbox and text queries get ~1.6× faster.
      this.reader.pragma(`mmap_size = ${(this.opts.mmapMiB ?? 2048) * 1024 * 1024}`);
      registerFunctions(this.reader);
      this.reader.function('sitrep_event', { varargs: true, deterministic: false, directOnly: true }, ((...values: unknown[]) => {
        if (!this.sink) throw new Error('sitrep_event() is only called by events()');
        return this.sink.put(values);
      }) as (...args: never[]) => unknown);
    }
    const key = mode ? `${mode}:${sql}` : sql;
    let s = this.readerStatements.get(key);
    if (!s) this.readerStatements.set(key, (s = prepare(this.reader, sql, mode)));
    return s;
  }

  unitOfWork<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.closed) throw new StoreError('CLOSED', `${this.file}: store is closed`);
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.tx);
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private makeTx(): StoreTx {
    const self = this;
    const wrap = <A extends unknown[], R>(f: (...a: A) => R) => async (...a: A): Promise<R> => {
      if (!self.db.inTransaction) throw new StoreError('TRANSACTION_FAILED', 'StoreTx used outside its unit of work');
      try {
        return f(...a);
      } catch (e) {
        if (e instanceof StoreError) throw e;
        const code = (e as { code?: string }).code ?? '';
        throw new StoreError(code.startsWith('SQLITE_CONSTRAINT') ? 'CONSTRAINT' : 'TRANSACTION_FAILED', (e as Error).message, { cause: e });
      }
    };
    return {
      article: wrap((id: string) => self.articleSync(id)),
      similarArticles: wrap((bands: number[], limit: number): SimilarArticle[] => {
        // one indexed lookup per band (usually all empty); no json_each, DISTINCT or ORDER BY: each costs a temporary b-tree
        const seqs = new Set<number>();
        const band = self.stmt('SELECT article_seq FROM article_bands WHERE band_key = ?', 'pluck');
        for (const k of bands) for (const seq of band.all(k) as number[]) seqs.add(seq);
        const article = self.stmt('SELECT id, minhash FROM articles WHERE seq = ? AND minhash IS NOT NULL', 'raw');
        const found: SimilarArticle[] = [];
        for (const seq of [...seqs].sort((x, y) => x - y)) {
          if (found.length >= limit) break;
          const v = article.get(seq) as [string, Uint8Array] | undefined;
          if (v) found.push({ id: v[0], seq, minhash: signatureFromBytes(v[1]) });
        }
        return found;
      }),
      insertArticle: wrap((a: NewArticle): StoredArticle => {
        const m: ArticleMeta = a.meta;
        const info = self.stmt(`INSERT INTO articles (id, file, path, record_id, title, published, source, url, duplicate_of, similarity, minhash)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          m.id, m.file, m.path, m.record_id === null ? null : JSON.stringify(m.record_id), m.title, m.published, m.source, m.url,
          a.duplicate_of, a.similarity, a.minhash ? signatureToBytes(a.minhash) : null,
        );
        const seq = Number(info.lastInsertRowid);
        if (a.bands.length) {
          // one statement for all bands (16 for a signed text)
          self.stmt(`INSERT OR IGNORE INTO article_bands (band_key, article_seq) VALUES ${a.bands.map(() => '(?, ?)').join(', ')}`)
            .run(...a.bands.flatMap((k) => [k, seq]));
        }
        // what articleSync would read back, without reading it
        return {
          seq, id: m.id, file: m.file, path: m.path, record_id: m.record_id ?? null, title: m.title ?? null,
          published: m.published ?? null, source: m.source ?? null, url: m.url ?? null,
          duplicate_of: a.duplicate_of ?? null, similarity: a.similarity ?? null, report_count: 0,
        };
      }),
      eventCandidates: wrap((q: CandidateQuery): StoredEvent[] => {
        // Nearest dates first (then lowest id), so the limit never drops a same-day event in a dense area. The window's
        // (id, date) pairs are ranked here rather than with ORDER BY ... LIMIT: a sort in SQLite costs a temporary
        // b-tree per statement, more than the whole lookup of a few events; only the chosen events are read in full.
        const window: unknown[][] = [];
        if (q.bbox) {
          const box = boxWhere(q.bbox);
          window.push(...self.stmt(`SELECT e.id, e.event_date FROM events e WHERE ${box.sql} AND e.event_date BETWEEN ? AND ?`, 'raw')
            .all(...box.params, q.dateFrom, q.dateTo) as unknown[][]);
          // coarse (province- or country-level) events of the country match towns inside them (index events_coarse)
          window.push(...self.stmt(`SELECT e.id, e.event_date FROM events e WHERE e.iso3 IS ? AND e.event_date BETWEEN ? AND ?
            AND (e.geo_precision = 3 OR e.latitude IS NULL)`, 'raw').all(q.iso3, q.dateFrom, q.dateTo) as unknown[][]);
        } else {
          window.push(...self.stmt('SELECT e.id, e.event_date FROM events e WHERE e.iso3 IS ? AND e.event_date BETWEEN ? AND ?', 'raw')
            .all(q.iso3, q.dateFrom, q.dateTo) as unknown[][]);
        }
        const mid = (Date.parse(`${q.dateFrom}T00:00:00Z`) + Date.parse(`${q.dateTo}T00:00:00Z`)) / 2;
        const midDay = Date.parse(`${new Date(mid).toISOString().slice(0, 10)}T00:00:00Z`);
        const ranked = new Map<number, number>();
        for (const [id, date] of window) ranked.set(Number(id), Math.abs(Date.parse(`${String(date)}T00:00:00Z`) - midDay));
        const one = self.stmt(`SELECT ${EVENT_SELECT} FROM events e WHERE e.id = ?`, 'raw');
        return [...ranked].sort((a, b2) => a[1] - b2[1] || a[0] - b2[0]).slice(0, q.limit).map(([id]) => eventFromValues(one.get(id) as unknown[]));
      }),
      eventsOfArticle: wrap((articleId: string) =>
        (self.stmt(`SELECT ${EVENT_SELECT}, r.idx FROM reports r JOIN events e ON e.id = r.event_id WHERE r.article_seq = (SELECT seq FROM articles WHERE id = ?) ORDER BY r.idx`, 'raw')
          .all(articleId) as unknown[][]).map((v) => ({ index: Number(v[v.length - 1]), event: eventFromValues(v) }))),
      reportsOf: wrap((eventId: number) => self.reportsSync(eventId)),
      insertEvent: wrap((f: EventFields): number => {
        // ids ascend and are never reused (events are never deleted); the table is keyed by (cell, id), so the id is ours to give
        const id = (self.stmt('SELECT coalesce(max(id), 0) + 1 FROM events', 'pluck').get() as number);
        self.stmt(`INSERT INTO events (cell, id, ${EVENT_COLUMNS}) VALUES (?, ?, ${EVENT_COLUMNS.split(',').map(() => '?').join(', ')})`)
          .run(cellOf(f.latitude, f.longitude), id, ...eventParams(f, self.now().toISOString()));
        self.indexEvent(id, f);
        return id;
      }),
      updateEvent: wrap((id: number, f: EventFields): void => {
        const set = EVENT_COLUMNS.split(',').map((c) => `${c.trim()} = ?`).join(', ');
        const info = self.stmt(`UPDATE events SET cell = ?, ${set} WHERE id = ?`).run(cellOf(f.latitude, f.longitude), ...eventParams(f, self.now().toISOString()), id);
        if (info.changes !== 1) throw new StoreError('CONSTRAINT', `no event ${id} to update`);
        self.stmt('DELETE FROM events_fts WHERE rowid = ?').run(id);
        self.indexEvent(id, f);
      }),
      insertReport: wrap((r: NewReport): number => {
        const seq = self.stmt('SELECT seq FROM articles WHERE id = ?').get(r.article_id) as Row | undefined;
        if (!seq) throw new StoreError('CONSTRAINT', `report of unknown article ${r.article_id}`);
        const info = self.stmt(`INSERT INTO reports (event_id, article_seq, idx, published, outlet, copy, event, excerpt, link_rule, link_score, link_reasons)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          r.event_id, seq.seq, r.index, r.published, r.outlet, b(r.copy), encodeReportEvent(r.event), r.excerpt,
          r.link.rule, r.link.score, JSON.stringify(r.link.reasons),
        );
        return Number(info.lastInsertRowid);
      }),
      insertControlChange: wrap((c: NewControlChange): void => {
        self.stmt(`INSERT INTO control_changes (article_id, place_norm, location, latitude, longitude, geonameid, date, from_actor, to_actor, held_since,
          evidence_json, published, outlet, origin, event_id, country, iso3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          c.article_id, normaliseText(c.location), c.location, c.latitude, c.longitude, c.geonameid, c.date, c.from_actor, c.to_actor, c.held_since,
          JSON.stringify(c.evidence), c.published, c.outlet, c.origin, c.event_id, c.country, c.iso3,
        );
      }),
      insertClaim: wrap((c: NewClaim): void => {
        self.stmt(`INSERT INTO claims (article_id, claim_type, victims, value_low, value_high, qualifier, source, period_start, period_end, area,
          evidence_json, published, outlet, country, iso3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          c.article_id, c.claim_type, c.victims, c.value_low, c.value_high, c.qualifier, c.source, c.period_start, c.period_end, c.area,
          JSON.stringify(c.evidence), c.published, c.outlet, c.country, c.iso3,
        );
      }),
      recordFailure: wrap((f: FailedImport): void => {
        self.stmt(`INSERT INTO failed_imports (key, path, stage, code, reason) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(key) DO UPDATE SET path = excluded.path, stage = excluded.stage, code = excluded.code, reason = excluded.reason`)
          .run(f.key, f.path, f.stage, f.code, f.reason);
      }),
      clearFailures: wrap((keys: string[]): void => {
        const del = self.stmt('DELETE FROM failed_imports WHERE key = ?');
        for (const k of keys) del.run(k);
      }),
    };
  }

  private indexEvent(id: number, f: EventFields): void {
    this.stmt('INSERT INTO events_fts (rowid, search_text) VALUES (?, ?)').run(id, f.search_text);
  }

  private articleSync(id: string): StoredArticle | null {
    const r = this.stmt('SELECT a.*, (SELECT count(*) FROM reports r WHERE r.article_seq = a.seq) AS report_count FROM articles a WHERE a.id = ?').get(id) as Row | undefined;
    return r ? articleFromRow(r) : null;
  }

  private reportsSync(eventId: number): EventReport[] {
    return (this.stmt('SELECT r.*, a.id AS article_id FROM reports r JOIN articles a ON a.seq = r.article_seq WHERE r.event_id = ? ORDER BY r.article_seq, r.idx').all(eventId) as Row[]).map(reportFromRow);
  }

  async article(id: string): Promise<StoredArticle | null> {
    return this.articleSync(id);
  }

  async *articles(): AsyncIterable<StoredArticle> {
    const rows = this.readStmt('SELECT a.*, (SELECT count(*) FROM reports r WHERE r.article_seq = a.seq) AS report_count FROM articles a ORDER BY a.seq').iterate();
    for (const r of rows) yield articleFromRow(r as Row);
  }

  async *events(filter: EventFilter = {}): AsyncIterable<StoredEvent> {
    const { sql, params } = whereOf(filter);
    const page = pageOf(filter);
    const order = 'ORDER BY e.event_date IS NULL, e.event_date, e.id';
    // A page is chosen on the sort key alone, so that only the page's events are built.
    const where = page ? `WHERE e.id IN (SELECT e.id FROM events e ${sql} ${order}${page})` : sql;
    const stmt = this.readStmt(`SELECT sitrep_event(${EVENT_SELECT}) FROM events e ${where} ${order}`, 'pluck');
    const again = this.readStmt(`SELECT ${EVENT_SELECT} FROM events e WHERE e.id = ?`, 'raw');
    const sink = new RowSink(eventFromValues, this.opts.eventSinkCap ?? 50_000);
    const tickets = stmt.iterate(...params) as IterableIterator<number>;
    try {
      for (;;) {
        this.sink = sink;
        let next: IteratorResult<number>;
        try {
          next = tickets.next();
        } finally {
          this.sink = null;
        }
        if (next.done) return;
        // past the sink's cap: read the row again (same connection, same snapshot: the statement is still open)
        yield sink.take(next.value) ?? eventFromValues(again.get(-next.value) as unknown[]);
      }
    } finally {
      tickets.return?.();
    }
  }

  async event(id: number): Promise<EventDetail | null> {
    const v = this.stmt(`SELECT ${EVENT_SELECT} FROM events e WHERE e.id = ?`, 'raw').get(id) as unknown[] | undefined;
    if (!v) return null;
    return { event: eventFromValues(v), reports: this.reportsSync(id) };
  }

  async controlChanges(place: PlaceQuery): Promise<StoredControlChange[]> {
    const rows = 'geonameid' in place
      ? this.stmt('SELECT * FROM control_changes WHERE geonameid = ? ORDER BY date IS NOT NULL, date, id').all(place.geonameid)
      : this.stmt('SELECT * FROM control_changes WHERE place_norm = ? ORDER BY date IS NOT NULL, date, id').all(normaliseText(place.name));
    return (rows as Row[]).map(controlFromRow);
  }

  async controlPlaces(): Promise<Count[]> {
    return (this.stmt('SELECT min(location) AS key, count(*) AS count FROM control_changes GROUP BY place_norm ORDER BY count DESC, key').all() as Row[])
      .map((r) => ({ key: String(r.key), count: Number(r.count) }));
  }

  async claims(filter: ClaimFilter = {}): Promise<StoredClaim[]> {
    checkDate('since', filter.since);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.country) {
      if (/^[A-Za-z]{3}$/.test(filter.country)) where.push('iso3 = ?'), params.push(filter.country.toUpperCase());
      else where.push('country = ? COLLATE NOCASE'), params.push(filter.country);
    }
    if (filter.since) where.push('published >= ?'), params.push(filter.since);
    if (filter.claimType) where.push('claim_type = ?'), params.push(filter.claimType);
    const sql = `SELECT * FROM claims ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY period_start IS NOT NULL, period_start, published, id`;
    return (this.stmt(sql).all(...params) as Row[]).map(claimFromRow);
  }

  async stats(filter: EventFilter = {}): Promise<StoreStats> {
    const { sql, params } = whereOf(filter);
    const count = (q: string, ...p: unknown[]) => Number((this.stmt(q).get(...p) as Row).n);
    const group = (expr: string): Count[] =>
      (this.stmt(`SELECT ${expr} AS key, count(*) AS count FROM events e ${sql} GROUP BY key ORDER BY count DESC, key`).all(...params) as Row[])
        .map((r) => ({ key: r.key === null ? '(none)' : String(r.key), count: Number(r.count) }));
    return {
      articles: count('SELECT count(*) AS n FROM articles'),
      duplicates: count('SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL'),
      events: count(`SELECT count(*) AS n FROM events e ${sql}`, ...params),
      reports: count('SELECT count(*) AS n FROM reports'),
      controlChanges: count('SELECT count(*) AS n FROM control_changes'),
      claims: count('SELECT count(*) AS n FROM claims'),
      failed: count('SELECT count(*) AS n FROM failed_imports'),
      byType: group('e.event_type'),
      byMonth: group('substr(e.event_date, 1, 7)').sort((a, c) => a.key.localeCompare(c.key)),
      byCountry: group('e.country'),
    };
  }

  async failedImports(): Promise<FailedImport[]> {
    return (this.stmt('SELECT * FROM failed_imports ORDER BY key').all() as Row[]).map((r) => ({
      key: String(r.key),
      path: String(r.path),
      stage: r.stage as FailedImport['stage'],
      code: String(r.code),
      reason: String(r.reason),
    }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    this.statements.clear();
    this.readerStatements.clear();
    this.reader?.close();
    this.db.close();
  }
}
