/**
 * @module code/actors
 * The actor dictionary: ACLED-style canonical names for the people and forces
 * a text names. Generic roles (`data/actors/generic.yaml`: "Military Forces of
 * {country}", "Protesters ({country})" ...) take their country from a demonym
 * or country name right before the mention ("Kenyan police", "Syria's army"),
 * or later from the event's place; named groups (`data/actors/groups.yaml`)
 * carry their own name. Users add entries with `--actors FILE` (same format
 * as groups.yaml). A bare country name ("Israel struck ...") is an actor too:
 * the state's forces.
 */
import type { InterCode, Span } from '../domain/types.js';
import { DataError, loadYaml } from '../data/load.js';

/** What the actor module needs to know about a country. */
export interface CountryNames {
  iso2: string;
  name: string;
  aliases: string[];
  demonyms: string[];
}

export interface ActorEntry {
  id: string;
  /** Canonical name; may hold `{country}`. */
  name: string;
  inter: InterCode;
  /** ISO2 of the country the group is tied to, if any. */
  country: string | null;
  generic: boolean;
  source: string;
}

export interface ActorMention extends Span {
  text: string;
  entry: ActorEntry;
  /** ISO2 from a demonym/country prefix or the entry itself; null = take the event's country. */
  cc: string | null;
  /** A backer named in the mention: "Russia-backed regime forces" → RU. */
  backer: string | null;
  /** True when the mention is a bare country name standing for its state. */
  state: boolean;
}

interface RawEntry {
  id: string;
  name: string;
  inter: number;
  country?: string;
  aliases: string[];
}

export interface ActorDictionary {
  entries: ActorEntry[];
  /** All actor mentions in `span`, longest match first, no overlaps. */
  find(text: string, span: Span): ActorMention[];
  /** The canonical name of a mention, with `{country}` filled from `cc` (or `fallbackCc`). */
  name(mention: ActorMention, fallbackCc: string | null): string;
  /** The state-forces entry for a country (used for defaults). */
  generic(id: string): ActorEntry | undefined;
  /** ACLED name of a country by ISO2. */
  countryName(cc: string): string | null;
  /** ISO2 of a demonym or country name ("Russian", "US", "Israel's"), or null. */
  countryOfWord(word: string): string | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isAcronym = (s: string) => /^[A-Z0-9][A-Z0-9/&-]*$/.test(s) && /[A-Z]/.test(s);

function readEntries(file: string, generic: boolean): { entry: ActorEntry; aliases: string[] }[] {
  const doc = loadYaml(file);
  if (!Array.isArray(doc)) throw new DataError(file, 'expected a list of actor entries');
  return (doc as RawEntry[]).map((r, i) => {
    if (!r || typeof r.id !== 'string' || typeof r.name !== 'string' || !Array.isArray(r.aliases)) {
      throw new DataError(file, `entry ${i + 1}: needs id, name and aliases`);
    }
    if (!Number.isInteger(r.inter) || r.inter < 1 || r.inter > 8) throw new DataError(file, `entry ${r.id}: inter must be 1-8`);
    return {
      entry: { id: r.id, name: r.name, inter: r.inter as InterCode, country: r.country ?? null, generic, source: file },
      aliases: r.aliases.map(String),
    };
  });
}

/**
 * Builds the dictionary.
 * @param countries country names and demonyms (from the gazetteer's country table)
 * @param userFiles extra YAML files in the groups format (`--actors FILE`)
 * @throws DataError on duplicate ids or malformed entries
 */
export function loadActors(countries: CountryNames[], userFiles: string[] = []): ActorDictionary {
  const all = [
    ...readEntries('actors/generic.yaml', true),
    ...readEntries('actors/groups.yaml', false),
    ...userFiles.flatMap((f) => readEntries(f, false)),
  ];
  const byId = new Map<string, ActorEntry>();
  for (const { entry } of all) {
    if (byId.has(entry.id) && entry.source === byId.get(entry.id)!.source) {
      throw new DataError(entry.source, `duplicate actor id ${entry.id}`);
    }
    byId.set(entry.id, entry); // a user file may override a built-in entry by id
  }
  // alias → entry; later files win (user overrides)
  const aliasCi = new Map<string, ActorEntry>();
  const aliasCs = new Map<string, ActorEntry>();
  for (const { entry, aliases } of all) {
    for (const a of aliases) {
      if (isAcronym(a)) aliasCs.set(a, entry);
      else aliasCi.set(a.toLowerCase(), entry);
    }
  }
  // Country names and demonyms as prefixes ("Syrian", "Syria's") and bare state actors ("Israel").
  const prefix = new Map<string, string>();
  const stateName = new Map<string, string>();
  const acled = new Map<string, string>();
  for (const c of countries) {
    acled.set(c.iso2, c.name);
    for (const d of c.demonyms) prefix.set(d.toLowerCase(), c.iso2);
    for (const n of [c.name, ...c.aliases]) {
      if (n.length < 3 && !/^[A-Z.]+$/.test(n)) continue;
      prefix.set(`${n.toLowerCase()}'s`, c.iso2);
      prefix.set(`${n.toLowerCase()}’s`, c.iso2);
      stateName.set(n.toLowerCase(), c.iso2);
      prefix.set(n.toLowerCase(), c.iso2);
    }
  }
  const alt = (keys: Iterable<string>) =>
    [...keys].sort((a, b) => b.length - a.length).map(escape).join('|');
  const reCi = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt(aliasCi.keys())})(?![\\p{L}\\p{N}])`, 'giu');
  const reCs = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt(aliasCs.keys())})(?![\\p{L}\\p{N}])`, 'gu');
  const reState = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt([...stateName.keys()])})(?![\\p{L}\\p{N}-])`, 'giu');
  // "Russia-backed", "Russian-backed", "backed by Russia"
  const reBackedPre = new RegExp(`(?:^|[\\s(])(${alt(prefix.keys())})[- ](?:backed|supported|allied|aligned)\\s+(?:\\S+\\s+){0,2}$`, 'iu');
  const rePrefix = new RegExp(`(?:^|[\\s(])(${alt(prefix.keys())})(?:[- ](?:backed|supported|led|allied|aligned))?\\s+(?:(?:pro-government|government|regime|rebel|opposition|allied|elite|special|local|federal|national|military|security|state|army|riot|armed|heavily armed|loyalist)\\s+){0,2}$`, 'iu');

  const countryName = (cc: string) => acled.get(cc) ?? null;
  const military = byId.get('military');

  return {
    entries: [...byId.values()],
    generic: (id) => (byId.get(id)?.generic ? byId.get(id) : undefined),
    countryName,
    countryOfWord: (w) => prefix.get(w.toLowerCase()) ?? null,
    name(m, fallbackCc) {
      const cc = m.cc ?? m.entry.country ?? fallbackCc;
      if (!m.entry.name.includes('{country}')) return m.entry.name;
      const country = cc ? countryName(cc) : null;
      if (country) return m.entry.name.replace('{country}', country);
      // No country known: drop the bracketed or "of" part rather than print a placeholder.
      return m.entry.name.replace(/ \(\{country\}\)| of \{country\}/, '').replace('{country}', '').trim();
    },
    find(text, span) {
      const s = text.slice(span.start, span.end);
      const raw: ActorMention[] = [];
      const scan = (re: RegExp, lookup: (k: string) => ActorEntry | undefined) => {
        re.lastIndex = 0;
        for (let m = re.exec(s); m; m = re.exec(s)) {
          const entry = lookup(m[0]);
          if (!entry) continue;
          const before = s.slice(Math.max(0, m.index - 60), m.index);
          const pm = entry.generic ? rePrefix.exec(before) : null;
          const bm = reBackedPre.exec(before);
          const backerCc = bm ? prefix.get(bm[1]!.toLowerCase()) ?? null : null;
          const cc = pm ? prefix.get(pm[1]!.toLowerCase()) ?? null : null;
          // A "Russia-backed" prefix names the backer, not the actor's own country.
          const own = pm && bm && pm[1] === bm[1] ? null : cc;
          const start = pm && own ? m.index - (before.length - before.lastIndexOf(pm[1]!)) : m.index;
          raw.push({ start: span.start + start, end: span.start + m.index + m[0].length, text: s.slice(start, m.index + m[0].length), entry, cc: own ?? entry.country, backer: backerCc, state: false });
        }
      };
      scan(reCs, (k) => aliasCs.get(k));
      scan(reCi, (k) => aliasCi.get(k.toLowerCase()));
      if (military) {
        reState.lastIndex = 0;
        for (let m = reState.exec(s); m; m = reState.exec(s)) {
          const cc = stateName.get(m[0].toLowerCase());
          if (!cc) continue;
          const after = s.slice(m.index + m[0].length, m.index + m[0].length + 2);
          if (/^['’]s/.test(after)) continue; // "Syria's army" is a prefix, handled above
          raw.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, text: m[0], entry: military, cc, backer: null, state: true });
        }
      }
      // Longest first, then no overlaps.
      raw.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
      const kept: ActorMention[] = [];
      for (const r of raw) if (!kept.some((k) => r.start < k.end && k.start < r.end)) kept.push(r);
      kept.sort((a, b) => a.start - b.start);
      // "M23 fighters", "Houthi rebels": a generic noun right after a named group is that group.
      const out: ActorMention[] = [];
      for (const m of kept) {
        const prev = out[out.length - 1];
        if (prev && m.entry.generic && !prev.entry.generic && !prev.state && /^[\s-]*$/.test(text.slice(prev.end, m.start))) {
          prev.end = m.end;
          prev.text = text.slice(prev.start, prev.end);
          continue;
        }
        out.push(m);
      }
      return out;
    },
  };
}
