/**
 * @module place/filters
 * The recognition filters: an ordered list of rules, each with an id, that look at one candidate mention in
 * its context and either reject it (`flt-*`) or change its role (`role-*`). The first rejecting rule wins;
 * role rules all run. The ids that fired are appended to `Mention.rules` (a per-mention debug trace).
 *
 * Word lists come from `data/places/stoplist.tsv` (kinds month, weekday, common, name, title, orghead,
 * connector, speech) and cues from `data/places/cues.tsv`, never from literals here.
 */
import type { Gazetteer } from './gazetteer.js';
import { stopKinds, type GeoLexicons, type StopKind } from './lexicons.js';
import type { Mention } from './recognize.js';
import { isJsSpace, type Token } from './tokens.js';

/** Everything a rule may look at. */
export interface FilterContext {
  gaz: Gazetteer;
  lex: GeoLexicons;
  text: string;
  m: Mention;
  /** First token of the mention. */
  first: Token;
  /** One word (no space inside). */
  single: boolean;
  /** Stop-list kinds of the whole mention text. */
  stop: Set<StopKind> | undefined;
  /** A cue stands before the name. */
  cued: boolean;
  /** A settlement, admin or relative cue stands before the name. */
  strongCue: boolean;
  /** The word right before / after the name when one space separates them. */
  prev: Token | undefined;
  next: Token | undefined;
  /** The word before the name, whatever separates them. */
  prevWord: Token | undefined;
  /** Capitalised words right before the name, joined to it and each other by one space or a hyphen, nearest first (at most 3). */
  capRunBefore: Token[];
  /** The capitalised word joined to the name's first / last word by a hyphen ("Canapé-Vert", "Jean-Pierre"). */
  hyphenBefore: Token | undefined;
  hyphenAfter: Token | undefined;
  /** The other plausible mention containing a token. */
  mentionAround(t: Token): Mention | undefined;
  /** Whether a word occurs in lower case somewhere in the text. */
  lowerWords: { has(word: string): boolean };
  /** Whether a token lies inside another plausible mention. */
  inMention(t: Token): boolean;
  /** The other plausible mention starting at a token. */
  mentionAt(t: Token): Mention | undefined;
  /** Feature code of the best candidate (level 1). */
  topFeature(): string;
  /** A country, capital, first-level division, region or city of 100,000+. */
  major(): boolean;
}

/** One filter rule. */
export interface FilterRule {
  id: string;
  /** `reject` drops the mention; `in-org` marks it as part of an organisation name. */
  effect: 'reject' | 'in-org';
  /** Why the rule exists, with an example. */
  reason: string;
  fires(c: FilterContext): boolean;
}

/** All-caps words up to this length must be a country or region code ("US", "UK", "EU", "DRC"). */
const MAX_CODE_LEN = 4;
/** A dateline: an all-caps place followed by a comma, bracket or dash ("ALEXANDRIA, La. —", "NEWARK -- "). */
const DATELINE_AFTER = /^(?:\s*[,(—–]|\s+-{1,3}\s|['’]S\b)/;
/** "University of Mosul": an organisation word, "of", the place. */
const OF_HEAD = /(\p{Lu}[\p{L}’']*)\s+of\s+(?:the\s+)?$/u;
/** How far before a name {@link OF_HEAD} looks. */
const OF_HEAD_WINDOW = 40;

const has = (c: FilterContext, t: Token | undefined, kind: StopKind): boolean => (t ? stopKinds(c.lex, t.text)?.has(kind) === true : false);
const isCountryOrRegion = (f: string): boolean => f.startsWith('A.PCL') || f.startsWith('L.');
/** Seats and divisions: a multi-word name of this kind is a place even when it starts like a person's name ("Ali Sabieh"). */
const isSeatOrDivision = (f: string): boolean => /^P\.PPL(?:A\d?|C|G)$/.test(f) || f.startsWith('A.');

/** The rules, in the order they run. */
export const FILTER_RULES: readonly FilterRule[] = [
  // --- word lists
  {
    id: 'flt-calendar', effect: 'reject', reason: 'months and weekdays ("May", "Sunday") unless "the town of May"',
    fires: (c) => (c.stop?.has('month') === true || c.stop?.has('weekday') === true) && !c.strongCue,
  },
  {
    id: 'flt-stopword', effect: 'reject', reason: 'common words that are also hamlets ("Police", "Glacier") unless a strong cue',
    fires: (c) => c.stop?.has('common') === true && !c.strongCue,
  },
  {
    id: 'flt-title', effect: 'reject', reason: 'person titles alone ("President", "Sheikh")',
    fires: (c) => c.stop?.has('title') === true && !c.cued,
  },
  {
    id: 'flt-stopword-name', effect: 'reject', reason: 'personal names ("Flores", "Robert") unless a cue ("in Clinton", "Roselle police") or a list of places',
    fires: (c) => c.stop?.has('name') === true && !c.cued && !c.m.after.has('place') && c.m.kind !== 'demonym',
  },
  {
    id: 'flt-orghead-alone', effect: 'reject', reason: 'organisation words alone ("University", "Road")',
    fires: (c) => c.stop?.has('orghead') === true && !c.strongCue,
  },
  // --- shape
  {
    id: 'flt-short-code', effect: 'reject', reason: 'short all-caps words that are not country or region codes ("CNN", "AP")',
    fires: (c) => c.first.upper && c.m.text.replace(/\./g, '').length <= MAX_CODE_LEN && !isCountryOrRegion(c.topFeature()),
  },
  {
    id: 'flt-caps', effect: 'reject', reason: 'longer all-caps words (headlines, acronyms) unless a country, region, state or dateline',
    fires: (c) => c.first.upper && c.m.text.replace(/\./g, '').length > MAX_CODE_LEN && !c.cued
      && !DATELINE_AFTER.test(c.text.slice(c.m.end, c.m.end + 6))
      && !isCountryOrRegion(c.topFeature()) && c.topFeature() !== 'A.ADM1',
  },
  {
    id: 'flt-sentence-initial-common', effect: 'reject', reason: 'a capitalised first word (or headline word) that the text also uses in lower case',
    fires: (c) => c.single && (c.first.sentStart || c.first.inTitle) && !c.cued && c.m.kind !== 'demonym' && c.lowerWords.has(c.m.text.toLowerCase()),
  },
  {
    id: 'flt-sentence-initial-variant', effect: 'reject', reason: 'a transliteration-only match of a sentence\'s first word ("Gunmen" ~ Guanmian)',
    fires: (c) => c.single && c.first.sentStart && !c.cued && c.m.kind === 'loose',
  },
  {
    id: 'flt-weak-variant', effect: 'reject', reason: 'a one-word transliteration-only match without a cue ("Pawlenty" ~ Pavlenko): on English news these are mostly other words; multi-word variants ("Maaret al-Numan") and cued ones stay',
    fires: (c) => c.m.kind === 'loose' && c.single && !c.cued && !c.strongCue && !c.major(),
  },
  {
    id: 'flt-too-short', effect: 'reject', reason: 'one- or two-letter words ("Al" of Al-Shabaab)',
    fires: (c) => c.m.text.length <= 2 && !c.first.upper,
  },
  // --- personal names
  {
    id: 'flt-person-title', effect: 'reject', reason: 'after a title ("President Jackson", "Sheriff Beauregard")',
    fires: (c) => personSlot(c) && has(c, c.prev, 'title'),
  },
  {
    id: 'flt-person-first-name', effect: 'reject', reason: 'after a first name ("Robert Lee")',
    fires: (c) => personSlot(c) && has(c, c.prev, 'name'),
  },
  {
    id: 'flt-name-tail', effect: 'reject',
    reason: 'the tail of a longer unknown name after a particle ("Mocímboa da Praia" is not Praia, Cabo Verde; "Daraa al-Balad" is not Balad, Iraq): a capitalised word, a lower-case particle (stop kind particle), then the name',
    fires: (c) => {
      const p = c.prevWord;
      if (!p || c.m.kind === 'demonym' || !has(c, p, 'particle') || c.topFeature() === 'A.PCLI') return false;
      const k = c.text.slice(0, p.start).match(/(\p{Lu}[\p{L}'’]*)[ -]$/u);
      return !!k && !/[ -]{2}|[^ -]/.test(c.text.slice(p.end, c.m.start));
    },
  },
  {
    id: 'flt-person-given-name', effect: 'reject',
    reason: 'a name that starts with, or follows, a given name of given-names.tsv is a person ("Pedro Sánchez", "Gabriel Jean-Pierre", "Mohammed Hamdan"); a cue or a major place keeps it',
    fires: (c) => {
      if (c.cued || c.m.kind === 'demonym' || c.major()) return false;
      if (c.capRunBefore.some((t) => has(c, t, 'given'))) return true;
      return !c.single && has(c, c.first, 'given') && !isSeatOrDivision(c.topFeature());
    },
  },
  {
    id: 'flt-hyphen-piece', effect: 'reject',
    reason: 'one piece of a hyphenated compound of capitalised words that is not a name as a whole ("Canapé-Vert" is not Weert; "Jean-Pierre" is not Pierre, SD); majors stay ("Kherson-Mykolaiv road", "Israeli-Palestinian"), and so do two known names ("Beit Lahia-Jabalia")',
    fires: (c) => {
      if (c.m.kind === 'demonym' || (!c.hyphenBefore && !c.hyphenAfter) || c.major()) return false;
      const other = (c.hyphenBefore && c.mentionAround(c.hyphenBefore)) || (c.hyphenAfter && c.mentionAround(c.hyphenAfter));
      return !(c.m.kind === 'name' && other && (other.kind === 'name' || other.kind === 'demonym'));
    },
  },
  {
    id: 'flt-inside-name', effect: 'reject', reason: 'after another capitalised word that is no function word ("Laura Ingraham")',
    fires: (c) => {
      const p = c.prev;
      if (!p || !personSlot(c) || !p.cap || p.upper || p.inTitle) return false;
      const kinds = stopKinds(c.lex, p.text);
      const functionWord = kinds?.has('common') || kinds?.has('connector') || c.lowerWords.has(p.text.toLowerCase());
      return !functionWord && !kinds?.has('orghead');
    },
  },
  {
    id: 'flt-person-speech', effect: 'reject', reason: 'next to a speech verb ("Jones said", "said Jones")',
    fires: (c) => c.single && !c.cued && !c.major() && (has(c, c.next, 'speech')
      || (has(c, c.prevWord, 'speech') && /^\s+$/.test(c.text.slice(c.prevWord?.end ?? 0, c.m.start)))),
  },
  {
    id: 'flt-adjacent-names', effect: 'reject', reason: 'two one-word names side by side are a person ("Scott Jones")',
    fires: (c) => {
      if (!c.single || c.major() || c.cued) return false;
      const other = (c.prev && c.prev.cap && c.mentionAt(c.prev)) || (c.next && c.next.cap && c.mentionAt(c.next));
      return !!other && !/\s/.test(other.text) && other.kind !== 'demonym' && other.kind !== 'abbrev' && !c.lex.stop.has(other.text);
    },
  },
  {
    id: 'flt-name-continues', effect: 'reject', reason: 'a small town followed by an unknown capitalised word is a longer name ("Flores Construction")',
    fires: (c) => nameContinues(c) && c.single && !c.major() && !c.cued && !c.next?.inTitle && c.topFeature().startsWith('P.'),
  },
  // --- roles
  {
    id: 'role-orghead-after', effect: 'in-org', reason: 'followed by an organisation word ("Mansfield Police Department", "Syrian Army")',
    fires: (c) => !!c.next && !c.inMention(c.next) && (has(c, c.next, 'orghead') || has(c, c.next, 'common')),
  },
  {
    id: 'role-name-continues', effect: 'in-org', reason: 'a major place followed by an unknown capitalised word ("Washington Redskins")',
    fires: (c) => nameContinues(c),
  },
  {
    id: 'role-of-orghead', effect: 'in-org', reason: '"University of Mosul", "Bank of America"',
    fires: (c) => {
      if (!endsWithOf(c.text, Math.max(0, c.m.start - OF_HEAD_WINDOW), c.m.start)) return false;
      const head = OF_HEAD.exec(c.text.slice(Math.max(0, c.m.start - OF_HEAD_WINDOW), c.m.start));
      return !!head && c.lex.stop.get(head[1] as string)?.has('orghead') === true;
    },
  },
  {
    id: 'flt-variant-in-org', effect: 'reject', reason: 'a transliteration-only match inside an organisation or facility name ("Neches River" ~ Natchez; "Coalition of Patriots for Change" ~ Patra): runs after every role rule',
    fires: (c) => c.m.kind === 'loose' && c.m.role === 'in-org',
  },
];

/**
 * Whether text[from, to) ends with "of" or "of the" between white space, as every match of {@link OF_HEAD} does:
 * a test of the last words that spares most names the expression, which would be tried from every position.
 */
function endsWithOf(text: string, from: number, to: number): boolean {
  let e = skipSpaceBack(text, from, to);
  if (e === to) return false;
  if (endsWith(text, from, e, 'the')) {
    const s = skipSpaceBack(text, from, e - 3);
    if (s === e - 3) return false;
    e = s;
  }
  return endsWith(text, from, e, 'of') && e - 2 > from && isJsSpace(text.charCodeAt(e - 3));
}

/** The start of the white space that ends text[from, to) (`to` when there is none). */
function skipSpaceBack(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && isJsSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

/** Whether text[from, to) ends with a word. */
function endsWith(text: string, from: number, to: number, word: string): boolean {
  return to - word.length >= from && text.startsWith(word, to - word.length);
}

/** A one-word name that is not a country or demonym, with a capitalised word right before it outside any mention. */
function personSlot(c: FilterContext): boolean {
  return !!c.prev && c.single && c.m.kind !== 'demonym' && c.topFeature() !== 'A.PCLI' && !c.inMention(c.prev);
}

/** An unknown capitalised word (not a stop-list word) follows the name directly. */
function nameContinues(c: FilterContext): boolean {
  const n = c.next;
  if (!n || c.inMention(n) || !n.cap || n.upper || c.m.kind === 'demonym') return false;
  const kinds = stopKinds(c.lex, n.text);
  return !kinds?.has('connector') && !kinds?.has('title') && !kinds?.has('orghead') && !kinds?.has('common');
}

/**
 * Runs the rules on one mention.
 * @param c the mention and its context.
 * @returns false when a rule rejected it (its id is the last of `c.m.rules`).
 */
export function applyFilters(c: FilterContext): boolean {
  for (const rule of FILTER_RULES) {
    if (!rule.fires(c)) continue;
    c.m.rules.push(rule.id);
    if (rule.effect === 'reject') return false;
    c.m.role = 'in-org';
  }
  return true;
}
