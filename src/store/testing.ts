/**
 * @module store/testing
 * Builders of domain objects for the store's tests and benchmarks: a complete
 * {@link SitrepEvent} or {@link Article} from the few fields a test cares
 * about. Not used by production code.
 */
import { createHash } from 'node:crypto';
import type { Article, Claim, ControlChange, SitrepEvent } from '../domain/types.js';

/**
 * An extracted event with sensible defaults (an air strike in Maarat al-Numan, Syria, 2019-08-19).
 * @param p the fields to set
 */
export function makeEvent(p: Partial<SitrepEvent> = {}): SitrepEvent {
  return {
    event_date: '2019-08-19',
    time_precision: 1,
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Air/drone strike',
    actor1: 'Military Forces of Syria (2000-)',
    assoc_actor_1: null,
    actor2: 'Civilians (Syria)',
    assoc_actor_2: null,
    inter1: 1,
    inter2: 7,
    civilian_targeting: true,
    country: 'Syria',
    iso3: 'SYR',
    admin1: 'Idlib',
    location: "Ma'arrat an Nu'man",
    latitude: 35.6483,
    longitude: 36.67693,
    geo_precision: 1,
    geonameid: 169389,
    fatalities: 3,
    fatalities_low: 3,
    fatalities_high: 3,
    injuries: null,
    historical: false,
    plover: { event_type: 'FIGHT', mode: 'aerial' },
    cameo: '195',
    source_attribution: null,
    confidence: 0.8,
    rules: ['test'],
    evidence: [],
    ...p,
  };
}

/**
 * An article whose id is the content hash of its text.
 * @param text the article text
 * @param p other fields (file, published, source ...)
 */
export function makeArticle(text: string, p: Partial<Omit<Article, 'text' | 'id'>> = {}): Article {
  return {
    file: 'test.txt',
    path: 'test.txt',
    id: createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16),
    record_id: null,
    title: null,
    published: '2019-08-20',
    source: 'Test Wire',
    url: null,
    text,
    zones: [],
    ...p,
  };
}

/** A control change (Khan Shaykhun taken by the Syrian army on 2019-08-19 unless overridden). */
export function makeControlChange(p: Partial<ControlChange> = {}): ControlChange {
  return {
    location: 'Khan Shaykhun',
    latitude: 35.44208,
    longitude: 36.65095,
    geonameid: 168325,
    date: '2019-08-19',
    from_actor: 'Opposition Rebels (Syria)',
    to_actor: 'Military Forces of Syria (2000-)',
    held_since: null,
    evidence: [],
    ...p,
  };
}

/** A casualty claim (730 civilians killed since April 2019, per UOSSM, unless overridden). */
export function makeClaim(p: Partial<Claim> = {}): Claim {
  return {
    claim_type: 'fatalities',
    victims: 'civilians',
    value_low: 730,
    value_high: null,
    qualifier: 'more than',
    source: 'UOSSM',
    period_start: '2019-04',
    period_end: null,
    area: 'Idlib',
    evidence: [],
    ...p,
  };
}
