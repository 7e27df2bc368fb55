/**
 * @module place/countries
 * The country list (`data/places/countries.tsv`): ISO codes, the ACLED-style English name, other names and
 * demonyms. The gazetteer builds its country places from it; the actor dictionary generates country actors
 * ("Military Forces of Syria") from it.
 */
import { SOURCES } from './paths.js';
import { readTsv, splitAlternatives } from './tsv.js';

/** One country or territory. */
export interface CountryInfo {
  /** ISO 3166-1 alpha-2 (`XK` for Kosovo). */
  iso2: string;
  /** ISO 3166-1 alpha-3 (`XKX` for Kosovo). */
  iso3: string;
  /** The name as ACLED writes it ("Democratic Republic of Congo", "Ivory Coast"). */
  name: string;
  /** Other names ("DR Congo", "DRC", "Zaire"). */
  aliases: string[];
  /** Adjectives and demonyms, usual adjective first ("Congolese"). */
  demonyms: string[];
  /** A representative point, or null when the file leaves it to the gazetteer builder. */
  latitude: number | null;
  longitude: number | null;
}

/**
 * Reads the country list.
 * @param file a file in the `countries.tsv` format (defaults to the shipped one).
 * @returns one entry per row, in file order (sorted by ISO2).
 * @throws Error on a malformed row, a bad code or a duplicate code.
 * @example loadCountries().find((c) => c.iso2 === 'SY')?.demonyms[0] === 'Syrian'
 */
export function loadCountries(file: string = SOURCES.countries): CountryInfo[] {
  const seen = new Set<string>();
  return readTsv(file, 5).map(({ line, cells }) => {
    const [iso2 = '', iso3 = '', name = '', aliases, demonyms, lat = '', lon = ''] = cells;
    if (!/^[A-Z]{2}$/.test(iso2) || !/^[A-Z]{3}$/.test(iso3) || !name) throw new Error(`${file}:${line}: bad country row`);
    if (seen.has(iso2) || seen.has(iso3)) throw new Error(`${file}:${line}: duplicate code ${iso2}/${iso3}`);
    seen.add(iso2).add(iso3);
    const num = (s: string): number | null => (s.trim() === '' ? null : Number(s));
    const latitude = num(lat);
    const longitude = num(lon);
    if ((latitude !== null && !Number.isFinite(latitude)) || (longitude !== null && !Number.isFinite(longitude))) {
      throw new Error(`${file}:${line}: bad coordinates`);
    }
    return { iso2, iso3, name, aliases: splitAlternatives(aliases), demonyms: splitAlternatives(demonyms), latitude, longitude };
  });
}
