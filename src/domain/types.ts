/**
 * @module domain/types
 * The domain types of Sitrep, in one place. Every stage of the pipeline
 * (read → text → code → place → fuse → store → serve) speaks these types.
 *
 * Offsets: every `start`/`end` pair is a half-open UTF-16 code-unit range
 * `[start, end)` into `Article.text`, the article text exactly as Sitrep read it
 * (see README, "Offsets").
 */

/** A half-open character range into `Article.text`. */
export interface Span {
  start: number;
  end: number;
}

/** Where a field's value came from: the exact words in the article. */
export interface Evidence extends Span {
  field: string;
  text: string;
}

/** Kinds of text zones that are not body text for event coding. */
export type ZoneKind = 'title' | 'lede' | 'body' | 'caption' | 'quote' | 'source' | 'dateline';

export interface Zone extends Span {
  kind: ZoneKind;
}

/** An article as read from any input format. */
export interface Article {
  /** Base name of the input file (for a record inside a file: `file#record`). */
  file: string;
  /** Path as given on the command line (or `-` for stdin). */
  path: string;
  /** Content hash of `text` (sha256, hex, first 16 chars). */
  id: string;
  record_id: string | number | null;
  title: string | null;
  /** Publication date, `YYYY-MM-DD`, or null when unknown. */
  published: string | null;
  source: string | null;
  url: string | null;
  /** The text every offset points into. */
  text: string;
  /** Zones of `text`; body text is everything not covered by a non-body zone. */
  zones: Zone[];
}

/** Failure to read one input: reported on stderr, never a stack trace. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'InputError';
  }
}

// ---------------------------------------------------------------- taxonomy

export type EventType =
  | 'Battles'
  | 'Explosions/Remote violence'
  | 'Violence against civilians'
  | 'Protests'
  | 'Riots'
  | 'Strategic developments';

export type SubEventType =
  | 'Armed clash'
  | 'Government regains territory'
  | 'Non-state actor overtakes territory'
  | 'Chemical weapon'
  | 'Air/drone strike'
  | 'Suicide bomb'
  | 'Shelling/artillery/missile attack'
  | 'Remote explosive/landmine/IED'
  | 'Grenade'
  | 'Sexual violence'
  | 'Attack'
  | 'Abduction/forced disappearance'
  | 'Peaceful protest'
  | 'Protest with intervention'
  | 'Excessive force against protesters'
  | 'Violent demonstration'
  | 'Mob violence'
  | 'Agreement'
  | 'Arrests'
  | 'Change to group/activity'
  | 'Disrupted weapons use'
  | 'Headquarters or base established'
  | 'Looting/property destruction'
  | 'Non-violent transfer of territory'
  | 'Other';

/** ACLED interaction codes: 1 state forces … 8 external/other forces; 0 = no actor. */
export type InterCode = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** ACLED time precision: 1 = day, 2 = week/few days, 3 = month or vaguer. */
export type TimePrecision = 1 | 2 | 3;

/** ACLED geo precision: 1 = the town itself, 2 = near/part of a town or district, 3 = province/region. */
export type GeoPrecision = 1 | 2 | 3;

// ---------------------------------------------------------------- places

/** A place in the gazetteer. */
export interface Place {
  geonameid: number | null;
  name: string;
  latitude: number;
  longitude: number;
  /** ISO 3166-1 alpha-2. */
  cc: string;
  country: string;
  iso3: string;
  admin1: string | null;
  /** GeoNames feature class + code, e.g. `P.PPLA3`, `A.ADM1`, `A.PCLI`. */
  feature_code: string;
  population: number;
}

export type ToponymRole = 'place' | 'demonym' | 'in-org';

/** A place name found in a text and resolved to a place. */
export interface Toponym extends Span {
  text: string;
  role: ToponymRole;
  place: Place | null;
  confidence: number;
  /** For "20 km east of Kidal": the qualifier span and the implied precision. */
  relative?: { text: string; start: number; end: number; geo_precision: GeoPrecision } | undefined;
  /** A town the gazetteer lacks, placed at the coordinates of a division around it: the precision those carry. */
  approximate?: GeoPrecision | undefined;
  /** The text says a town stands here ("the town of X", "X village"). */
  townCue?: boolean | undefined;
}

// ---------------------------------------------------------------- events

export interface Plover {
  event_type: string;
  mode: string | null;
}

export interface SitrepEvent {
  event_date: string | null;
  time_precision: TimePrecision;
  event_type: EventType;
  sub_event_type: SubEventType;
  actor1: string;
  assoc_actor_1: string | null;
  actor2: string | null;
  assoc_actor_2: string | null;
  inter1: InterCode;
  inter2: InterCode;
  civilian_targeting: boolean;
  country: string | null;
  iso3: string | null;
  admin1: string | null;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  geo_precision: GeoPrecision;
  geonameid: number | null;
  fatalities: number | null;
  fatalities_low: number | null;
  fatalities_high: number | null;
  injuries: number | null;
  historical: boolean;
  plover: Plover;
  cameo: string;
  source_attribution: string | null;
  confidence: number;
  rules: string[];
  evidence: Evidence[];
}

export interface ControlChange {
  location: string;
  latitude: number | null;
  longitude: number | null;
  geonameid: number | null;
  date: string | null;
  from_actor: string | null;
  to_actor: string;
  held_since: string | null;
  evidence: Evidence[];
}

export type ClaimType =
  | 'fatalities'
  | 'injuries'
  | 'displaced'
  | 'refugees'
  | 'arrested'
  | 'abducted'
  | 'sexual violence';

export interface Claim {
  claim_type: ClaimType;
  victims: string | null;
  value_low: number;
  value_high: number | null;
  qualifier: string | null;
  source: string | null;
  period_start: string | null;
  period_end: string | null;
  area: string | null;
  evidence: Evidence[];
}

/** A trigger that did not become an event, and the rule that stopped it (`--explain`). */
export interface DroppedTrigger extends Span {
  rule: string;
  reason: string;
  text: string;
}

/** The output record for one article (one JSON line of `sitrep extract`). */
export interface Extraction {
  article: Omit<Article, 'text' | 'zones'> & { text?: string };
  events: SitrepEvent[];
  control_changes: ControlChange[];
  claims: Claim[];
  /** Only with `--explain`. */
  dropped?: DroppedTrigger[];
}
