/**
 * @module code/events
 * Turns a coded (and merged) event mention into the output record of the
 * contract (`SitrepEvent`), with ACLED field names.
 */
import type { InterCode, SitrepEvent } from '../domain/types.js';
import type { EventMention } from './coder.js';
import type { Taxonomy } from './taxonomy.js';

/**
 * @param taxonomy for the event type, PLOVER and CAMEO codes of the sub-type
 * @param m a merged event mention
 * @param fallback country of the article when the event has no place (ISO3 and name)
 */
export function toEvent(taxonomy: Taxonomy, m: EventMention, fallback: { country: string; iso3: string } | null): SitrepEvent {
  const info = taxonomy.get(m.sub);
  const p = m.place?.place ?? null;
  const evidence = [...m.evidence]
    .filter((e, i, xs) => xs.findIndex((x) => x.field === e.field && x.start === e.start && x.end === e.end) === i)
    .sort((a, b) => a.start - b.start);
  // Merging mentions can pair an actor with itself ("regime forces" … "regime troops"): one side only.
  const actor2 = m.actor2 && m.actor2.name !== m.actor1.name ? m.actor2 : null;
  return {
    event_date: m.date,
    time_precision: m.timePrecision,
    event_type: info.type,
    sub_event_type: m.sub,
    actor1: m.actor1.name,
    assoc_actor_1: m.assoc1,
    actor2: actor2?.name ?? null,
    assoc_actor_2: null,
    inter1: m.actor1.inter,
    inter2: (actor2?.inter ?? 0) as InterCode,
    civilian_targeting: m.civilianTargeting,
    country: p?.country ?? fallback?.country ?? null,
    iso3: p?.iso3 ?? fallback?.iso3 ?? null,
    admin1: p?.admin1 ?? null,
    location: p?.name ?? fallback?.country ?? null,
    latitude: p ? round(p.latitude) : null,
    longitude: p ? round(p.longitude) : null,
    geo_precision: m.geoPrecision,
    geonameid: p?.geonameid ?? null,
    fatalities: m.fatalities?.low ?? null,
    fatalities_low: m.fatalities?.low ?? null,
    fatalities_high: m.fatalities?.high ?? null,
    injuries: m.injuries,
    historical: m.historical,
    plover: info.plover,
    cameo: info.cameo,
    source_attribution: m.source,
    confidence: Math.round(m.confidence * 100) / 100,
    rules: m.rules,
    evidence,
  };
}

const round = (x: number) => Math.round(x * 1e5) / 1e5;
