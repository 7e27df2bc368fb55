/**
 * @module place/geoparse
 * Finds every place an article names, with exact spans, and puts each on the map.
 *
 * Pipeline (each stage is its own module):
 * 1. {@link recognize}: gazetteer n-grams, demonyms, division abbreviations, cues and filters;
 * 2. zones: names inside `source` zones (agency bylines) are dropped;
 * 3. {@link resolve}: priors plus context signals (focus country, named divisions, "X, Y", proximity).
 */
import type { Toponym, Zone } from '../domain/types.js';
import { loadAbbrevs, type AbbrevTable } from './abbrevs.js';
import type { Gazetteer } from './gazetteer.js';
import { defaultLexicons, type GeoLexicons } from './lexicons.js';
import { recognize, type Mention } from './recognize.js';
import { resolve, type ResolveOptions } from './resolve.js';

/** Options of {@link geoparse}. */
export interface GeoparseOptions {
  /** Text zones; names inside `source` zones are ignored. */
  zones?: Zone[];
  /** ISO2 of the country the article is about, if known. */
  focusCc?: string;
  /** Lexicons (defaults to the shipped data files). */
  lexicons?: GeoLexicons;
  /** Division abbreviations (defaults to the shipped file). */
  abbrevs?: AbbrevTable;
  /** Countries the text points to other than by place names (see {@link ResolveOptions.countryHints}). */
  countryHints?: ResolveOptions['countryHints'];
  /** Debug trace of the resolution (see {@link ResolveOptions.trace}). */
  trace?: ResolveOptions['trace'];
}

let shippedAbbrevs: AbbrevTable | undefined;

/**
 * Finds and resolves the place names of a text.
 * @param gaz the gazetteer ({@link Gazetteer.load}).
 * @param text the raw article text; offsets point into it.
 * @param opts zones and focus country.
 * @returns toponyms in text order; `place` is null when no candidate exists.
 * @example geoparse(gaz, 'Shelling hit Khan Sheikhoun in Idlib province.').map((t) => t.place?.name)
 */
export function geoparse(gaz: Gazetteer, text: string, opts: GeoparseOptions = {}): Toponym[] {
  const lex = opts.lexicons ?? defaultLexicons();
  const abbrevs = opts.abbrevs ?? (shippedAbbrevs ??= loadAbbrevs());
  const found = recognize(gaz, lex, abbrevs, text);
  const mentions = opts.zones?.length ? outsideSources(found, opts.zones) : found;
  const ro: ResolveOptions = {};
  if (opts.focusCc) ro.focusCc = opts.focusCc;
  if (opts.trace) ro.trace = opts.trace;
  if (opts.countryHints?.size) ro.countryHints = opts.countryHints;
  return resolve(gaz, lex, text, mentions, ro);
}

/** The mentions that lie outside every `source` zone (agency bylines). */
function outsideSources(mentions: Mention[], zones: Zone[]): Mention[] {
  const skip = zones.filter((z) => z.kind === 'source');
  return skip.length ? mentions.filter((m) => !skip.some((z) => m.start < z.end && z.start < m.end)) : mentions;
}
