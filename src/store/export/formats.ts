/**
 * @module store/export/formats
 * Event export formats, as streaming formatters (a header, one chunk per
 * event, a footer) so a million events never sit in memory:
 * - `jsonl`: one stored event per line;
 * - `csv`: ACLED's column names and order ({@link ACLED_COLUMNS});
 * - `geojson`: a FeatureCollection of Points (`[lon, lat]`; null geometry when unplaced);
 * - `hxl`: CSV with a second row of HXL hashtags ({@link HXL_TAGS}) for humanitarian tools.
 * Pure: formatters build strings, callers write them.
 */
import { stringify } from 'csv-stringify/sync';
import type { EventType } from '../../domain/types.js';
import type { StoredEvent } from '../store.js';
import { acledRegion } from './regions.js';

/** The export formats. */
export const FORMATS = ['jsonl', 'csv', 'geojson', 'hxl'] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** A streaming formatter: `header()`, then `row()` per event (joined by `separator`), then `footer()`. */
export interface Formatter {
  header(): string;
  row(e: StoredEvent, first: boolean): string;
  footer(): string;
}

/** ACLED's export columns, in ACLED's order. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];

/** ACLED's disorder type of each event type. */
const DISORDER: Readonly<Record<EventType, string>> = {
  Battles: 'Political violence',
  'Explosions/Remote violence': 'Political violence',
  'Violence against civilians': 'Political violence',
  Protests: 'Demonstrations',
  Riots: 'Demonstrations',
  'Strategic developments': 'Strategic developments',
};

/**
 * ACLED's two-digit interaction code: the two actors' inter codes, lower first
 * (`10`, `20` … for a lone actor).
 */
export function interaction(inter1: number, inter2: number): number {
  if (!inter2) return inter1 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

/**
 * One event as an ACLED row.
 * @param e a stored event
 * @returns the ACLED columns; `admin2`, `admin3`, `source_scale` and `tags` are empty (Sitrep does not code them);
 *   `event_id_cnty` is the ISO3 code and the store id; `timestamp` is the Unix time of the last update
 */
export function acledRow(e: StoredEvent): Record<AcledColumn, string | number> {
  return {
    event_id_cnty: `${e.iso3 ?? 'XXX'}${e.id}`,
    event_date: e.event_date ?? '',
    year: e.event_date ? Number(e.event_date.slice(0, 4)) : '',
    time_precision: e.time_precision,
    disorder_type: DISORDER[e.event_type] ?? '',
    event_type: e.event_type,
    sub_event_type: e.sub_event_type,
    actor1: e.actor1,
    assoc_actor_1: e.assoc_actor_1 ?? '',
    inter1: e.inter1,
    actor2: e.actor2 ?? '',
    assoc_actor_2: e.assoc_actor_2 ?? '',
    inter2: e.inter2,
    interaction: interaction(e.inter1, e.inter2),
    civilian_targeting: e.civilian_targeting ? 'Civilian targeting' : '',
    iso: e.iso3 ?? '',
    region: acledRegion(e.iso3),
    country: e.country ?? '',
    admin1: e.admin1 ?? '',
    admin2: '',
    admin3: '',
    location: e.location ?? '',
    latitude: e.latitude ?? '',
    longitude: e.longitude ?? '',
    geo_precision: e.geo_precision,
    source: e.sources.join('; '),
    source_scale: '',
    notes: e.notes,
    fatalities: e.fatalities ?? '',
    tags: '',
    timestamp: Math.floor(Date.parse(e.updated_at) / 1000),
  };
}

/** HXL hashtags of the HXL export's columns, in order (header name → hashtag). */
export const HXL_TAGS: readonly (readonly [AcledColumn, string])[] = [
  ['event_id_cnty', '#event+code'],
  ['event_date', '#date+occurred'],
  ['year', '#date+year'],
  ['event_type', '#event+type'],
  ['sub_event_type', '#event+type+sub'],
  ['actor1', '#group+name+first'],
  ['assoc_actor_1', '#group+name+first+assoc'],
  ['actor2', '#group+name+second'],
  ['assoc_actor_2', '#group+name+second+assoc'],
  ['interaction', '#group+code+interaction'],
  ['iso', '#country+code'],
  ['region', '#region+name'],
  ['country', '#country+name'],
  ['admin1', '#adm1+name'],
  ['location', '#loc+name'],
  ['latitude', '#geo+lat'],
  ['longitude', '#geo+lon'],
  ['geo_precision', '#geo+precision'],
  ['source', '#meta+source'],
  ['notes', '#description'],
  ['fatalities', '#affected+killed'],
];

const csvLine = (cells: readonly (string | number)[]) => stringify([cells as (string | number)[]]);

/** The event as JSON (without its search text). */
function jsonOf(e: StoredEvent): Omit<StoredEvent, 'search_text'> {
  const { search_text: _s, ...rest } = e;
  return rest;
}

/**
 * A formatter for one export format.
 * @param format `jsonl`, `csv`, `geojson` or `hxl`
 * @returns header, row and footer functions whose concatenation is the whole document
 */
export function formatter(format: ExportFormat): Formatter {
  switch (format) {
    case 'jsonl':
      return { header: () => '', row: (e) => `${JSON.stringify(jsonOf(e))}\n`, footer: () => '' };
    case 'csv':
      return {
        header: () => csvLine(ACLED_COLUMNS),
        row: (e) => {
          const r = acledRow(e);
          return csvLine(ACLED_COLUMNS.map((c) => r[c]));
        },
        footer: () => '',
      };
    case 'hxl':
      return {
        header: () => csvLine(HXL_TAGS.map(([c]) => c)) + csvLine(HXL_TAGS.map(([, t]) => t)),
        row: (e) => {
          const r = acledRow(e);
          return csvLine(HXL_TAGS.map(([c]) => r[c]));
        },
        footer: () => '',
      };
    case 'geojson':
      return {
        header: () => '{"type":"FeatureCollection","features":[\n',
        row: (e, first) => {
          const geometry = e.latitude !== null && e.longitude !== null ? { type: 'Point', coordinates: [e.longitude, e.latitude] } : null;
          const { latitude: _la, longitude: _lo, ...properties } = jsonOf(e);
          return `${first ? '' : ',\n'}${JSON.stringify({ type: 'Feature', id: e.id, geometry, properties })}`;
        },
        footer: () => '\n]}\n',
      };
  }
}
