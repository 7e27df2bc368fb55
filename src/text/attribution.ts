/**
 * @module text/attribution
 * Who a figure is attributed to, inside one sentence. Each attribution has a
 * source and a scope, the part of the sentence whose figures it covers:
 * - "according to X": the figures before it in its clause (or after it, when
 *   it opens the clause);
 * - "X said (that) …", "X put the toll at …": the figures after the verb;
 * - "…, X said" / "…, X, a monitor, said" / "…, said X": the figures before;
 *   ", adding that …" carries it to the end of the clause.
 * Clauses are cut at "; ", ", while ", ", but " …; a report reaches over the
 * next clause boundary when no other source takes over ("The army said two
 * soldiers died, while five were injured"). Pronouns and generic noun phrases
 * ("he", "the group") are resolved to a source named in an earlier sentence.
 * Vocabulary: `data/lexicons/attribution.yaml`.
 */
import type { ClaimType, Span } from '../domain/types.js';
import { alternation, PhraseMatcher, readYaml } from './lexicon.js';
import { findQuantities } from './numbers.js';
import { splitSentences } from './sentences.js';

/** A source and the part of the sentence it covers. */
export interface Attribution {
  /** The source as written ("the UN Office for the Coordination of Humanitarian Affairs (OCHA)"). */
  source: string;
  /** Where the source is named (for a resolved pronoun: the earlier mention). */
  span: Span;
  /** The figures inside this span are attributed to the source. */
  scope: Span;
  /** Only figures of these kinds (absent: all kinds). */
  kinds?: ClaimType[];
  /** How it was found: `according`, `verb-before`, `verb-after`, with `+anaphor` when resolved. */
  rule: string;
}

interface AttributionYaml {
  reporting_verbs: { forms: string[]; kinds?: ClaimType[] }[];
  according: string[];
  not_after_verb: string[];
  inverting_verbs: string[];
  continuations: string[];
  reportedly: string[];
  subject_trailers: string[];
  intro_words: string[];
  boundaries: string[];
  speaker_nouns: string[];
  anaphors: string[];
}

interface Lex {
  /** reporting verbs, with the claim kinds they are limited to (null: all) */
  verbs: PhraseMatcher<ClaimType[] | null>;
  notAfterVerb: PhraseMatcher<true>;
  inverting: Set<string>;
  /** ", adding that …": a trailing report continues after its verb */
  continuationRe: RegExp;
  accordingRe: RegExp;
  reportedlyRe: RegExp;
  boundaryRe: RegExp;
  trailers: Set<string>;
  intro: Set<string>;
  speakers: PhraseMatcher<true>;
  anaphors: Set<string>;
}

/** Longest subject noun phrase kept, in characters. */
const MAX_SUBJECT = 140;
/** How far back (characters) an anaphor looks for its antecedent. */
const ANAPHOR_WINDOW = 1200;
/** Characters after a reporting verb searched for the figures it introduces. */
const COMPLEMENT_WINDOW = 160;
/** How many sentences of pronoun chains ("He said … He said …") are followed back. */
const ANAPHOR_DEPTH = 3;

let LEX: Lex | null = null;
function lex(): Lex {
  if (LEX) return LEX;
  const y = readYaml<AttributionYaml>('attribution.yaml');
  LEX = {
    inverting: new Set(y.inverting_verbs),
    continuationRe: new RegExp(`^\\s*,\\s*(?:${alternation(y.continuations)})\\b`, 'i'),
    notAfterVerb: new PhraseMatcher(y.not_after_verb.map((f) => [f, true] as const)),
    verbs: new PhraseMatcher(y.reporting_verbs.flatMap((g) => g.forms.map((f) => [f, g.kinds ?? null] as const))),
    accordingRe: new RegExp(`(?<![\\p{L}])(?:${alternation(y.according)})(?![\\p{L}])`, 'giu'),
    reportedlyRe: new RegExp(`(?<![\\p{L}])(?:${alternation(y.reportedly)})(?![\\p{L}])`, 'iu'),
    boundaryRe: new RegExp(y.boundaries.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g'),
    trailers: new Set(y.subject_trailers),
    intro: new Set(y.intro_words),
    // each speaker noun in the singular and the plural: "worker" and "workers"
    speakers: new PhraseMatcher(y.speaker_nouns.flatMap((f) => [f, f.replace(/s$/, ''), `${f.replace(/s$/, '')}s`]).map((f) => [f, true] as const)),
    anaphors: new Set(y.anaphors),
  };
  return LEX;
}

/**
 * Clauses of a sentence, split at "; ", ", while ", ", but " … (the boundary
 * words belong to neither clause).
 * @param text the article text
 * @param sentence the sentence span
 * @returns clause spans in order, covering the sentence except the boundaries
 */
export function clauses(text: string, sentence: Span): Span[] {
  const s = text.slice(sentence.start, sentence.end);
  const out: Span[] = [];
  const re = new RegExp(lex().boundaryRe.source, 'g');
  let from = sentence.start;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push({ start: from, end: sentence.start + m.index });
    from = sentence.start + m.index + m[0].length;
  }
  out.push({ start: from, end: sentence.end });
  return out;
}

/**
 * The clause of a sentence that contains a position.
 * @param text the article text
 * @param sentence the sentence span
 * @param pos an offset inside the sentence
 * @returns the clause span (the nearest clause when `pos` is on a boundary)
 */
export function clauseAround(text: string, sentence: Span, pos: number): Span {
  return clauseIn(clauses(text, sentence), pos);
}

/**
 * The clause that contains a position, among a sentence's clauses.
 * @param cs the clauses (from `clauses`)
 * @param pos an offset inside the sentence
 * @returns the clause span (the next clause when `pos` is on a boundary)
 */
export function clauseIn(cs: readonly Span[], pos: number): Span {
  return cs.find((c) => pos >= c.start && pos < c.end) ?? cs.find((c) => c.start >= pos) ?? cs[cs.length - 1]!;
}

/**
 * True when the sentence reports a figure as "reported", without naming a source.
 * @param text the article text
 * @param span the region to look in
 * @returns whether a "reportedly" word occurs
 */
export function isReportedly(text: string, span: Span): boolean {
  return lex().reportedlyRe.test(text.slice(span.start, span.end));
}

/** Whether a figure (a number, in digits or words) occurs in a region. */
function hasFigure(text: string, start: number, end: number): boolean {
  return findQuantities(text, { start, end }).some((q) => !q.unit);
}

/** Splits "A, B (C, D), E" at top-level commas, keeping offsets. */
function commaSegments(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push({ start: from, end: i });
      from = i + 1;
    }
  }
  out.push({ start: from, end });
  return out;
}

/** Trims whitespace, quotes and subject trailers ("had earlier", "in a statement") from a span. */
function tidySubject(text: string, span: Span): Span | null {
  let { start, end } = span;
  const L = lex();
  for (;;) {
    while (start < end && /[\s"“”'‘’—–-]/.test(text[start]!)) start++;
    while (end > start && /[\s"“”'‘’,:—–-]/.test(text[end - 1]!)) end--;
    const m = /([\p{L}']+)$/u.exec(text.slice(start, end));
    if (m && L.trailers.has(m[1]!) && end - m[1]!.length > start) {
      end -= m[1]!.length;
      continue;
    }
    const f = /^([\p{L}']+)/u.exec(text.slice(start, end));
    if (f && /^(?:however|but|and|as|while)$/i.test(f[1]!)) {
      start += f[1]!.length;
      continue;
    }
    break;
  }
  if (end - start < 2 || end - start > MAX_SUBJECT || !/\p{L}/u.test(text.slice(start, end))) return null;
  return { start, end };
}

/** The first word of a span, lower-cased. */
const firstWord = (text: string, s: Span): string => (/^\s*([\p{L}']+)/u.exec(text.slice(s.start, s.end))?.[1] ?? '').toLowerCase();

/** Segments that cannot be a subject: relative clauses and participial appositives ("which supports …", "run by …"). */
const NOT_SUBJECT = /^(?:which|who|whose|whom|that|where|when|run|based|backed|led|known|including|funded|operated|speaking|citing)$/;

/**
 * Subject of a verb that precedes its complement: the comma segment nearest
 * the verb that is not a relative clause, an appositive participle or an
 * introductory phrase ("In a communiqué issued on Sunday, army spokesperson …").
 */
function subjectBefore(text: string, clauseStart: number, verb: number): Span | null {
  const segs = commaSegments(text, clauseStart, verb).filter((s) => /\p{L}/u.test(text.slice(s.start, s.end)));
  const L = lex();
  for (let i = segs.length - 1; i >= 0; i--) {
    const seg = segs[i]!;
    const w = firstWord(text, seg);
    if (NOT_SUBJECT.test(w)) continue;
    if (w === 'however' || w === 'and' || w === 'but') {
      const rest = tidySubject(text, seg);
      if (rest && firstWord(text, rest) !== 'however') return rest;
      continue;
    }
    if (L.intro.has(w) && i > 0) continue;
    if (L.intro.has(w) && segs.length === 1 && /,\s*$/.test(text.slice(seg.start, verb))) continue;
    return tidySubject(text, seg);
  }
  return null;
}

/** Subject of a trailing attribution ("…, the Pentagon said"): the last comma segment before the verb. */
function subjectTrailing(text: string, clauseStart: number, verb: number): Span | null {
  const segs = commaSegments(text, clauseStart, verb);
  // "…, the Syrian Observatory for Human Rights, a Britain-based monitor, said": name, then appositive
  const closedAppositive = segs.length >= 3 && segs[segs.length - 1]!.end - segs[segs.length - 1]!.start <= 1;
  if (closedAppositive) {
    const name = segs[segs.length - 3]!;
    const appositive = segs[segs.length - 2]!;
    if (/\p{Lu}/u.test(text.slice(name.start, name.end)) && /^\s*(?:an?|the)\s/i.test(text.slice(appositive.start, appositive.end))) return tidySubject(text, name);
    return tidySubject(text, appositive);
  }
  const seg = segs[segs.length - 1];
  return seg ? tidySubject(text, seg) : null;
}

/** Subject after the verb: "…, said Ahmed Musa, a local official." (up to the next comma). */
function subjectInverted(text: string, verbEnd: number, clauseEnd: number): Span | null {
  const rest = text.slice(verbEnd, clauseEnd);
  if (/\d/.test(rest) || rest.length > MAX_SUBJECT) return null;
  const stop = /,|\.(?:\s|$)|$/.exec(rest)!;
  const subj = tidySubject(text, { start: verbEnd, end: verbEnd + stop.index });
  // a clause, not a name: "…, said one peacekeeper was killed"
  if (!subj || /\b(?:was|were|is|are|has|have|had|been|that)\b/i.test(text.slice(subj.start, subj.end))) return null;
  return subj;
}

/** The source named after "according to" up to the end of its phrase. */
function objectAfter(text: string, from: number, clauseEnd: number): Span | null {
  const rest = text.slice(from, clauseEnd);
  const stop = /,|;|\.(?:\s|$)|\s(?:who|which|when|after|as|and (?:displaced|killed|wounded|forced))\s/.exec(rest);
  return tidySubject(text, { start: from, end: from + (stop ? stop.index : rest.length) });
}

/**
 * A source names someone: a capitalised word, a speaker noun ("officials",
 * "residents") or an anaphor; before a trailing "said", any short determiner
 * phrase does ("…, the airline said").
 */
function plausibleSource(s: string, trailing: boolean): boolean {
  if (/\p{Lu}/u.test(s) || isAnaphor(s)) return true;
  if (trailing && /^(?:the|a|an|our|its|their|his|her)\s+(?:\S+\s+){0,4}\S+$/i.test(s)) return true;
  return lex().speakers.test(s);
}

function isAnaphor(s: string): boolean {
  return lex().anaphors.has(s.toLowerCase().replace(/\s+/g, ' '));
}

/**
 * Attributions in one sentence, without resolving anaphors.
 */
function attributionsIn(text: string, sentence: Span): Attribution[] {
  const L = lex();
  const cs = clauses(text, sentence);
  const clauseOf = (pos: number): Span => clauseIn(cs, pos);
  const s = text.slice(sentence.start, sentence.end);
  const found: Attribution[] = [];
  const acc = new RegExp(L.accordingRe.source, 'giu');
  for (let m = acc.exec(s); m; m = acc.exec(s)) {
    const at = sentence.start + m.index;
    const clause = clauseOf(at);
    const obj = objectAfter(text, at + m[0].length, clause.end);
    if (!obj) continue;
    const opening = text.slice(clause.start, at).trim() === '' || /^[\s,]*$/.test(text.slice(clause.start, at).replace(/^\W+/, ''));
    const scope = opening ? { start: obj.end, end: clause.end } : { start: clause.start, end: at };
    found.push({ source: text.slice(obj.start, obj.end), span: obj, scope, rule: 'according' });
  }
  for (const v of L.verbs.findAll(text, sentence.start, sentence.end)) {
    const at = v.start;
    const end = v.end;
    if (text.slice(at, end) !== v.phrase) continue; // "Reports said …": a noun, not the verb
    if (L.notAfterVerb.matchAt(text, end, sentence.end)) continue;
    if (found.some((f) => at >= f.span.start && at < f.span.end)) continue;
    // passives ("clashes were reported") and nouns ("rejected the report")
    if (/\b(?:was|were|been|be|is|are|being|the|a|an|this|that|its|his|her|their|these|those)\s+$/i.test(text.slice(Math.max(sentence.start, at - 12), at))) continue;
    const clause = clauseOf(at);
    const tail = text.slice(end, clause.end);
    if (L.inverting.has(v.phrase) && /[,"”]\s*$/.test(text.slice(clause.start, at))) {
      const inv = subjectInverted(text, end, clause.end);
      if (inv && /\p{Lu}|^(?:the|a|an)\s/iu.test(text.slice(inv.start, inv.end))) {
        found.push({ source: text.slice(inv.start, inv.end), span: inv, scope: { start: clause.start, end: at }, rule: 'verb-inverted' });
        continue;
      }
    }
    // "…, the government said on Saturday, the deadliest attack in years": no figure follows the verb
    const trailing = text.slice(clause.start, at).includes(',') && (/^\s*[,;]/.test(tail) || !hasFigure(text, end, Math.min(clause.end, end + COMPLEMENT_WINDOW)));
    const subj = trailing ? subjectTrailing(text, clause.start, at) : subjectBefore(text, clause.start, at);
    if (!subj || !plausibleSource(text.slice(subj.start, subj.end), trailing)) continue;
    // a "subject" holding another report is not a noun phrase: "X said Moscow had been
    // informed", "X said it had confirmed 516 deaths" (the outer report covers the figures)
    if (L.verbs.findAll(text, subj.start, subj.end).some((x) => x.end < subj.end)) continue;
    if (/\b(?:it|they|he|she|we)\s+(?:had|has|have|was|were|would|also\s+)*\s*$/i.test(text.slice(clause.start, at)) && L.verbs.findAll(text, clause.start, at).length > 0) continue;
    let scope = trailing ? { start: clause.start, end: at } : { start: end, end: clause.end };
    // "…, the council said, adding that 40 people were being treated"
    if (trailing && L.continuationRe.test(tail)) scope = { start: clause.start, end: clause.end };
    const a: Attribution = { source: text.slice(subj.start, subj.end), span: subj, scope, rule: trailing ? 'verb-after' : 'verb-before' };
    if (v.value) a.kinds = v.value;
    found.push(a);
  }
  // a trailing attribution's scope stops where an earlier attribution in its clause ends
  found.sort((a, b) => a.span.start - b.span.start);
  for (let i = 1; i < found.length; i++) {
    const cur = found[i]!;
    const prev = found[i - 1]!;
    if (cur.scope.start < cur.span.start && prev.span.end > cur.scope.start && prev.span.end <= cur.scope.end) {
      cur.scope = { start: Math.max(cur.scope.start, prev.rule === 'according' ? prev.span.end : prev.scope.start), end: cur.scope.end };
    }
  }
  // "Some 2,000 were killed, while 10,000 were displaced, OCHA said": a trailing
  // attribution reaches back over clause boundaries that no other source claims
  for (const cur of found) {
    const backward = cur.scope.start < cur.span.start;
    if (!backward || cur.scope.start <= sentence.start) continue;
    const claimed = found.some((o) => o !== cur && o.span.start < cur.scope.start);
    if (!claimed) cur.scope = { start: sentence.start, end: cur.scope.end };
  }
  // "X said two soldiers died, while five were injured": a report reaches
  // forward over clause boundaries until another source takes over
  for (const cur of found) {
    if (cur.scope.start < cur.span.start || cur.scope.end >= sentence.end) continue;
    const next = found.filter((o) => o !== cur && o.span.start >= cur.scope.end).map((o) => Math.min(o.span.start, o.scope.start));
    const stop = next.length ? Math.min(...next) : sentence.end;
    const taken = found.some((o) => o !== cur && o.scope.start < stop && o.scope.end > cur.scope.end);
    if (!taken) cur.scope = { start: cur.scope.start, end: stop };
  }
  return found;
}

/**
 * A speaker-like noun phrase in a span ("army spokesperson Colonel Cyrille
 * Serge Atonfack Guemo"): the first one (sentence subjects come first) or, for
 * a generic head ("the group"), the last one containing that head.
 */
function speakerPhrase(text: string, span: Span, head: string | null): Span | null {
  const L = lex();
  let last: Span | null = null;
  for (const m of L.speakers.findAll(text, span.start, span.end)) {
    if (head && !m.phrase.startsWith(head)) continue;
    last = { start: m.start, end: m.end };
    if (!head) break;
  }
  if (!last) return null;
  // extend left over up to two modifiers ("army", "regional", "Kharkiv"), right over capitalised names
  let start = last.start;
  for (let k = 0; k < 2; k++) {
    const m = /([\p{L}'’-]+)\s+$/u.exec(text.slice(Math.max(span.start, start - 30), start));
    if (!m || /^(?:the|a|an|of|by|and|to|in|on|said|says|what|he|she|which|who|that)$/i.test(m[1]!)) break;
    start -= m[0].length;
  }
  // extend right over names, titles and further speaker nouns ("Army spokesman Major Kalla Ali")
  let end = last.end;
  for (;;) {
    const m = /^\s+(?:of\s+(?:the\s+)?)?([\p{L}][\p{L}'’.-]*)/u.exec(text.slice(end, span.end));
    if (!m || !(/^\p{Lu}/u.test(m[1]!) || L.speakers.matchAt(text, end + m[0].length - m[1]!.length, span.end))) break;
    end += m[0].length;
  }
  return { start, end };
}

/** Resolves a pronoun or generic source against earlier attributions or speakers. */
function antecedent(text: string, before: number, floor: number, head: string, depth: number): Attribution | null {
  const from = Math.max(floor, before - ANAPHOR_WINDOW);
  const sentences = splitSentences(text, { start: from, end: before }).reverse();
  const generic = head.replace(/^the\s+/i, '').toLowerCase();
  for (const s of sentences) {
    const atts = resolved(text, s, floor, depth - 1).filter((a) => !isAnaphor(a.source)).reverse();
    const hit = /^(?:he|she|they|it)$/i.test(head) ? atts[0] : atts.find((a) => a.source.toLowerCase().includes(generic));
    if (hit) return hit;
    const pronoun = /^(?:he|she|they|it)$/i.test(head);
    const sp = speakerPhrase(text, s, pronoun ? null : generic) ?? (pronoun ? properSubject(text, s) : null);
    if (sp) {
      return { source: text.slice(sp.start, sp.end), span: sp, scope: s, rule: 'speaker' };
    }
  }
  return null;
}

/** A sentence that opens with a proper name ("Airwars released new figures."): that name. */
function properSubject(text: string, s: Span): Span | null {
  const m = /^(?:The\s+)?\p{Lu}[\p{L}'’&-]*(?:\s+(?:of|for|the|and|\p{Lu}[\p{L}'’&-]*))*/u.exec(text.slice(s.start, s.end));
  if (!m || lex().intro.has(m[0].split(/\s+/)[0]!.toLowerCase())) return null;
  const name = m[0].replace(/\s+(?:of|for|the|and)$/, '');
  if (/^(?:The\s+)?\p{Lu}[\p{L}'’&-]*$/u.test(name) && /^(?:The|It|They|He|She|This|That)$/.test(name)) return null;
  return { start: s.start, end: s.start + name.length };
}

/**
 * Attributions of a sentence, with anaphoric sources ("he", "the group")
 * resolved to an earlier source in the same sentence or in up to ~1,200
 * characters of preceding text.
 * @param text the article text
 * @param sentence the sentence span
 * @param floor do not look for antecedents before this offset (default 0)
 * @returns attributions in text order
 * @example findAttributions('The UN said 5 died.', {start: 0, end: 19}) // source "The UN"
 */
export function findAttributions(text: string, sentence: Span, floor = 0): Attribution[] {
  return resolved(text, sentence, floor, ANAPHOR_DEPTH);
}

function resolved(text: string, sentence: Span, floor: number, depth: number): Attribution[] {
  const atts = attributionsIn(text, sentence);
  if (depth <= 0) return atts;
  for (const a of atts) {
    if (!isAnaphor(a.source)) continue;
    const inner = atts.find((b) => b !== a && !isAnaphor(b.source) && b.scope.start <= a.span.start && b.scope.end >= a.span.end);
    const ante = inner ?? antecedent(text, sentence.start, floor, a.source, depth);
    if (ante) {
      a.source = ante.source;
      a.span = ante.span;
      a.rule += '+anaphor';
    }
  }
  return atts;
}
