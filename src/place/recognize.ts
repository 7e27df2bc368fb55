/**
 * @module place/recognize
 * Finds the place names of a text (recognition), before any of them is placed on the map.
 *
 * Stages, in order:
 * 1. division abbreviations ("Gainesville, Ga.", "W.Va.", "NSW"), from `admin-abbrevs.tsv`;
 * 2. gazetteer n-gram matching over the raw tokens, longest first: names (level-1 key), demonyms, and
 *    transliteration variants (level-2 key) of capitalised multi-letter names;
 * 3. context: the cues of `cues.tsv` before and after each name;
 * 4. the filter rules of {@link module:place/filters} (stop-listed words, sentence-initial common words, short
 *    all-caps codes, personal names; names inside organisation names become `in-org`);
 * 5. lists rescue personal-name words between places; a word read as a person once is a person everywhere.
 */
import type { Span, ToponymRole } from '../domain/types.js';
import type { AbbrevTable, AdminAbbrev } from './abbrevs.js';
import type { Gazetteer } from './gazetteer.js';
import { stopKinds, type CueEffect, type GeoLexicons, type StopKind } from './lexicons.js';
import { applyFilters, type FilterContext } from './filters.js';
import { KEY_CONTINUES, KEY_EXACT } from './index-format.js';
import { asciiTokenWords, defaultFoldRules, fold, foldWords } from './normalize.js';
import { findSubplaces, type SubplaceFrame } from './subplaces.js';
import { isJsSpace, isWordUnit, letterUnits, tokenize, type Token } from './tokens.js';

/** How a mention matched. */
export type MentionKind = 'name' | 'loose' | 'demonym' | 'abbrev' | 'subplace';

/** A recognised place name, not yet resolved. */
export interface Mention extends Span {
  text: string;
  /** Level-1 key of `text`. */
  key: string;
  kind: MentionKind;
  role: ToponymRole;
  /** Ids of the cues and rules that fired. */
  rules: string[];
  effects: Set<CueEffect>;
  /** Effects of the cues found before the name (only these can override the stop list). */
  before: Set<CueEffect>;
  /** Effects of the cues found after the name. */
  after: Set<CueEffect>;
  /** For `abbrev` mentions: the division. */
  abbrev?: AdminAbbrev;
  /** Span of a relative-location qualifier before the name ("20 km east of"). */
  qualifier?: Span & { effect: CueEffect };
  /** For `subplace` mentions: the frame (rule, noun, city span). */
  frame?: SubplaceFrame;
  /** A capitalised word that is no place opens the same name run ("Iron Dome", "Freedom Square"'s Freedom is not). */
  capBefore?: boolean;
  /**
   * A hyphen joins the mention to a capitalised word ("Donga-Mantung Division"): the first part of a longer name
   * (the whole, were it a place, would have been the mention), whose cues ("Division") are the whole's.
   */
  hyphenPart?: boolean;
}

/** "We're", "I've", "They'll": a pronoun with a clitic, never a name. */
const CONTRACTION_RE = /['’](?:re|ve|ll|d|m|t)$/i;
/** Longest name tried, in tokens ("Bosnia and Herzegovina", "Saint Vincent and the Grenadines"). */
const MAX_TOKENS = 6;
/** Shortest level-1 key tried under its level-2 key. */
const MIN_LOOSE_KEY = 6;

/**
 * Finds place-name mentions.
 * @param gaz the gazetteer.
 * @param lex the lexicons.
 * @param abbrevs the division abbreviations.
 * @param text the raw text.
 * @param rejected when given, receives the mentions the filters dropped (their last rule says why).
 * @returns mentions in text order, non-overlapping.
 */
export function recognize(gaz: Gazetteer, lex: GeoLexicons, abbrevs: AbbrevTable, text: string, rejected?: Mention[]): Mention[] {
  const tokens = tokenize(text);
  const lowerWords = lowerWordTest(text);
  // 1. abbreviations, then 2. gazetteer n-grams around them
  const mentions = findAbbreviations(abbrevs, text);
  findNames({ gaz, lex, text, tokens, lowerWords, words: [] }, mentions);
  mentions.sort((a, b) => a.start - b.start);
  // 3-4. context and filters
  const { kept, rejectedNames, persons } = screen(gaz, lex, text, tokens, lowerWords, mentions, rejected);
  // 5. lists and persons
  rescueLists(text, kept, rejectedNames);
  rejected?.push(...rejectedNames);
  const named = dropPersons(gaz, kept, persons, rejected);
  return withUnknownSettlements(gaz, lex, text, tokens, withSubplaces(gaz, lex, text, named, rejected));
}

/** Longest unknown settlement name, in words ("Kafr Nabudah", "Deir al Asafir"). */
const MAX_UNKNOWN_WORDS = 4;
/** Words before a name after which a `near` cue does not make an unknown name a town. */
const NOT_NEAR_TOWN = new Set(['the', 'between', 'around']);
/** What may join two names of a list: ", ", " and ", ", and ". */
const LIST_GAP = /^(?:\s*,\s*(?:and\s+)?|\s+and\s+)$/;

/**
 * 7. Towns the gazetteer lacks where the text says a town stands: "the village of Latamneh", "the towns of Latamneh
 * and Kafr Zeita", "the outskirts of Barsalogho" (a `settlement` or `near` cue of `cues.tsv` before the name, then a
 * list of capitalised names). Each name no
 * other stage read and the gazetteer does not know becomes a mention of its own: the resolver leaves it unplaced, and
 * the event coder places its events in the division around it. A stop-listed word, a calendar word or
 * a demonym opens no such name.
 */
function withUnknownSettlements(gaz: Gazetteer, lex: GeoLexicons, text: string, tokens: readonly Token[], mentions: Mention[]): Mention[] {
  const cues = lex.cues.filter((c) => c.where === 'before' && (c.effect === 'settlement' || c.effect === 'near'));
  const added: Mention[] = [];
  const taken = (t: Token) => mentions.some((m) => t.start < m.end && m.start < t.end);
  for (let i = 1; i < tokens.length; i++) {
    const first = tokens[i] as Token;
    const prev = (tokens[i - 1] as Token).text.toLowerCase();
    // (After "near" cues only a bare name: "outside the Parliament", "between the G-Pep gang and" name no town.)
    if (!first.cap || !cues.some((c) => c.anchors.has(prev) && (c.effect === 'settlement' || !NOT_NEAR_TOWN.has(prev)) &&
      c.re.test(text.slice(Math.max(0, first.start - 60), first.start)))) continue;
    // The list: one name after another, joined by commas and "and".
    for (let k = i; k < tokens.length; ) {
      let j = k;
      while (j + 1 < tokens.length && j - k + 1 < MAX_UNKNOWN_WORDS && (tokens[j + 1] as Token).cap && /^[\s-]$/.test(text.slice((tokens[j] as Token).end, (tokens[j + 1] as Token).start))) j++;
      const head = tokens[k] as Token;
      const last = tokens[j] as Token;
      const kinds = stopKinds(lex, head.text);
      if (kinds || gaz.demonym(head.text) || CONTRACTION_RE.test(last.text)) break;
      const covered = tokens.slice(k, j + 1).some(taken);
      const name = text.slice(head.start, last.end);
      // (A name the gazetteer knows went through the other stages: if they dropped it, it stays dropped.)
      if (!covered && gaz.candidates(name).length === 0) {
        const m = newMention(head.start, last.end, name, fold(name), 'name', 'rec-unknown-settlement');
        m.effects.add('settlement');
        added.push(m);
      }
      const next = tokens[j + 1];
      if (!next?.cap || !LIST_GAP.test(text.slice(last.end, next.start))) break;
      k = j + 1;
      i = j;
    }
  }
  return added.length ? [...mentions, ...added].sort((a, b) => a.start - b.start) : mentions;
}

/** Stage 1: division abbreviations ("Gainesville, Ga.", "W.Va.", "NSW"). */
function findAbbreviations(abbrevs: AbbrevTable, text: string): Mention[] {
  const mentions: Mention[] = [];
  for (const m of text.matchAll(abbrevs.re)) {
    const start = m.index ?? 0;
    const form = m[0];
    const info = abbrevs.forms.get(form);
    if (!info) continue;
    const afterPlace = /\p{L}\s*,\s*$/u.test(text.slice(Math.max(0, start - 4), start));
    if (!info.standalone && !afterPlace) continue;
    mentions.push(newMention(start, start + form.length, form, fold(form), 'abbrev', afterPlace ? 'rec-abbrev-parent' : 'rec-abbrev', info));
  }
  return mentions;
}

/** Stage 2: the longest gazetteer names from each capitalised word outside the abbreviations, appended to `mentions`. */
function findNames(scan: Scan, mentions: Mention[]): void {
  const { text, tokens } = scan;
  const abbrevCount = mentions.length;
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i] as Token;
    if (!first.cap || overlapsFirst(mentions, abbrevCount, first) || CONTRACTION_RE.test(first.text)) continue;
    const hit = longestMatch(scan, i);
    if (!hit) continue;
    const last = tokens[hit.j] as Token;
    mentions.push(newMention(first.start, last.end, text.slice(first.start, last.end), hit.key, hit.kind, `rec-${hit.kind}`));
    i = hit.j;
  }
}

/** Whether a token overlaps one of the first n mentions. */
function overlapsFirst(mentions: Mention[], n: number, t: Token): boolean {
  for (let k = 0; k < n; k++) {
    const s = mentions[k] as Mention;
    if (t.start < s.end && s.start < t.end) return true;
  }
  return false;
}

/** What the filters decided: the mentions kept, the personal-name words stopped, and the words read as persons. */
interface Screened {
  kept: Mention[];
  rejectedNames: Mention[];
  persons: Set<string>;
}

/** Stages 3-4: the cues around each mention, then the filter rules. */
function screen(
  gaz: Gazetteer, lex: GeoLexicons, text: string, tokens: Token[], lowerWords: { has(word: string): boolean },
  mentions: Mention[], rejected: Mention[] | undefined,
): Screened {
  const out: Screened = { kept: [], rejectedNames: [], persons: new Set() };
  const idx = indexMentions(lex, mentions);
  for (const m of mentions) {
    applyCues(lex, text, m);
    if (keep(gaz, lex, text, tokens, idx, lowerWords, m)) {
      out.kept.push(m);
      continue;
    }
    if (m.rules.at(-1) === 'flt-stopword-name') out.rejectedNames.push(m);
    else rejected?.push(m);
    // Headline capitals make neighbours look like names: only running text teaches that a word is a person.
    if (readAsPerson(m) && !tokens[tokenIndexAt(tokens, m.start) ?? 0]?.inTitle) out.persons.add(m.text);
  }
  return out;
}

/** A filter read the mention as (part of) a personal name. */
function readAsPerson(m: Mention): boolean {
  for (const r of m.rules) if (r.startsWith('flt-person') || r === 'flt-inside-name' || r === 'flt-adjacent-names') return true;
  return false;
}

/** Lists: a stopped personal-name word between places is a place too ("in Becker, Clay, Douglas and Grant"). */
function rescueLists(text: string, kept: Mention[], rejectedNames: Mention[]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of [...(rejectedNames.splice(0))]) {
      const near = kept.some((o) => /^\s*(?:,|,?\s*and|,?\s*or)\s*$/.test(o.end <= m.start ? text.slice(o.end, m.start) : text.slice(m.end, o.start)));
      if (near) {
        m.rules.push('rsc-list');
        kept.push(m);
        changed = true;
      } else rejectedNames.push(m);
    }
    if (changed) kept.sort((a, b) => a.start - b.start);
  }
}

/** A word read as (part of) a personal name once is a name everywhere in the text ("Bob Jones ... Jones said"). */
function dropPersons(gaz: Gazetteer, kept: Mention[], persons: Set<string>, rejected: Mention[] | undefined): Mention[] {
  if (!persons.size) return kept;
  const out: Mention[] = [];
  for (const m of kept) {
    // ...unless this mention has its own place evidence: a cue ("Mansfield residents") or an organisation role.
    if (!persons.has(m.text) || m.before.size > 0 || m.after.size > 0 || m.role === 'in-org' || isMajor(gaz, m)) out.push(m);
    else {
      m.rules.push('flt-person-elsewhere');
      rejected?.push(m);
    }
  }
  return out;
}

/**
 * 6. Parts of cities and generic city references (`subplaces.tsv`): each frame becomes one `subplace` mention
 * that replaces the mentions inside its name ("Canapé" and "Vert" of "the Canapé-Vert neighbourhood"). A name
 * that is itself a major place ("the Brooklyn neighborhood") is left as it is.
 */
function withSubplaces(gaz: Gazetteer, lex: GeoLexicons, text: string, mentions: Mention[], rejected?: Mention[]): Mention[] {
  if (!lex.subplaces.length) return mentions;
  const frames = findSubplaces(lex.subplaces, text);
  if (!frames.length) return mentions;
  const added: Mention[] = [];
  for (const f of frames) {
    // "the October-December quarter", "the Shiite area": calendar words and demonyms name no place.
    const words = text.slice(f.name.start, f.name.end).split(/[\s-]+/);
    if (words.some((w) => lex.stop.get(w)?.has('month') || lex.stop.get(w)?.has('weekday') || gaz.demonym(w))) continue;
    const inside = mentions.filter((m) => m.start < f.name.end && f.name.start < m.end);
    // A name that is itself a major place by spelling ("the Brooklyn neighborhood", "Gaza City") keeps its reading.
    if (inside.some((m) => m.role !== 'place' || (m.kind === 'name' && isMajor(gaz, m) && m.start === f.name.start && m.end === f.name.end))) continue;
    const nameText = text.slice(f.name.start, f.name.end);
    const noun = f.noun ? { start: f.noun.start, end: f.noun.end, effect: 'relative' as const } : undefined;
    const m = newMention(f.name.start, f.name.end, nameText, fold(nameText), 'subplace', f.rule, undefined, f, noun);
    for (const o of inside) {
      o.rules.push(`${f.rule}-inside`);
      rejected?.push(o);
    }
    added.push(m);
  }
  const drop = new Set(added.flatMap((a) => mentions.filter((m) => m.start < a.end && a.start < m.end)));
  return [...mentions.filter((m) => !drop.has(m)), ...added].sort((a, b) => a.start - b.start);
}

/**
 * A new mention. Every mention is built here with all its fields, so that all share one object shape (the stages
 * and the resolver read them in hot loops); what is known of it when it is found (its division, its sub-place
 * frame) is set here too, not assigned afterwards, which would make V8 recompile the code that built the others.
 */
function newMention(
  start: number, end: number, text: string, key: string, kind: MentionKind, rule: string,
  abbrev?: AdminAbbrev, frame?: SubplaceFrame, qualifier?: Mention['qualifier'],
): Mention {
  return {
    start, end, text, key, kind, role: kind === 'demonym' ? 'demonym' : 'place', rules: [rule],
    effects: new Set(), before: new Set(), after: new Set(),
    abbrev, qualifier, frame, capBefore: false,
  };
}

/** What the n-gram matcher reads of one text. */
interface Scan {
  gaz: Gazetteer;
  lex: GeoLexicons;
  text: string;
  tokens: Token[];
  lowerWords: { has(word: string): boolean };
  /**
   * Letter-folded words of each token ({@link asciiTokenWords}), filled on first use: a name's key is built from
   * its tokens' words, so each token is folded once however many n-grams it is part of. null: the token is not
   * plain ASCII, and keys over it fold their text.
   */
  words: (readonly string[] | null | undefined)[];
}

/** A gazetteer match: the last token of the name, its key and kind. */
interface Match {
  j: number;
  key: string;
  kind: MentionKind;
}

/** Abbreviations after which ". " does not end a name ("St. Louis"). */
const DOTTED_NAME_WORDS = new Set(['St', 'Mt', 'Ft', 'Pt', 'Ste']);

/**
 * Whether the text between two tokens may join them into one name: one to three spaces, dots, apostrophes or
 * hyphens, and no ". " unless the first token is an abbreviation ("St. Louis").
 */
function nameGap(text: string, prev: Token, next: Token): boolean {
  const from = prev.end;
  const to = next.start;
  if (to - from < 1 || to - from > 3) return false;
  let dotSpace = false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2e) {
      if (k + 1 < to && text.charCodeAt(k + 1) === SPACE) dotSpace = true;
    } else if (c !== SPACE && c !== 0x27 && c !== 0x2019 && c !== HYPHEN) return false;
  }
  return !dotSpace || DOTTED_NAME_WORDS.has(prev.text);
}

/** Whether a name gap holds a separator (space, dot, hyphen), not only apostrophes: its words stay apart in the key. */
function gapSeparates(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 0x27 && c !== 0x2019) return true;
  }
  return false;
}

function isConnector(lex: GeoLexicons, word: string): boolean {
  return lex.connectors.has(word);
}

function tokenWords(scan: Scan, k: number): readonly string[] | null {
  let w = scan.words[k];
  if (w === undefined) w = scan.words[k] = asciiTokenWords((scan.tokens[k] as Token).text);
  return w;
}

/**
 * The level-1 keys of the n-grams that start at one token, built as they are asked for: key `j` is fold() of the
 * text from token i to token j, made from the tokens' folded words (see {@link Scan.words}). Only for tokens
 * joined by name gaps (spaces, dots, apostrophes, hyphens).
 */
class NgramKeys {
  private readonly keys: string[] = [];
  /** The words so far; null once a token had to be folded from its text. */
  private words: string[] | null = [];

  constructor(
    private readonly scan: Scan,
    private readonly i: number,
  ) {}

  /** The key of tokens i..j (built in order up to j). */
  at(j: number): string {
    const { text, tokens } = this.scan;
    const first = tokens[this.i] as Token;
    while (this.keys.length <= j - this.i) {
      const k = this.i + this.keys.length;
      const t = tokens[k] as Token;
      const tw = this.words && tokenWords(this.scan, k);
      if (this.words && tw && (k === this.i || gapSeparates(text, (tokens[k - 1] as Token).end, t.start))) {
        for (const w of tw) this.words.push(w);
        this.keys.push(foldWords(this.words));
      } else {
        this.words = null;
        this.keys.push(fold(text.slice(first.start, t.end)));
      }
    }
    return this.keys[j - this.i] as string;
  }
}

/** The longest gazetteer n-gram starting at token i. */
function longestMatch(scan: Scan, i: number): Match | null {
  const { gaz, lex, text, tokens } = scan;
  let lastJ = i;
  // Extend over capitalised words and connectors joined by spaces, hyphens or dots only.
  for (let j = i + 1; j < tokens.length && j - i < MAX_TOKENS; j++) {
    const t = tokens[j] as Token;
    if (!nameGap(text, tokens[j - 1] as Token, t)) break;
    if (!t.cap && !isConnector(lex, t.text)) break;
    lastJ = j;
  }
  const first = tokens[i] as Token;
  const rules = defaultFoldRules();
  // Level-1 keys, growing word by word while some key still starts with the words so far.
  let strictJ = -1;
  let strictKey = '';
  const keys = new NgramKeys(scan, i);
  for (let j = i; j <= lastJ; j++) {
    const t = tokens[j] as Token;
    const key = keys.at(j);
    // Stop when no key continues these words; a connector ("an") or abbreviation ("St.") folds differently
    // once the next word is there, so it never stops the extension.
    const open = j < lastJ && (isConnector(lex, t.text) || rules.abbrevs.has(t.text.toLowerCase()));
    const flags = t.cap || (j < lastJ && !open) ? gaz.keyFlags(key) : 0;
    if (t.cap && (flags & KEY_EXACT) !== 0) {
      strictJ = j;
      strictKey = key;
    }
    if (j < lastJ && !open && (flags & KEY_CONTINUES) === 0) break;
  }
  // Demonyms ("Syrian", "South Sudanese") win over a same-span place name, never over a longer one.
  for (let j = Math.min(lastJ, i + 2); j >= i && j >= strictJ; j--) {
    const last = tokens[j] as Token;
    if (!last.cap) continue;
    const key = keys.at(j);
    if (gaz.demonymByKey(key) && !gaz.countryByKey(key)) {
      // Plural demonyms ("Syrians") name people, not places: not toponyms (Gazetteer.demonym still resolves them).
      const surface = text.slice(first.start, last.end);
      if (surface.endsWith('s') && gaz.demonym(surface.slice(0, -1))) return null;
      return { j, key, kind: 'demonym' };
    }
  }
  const strict: Match | null = strictJ >= 0 ? { j: strictJ, key: strictKey, kind: 'name' } : null;
  // Transliteration variants: capitalised words (and connectors) only, never short or all-caps words; a longer
  // variant ("Tal Rifaat" for Tall Rif'at) beats a shorter exact name ("Tal").
  if (first.upper) return strict;
  // Nor from a capitalised function word ("A Russian" ~ Ulsan): one letter, or a word the text writes in lower case.
  if (first.text.length < 2 || (first.sentStart && scan.lowerWords.has(first.text.toLowerCase()))) return strict;
  let cueBefore: boolean | undefined;
  for (let j = Math.min(lastJ, i + 3); j > (strictJ >= 0 ? strictJ : i - 1); j--) {
    if (!(tokens[j] as Token).cap) continue;
    // One-word variants only after a cue word ("in Kharkov"): uncued ones are filtered out anyway (flt-weak-variant).
    if (j === i && !(cueBefore ??= lex.cueAnchors.before.has(i > 0 ? (tokens[i - 1] as Token).text.toLowerCase() : ''))) continue;
    const key = keys.at(j);
    if (key.length >= MIN_LOOSE_KEY && capitalisedRun(lex, tokens, i, j) && gaz.hasLooseKey(key)) return { j, key, kind: 'loose' };
  }
  return strict;
}

/** Tokens i..j are capitalised words that are no stop-list words, or connectors. */
function capitalisedRun(lex: GeoLexicons, tokens: Token[], i: number, j: number): boolean {
  for (let k = i; k <= j; k++) {
    const t = tokens[k] as Token;
    const kinds = lex.stop.get(t.text);
    if (t.cap ? kinds !== undefined : kinds?.has('connector') !== true) return false;
  }
  return true;
}

/** Records the cues around a mention (ids into `rules`, effects, and the qualifier span). */
function applyCues(lex: GeoLexicons, text: string, m: Mention): void {
  const beforeStart = Math.max(0, m.start - 70);
  const afterEnd = Math.min(text.length, m.end + 40);
  // A cue runs only when the word next to the name is one of its anchors.
  const lastWord = lastWordBefore(text, beforeStart, m.start).toLowerCase();
  const firstWord = firstWordAfter(text, m.end, afterEnd).toLowerCase();
  const anchors = lex.cueAnchors;
  if (!anchors.before.has(lastWord) && !anchors.after.has(firstWord)) return;
  const before = text.slice(beforeStart, m.start);
  const after = text.slice(m.end, afterEnd);
  for (const cue of lex.cues) {
    if (!cue.anchors.has(cue.where === 'before' ? lastWord : firstWord)) continue;
    const hit = cue.where === 'before' ? cue.re.exec(before) : cue.re.exec(after);
    if (!hit) continue;
    m.rules.push(cue.id);
    m.effects.add(cue.effect);
    (cue.where === 'before' ? m.before : m.after).add(cue.effect);
    if ((cue.effect === 'relative' || cue.effect === 'near') && !m.qualifier) {
      const start = beforeStart + hit.index;
      const end = beforeStart + hit.index + hit[0].trimEnd().length;
      m.qualifier = { start, end, effect: cue.effect };
    }
  }
}

/** The last whitespace-delimited word of text[from, to), trailing whitespace ignored ('' when none). */
function lastWordBefore(text: string, from: number, to: number): string {
  let e = to;
  while (e > from && isJsSpace(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > from && !isJsSpace(text.charCodeAt(s - 1))) s--;
  return text.slice(s, e);
}

/** The run of letters and hyphens after the whitespace that opens text[from, to) ('' without that whitespace). */
function firstWordAfter(text: string, from: number, to: number): string {
  let s = from;
  while (s < to && isJsSpace(text.charCodeAt(s))) s++;
  if (s === from) return '';
  let e = s;
  for (;;) {
    if (e < to && text.charCodeAt(e) === HYPHEN) e++;
    else {
      const n = letterUnits(text, e, to);
      if (n === 0) break;
      e += n;
    }
  }
  return text.slice(s, e);
}

/** Plausible mentions (not stop-listed) sorted by start, for the filters' neighbour questions. */
interface MentionIndex {
  sorted: Mention[];
  byStart: Map<number, Mention>;
}

function indexMentions(lex: GeoLexicons, all: Mention[]): MentionIndex {
  const sorted = all.filter((o) => !lex.stop.has(o.text));
  return { sorted, byStart: new Map(sorted.map((o) => [o.start, o])) };
}

/** The plausible mention containing a token, by binary search. */
function containing(idx: MentionIndex, t: Token): Mention | undefined {
  let lo = 0;
  let hi = idx.sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const o = idx.sorted[mid] as Mention;
    if (o.end <= t.start) lo = mid + 1;
    else if (o.start > t.start) hi = mid - 1;
    else return t.end <= o.end ? o : undefined;
  }
  return undefined;
}

/**
 * The filter context of one mention ({@link FilterContext}). A class, not an object of closures: one is built per
 * mention.
 */
class MentionContext implements FilterContext {
  readonly first: Token;
  readonly single: boolean;
  readonly stop: Set<StopKind> | undefined;
  readonly cued: boolean;
  readonly strongCue: boolean;
  readonly prev: Token | undefined;
  readonly next: Token | undefined;
  readonly prevWord: Token | undefined;
  readonly capRunBefore: Token[];
  readonly hyphenBefore: Token | undefined;
  readonly hyphenAfter: Token | undefined;
  /** Feature code of the best level-1 place, and whether the name is a major place: read from the index columns
   * up front, so that the rules that ask are small functions (each rule is compiled on its own). */
  private readonly top: string;
  private readonly isMajor: boolean;

  constructor(
    readonly gaz: Gazetteer,
    readonly lex: GeoLexicons,
    readonly text: string,
    readonly m: Mention,
    tokens: Token[],
    /** Index of the mention's first token and of its last. */
    k: number,
    last: number,
    private readonly idx: MentionIndex,
    readonly lowerWords: { has(word: string): boolean },
  ) {
    this.first = tokens[k] as Token;
    this.single = !hasJsSpace(m.text);
    this.stop = stopKinds(lex, m.text);
    this.cued = m.before.size > 0;
    this.strongCue = m.before.has('settlement') || m.before.has('admin') || m.before.has('relative');
    this.prev = spaceJoined(text, tokens, k - 1, k);
    this.next = spaceJoined(text, tokens, last + 1, last);
    this.prevWord = k > 0 ? tokens[k - 1] : undefined;
    this.capRunBefore = capRunBefore(text, tokens, k);
    this.hyphenBefore = hyphenJoined(text, tokens, k - 1, k);
    this.hyphenAfter = hyphenJoined(text, tokens, last + 1, last);
    this.top = topFeature(gaz, m);
    this.isMajor = isMajor(gaz, m);
  }

  mentionAround(t: Token): Mention | undefined {
    const o = containing(this.idx, t);
    return o === this.m ? undefined : o;
  }

  inMention(t: Token): boolean {
    const o = containing(this.idx, t);
    return o !== undefined && o !== this.m;
  }

  mentionAt(t: Token): Mention | undefined {
    const o = this.idx.byStart.get(t.start);
    return o === this.m ? undefined : o;
  }

  topFeature(): string {
    return this.top;
  }

  major(): boolean {
    return this.isMajor;
  }
}

/** Whether a string holds white space (as `/\s/` tests it). */
function hasJsSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isJsSpace(s.charCodeAt(i))) return true;
  return false;
}

/** Builds the filter context of a mention and runs the filter rules on it. */
function keep(
  gaz: Gazetteer, lex: GeoLexicons, text: string, tokens: Token[],
  idx: MentionIndex, lowerWords: { has(word: string): boolean }, m: Mention,
): boolean {
  if (m.kind === 'abbrev') return true;
  const k = tokenIndexAt(tokens, m.start);
  if (k === undefined) return true;
  const ctx = new MentionContext(gaz, lex, text, m, tokens, k, lastTokenIndex(tokens, k, m.end), idx, lowerWords);
  const p = ctx.prev;
  // ...not a word the text also writes in lower case ("organised by The Edmonton Partnership").
  if (p && p.cap && !p.upper && !p.sentStart && !p.inTitle && !ctx.inMention(p) && !lowerWords.has(p.text.toLowerCase())) m.capBefore = true;
  if (text.charCodeAt(m.end) === 0x2d && /\p{Lu}/u.test(text.charAt(m.end + 1))) m.hyphenPart = true;
  return applyFilters(ctx);
}

/** Feature code of the mention's best level-1 place ('' when none). */
function topFeature(gaz: Gazetteer, m: Mention): string {
  const row = gaz.topRow(m.key, false);
  return row < 0 ? '' : gaz.featureCode(row);
}

/** A country, capital, first-level division or city of 100,000+: never read as a person's name. */
function isMajor(gaz: Gazetteer, m: Mention): boolean {
  if (m.kind === 'demonym' || m.kind === 'abbrev') return true;
  const row = gaz.topRow(m.key, m.kind === 'loose');
  if (row < 0) return false;
  const f = gaz.featureCode(row);
  return f === 'A.PCLI' || f === 'A.ADM1' || f === 'P.PPLC' || f.startsWith('L.') || (f.startsWith('P.') && gaz.population(row) >= 100_000);
}

/** Whether a lower-case word occurs as a whole word in the text (computed on demand, cached per word). */
function lowerWordTest(text: string): { has(word: string): boolean } {
  const seen = new Map<string, boolean>();
  return {
    has(word: string): boolean {
      let v = seen.get(word);
      if (v !== undefined) return v;
      v = false;
      for (let at = text.indexOf(word); at >= 0 && !v; at = text.indexOf(word, at + 1)) {
        const end = at + word.length;
        v = (at === 0 || !isWordUnit(text.charCodeAt(at - 1))) && (end >= text.length || !isWordUnit(text.charCodeAt(end)));
      }
      seen.set(word, v);
      return v;
    },
  };
}

/** The index of the token starting at an offset, by binary search. */
function tokenIndexAt(tokens: Token[], start: number): number | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = (tokens[mid] as Token).start;
    if (s === start) return mid;
    if (s < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

function lastTokenIndex(tokens: Token[], k: number, end: number): number {
  let j = k;
  while (j + 1 < tokens.length && (tokens[j + 1] as Token).end <= end) j++;
  return j;
}

const SPACE = 0x20;
const HYPHEN = 0x2d;

/** Whether text[from, to) is exactly the character c. */
function gapIs(text: string, from: number, to: number, c: number): boolean {
  return to - from === 1 && text.charCodeAt(from) === c;
}

/** Token `at` when one space, and nothing else, separates it from token `from` (its neighbour). */
function spaceJoined(text: string, tokens: Token[], at: number, from: number): Token | undefined {
  const t = tokens[at];
  const f = tokens[from];
  if (!t || !f) return undefined;
  return (at < from ? gapIs(text, t.end, f.start, SPACE) : gapIs(text, f.end, t.start, SPACE)) ? t : undefined;
}

/** Capitalised words before token k joined by one space or a hyphen, nearest first (at most 3). */
function capRunBefore(text: string, tokens: Token[], k: number): Token[] {
  const out: Token[] = [];
  for (let j = k - 1; j >= 0 && out.length < 3; j--) {
    const t = tokens[j] as Token;
    const to = (tokens[j + 1] as Token).start;
    if ((!gapIs(text, t.end, to, SPACE) && !gapIs(text, t.end, to, HYPHEN)) || !t.cap || t.upper) break;
    out.push(t);
  }
  return out;
}

/**
 * Token `at` when it is a capitalised word (not all-caps, not one letter: "D-Charleston" is a party code and a
 * home town) joined to token `from` by a single hyphen.
 */
function hyphenJoined(text: string, tokens: Token[], at: number, from: number): Token | undefined {
  const t = tokens[at];
  const f = tokens[from];
  if (!t || !f || !t.cap || t.upper || t.text.length < 2) return undefined;
  return (at < from ? gapIs(text, t.end, f.start, HYPHEN) : gapIs(text, f.end, t.start, HYPHEN)) ? t : undefined;
}
