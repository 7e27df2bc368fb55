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
  /** For the forces of one state that fight abroad ("Russian forces"): ISO2 of that state; else null. */
  forcesOf: string | null;
  /** A militia that fights alongside the state's forces (ACLED: pro-government militia), not against them. */
  proGovernment: boolean;
  /**
   * The group under another name and class over a span of dates (ACLED recodes a group that takes or loses power:
   * the Taliban are "Military Forces of Afghanistan (2021-)" from 16 August 2021); empty for most groups.
   */
  periods: readonly ActorPeriod[];
  /** A non-state group that governs the area it holds as a de facto authority (ACLED codes its arrests as Arrests). */
  governs: boolean;
  generic: boolean;
  source: string;
}

/** A span of dates over which an entry has another ACLED name and class (`from` inclusive, `until` exclusive). */
export interface ActorPeriod {
  from: string | null;
  until: string | null;
  name: string;
  inter: InterCode;
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
  /**
   * Every entry the words may name, when they are an alias of groups in different countries
   * ("SNA": the Syrian National Army, the Somali National Army); `entry` is the first of them
   * until `resolve` picks one by the event's country. Such a mention says nothing of where a story is.
   */
  alternates?: readonly ActorEntry[];
  /**
   * True when the shared words are the first entry's own name and another group's only in its country (a
   * `local_aliases` entry: "al-Shabaab" in Mozambique): the mention says the story is in the first entry's country.
   */
  namesCountry?: boolean;
}

interface RawEntry {
  id: string;
  name: string;
  inter: number;
  country?: string;
  forces_of?: string;
  pro_government?: boolean;
  governs?: boolean;
  aliases: string[];
  /** Names the group bears only in its own country, another group's elsewhere ("al-Shabaab" in Mozambique). */
  local_aliases?: string[];
  periods?: { from?: string; until?: string; name: string; inter: number }[];
}

export interface ActorDictionary {
  entries: ActorEntry[];
  /** All actor mentions in `span`, longest match first, no overlaps. */
  find(text: string, span: Span): ActorMention[];
  /**
   * False when `find` cannot give a mention of a group tied to one country
   * (`entry.country`) in `span`: none of their aliases is there. A check of the
   * words alone, much cheaper than `find` (most sentences name no such group).
   */
  mayHoldTied(text: string, span: Span): boolean;
  /** The canonical name of a mention, with `{country}` filled from `cc` (or `fallbackCc`). */
  name(mention: ActorMention, fallbackCc: string | null): string;
  /**
   * The mention with the entry of its `alternates` that is tied to `cc` (the event's country),
   * or the mention itself when it has no alternates or none is tied to `cc`; on `date` (YYYY-MM-DD), with
   * the name and class of the entry's period that holds the date, if any.
   */
  resolve(mention: ActorMention, cc: string | null, date?: string | null): ActorMention;
  /** The state-forces entry for a country (used for defaults). */
  generic(id: string): ActorEntry | undefined;
  /** ACLED name of a country by ISO2. */
  countryName(cc: string): string | null;
  /** ISO2 of a demonym or country name ("Russian", "US", "Israel's"), or null. */
  countryOfWord(word: string): string | null;
}

/** A word: letters and digits, joined by inner dots, slashes, hyphens and apostrophes (not a final "'s"). */
const WORD = /[\p{L}\p{N}]+(?:(?:[./&-]|['’](?!s\b))[\p{L}\p{N}]+)*/gu;

/** A letter or digit (one code point, so 1 or 2 code units) at `lastIndex`. */
const LETTER_AT = /[\p{L}\p{N}]/uy;

/**
 * Length in code units of the letter or digit at `i` of `s`, 0 if none there.
 * ASCII by a range test; other characters by `LETTER_AT`.
 */
function letterAt(s: string, i: number): number {
  // (Reads stay inside the string: V8 deoptimises code that reads past the end.)
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  LETTER_AT.lastIndex = i;
  return LETTER_AT.test(s) ? LETTER_AT.lastIndex - i : 0;
}

/** `[A-Za-z0-9_]`: a word character of `\b` in a `u` regex without `i`. */
const isAsciiWord = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * The spans of the `WORD` matches of `s`, by plain scanning (the regex, with its
 * Unicode classes, took most of the time of actor lookup).
 * @param s a sentence
 * @returns start and end offsets in `s`, in order
 */
export function wordSpans(s: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const n = s.length;
  for (let i = 0; i < n; ) {
    if (!letterAt(s, i)) {
      i++;
      continue;
    }
    const start = i;
    i = wordEnd(s, i);
    out.push({ start, end: i });
  }
  return out;
}

/**
 * The end of the word that starts at `i` of `s` (a letter or digit there): letters and
 * digits, joined by inner dots, slashes, ampersands, hyphens and apostrophes (not a final "'s").
 */
function wordEnd(s: string, i: number): number {
  let k = letterAt(s, i);
  for (;;) {
    while (k) {
      i += k;
      k = letterAt(s, i);
    }
    // a joiner continues the word when a letter or digit follows it
    if (i + 1 >= s.length) return i; // a joiner needs a letter after it
    const c = s.charCodeAt(i);
    const joins = c === 46 || c === 47 || c === 38 || c === 45 || // . / & -
      ((c === 39 || c === 0x2019) && !(s.charCodeAt(i + 1) === 115 && (i + 2 >= s.length || !isAsciiWord(s.charCodeAt(i + 2))))); // ' ’ not before a final "s"
    if (!joins || !(k = letterAt(s, i + 1))) return i;
    i++;
  }
}
/** The end of the first word of `s` after offset `i`, or -1 when there is none. */
function nextWordEnd(s: string, i: number): number {
  while (i < s.length && !letterAt(s, i)) i++;
  return i < s.length ? wordEnd(s, i) : -1;
}

/** `asciiHash` of a word with a code unit outside ASCII. */
const NOT_ASCII = -1;
const FNV_START = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** 1 for the ASCII letters and digits, by code unit. */
const ASCII_ALNUM = new Uint8Array(128).map((_, c) => Number(/[A-Za-z0-9]/.test(String.fromCharCode(c))));

/**
 * A hash (FNV-1a, 30 bits: a small integer, no heap number) of `s[start, end)` lower-cased, when it is all ASCII; `NOT_ASCII` otherwise.
 * Equal lower-case ASCII words have equal hashes. (Digits are their own lower case: `c | 32`.)
 */
function asciiHash(s: string, start: number, end: number): number {
  let h = FNV_START;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return NOT_ASCII;
    h = Math.imul(h ^ (ASCII_ALNUM[c] ? c | 32 : c), FNV_PRIME);
  }
  return h & 0x3fffffff;
}

/** "KIA-led " right before a mention: the leading group's name (one word, hyphens inside allowed) and "-led". */
const LED_BY = /(?<![\p{L}\p{N}'’-])([\p{L}\p{N}][\p{L}\p{N}'’/&-]*?)-led\s+$/u;

const isAcronym = (s: string) => /^[A-Z0-9][A-Z0-9/&-]*$/.test(s) && /[A-Z]/.test(s);

function readEntries(file: string, generic: boolean): { entry: ActorEntry; aliases: string[]; local: string[] }[] {
  const doc = loadYaml(file);
  if (!Array.isArray(doc)) throw new DataError(file, 'expected a list of actor entries');
  return (doc as RawEntry[]).map((r, i) => {
    if (!r || typeof r.id !== 'string' || typeof r.name !== 'string' || !Array.isArray(r.aliases)) {
      throw new DataError(file, `entry ${i + 1}: needs id, name and aliases`);
    }
    if (!Number.isInteger(r.inter) || r.inter < 1 || r.inter > 8) throw new DataError(file, `entry ${r.id}: inter must be 1-8`);
    const periods = (r.periods ?? []).map((p): ActorPeriod => {
      const day = (d: unknown) => (d === undefined ? null : String(d instanceof Date ? d.toISOString().slice(0, 10) : d));
      const from = day(p.from);
      const until = day(p.until);
      if ((from && !/^\d{4}-\d{2}-\d{2}$/.test(from)) || (until && !/^\d{4}-\d{2}-\d{2}$/.test(until)) || (!from && !until) ||
        typeof p.name !== 'string' || !Number.isInteger(p.inter) || p.inter < 1 || p.inter > 8) {
        throw new DataError(file, `entry ${r.id}: a period needs from and/or until (YYYY-MM-DD), a name and inter 1-8`);
      }
      return { from, until, name: p.name, inter: p.inter as InterCode };
    });
    return {
      entry: {
        id: r.id, name: r.name, inter: r.inter as InterCode, country: r.country ?? null, forcesOf: r.forces_of ?? null,
        proGovernment: r.pro_government === true, periods, governs: r.governs === true, generic, source: file,
      },
      aliases: r.aliases.map(String),
      local: (r.local_aliases ?? []).map(String),
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
  // alias → entry; later files win (user overrides). In one file, an alias of groups tied to
  // different countries is a homonym: its mentions carry every entry (see ActorMention.alternates).
  const aliasCi = new Map<string, ActorEntry>();
  const aliasCs = new Map<string, ActorEntry>();
  const homonyms = new Map<ActorEntry, Map<string, ActorEntry[]>>();
  // Homonyms that are their first entry's own name ("al-Shabaab"), shared by another group's `local_aliases` only:
  // `${first entry id} ${key}` (see ActorMention.namesCountry).
  const ownName = new Set<string>();
  const ownNameSpoilt = new Set<string>();
  for (const { entry, aliases, local } of all) {
    for (const [a, isLocal] of [...aliases.map((x) => [x, false] as const), ...local.map((x) => [x, true] as const)]) {
      const key = a.replace(/\.$/, '');
      const table = isAcronym(key) ? aliasCs : aliasCi;
      const k = table === aliasCs ? key : key.toLowerCase();
      const had = table.get(k);
      if (had && had !== entry && had.source === entry.source && had.country && entry.country && had.country !== entry.country) {
        const byKey = homonyms.get(had) ?? new Map<string, ActorEntry[]>();
        homonyms.set(had, byKey);
        byKey.set(k, [...(byKey.get(k) ?? [had]), entry]);
        (isLocal ? ownName : ownNameSpoilt).add(`${had.id} ${k}`);
        continue; // the first entry stays the default
      }
      table.set(k, entry);
    }
  }
  const alternatesOf = (entry: ActorEntry, key: string): Pick<ActorMention, 'alternates' | 'namesCountry'> => {
    const alternates = homonyms.get(entry)?.get(key);
    if (!alternates) return {};
    const own = ownName.has(`${entry.id} ${key}`) && !ownNameSpoilt.has(`${entry.id} ${key}`);
    return own ? { alternates, namesCountry: true } : { alternates };
  };
  // Country names and demonyms as prefixes ("Syrian", "Syria's") and bare state actors ("Israel").
  const prefix = new Map<string, string>();
  const stateName = new Map<string, string>();
  const acled = new Map<string, string>();
  // Names that are acronyms ("CAR", "DRC", "US") name a country only in capitals: "a car" is not the CAR.
  const upperOnly = new Set<string>();
  for (const c of countries) {
    acled.set(c.iso2, c.name);
    for (const d of c.demonyms) prefix.set(d.toLowerCase(), c.iso2);
    for (const n of [c.name, ...c.aliases]) {
      if (n.length < 3 && !/^[A-Z.]+$/.test(n)) continue;
      if (/^[A-Z][A-Z.]+$/.test(n)) for (const k of [n, `${n}'s`, `${n}’s`, n.replace(/\.$/, '')]) upperOnly.add(k.toLowerCase());
      prefix.set(`${n.toLowerCase()}'s`, c.iso2);
      prefix.set(`${n.toLowerCase()}’s`, c.iso2);
      stateName.set(n.toLowerCase(), c.iso2);
      prefix.set(n.toLowerCase(), c.iso2);
      if (n.endsWith('.')) stateName.set(n.toLowerCase().replace(/\.$/, ''), c.iso2);
    }
  }
  /** A country acronym written otherwise than in capitals ("car", "Car's"): a common word. */
  const lowerAcronym = (phrase: string): boolean => {
    if (!upperOnly.has(phrase.toLowerCase())) return false;
    const bare = phrase.replace(/['’]s$/, '');
    return bare !== bare.toUpperCase();
  };
  // Phrase tables are looked up by word n-grams of the text (one pass, no giant regex).
  // First word (lower case) → the lengths, in words, of the phrases that start with it,
  // longest first: an n-gram of another length cannot be one of them.
  const firstWord = new Map<string, number[]>();
  for (const k of [...aliasCi.keys(), ...aliasCs.keys(), ...stateName.keys()]) {
    const words = [...k.matchAll(WORD)];
    if (!words.length) continue;
    const first = words[0]![0].toLowerCase();
    const lengths = firstWord.get(first) ?? [];
    if (!lengths.includes(words.length)) lengths.push(words.length);
    firstWord.set(first, lengths.sort((a, b) => b - a));
  }
  // Their `asciiHash`es: a word of the text whose hash is not among them starts no phrase.
  const firstHashes = new Set([...firstWord.keys()].map((w) => asciiHash(w, 0, w.length)));
  // The same for the aliases of groups tied to one country, which every geoparsed article
  // looks for in all its sentences (see `mayHoldTied`); keys as in aliasCs and aliasCi.
  const tiedCs = new Set([...aliasCs].filter(([, e]) => e.country).map(([k]) => k));
  const tiedCi = new Set([...aliasCi].filter(([, e]) => e.country).map(([k]) => k));
  const tiedFirst = new Map<string, number[]>();
  for (const k of [...tiedCs, ...tiedCi]) {
    const words = [...k.matchAll(WORD)];
    if (!words.length) continue;
    const first = words[0]![0].toLowerCase();
    const lengths = tiedFirst.get(first) ?? [];
    if (!lengths.includes(words.length)) lengths.push(words.length);
    tiedFirst.set(first, lengths);
  }
  // A quick sieve: the hashes of the tied first words (see `asciiHash`); a word of the text
  // whose hash is not among them is not one of them, and needs no lower-casing nor lookup.
  const tiedHashes = new Set([...tiedFirst.keys()].map((w) => asciiHash(w, 0, w.length)));
  // "Russia-backed", "Russian-backed", "backed by Russia"
  const longestPrefix = Math.max(...[...prefix.keys()].map((k) => k.split(' ').length));
  /** The first words of the prefix table's keys, as `countryAtEnd` cuts words. */
  const prefixFirst = new Set([...prefix.keys()].map((k) => /[^\s(]+/.exec(k)?.[0] ?? ''));
  /**
   * The country named by the words that end `before`: "Kenyan", "Syria's", "the United States'".
   * Looks the last 1..n words up in the prefix table (a scan, not one huge regex).
   * @returns the ISO2 and the start offset (in `before`) of the country words
   */
  const countryAtEnd = (before: string): { cc: string; at: number } | null => {
    const words = [...before.matchAll(/[^\s(]+/g)];
    for (let n = Math.min(longestPrefix, words.length); n >= 1; n--) {
      const first = words[words.length - n]!;
      // (a key starts with the first word of its phrase: most words start none)
      if (!prefixFirst.has(first[0].toLowerCase())) continue;
      const phrase = before.slice(first.index, before.length).trim();
      const key = phrase.toLowerCase();
      const cc = prefix.get(key);
      if (cc && !lowerAcronym(phrase)) return { cc, at: first.index! };
    }
    return null;
  };
  const MODIFIERS = new Set(['pro-government', 'government', 'regime', 'rebel', 'opposition', 'allied', 'elite', 'special', 'local', 'federal', 'national', 'military', 'security', 'state', 'army', 'riot', 'armed', 'heavily', 'loyalist']);
  const BACKED = /^(.*?)[- ](?:backed|supported|allied|aligned|led)$/i;
  /** "Russia-backed Syrian regime forces": own country (Syria) and backer (Russia) before a generic actor. */
  const prefixes = (before: string): { own: { cc: string; at: number } | null; backer: string | null } => {
    let text = before.replace(/\s+$/, '');
    // Drop up to two modifiers ("regime", "government", "heavily armed") before the actor noun.
    for (let i = 0; i < 2; i++) {
      const m = /(?:^|\s)([\p{L}-]+)$/u.exec(text);
      if (!m || !MODIFIERS.has(m[1]!.toLowerCase())) break;
      text = text.slice(0, m.index).replace(/\s+$/, '');
    }
    let own: { cc: string; at: number } | null = null;
    let backer: string | null = null;
    const last = /(?:^|[\s(])([^\s(]+)$/.exec(text);
    const backed = last ? BACKED.exec(last[1]!) : null;
    if (backed) {
      // "Russia-backed regime forces": the backer; the actor's own country may come before it.
      backer = countryAtEnd(backed[1]!)?.cc ?? null;
      if (backer) return { own: null, backer };
    }
    own = countryAtEnd(text);
    if (own) {
      // "Russia-backed Syrian forces": a backer right before the own country.
      const rest = text.slice(0, own.at).replace(/\s+$/, '');
      const lb = /(?:^|[\s(])([^\s(]+)$/.exec(rest);
      const b = lb ? BACKED.exec(lb[1]!) : null;
      if (b) backer = countryAtEnd(b[1]!)?.cc ?? null;
    }
    return { own, backer };
  };

  const countryName = (cc: string) => acled.get(cc) ?? null;
  // The entry as it is named in one of its periods, one object per entry and period (kept: entries are compared).
  const periodEntries = new Map<ActorPeriod, ActorEntry>();
  const datedEntry = (e: ActorEntry, date: string): ActorEntry => {
    const p = e.periods.find((x) => (!x.from || date >= x.from) && (!x.until || date < x.until));
    if (!p) return e;
    let d = periodEntries.get(p);
    if (!d) periodEntries.set(p, (d = { ...e, name: p.name, inter: p.inter }));
    return d;
  };
  const military = byId.get('military');

  return {
    entries: [...byId.values()],
    generic: (id) => (byId.get(id)?.generic ? byId.get(id) : undefined),
    countryName,
    countryOfWord: (w) => (lowerAcronym(w) ? null : prefix.get(w.toLowerCase()) ?? null),
    resolve(m, cc, date) {
      const pick = cc && m.alternates ? m.alternates.find((e) => e.country === cc) : undefined;
      const r = pick && pick !== m.entry ? { ...m, entry: pick, cc: pick.country } : m;
      const dated = date ? datedEntry(r.entry, date) : r.entry;
      return dated === r.entry ? r : { ...r, entry: dated };
    },
    name(m, fallbackCc) {
      const cc = m.cc ?? m.entry.country ?? fallbackCc;
      if (!m.entry.name.includes('{country}')) return m.entry.name;
      const country = cc ? countryName(cc) : null;
      if (country) return m.entry.name.replace('{country}', country);
      // No country known: drop the bracketed or "of" part rather than print a placeholder.
      return m.entry.name.replace(/ \(\{country\}\)| of \{country\}/, '').replace('{country}', '').trim();
    },
    mayHoldTied(text, span) {
      // A bare country name is a mention of `military`: tied only if a user file gave it a country.
      if (military?.country) return true;
      // The words of the span as `find` reads them (`wordSpans` of the span's text, `s`),
      // scanned in `text` for speed; words that are not plain ASCII go through `s`.
      const { start: from, end: to } = span;
      let s: string | null = null;
      for (let i = from; i < to; ) {
        let c = text.charCodeAt(i);
        const start = i;
        let h: number;
        if (c < 128 && ASCII_ALNUM[c]) {
          // The common case, inline: ASCII letters and digits up to a space or a sign that joins no word.
          h = FNV_START;
          for (;;) {
            h = Math.imul(h ^ (c | 32), FNV_PRIME);
            if (++i >= to) {
              c = 32;
              break;
            }
            c = text.charCodeAt(i);
            if (c >= 128 || !ASCII_ALNUM[c]) break;
          }
          h &= 0x3fffffff;
          if (c >= 128 || c === 46 || c === 47 || c === 38 || c === 45 || c === 39) {
            s ??= text.slice(from, to);
            i = from + wordEnd(s, start - from);
            h = asciiHash(text, start, i);
          }
        } else if (c < 128) {
          i++;
          continue;
        } else {
          s ??= text.slice(from, to);
          if (!letterAt(s, i - from)) {
            i++;
            continue;
          }
          i = from + wordEnd(s, start - from);
          h = NOT_ASCII;
        }
        // "KIA-led forces": `find` reads the group before "-led" (see LED_BY).
        if (i - start > 4 && text.charCodeAt(i - 4) === 45 && text.slice(i - 3, i).toLowerCase() === 'led') {
          const leader = text.slice(start, i - 4);
          if (tiedCs.has(leader) || tiedCi.has(leader.toLowerCase())) return true;
        }
        if (h !== NOT_ASCII && !tiedHashes.has(h)) continue;
        const lengths = tiedFirst.get(text.slice(start, i).toLowerCase());
        if (!lengths) continue;
        // The n-grams that start here, looked up as `find` does.
        s ??= text.slice(from, to);
        for (const len of lengths) {
          let end = i - from;
          for (let w = 1; w < len && end >= 0; w++) end = nextWordEnd(s, end);
          if (end < 0) continue;
          const phrase = s.slice(start - from, end).replace(/\s+/g, ' ');
          if (tiedCs.has(phrase) || tiedCi.has(phrase.toLowerCase())) return true;
        }
      }
      return false;
    },
    find(text, span) {
      const s = text.slice(span.start, span.end);
      const raw: ActorMention[] = [];
      const push = (entry: ActorEntry, at: number, end: number, key: string) => {
        const before = s.slice(Math.max(0, at - 60), at);
        const { own: ownPrefix, backer: backerCc } = prefixes(before);
        const own = entry.generic ? ownPrefix?.cc ?? null : null;
        const start = own && ownPrefix ? at - before.length + ownPrefix.at : at;
        raw.push({ start: span.start + start, end: span.start + end, text: s.slice(start, end), entry, cc: own ?? entry.country, backer: backerCc, state: false, ...alternatesOf(entry, key) });
      };
      const tokens = wordSpans(s);
      for (let i = 0; i < tokens.length; i++) {
        const h = asciiHash(s, tokens[i]!.start, tokens[i]!.end);
        if (h !== NOT_ASCII && !firstHashes.has(h)) continue;
        const lengths = firstWord.get(s.slice(tokens[i]!.start, tokens[i]!.end).toLowerCase());
        if (!lengths) continue;
        for (const n of lengths) {
          if (n > tokens.length - i) continue;
          const at = tokens[i]!.start;
          const end = tokens[i + n - 1]!.end;
          const phrase = s.slice(at, end).replace(/\s+/g, ' ');
          const key = phrase.toLowerCase();
          const cs = aliasCs.get(phrase);
          if (cs) push(cs, at, end, phrase);
          const ci = aliasCi.get(key);
          if (ci) push(ci, at, end, key);
          const cc = military && !lowerAcronym(phrase) ? stateName.get(key) : undefined;
          // "Syria's army" is a prefix (handled above); "Russia-backed" is a backer.
          if (cc && military && !/^['’]s|^-/.test(s.slice(end, end + 2))) {
            raw.push({ start: span.start + at, end: span.start + end, text: phrase, entry: military, cc, backer: null, state: true });
          }
        }
      }
      // Longest first, then no overlaps.
      raw.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
      // A named group wins over a longer generic phrase it only partly overlaps ("Gulf Cartel gunmen": the Gulf
      // Cartel, not "cartel gunmen"); the words left over are read again ("gunmen", then merged with the group below).
      let kept: ActorMention[] = [];
      const overlaps = (r: ActorMention, k: ActorMention) => r.start < k.end && k.start < r.end;
      for (const r of raw) {
        const clash = kept.filter((k) => overlaps(r, k));
        if (!clash.length) kept.push(r);
        else if (!r.entry.generic && !r.state && clash.every((k) => k.entry.generic && !(k.start <= r.start && k.end >= r.end))) {
          kept = kept.filter((k) => !clash.includes(k));
          kept.push(r);
          for (const g of raw) if (!kept.includes(g) && clash.some((k) => overlaps(g, k)) && !kept.some((k) => overlaps(g, k))) kept.push(g);
        }
      }
      kept.sort((a, b) => a.start - b.start);
      // "M23 fighters", "Houthi rebels": a generic noun right after a named group is that group.
      const out: ActorMention[] = [];
      for (let m of kept) {
        // "KIA-led forces", "HTS-led rebels": forces a named group leads are that group (the group is the actor
        // ACLED names; "Saudi-led", "US-led" name a state, a backer: see `prefixes`).
        const led = m.entry.generic && !m.state ? LED_BY.exec(text.slice(Math.max(span.start, m.start - 40), m.start)) : null;
        if (led) {
          const leader = aliasCs.get(led[1]!) ?? aliasCi.get(led[1]!.toLowerCase());
          if (leader && !leader.generic) {
            const start = m.start - led[0].length;
            const key = aliasCs.has(led[1]!) ? led[1]! : led[1]!.toLowerCase();
            m = { start, end: m.end, text: text.slice(start, m.end), entry: leader, cc: leader.country, backer: m.backer, state: false, ...alternatesOf(leader, key) };
          }
        }
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
