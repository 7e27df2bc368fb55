/**
 * @module code/taxonomy
 * The ACLED taxonomy (`data/taxonomy/acled.yaml`): event types, sub-event
 * types, and the PLOVER and CAMEO codes printed beside each.
 */
import type { EventType, Plover, SubEventType } from '../domain/types.js';
import { DataError, loadYaml } from '../data/load.js';

export interface SubTypeInfo {
  name: SubEventType;
  type: EventType;
  plover: Plover;
  cameo: string;
  civilian_targeting: boolean;
}

interface RawSub {
  name: string;
  type: string;
  plover: string;
  mode: string | null;
  cameo: string;
  civilian_targeting?: boolean;
}

export interface Taxonomy {
  /** All 25 sub-event types, keyed by name. */
  subTypes: Map<SubEventType, SubTypeInfo>;
  /** The entry of one sub-event type; throws on an unknown name. */
  get(name: SubEventType): SubTypeInfo;
}

/**
 * Loads the taxonomy from `data/taxonomy/acled.yaml`.
 * @returns the taxonomy, validated (every sub-type belongs to a known type)
 */
export function loadTaxonomy(): Taxonomy {
  const doc = loadYaml('taxonomy/acled.yaml') as { event_types: string[]; sub_event_types: RawSub[] };
  const types = new Set(doc.event_types);
  const out = new Map<SubEventType, SubTypeInfo>();
  for (const s of doc.sub_event_types) {
    if (!types.has(s.type)) throw new DataError('taxonomy/acled.yaml', `sub-type ${s.name} has unknown type ${s.type}`);
    out.set(s.name as SubEventType, {
      name: s.name as SubEventType,
      type: s.type as EventType,
      plover: { event_type: s.plover, mode: s.mode ?? null },
      cameo: String(s.cameo),
      civilian_targeting: s.civilian_targeting ?? false,
    });
  }
  return {
    subTypes: out,
    get(name) {
      const info = out.get(name);
      if (!info) throw new DataError('taxonomy/acled.yaml', `no sub-event type "${name}"`);
      return info;
    },
  };
}
