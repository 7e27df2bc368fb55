/**
 * @module store/store
 * The `Store` interface: everything Sitrep keeps between runs — articles (by
 * content hash, with near-duplicate links), events fused across articles with
 * every report that backs them and why each was merged, territorial control
 * changes, casualty claims and failed imports — and the queries over them.
 *
 * The interface is the portability boundary. `sqlite/` implements it on
 * better-sqlite3; a PostgreSQL/PostGIS implementation satisfies the same
 * interface and the same conformance suite (`conformance.ts`). What differs
 * between databases is declared once, as read-only {@link StoreCapabilities}
 * flags, never as `if (dialect === ...)` in callers.
 *
 * Every method is asynchronous (a network database needs it); writes happen
 * only inside {@link Store.unitOfWork}, which commits all or nothing.
 */
import type { Claim, ClaimType, ControlChange, EventType, Extraction, SitrepEvent, SubEventType } from '../domain/types.js';

// ---------------------------------------------------------------- articles

/** An article's metadata as extraction reports it (no text). */
export type ArticleMeta = Omit<Extraction['article'], 'text'>;

/** An article as stored. */
export interface StoredArticle extends ArticleMeta {
  /** Ingestion order, 1-based, gap-free. */
  seq: number;
  /** The earlier article this one is a near-copy of (syndication, light edit), or null. */
  duplicate_of: string | null;
  /** Estimated Jaccard similarity to `duplicate_of` (0–1), or null. */
  similarity: number | null;
  /** Number of event reports stored from this article. */
  report_count: number;
}

/** An article to store. */
export interface NewArticle {
  meta: ArticleMeta;
  /** MinHash signature of the normalised text (see `store/minhash`), or null for a text too short to sign. */
  minhash: Uint32Array | null;
  /** LSH band keys of `minhash`: articles sharing one are near-duplicate candidates. */
  bands: number[];
  duplicate_of: string | null;
  similarity: number | null;
}

/** A near-duplicate candidate found through a shared LSH band. */
export interface SimilarArticle {
  id: string;
  seq: number;
  minhash: Uint32Array;
}

// ---------------------------------------------------------------- events

/** How a report joined its event: it opened it, was fused into it, or is a near-copy's report. */
export type LinkRule = 'new' | 'merged' | 'copy';

/** Why one report belongs to its event. */
export interface FusionLink {
  rule: LinkRule;
  /** Match score 0–1 against the event when it joined (1 for `new`). */
  score: number;
  /** Human-readable reasons, e.g. `same sub-type (Air/drone strike)`, `2.1 km apart`. */
  reasons: string[];
}

/** The fields of an event fused from one or more reports (computed by `fuse/across-articles`). */
export interface EventFields
  extends Omit<SitrepEvent, 'source_attribution' | 'rules' | 'evidence'> {
  /** True when the date was written as a calendar date in some report ("12 May"), not resolved from "yesterday". */
  date_absolute: boolean;
  /** The rule that chose `fatalities` (ACLED's best estimate), e.g. `lowest-reported (ACLED conservative)`. */
  fatalities_rule: string;
  /** Outlets of the independent reports, first-seen order. */
  sources: string[];
  /** Independent articles reporting it (near-copies not counted). */
  source_count: number;
  /** All reports, copies included. */
  report_count: number;
  /** A one-paragraph summary (ACLED `notes`). */
  notes: string;
  /** Text indexed for full-text search (notes and the reports' sentences). */
  search_text: string;
}

/** An event as stored. */
export interface StoredEvent extends EventFields {
  id: number;
  /** ISO 8601 time of the last change (from the store's clock). */
  updated_at: string;
}

/** One article's report of an event, and how it was fused. */
export interface EventReport {
  id: number;
  event_id: number;
  article_id: string;
  article_seq: number;
  /** Index of the event in the article's extraction. */
  index: number;
  published: string | null;
  /** The outlet (article source) or, failing that, the file name. */
  outlet: string;
  /** True when the article is a near-copy of another. */
  copy: boolean;
  /** The event as the extractor coded it from this article, evidence included. */
  event: SitrepEvent;
  /** The sentence that reports it, or null. */
  excerpt: string | null;
  link: FusionLink;
}

/** A report to store. */
export type NewReport = Omit<EventReport, 'id' | 'article_seq'>;

/** An event with everything behind it: `sitrep events show ID`. */
export interface EventDetail {
  event: StoredEvent;
  reports: EventReport[];
}

/** Which events may be the same as a new report: its date window and surroundings. */
export interface CandidateQuery {
  /** Inclusive `YYYY-MM-DD` bounds. */
  dateFrom: string;
  dateTo: string;
  /** Box to search when the report has coordinates; null to match on `iso3` only. */
  bbox: BBox | null;
  iso3: string | null;
  limit: number;
}

/** `[minLon, minLat, maxLon, maxLat]`, degrees (GeoJSON order). */
export type BBox = [number, number, number, number];

// ---------------------------------------------------------------- control and claims

/** A control change is either reported as such or implied by a territorial event. */
export type ControlOrigin = 'reported' | 'implied';

/** A control change as stored. */
export interface StoredControlChange extends ControlChange {
  id: number;
  article_id: string;
  published: string | null;
  outlet: string;
  origin: ControlOrigin;
  /** The fused event that implies it, for `implied` changes. */
  event_id: number | null;
  country: string | null;
  iso3: string | null;
}

/** A control change to store. */
export type NewControlChange = Omit<StoredControlChange, 'id'>;

/** A casualty claim as stored, with its article's context. */
export interface StoredClaim extends Claim {
  id: number;
  article_id: string;
  published: string | null;
  outlet: string;
  /** The country the article is about (its events' country), or null. */
  country: string | null;
  iso3: string | null;
}

/** A claim to store. */
export type NewClaim = Omit<StoredClaim, 'id'>;

// ---------------------------------------------------------------- failures

/** The pipeline stage an input failed in. */
export type ImportStage = 'read' | 'extract' | 'store';

/** An input that could not be imported, and why. */
export interface FailedImport {
  /** Stable key: the path (and record) for read failures, `path#articleId` after reading. */
  key: string;
  /** The path to give `ingest` again (`--retry-failed`). */
  path: string;
  stage: ImportStage;
  /** Error code when the error had one (`InputError`, `StoreError`), else `ERROR`. */
  code: string;
  reason: string;
}

// ---------------------------------------------------------------- queries

/** Which events to return. Every field is optional; all given ones must hold. */
export interface EventFilter {
  /** Inclusive `YYYY-MM-DD` bounds on `event_date` (events without a date are then excluded). */
  dateFrom?: string;
  dateTo?: string;
  /** Country name or ISO3 code (case-insensitive). */
  country?: string;
  admin1?: string;
  bbox?: BBox;
  /** Within `km` of a point. */
  near?: { lat: number; lon: number; km: number };
  eventType?: EventType;
  subEventType?: SubEventType;
  /** An actor name (actor1, actor2 or associated), case-insensitive substring. */
  actor?: string;
  /** Full-text query (words, all must occur; `"a phrase"`; `prefix*`). Needs `capabilities.fullTextSearch`. */
  text?: string;
  minConfidence?: number;
  /** Historical (background) events: include (default), exclude, or only them. */
  historical?: 'include' | 'exclude' | 'only';
  /** Page size and offset, in the order of `event_date`, then `id`. */
  limit?: number;
  offset?: number;
}

/** Which claims to return. */
export interface ClaimFilter {
  country?: string;
  /** Claims published on or after this date. */
  since?: string;
  claimType?: ClaimType;
}

/** A place to look up control changes for: a name (case- and accent-insensitive) or a GeoNames id. */
export type PlaceQuery = { name: string } | { geonameid: number };

/** Counts for `sitrep stats`. */
export interface StoreStats {
  articles: number;
  duplicates: number;
  events: number;
  reports: number;
  controlChanges: number;
  claims: number;
  failed: number;
  byType: Count[];
  byMonth: Count[];
  byCountry: Count[];
}

/** One row of a count table. */
export interface Count {
  key: string;
  count: number;
}

// ---------------------------------------------------------------- the store

/** What an implementation can do; callers check flags, never the dialect name. */
export interface StoreCapabilities {
  /** `EventFilter.text` works (SQLite FTS5, PostgreSQL tsvector). */
  readonly fullTextSearch: boolean;
  /** Bounding-box and radius filters use a spatial index (SQLite: rows clustered by grid cell; PostGIS: GiST) rather than a scan. */
  readonly spatialIndex: boolean;
  /** Several processes may write at once (PostgreSQL); SQLite serialises writers. */
  readonly concurrentWriters: boolean;
  /** Schema changes roll back with their transaction. */
  readonly transactionalDdl: boolean;
}

/** Reads and writes inside one unit of work (one transaction). */
export interface StoreTx {
  article(id: string): Promise<StoredArticle | null>;
  /** Articles sharing at least one LSH band key with `bands`, oldest first. */
  similarArticles(bands: number[], limit: number): Promise<SimilarArticle[]>;
  /** @returns the stored article, with its `seq` */
  insertArticle(article: NewArticle): Promise<StoredArticle>;
  /** Events inside the window, nearest date first then lowest id (at most `limit`). */
  eventCandidates(q: CandidateQuery): Promise<StoredEvent[]>;
  /** Events that an article reported, by report index. */
  eventsOfArticle(articleId: string): Promise<{ index: number; event: StoredEvent }[]>;
  reportsOf(eventId: number): Promise<EventReport[]>;
  /** @returns the new event's id (ascending, never reused) */
  insertEvent(fields: EventFields): Promise<number>;
  updateEvent(id: number, fields: EventFields): Promise<void>;
  insertReport(report: NewReport): Promise<number>;
  insertControlChange(change: NewControlChange): Promise<void>;
  insertClaim(claim: NewClaim): Promise<void>;
  /** Records (or replaces) a failure under its key. */
  recordFailure(failure: FailedImport): Promise<void>;
  /** Forgets the failures of these keys (the input went in). */
  clearFailures(keys: string[]): Promise<void>;
}

/** The store. Implementations: `sqlite/sqlite-store.ts`. */
export interface Store {
  /** Implementation name, for messages only: branch on `capabilities`. */
  readonly dialect: string;
  readonly capabilities: StoreCapabilities;
  /** Schema version after migrations. */
  readonly schemaVersion: number;

  /**
   * Runs `fn` in one transaction: every write commits together, or none does
   * (an exception, a crash or `kill -9` leaves the store as before).
   * Units of work run one at a time, in call order.
   * @throws whatever `fn` throws, after rolling back
   */
  unitOfWork<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;

  article(id: string): Promise<StoredArticle | null>;
  /** Every article, in ingestion order. */
  articles(): AsyncIterable<StoredArticle>;
  /**
   * Events matching the filter, by `event_date` (undated last) then `id`.
   * @throws StoreError `INVALID_ARGUMENT` for a malformed filter, `UNSUPPORTED` for `text` without full-text search
   */
  events(filter?: EventFilter): AsyncIterable<StoredEvent>;
  /** One event with its reports, or null. */
  event(id: number): Promise<EventDetail | null>;
  /** Control changes at a place, by date (undated first). */
  controlChanges(place: PlaceQuery): Promise<StoredControlChange[]>;
  /** Every place with control changes: display name and count. */
  controlPlaces(): Promise<Count[]>;
  /** Casualty claims, by period start then published date. */
  claims(filter?: ClaimFilter): Promise<StoredClaim[]>;
  stats(filter?: EventFilter): Promise<StoreStats>;
  failedImports(): Promise<FailedImport[]>;
  close(): Promise<void>;
}
