/**
 * @module code/regex-heads
 * What every match of a regular expression must begin with: a small static
 * analysis of a pattern's source that lets a scanner run the pattern only at
 * the words where it can start (see `code/triggers`).
 *
 * `leadingWords(source)` returns lower-cased ASCII word prefixes ("kill",
 * "suicide", "air") such that, with the `i` flag and without the `u` flag,
 * every non-empty match of `\b(?:source)` starts with a word whose first
 * letters are one of them; or null when the analysis cannot tell (a match may
 * start with a character class, a back-reference, a non-word character, or
 * may be empty). Null is always safe: the caller then scans with the pattern.
 *
 * The analysis is conservative: lookarounds and anchors are ignored (they
 * consume nothing), a quantified group that may repeat ends the prefix, and
 * any construct it does not know makes the answer null. Non-ASCII letters end
 * a prefix: without the `u` flag, case-insensitive matching never maps them to
 * ASCII letters, so a prefix cut before them is still necessary.
 */

/** A parsed regex item with its quantifier. */
type Node =
  | { t: 'char'; c: string; min: number; max: number }
  | { t: 'class'; min: number; max: number }
  | { t: 'zero' }
  | { t: 'group'; alts: Node[][]; min: number; max: number }
  | { t: 'unknown' };

/** Prefix sets: a set of non-empty strings, or null for "cannot tell". */
type Heads = Set<string> | null;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  /** alternatives until `)` or the end */
  /** True once the whole source has been read. */
  get done(): boolean {
    return this.i >= this.s.length;
  }

  alts(): Node[][] {
    const out: Node[][] = [this.seq()];
    while (this.s[this.i] === '|') {
      this.i++;
      out.push(this.seq());
    }
    return out;
  }

  private seq(): Node[] {
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') items.push(this.item());
    return items;
  }

  private item(): Node {
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (atom.t === 'char' || atom.t === 'class' || atom.t === 'group') return { ...atom, ...q };
    return atom.t === 'zero' ? atom : { t: 'unknown' };
  }

  private quantifier(): { min: number; max: number } | null {
    const c = this.s[this.i];
    let q: { min: number; max: number } | null = null;
    if (c === '?') q = { min: 0, max: 1 };
    else if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return null; // a literal "{"
      this.i += m[0].length - 1;
      q = { min: Number(m[1]), max: m[2] ? (m[3] ? Number(m[3]) : Infinity) : Number(m[1]) };
    }
    if (!q) return null;
    this.i++;
    if (this.s[this.i] === '?') this.i++; // lazy: same set of matches
    return q;
  }

  private atom(): Node {
    const c = this.s[this.i++]!;
    if (c === '(') return this.group();
    if (c === '[') {
      for (; this.i < this.s.length && this.s[this.i] !== ']'; this.i++) if (this.s[this.i] === '\\') this.i++;
      this.i++;
      return { t: 'class', min: 1, max: 1 };
    }
    if (c === '\\') return this.escape();
    if (c === '.') return { t: 'class', min: 1, max: 1 };
    if (c === '^' || c === '$') return { t: 'zero' };
    return { t: 'char', c, min: 1, max: 1 };
  }

  private escape(): Node {
    const c = this.s[this.i++]!;
    if (c === 'b' || c === 'B') return { t: 'zero' };
    if ('dDwWsS'.includes(c)) return { t: 'class', min: 1, max: 1 };
    if (/[0-9kpPcux]/.test(c)) return { t: 'unknown' }; // back-references, properties, code points: not analysed
    if ('nrtfv'.includes(c)) return { t: 'class', min: 1, max: 1 }; // control characters: never a word start
    return { t: 'char', c, min: 1, max: 1 };
  }

  private group(): Node {
    let look = false;
    if (this.s[this.i] === '?') {
      const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(this.s.slice(this.i));
      if (!m) return { t: 'unknown' };
      // (?: and (?<name> consume; (?= (?! (?<= (?<! only look
      look = m[0] !== '?:' && !m[0].endsWith('>');
      this.i += m[0].length;
    }
    const alts = this.alts();
    if (this.s[this.i] !== ')') return { t: 'unknown' };
    this.i++;
    return look ? { t: 'zero' } : { t: 'group', alts, min: 1, max: 1 };
  }
}

/** Lower case for ASCII letters only (the only letters `i` folds onto ASCII without `u`). */
const asciiLower = (c: string): string => (c >= 'A' && c <= 'Z' ? c.toLowerCase() : c);

const union = (a: Heads, b: Heads): Heads => (a === null || b === null ? null : new Set([...a, ...b]));

/** What may follow the items being read, given the prefix read so far. */
type Rest = (acc: string) => Heads;

/** Prefixes longer than this are cut: they are selective enough. */
const MAX_PREFIX = 16;
/** Steps of the analysis before it gives up on a pattern (optional parts multiply the prefixes). */
const MAX_STEPS = 10_000;

/** A word character of `\b` without the `u` flag, after `asciiLower`. */
const isWordChar = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '_';

/**
 * The prefixes every match of `items[j..]` followed by whatever `rest` matches
 * must start with, each `acc` followed by what is read next. A prefix is complete
 * once its last character ends the first word (a space, a hyphen, a non-ASCII letter).
 */
function headsOf(items: readonly Node[], j: number, acc: string, rest: Rest, budget: { steps: number }): Heads {
  if (--budget.steps < 0) throw new Error('pattern too complex to analyse');
  const done = (a: string): Heads => (a ? new Set([a]) : null);
  for (; j < items.length; j++) {
    if (acc && (!isWordChar(acc[acc.length - 1]!) || acc.length >= MAX_PREFIX)) return done(acc);
    const n = items[j]!;
    if (n.t === 'zero') continue;
    if (n.t === 'unknown' || n.t === 'class') return done(acc);
    const skip = (): Heads => headsOf(items, j + 1, acc, rest, budget);
    if (n.t === 'char') {
      const more = acc + asciiLower(n.c);
      if (n.min === 1 && n.max === 1) {
        acc = more;
        continue;
      }
      // optional or repeated: with it (then stop if it repeats), or without it
      const taken = n.max === 1 ? headsOf(items, j + 1, more, rest, budget) : done(more);
      return n.min === 0 ? union(taken, skip()) : taken;
    }
    // A group: any of its alternatives, then what follows it (nothing more when it may repeat).
    const next: Rest = n.max === 1 ? (a) => headsOf(items, j + 1, a, rest, budget) : done;
    let out: Heads = new Set<string>();
    for (const alt of n.alts) out = union(out, headsOf(alt, 0, acc, next, budget));
    return n.min === 0 ? union(out, skip()) : out;
  }
  return rest(acc);
}

/** A word that matches of a pattern may start with. */
export interface Lead {
  /** lower-case `[a-z0-9_]` characters */
  word: string;
  /** true: the whole word (of `[A-Za-z0-9_]` characters) equals `word`; false: it starts with `word` */
  exact: boolean;
}

/**
 * The words every match of a pattern starts with (see the module doc).
 * @param source a pattern source, matched case-insensitively after `\b`
 * @returns distinct leads, none implied by another, sorted; or null
 * @example leadingWords('(?:hand )?grenades?|an? grenade attack')
 *   // [{word: 'a', exact: true}, {word: 'an', exact: true}, {word: 'grenade', exact: false}, {word: 'hand', exact: true}]
 */
export function leadingWords(source: string): Lead[] | null {
  const alts = parse(source);
  return alts && leadsOf([{ t: 'group', alts, min: 1, max: 1 }]);
}

/** The alternatives of a whole pattern, or null when it is unbalanced. */
function parse(source: string): Node[][] | null {
  const p = new Parser(source);
  const alts = p.alts();
  return p.done ? alts : null; // (not done: an unbalanced ")")
}

/** The words every match of `items` starts with (see `leadingWords`), or null. */
function leadsOf(items: readonly Node[]): Lead[] | null {
  let heads: Heads;
  try {
    heads = headsOf(items, 0, '', (a) => (a ? new Set([a]) : null), { steps: MAX_STEPS });
  } catch {
    return null;
  }
  if (heads === null) return null;
  const leads: Lead[] = [];
  for (const h of heads) {
    const word = /^[a-z0-9_]*/.exec(h)![0];
    if (!word) return null; // starts with a non-word or non-ASCII character
    // a prefix cut at MAX_PREFIX inside a word is not exact
    leads.push({ word, exact: h.length > word.length });
  }
  return minimalLeads(leads);
}

/**
 * Words without repeats or ones another covers ("kill…" covers "killed…" and the word "kill"), sorted: one list per
 * set of words, whatever order they were found in.
 */
function minimalLeads(leads: readonly Lead[]): Lead[] {
  const all = [...new Map(leads.map((l) => [`${l.word}${l.exact ? ' ' : ''}`, l])).values()];
  return all
    .filter((l) => !all.some((o) => o !== l && !o.exact && l.word.startsWith(o.word)))
    .sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : Number(a.exact) - Number(b.exact)));
}

/** Shortest word a required-word set may hold: shorter words ("a", "in", "the") are in nearly every text. */
const MIN_REQUIRED = 4;

/** A literal character (exactly once) that no word character matches: a word of the text ends before it and starts after it. */
const isBreak = (n: Node): boolean => n.t === 'char' && n.min === 1 && n.max === 1 && !isWordChar(asciiLower(n.c));
/** A literal word character, exactly once. */
const isWordLetter = (n: Node): n is Node & { t: 'char' } => n.t === 'char' && n.min === 1 && n.max === 1 && isWordChar(asciiLower(n.c));

/** How selective a set of required words is (lower is better); null when it holds a short word. */
function setCost(set: readonly Lead[]): number | null {
  if (set.some((l) => l.word.length < MIN_REQUIRED)) return null;
  return set.reduce((n, l) => n + (l.exact ? 1 : 1.5) / l.word.length, 0);
}

/** The cheaper of two sets (null: none). */
const better = (a: Lead[] | null, b: Lead[] | null): Lead[] | null => {
  if (a === null) return b;
  if (b === null) return a;
  return setCost(b)! < setCost(a)! ? b : a;
};

/**
 * Whether every way of matching `items[0, j)` ends with a literal non-word character
 * (`atStart`: whether what comes before `items` does, for the ways that consume nothing).
 */
function endsWithBreak(items: readonly Node[], j: number, atStart: boolean, budget: { steps: number }): boolean {
  if (--budget.steps < 0) throw new Error('pattern too complex to analyse');
  if (j === 0) return atStart;
  const n = items[j - 1]!;
  if (n.t === 'zero') return endsWithBreak(items, j - 1, atStart, budget);
  if (n.t === 'char') {
    if (isWordChar(asciiLower(n.c))) return false;
    return n.min >= 1 || endsWithBreak(items, j - 1, atStart, budget);
  }
  if (n.t !== 'group') return false;
  const before = endsWithBreak(items, j - 1, atStart, budget);
  // the last alternative taken ends the group (an alternative that consumes nothing leaves what came before)
  if (!n.alts.every((alt) => endsWithBreak(alt, alt.length, before, budget))) return false;
  return n.min >= 1 || before;
}

/**
 * Words one of which every match of `items` holds as a word of the text (see `requiredWords`).
 * @param atWordStart what comes before `items` ends with a literal non-word character (a word of the text starts at the first item)
 */
function requiredIn(items: readonly Node[], atWordStart: boolean, budget: { steps: number }): Lead[] | null {
  if (--budget.steps < 0) throw new Error('pattern too complex to analyse');
  let best: Lead[] | null = null;
  for (let j = 0; j < items.length; j++) {
    const n = items[j]!;
    if (n.t !== 'group' && !isWordLetter(n)) continue;
    const startsWord = endsWithBreak(items, j, atWordStart, budget);
    if (startsWord && isWordLetter(n) && (j === 0 || !isWordLetter(items[j - 1]!))) {
      // a run of literal word characters that starts a word: the word starts with it, and is it when a break follows
      let k = j;
      let word = '';
      while (k < items.length && isWordLetter(items[k]!) && word.length < MAX_PREFIX) word += asciiLower((items[k++] as { c: string }).c);
      const set = [{ word, exact: k < items.length && isBreak(items[k]!) }];
      if (setCost(set) !== null) best = better(best, set);
    } else if (n.t === 'group' && n.min >= 1) {
      // every match passes through one of the group's alternatives at least once
      let union: Lead[] | null = [];
      for (const alt of n.alts) {
        const got = requiredIn(alt, startsWord, budget);
        if (got === null) {
          union = null;
          break;
        }
        union.push(...got);
      }
      if (union !== null && union.length && setCost(union) !== null) best = better(best, union);
    }
  }
  return best;
}

/**
 * Words of which every match of `\b(?:source)` (with the `i` flag, without `u`) holds one, as a whole word of
 * `[A-Za-z0-9_]` characters (`exact`) or as the start of one, not counting the match's first word; or null
 * when the analysis finds none of at least four letters. A text none of whose words is one of them holds no
 * match: a scanner can skip the pattern there (see `code/triggers`).
 *
 * Only literal words are used: ones that follow a literal non-word character ("suicide *bomber*",
 * "(?:car|truck) *bomb*"), or that open every alternative of a group that follows one; a group counts
 * when it is not optional, an item only when it occurs exactly once. Of several such sets, the one
 * of fewest and longest words is returned.
 * @example requiredWords('an? (?:suicide|car) bomb(?:er|ing)?') // [{word: 'bomb', exact: false}]
 */
export function requiredWords(source: string): Lead[] | null {
  const alts = parse(source);
  return alts && needsOf([{ t: 'group', alts, min: 1, max: 1 }]);
}

/** The words one of which every match of `items` holds after its first word (see `requiredWords`), or null. */
function needsOf(items: readonly Node[]): Lead[] | null {
  let set: Lead[] | null;
  try {
    set = requiredIn(items, false, { steps: MAX_STEPS });
  } catch {
    return null;
  }
  return set === null ? null : minimalLeads(set);
}

/** A word a pattern's matches may start with, and the words every match that starts with it holds. */
export interface LeadNeeds {
  lead: Lead;
  /** As `requiredWords`, for the matches that start with `lead` alone; null when none are known. */
  needs: Lead[] | null;
}

/**
 * Only leads of at most this many characters get words of their own: the common words ("the", "in", "was") are
 * where nearly all of the tries a lead's words save are (on the geo texts, 372,000 of 427,000 per pass), and
 * working out every branch's words would cost start-up about half a second.
 */
const MAX_SHORT_LEAD = 4;

/** At most this many ways through a pattern's leading alternatives are told apart; more are read as one. */
const MAX_BRANCHES = 5_000;

/** Whether some word starts with both leads (a lead is a whole word, `exact`, or the start of one). */
const overlaps = (a: Lead, b: Lead): boolean =>
  a.exact && b.exact ? a.word === b.word : a.exact ? a.word.startsWith(b.word) : b.exact ? b.word.startsWith(a.word) : a.word.startsWith(b.word) || b.word.startsWith(a.word);

/**
 * The leads of `leadingWords(source)`, each with the words of which every match that starts with it holds one:
 * `requiredWords` told apart per lead. A common first word ("the", "in", "was") often opens a few alternatives
 * only, which need words of their own ("the (?:[\w-]+ )?protesters|protest(?:s|ed)?": "the" needs "protesters"),
 * where the pattern as a whole needs none ("protest" needs nothing after it). A text without any of a lead's
 * words holds no match that starts with that lead, so a scanner need not try the pattern there.
 *
 * The pattern is split into its branches: each way through its leading alternatives (a group that opens an
 * alternative is split in turn, with what follows it); a lead's words are the union of those of the branches
 * whose own leads may start the same word, or null when one of them has none, and for a lead longer than
 * `MAX_SHORT_LEAD`.
 * @returns null when `leadingWords(source)` is null
 * @example leadNeeds('the (?:fighting|clashes)|kill(?:s|ed)?')
 *   // [{lead: {word: 'kill', exact: false}, needs: null}, {lead: {word: 'the', exact: true}, needs: [clashes, fighting]}]
 */
export function leadNeeds(source: string): LeadNeeds[] | null {
  const alts = parse(source);
  if (!alts) return null;
  const branches: Node[][] = [];
  const split = (options: readonly Node[][], rest: readonly Node[]): void => {
    for (const alt of options) {
      const first = alt[0];
      if (first?.t === 'group' && first.min === 1 && first.max === 1 && branches.length < MAX_BRANCHES) split(first.alts, [...alt.slice(1), ...rest]);
      else branches.push([...alt, ...rest]);
    }
  };
  split(alts, []);
  if (branches.length > MAX_BRANCHES) branches.splice(0, branches.length, [{ t: 'group', alts, min: 1, max: 1 }]);
  const each = branches.map((items) => ({ items, leads: leadsOf(items), needs: undefined as Lead[] | null | undefined }));
  // The pattern's leads are its branches' (what `leadingWords` finds, one branch at a time).
  if (each.some((b) => !b.leads)) return null;
  const leads = minimalLeads(each.flatMap((b) => b.leads!));
  return leads.map((lead) => {
    if (lead.word.length > MAX_SHORT_LEAD) return { lead, needs: null };
    const needs: Lead[] = [];
    for (const b of each) {
      if (!b.leads!.some((l) => overlaps(l, lead))) continue; // no match of this branch starts with the lead
      if (b.needs === undefined) b.needs = needsOf(b.items);
      if (!b.needs) return { lead, needs: null };
      needs.push(...b.needs);
    }
    return { lead, needs: minimalLeads(needs) };
  });
}
