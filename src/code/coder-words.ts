/**
 * @module code/coder-words
 * The event coder's vocabulary (`data/lexicons/coder-words.yaml`): which words mean
 * civilians, armed men, a killing, an air-dropped weapon, a claim of responsibility,
 * a place already named … Modules of `src/code/` name their patterns at the top
 * (`const CIVILIAN_WORDS = coderPattern('civilian-words')`); the file is read and
 * compiled once, when `createExtractor` loads the rules (so a bad file fails at start)
 * or when a pattern is first used, and shared (immutable data, like the lexicons of
 * `text/lexicon`). Nothing is read at import: commands that code no article never
 * parse it.
 */
import { DataError, loadYaml } from '../data/load.js';

const FILE = 'lexicons/coder-words.yaml';

/**
 * The entries of `patterns:` the code reads. The file must have exactly these: a missing
 * entry would leave a module without its words, an extra one would change nothing.
 */
const PATTERN_IDS = [
  'one-sided', 'civilian-words', 'armed-words', 'protest-or-forces', 'arresting-institutions', 'victims-anyone',
  'victims-unspecified', 'single-killed', 'single-hurt', 'air-dropped', 'killing', 'death-words', 'gunfire',
  'arrest-verb', 'generic-blast', 'return-fire', 'weapons-store', 'weapons-found', 'seizing', 'grievance', 'protest-words',
  'forceful-taking', 'attack-on-place', 'under-fire', 'no-violence', 'held-since', 'held-place-anaphor',
  'control-phrases', 'indefinite-site', 'not-a-place-name', 'plural-place-anaphor', 'town-anaphor', 'reduced-relative',
  'backing-before', 'site-after', 'responsibility-claim', 'generic-plural', 'impact-verbs', 'habitual-before-verb',
  'reporting-before', 'said-after-actor', 'attribution', 'unnamed-on-purpose', 'pro-government-before', 'state-force-subject',
  'accused-of', 'violence-verb-before', 'cause-clause', 'division-noun-after', 'near-town-after', 'fight-verb', 'foiled-attack',
] as const;

/** The entries of `lists:` the code reads (it builds its own patterns around them). */
const LIST_IDS = ['place-nouns', 'object-nouns'] as const;

export type CoderPatternId = (typeof PATTERN_IDS)[number];
export type CoderListId = (typeof LIST_IDS)[number];

export interface CoderWords {
  patterns: ReadonlyMap<CoderPatternId, RegExp>;
  /** Each list as an alternation source without enclosing group ("city|town|…"). */
  lists: ReadonlyMap<CoderListId, string>;
}

interface RawEntry {
  id?: unknown;
  flags?: unknown;
  pattern?: unknown;
  words?: unknown;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** `{WORDS}`, `{NAME}`: an upper-case name in braces, not a Unicode property (`\p{L}`, `\P{Lu}`). */
const PLACEHOLDER = /(?<!\\[pP])\{([A-Z]+)\}/g;

/** A list of words: non-empty strings, no word twice. */
function wordList(file: string, where: string, v: unknown): string[] {
  if (!Array.isArray(v) || !v.length) throw new DataError(file, `${where}: words must be a non-empty list`);
  const seen = new Set<string>();
  for (const w of v) {
    if (typeof w !== 'string' || !w.length) throw new DataError(file, `${where}: word ${JSON.stringify(w)} is not a non-empty string`);
    if (seen.has(w)) throw new DataError(file, `${where}: word "${w}" twice`);
    seen.add(w);
  }
  return v as string[];
}

/** The section's entries, each with a unique, kebab-case id the code knows. */
function entries(file: string, doc: Record<string, unknown>, section: string, known: readonly string[], ids: Set<string>): RawEntry[] {
  const list = doc[section];
  if (!Array.isArray(list)) throw new DataError(file, `${section}: expected a list of entries`);
  for (const e of list as RawEntry[]) {
    if (typeof e?.id !== 'string' || !ID.test(e.id)) throw new DataError(file, `${section}: entry id ${JSON.stringify(e?.id)} is not kebab-case`);
    if (ids.has(e.id)) throw new DataError(file, `duplicate entry id ${e.id}`);
    ids.add(e.id);
    if (!known.includes(e.id)) throw new DataError(file, `${section}: entry ${e.id} is read by no code (src/code/coder-words.ts lists the entries read)`);
  }
  for (const id of known) if (!(list as RawEntry[]).some((e) => e.id === id)) throw new DataError(file, `${section}: entry ${id} is missing`);
  return list as RawEntry[];
}

function compile(file: string, id: string, source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new DataError(file, `entry ${id}: bad pattern: ${(e as Error).message}`);
  }
}

/**
 * Loads and compiles the coder's words.
 * @param file path relative to `data/`, or absolute (tests)
 * @throws DataError on a missing, unknown or duplicate entry, a bad word list or a bad pattern
 */
export function loadCoderWords(file: string = FILE): CoderWords {
  const doc = loadYaml(file);
  if (!doc || typeof doc !== 'object') throw new DataError(file, 'expected the sections patterns and lists');
  const ids = new Set<string>();
  const patterns = new Map<CoderPatternId, RegExp>();
  for (const e of entries(file, doc as Record<string, unknown>, 'patterns', PATTERN_IDS, ids)) {
    const id = e.id as CoderPatternId;
    if (typeof e.flags !== 'string') throw new DataError(file, `entry ${id}: flags must be given, as a string ("" for none)`);
    if (e.pattern !== undefined && typeof e.pattern !== 'string') throw new DataError(file, `entry ${id}: pattern must be a string`);
    // One list fills {WORDS}; named lists fill their {NAME}s, each used at least once.
    const named = e.words && typeof e.words === 'object' && !Array.isArray(e.words);
    const lists = new Map<string, string[]>(named
      ? Object.entries(e.words as Record<string, unknown>).map(([name, v]) => [name, wordList(file, `entry ${id}, ${name}`, v)])
      : [['WORDS', wordList(file, `entry ${id}`, e.words)]]);
    const pattern = e.pattern ?? '\\b{WORDS}\\b';
    const used = new Set<string>();
    const source = pattern.replace(PLACEHOLDER, (_, name: string) => {
      const words = lists.get(name);
      if (!words) throw new DataError(file, `entry ${id}: pattern names {${name}}, which has no words`);
      used.add(name);
      return `(?:${words.join('|')})`;
    });
    for (const name of lists.keys()) if (!used.has(name)) throw new DataError(file, `entry ${id}: words ${name} are not in the pattern`);
    patterns.set(id, compile(file, id, source, e.flags));
  }
  const lists = new Map<CoderListId, string>();
  for (const e of entries(file, doc as Record<string, unknown>, 'lists', LIST_IDS, ids)) {
    const id = e.id as CoderListId;
    if (e.pattern !== undefined || e.flags !== undefined) throw new DataError(file, `entry ${id}: a list has words only (the code gives its pattern)`);
    const source = wordList(file, `entry ${id}`, e.words).join('|');
    // The code embeds lists in patterns with and without the u flag; u is the stricter syntax.
    compile(file, id, `(?:${source})`, 'u');
    lists.set(id, source);
  }
  return { patterns, lists };
}

let shipped: CoderWords | undefined;

/** The shipped words, loaded and checked on the first call. @throws DataError on a bad file */
export function coderWords(): CoderWords {
  return (shipped ??= loadCoderWords());
}

/** What the coder asks of a pattern: a RegExp's `test`, `exec` and `source`. */
export interface WordPattern {
  test(text: string): boolean;
  exec(text: string): RegExpExecArray | null;
  readonly source: string;
}

/**
 * A pattern built on its first use (then kept), for module-level constants that must not
 * read the data file at import.
 * @param build makes the RegExp (without the g or y flag: it is shared)
 */
export function lazyPattern(build: () => RegExp): WordPattern {
  let re: RegExp | undefined;
  const get = () => (re ??= build());
  return {
    test: (text) => get().test(text),
    exec: (text) => get().exec(text),
    get source() {
      return get().source;
    },
  };
}

/** The pattern of an entry of `patterns:`, compiled when first used. */
export function coderPattern(id: CoderPatternId): WordPattern {
  return lazyPattern(() => coderWords().patterns.get(id)!);
}

/** The words of an entry of `lists:`, as an alternation source without enclosing group (reads the file: call it from a `lazyPattern`). */
export function coderList(id: CoderListId): string {
  return coderWords().lists.get(id)!;
}
