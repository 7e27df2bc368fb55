/**
 * @module place/subplaces
 * Parts of a city and generic references to one (`data/places/subplaces.tsv`): "the Canapé-Vert neighbourhood",
 * "the central Nweiri neighbourhood", "Beirut's Nweiri quarter", "the Karrada district of Baghdad", "the Old City",
 * "the capital". Such names are rarely in GeoNames; matched alone they land on far-away namesakes. Recognition
 * turns each into one `subplace` mention that remembers its frame; resolution ({@link module:place/resolve})
 * places it at the same-named place near its city, else at the city with geo_precision 2.
 */
import type { Span } from '../domain/types.js';
import { isJsSpace } from './tokens.js';
import { readTsv, splitAlternatives } from './tsv.js';

/** How a sub-place rule finds its city. */
export type SubplaceParent = 'city' | 'named' | 'capital';

/** One rule of `subplaces.tsv`. */
export interface SubplaceRule {
  id: string;
  kind: 'noun' | 'generic';
  forms: string[];
  parent: SubplaceParent;
}

/** A sub-place found in a text. */
export interface SubplaceFrame {
  rule: string;
  parent: SubplaceParent;
  /** The name itself ("Canapé-Vert", "Old City", "the capital"). */
  name: Span;
  /** The frame word ("neighbourhood"), when the rule is a noun rule. */
  noun?: Span;
  /** The city named next to it ("of Baghdad", "Beirut's"). */
  city?: Span;
}

const PARENTS = new Set<SubplaceParent>(['city', 'named', 'capital']);

/**
 * Reads the rules.
 * @param file a `subplaces.tsv` file.
 * @returns the rules in file order.
 * @throws Error naming the file and line of an unknown kind or parent.
 */
export function loadSubplaceRules(file: string): SubplaceRule[] {
  return readTsv(file, 5).map(({ line, cells }) => {
    const [id = '', kind = '', forms = '', parent = ''] = cells;
    if ((kind !== 'noun' && kind !== 'generic') || !PARENTS.has(parent as SubplaceParent)) {
      throw new Error(`${file}:${line}: rule ${id}: bad kind ${kind} or parent ${parent}`);
    }
    return { id, kind, forms: splitAlternatives(forms), parent: parent as SubplaceParent };
  });
}

/** A capitalised name of up to four words, with Arabic articles and Romance particles inside. */
/**
 * Letter classes of the Latin script (names in English news are written in it), spelled out instead of \p{L}: the
 * expressions then compile without the Unicode flag, several times faster on the first articles of a process.
 */
const UP = 'A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE\\u0100-\\u017F'; // = isUpLatin
const LET = 'A-Za-z0-9\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0300-\\u036F\\u1E00-\\u1EFF'; // = isLetLatin
const WORD = String.raw`[${UP}][${LET}]*(?:['’](?!s\b)[${LET}]+)*`;
const NAME = String.raw`(?:(?:al|el|an|ar|as|ash|ad|az)-)?${WORD}(?:(?:-|[ \t])(?:(?:al|el|de|du|da|des|la)[- ])?${WORD}){0,3}`;
/** A city name next to the frame. */
const CITY = String.raw`${WORD}(?:[- ](?:(?:au|de|la|al|el)-)?${WORD}){0,2}`;
/** Lower-case words between "the" and the name ("the central Nweiri neighbourhood"). */
const ADJ = String.raw`(?:(?:central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|old|new|upscale|poor|impoverished|crowded|densely[ -]populated|besieged|residential|commercial)\s+)?`;
/** Capitalised words that open a sentence or a phrase but are not part of a name. */
const LEAD_WORDS = new Set(['The', 'In', 'At', 'On', 'From', 'Into', 'Near', 'A', 'An', 'Its', 'Their', 'This', 'That', 'Inside', 'Outside', 'Across']);

/** "the capital" is a place only after a locative word ("in the capital", "south of the capital"), not "had the capital". */
const LOCATIVE_BEFORE = /\b(?:in|into|to|from|near|outside|around|across|toward|towards|of|inside|reached|entered|leave|left|fled)\s+$/i;

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Compiled {
  rule: SubplaceRule;
  /** Name first, then the noun, then "of/in CITY". */
  after: RegExp;
  /** "CITY's (adj) NAME noun" or "CITY's Old City". */
  possessive: RegExp;
}

const compiledCache = new WeakMap<SubplaceRule[], Compiled[]>();

function compile(rules: SubplaceRule[]): Compiled[] {
  let c = compiledCache.get(rules);
  if (c) return c;
  c = rules.map((rule) => {
    const forms = rule.forms.map(esc).join('|');
    const ofCity = String.raw`(?:\s+(?:of|in)\s+(?:the\s+)?(?:(?:city|capital|town)\s+of\s+)?(${CITY}))?`;
    if (rule.kind === 'noun') {
      return {
        rule,
        // "quarter-final" is no quarter
        after: new RegExp(String.raw`(?<![${LET}'’-])(?:[Tt]he\s+)?${ADJ}(${NAME})\s+(${forms})(?![${LET}-])${ofCity}`, 'y'),
        possessive: new RegExp(String.raw`(?<![${LET}])(${CITY})['’]s\s+${ADJ}(${NAME})\s+(${forms})(?![${LET}-])`, 'y'),
      };
    }
    return {
      rule,
      after: new RegExp(String.raw`(?<![${LET}])()(${forms})(?![${LET}])${ofCity}`, 'y'),
      possessive: new RegExp(String.raw`(?<![${LET}])(${CITY})['’]s\s+()(${forms})(?![${LET}])`, 'y'),
    };
  });
  compiledCache.set(rules, c);
  return c;
}

/** Drops lead words ("In", "The") from the start of a name span. */
function trimLead(text: string, s: number, e: number): number {
  let at = s;
  for (;;) {
    const m = /^(\p{L}+)[ \t]+/u.exec(text.slice(at, e));
    if (!m || !LEAD_WORDS.has(m[1] as string)) return at;
    at += m[0].length;
  }
}

/**
 * Finds the sub-places of a text.
 * @param rules the rules ({@link loadSubplaceRules}).
 * @param text the raw text.
 * @returns frames in text order, non-overlapping (the first rule and the longest match win).
 */
export function findSubplaces(rules: SubplaceRule[], text: string): SubplaceFrame[] {
  const out: SubplaceFrame[] = [];
  const seen = new Set<string>();
  for (const c of compile(rules)) {
    // Most texts name no neighbourhood: the expressions run only on windows around the rule's words.
    for (const [ws, we] of windows(text, c.rule.forms, c.rule.kind === 'noun')) {
      const win = text.slice(ws, we);
      for (const f of framesIn(c, win)) {
        shift(f, ws);
        const k = `${f.name.start}:${f.name.end}:${f.city?.start ?? -1}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(f);
      }
    }
  }
  // Earliest first, then the longest name, then a frame that names its city.
  out.sort((a, b) => a.name.start - b.name.start || b.name.end - a.name.end || Number(!!b.city) - Number(!!a.city));
  const kept: SubplaceFrame[] = [];
  for (const f of out) {
    const last = kept[kept.length - 1];
    if (last && f.name.start < (last.noun ?? last.name).end) continue;
    if (f.parent === 'named' && !f.city) continue;
    const nameText = text.slice(f.name.start, f.name.end);
    if (LEAD_WORDS.has(nameText)) continue;
    // "the capital of Sulu province" is a seat, not the national capital; "the capital, Islamabad" names it already.
    if (f.parent === 'capital' && (/^(?:\s+of\b|\s*,\s*\p{Lu}|['’]s)/u.test(text.slice(f.name.end, f.name.end + 8)) || !LOCATIVE_BEFORE.test(text.slice(Math.max(0, f.name.start - 30), f.name.start)))) continue;
    kept.push(f);
  }
  return kept;
}

/**
 * Whether text[from, to) ends with a capitalised word and white space, as `[UP][LET'’-]*\s+$` tests it, read
 * backwards from the end (the expression would be tried from every position).
 */
function capWordBefore(text: string, from: number, to: number): boolean {
  let e = to;
  while (e > from && isJsSpace(text.charCodeAt(e - 1))) e--;
  if (e === to) return false;
  // Every UP letter is a LET letter: the word's characters back to the first that is neither.
  for (let k = e - 1; k >= from; k--) {
    const c = text.charCodeAt(k);
    if (isUpLatin(c)) return true;
    if (!isLetLatin(c) && c !== 0x27 && c !== 0x2019 && c !== 0x2d) return false;
  }
  return false;
}

/** A capital of {@link UP}. */
function isUpLatin(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xde) || (c >= 0x100 && c <= 0x17f);
}

/** A letter, digit or mark of {@link LET}. */
function isLetLatin(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c <= 0xd6)
    || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x24f) || (c >= 0x300 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff);
}

/** How far before a rule's word a name may start, and after it its city may end (characters). */
const WINDOW_BEFORE = 140;
const WINDOW_AFTER = 80;

/** Windows of the text around the occurrences of a rule's words, merged when they overlap, cut at spaces. */
function windows(text: string, forms: string[], nameBefore: boolean): [number, number][] {
  const hits: number[] = [];
  for (const f of forms) {
    for (let at = text.indexOf(f); at >= 0; at = text.indexOf(f, at + f.length)) {
      // A noun rule needs a capitalised word right before its noun ("the area" has none): most hits end here.
      if (nameBefore && !capWordBefore(text, Math.max(0, at - 40), at)) continue;
      hits.push(at);
    }
  }
  if (!hits.length) return [];
  hits.sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const at of hits) {
    let ws = Math.max(0, at - WINDOW_BEFORE);
    if (ws > 0) {
      const sp = text.indexOf(' ', ws);
      ws = sp >= 0 && sp < at ? sp + 1 : at;
    }
    const we = Math.min(text.length, at + WINDOW_AFTER);
    const last = out[out.length - 1];
    if (last && ws <= last[1]) last[1] = Math.max(last[1], we);
    else out.push([ws, we]);
  }
  return out;
}

function shift(f: SubplaceFrame, by: number): void {
  for (const s of [f.name, f.noun, f.city]) {
    if (!s) continue;
    s.start += by;
    s.end += by;
  }
}

/** Word starts where a frame can begin: a capital letter, or "the", "al-", "el-" (the expressions are sticky). */
const START_RE = new RegExp(`(?<![${LET}'’-])(?:[${UP}]|[Tt]he\\s|[ae]l-|a[nrsdz]-|ash-)`, 'g');

/** Sticky matches of an expression from every possible start, without overlaps (like matchAll). */
function* stickyMatches(re: RegExp, text: string): Generator<RegExpExecArray> {
  let from = 0;
  for (const s of text.matchAll(START_RE)) {
    const at = s.index ?? 0;
    if (at < from) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) continue;
    from = at + m[0].length;
    yield m;
  }
}

/** The frames of one rule in a piece of text (offsets into that piece). */
function framesIn({ rule, after, possessive }: Compiled, text: string): SubplaceFrame[] {
  const out: SubplaceFrame[] = [];
  for (const m of stickyMatches(after, text)) {
    const at = m.index ?? 0;
    const nameText = rule.kind === 'noun' ? (m[1] as string) : (m[2] as string);
    const nameAt = text.indexOf(nameText, at);
    const nameStart = rule.kind === 'noun' ? trimLead(text, nameAt, nameAt + nameText.length) : nameAt;
    const name = { start: nameStart, end: nameAt + nameText.length };
    if (name.end <= name.start) continue;
    const f: SubplaceFrame = { rule: rule.id, parent: rule.parent, name };
    if (rule.kind === 'noun') {
      const nounAt = text.indexOf(m[2] as string, name.end);
      f.noun = { start: nounAt, end: nounAt + (m[2] as string).length };
    }
    const cityText = m[3];
    if (cityText) {
      const cityAt = text.indexOf(cityText, (f.noun ?? name).end);
      f.city = { start: cityAt, end: cityAt + cityText.length };
    }
    out.push(f);
  }
  for (const m of stickyMatches(possessive, text)) {
    const at = m.index ?? 0;
    const cityText = m[1] as string;
    const nameText = rule.kind === 'noun' ? (m[2] as string) : (m[3] as string);
    const nameAt = text.indexOf(nameText, at + cityText.length);
    const f: SubplaceFrame = { rule: rule.id, parent: rule.parent, name: { start: nameAt, end: nameAt + nameText.length }, city: { start: at, end: at + cityText.length } };
    if (rule.kind === 'noun') {
      const nounAt = text.indexOf(m[3] as string, f.name.end);
      f.noun = { start: nounAt, end: nounAt + (m[3] as string).length };
    }
    out.push(f);
  }
  return out;
}
