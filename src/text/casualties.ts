/**
 * @module text/casualties
 * Casualty and displacement figures in one sentence: a quantity (text/numbers)
 * linked to a trigger (`data/lexicons/casualty-words.yaml`), with the victims
 * named next to it (text/victims), the source it is attributed to
 * (text/attribution), and the period, total flag and area around it
 * (text/casualty-context). Negation gives figures of 0.
 *
 * Linking, per quantity, cheapest link wins:
 * - after: trigger … quantity ("killing at least three civilians", "put the toll at 34");
 * - before: quantity … trigger, through a short noun phrase and auxiliaries
 *   ("50 people were killed", "seven dead", "eight of its supporters had been killed");
 * - coordination: "killed 12 Palestinians and one Israeli soldier",
 *   "Ten military elements and 19 alleged criminals lost their lives";
 * - inherit: a bare figure after a counting word takes the kind of an earlier
 *   trigger in the sentence ("SANA said 107 people were treated …; the
 *   Observatory counted 94 cases").
 * Sub-counts ("including 14 children", ", 30 of them children") are dropped;
 * "no one was killed", "no deaths were reported" give negated mentions of 0.
 */
import type { ClaimType, Span } from '../domain/types.js';
import { clauseIn, clauses, findAttributions, isReportedly, type Attribution } from './attribution.js';
import { casualtyLexicon as lex } from './casualty-lexicon.js';
import { areaAfter, isTotal, periodOf, upgradeKind, type DateLike, type Trigger } from './casualty-context.js';
import { findDates } from './dates.js';
import { findQuantities, type Quantity } from './numbers.js';
import { articleQuantities, victimsAfter } from './victims.js';

export type { DateLike } from './casualty-context.js';

/** A casualty or displacement figure. */
export interface CasualtyMention extends Span {
  kind: ClaimType;
  quantity: Quantity;
  /** Canonical victim group ('civilians', 'soldiers', 'children', 'all' …) or the noun as written. */
  victims: string | null;
  victimsSpan: Span | null;
  source: string | null;
  sourceSpan: Span | null;
  period_start: string | null;
  period_end: string | null;
  area: string | null;
  /** A cumulative total over a period or a war rather than one incident's toll. */
  total: boolean;
  /** "no one was killed": quantity 0. */
  negated: boolean;
  /** The trigger the figure is linked to. */
  trigger?: Span & { text: string };
  /** Ids of the rules that fired (trigger id, link type). */
  rule?: string;
  /** Attributed to unnamed reports ("reportedly killed"). */
  reported?: boolean;
}

/** What `findCasualties` needs besides the sentence. */
export interface CasualtyContext {
  published: string | null;
  /** Date mentions of the sentence, when already found (text/dates `findDates`). */
  dates?: readonly DateLike[];
}

// ---------------------------------------------------------------- constants

/** Auxiliaries allowed after an article's noun phrase ("a soldier was also killed"). */
const ARTICLE_AUX_COST = 2.5;
/** Longest noun phrase between a figure and a trigger without auxiliaries ("48 wounded people" has none). */
const SHORT_NP = 4;
/** Longest noun phrase when auxiliaries mark a passive ("a dozen activists and … users who had … were abducted"). */
const LONG_NP = 14;
/** Characters after a figure searched for a required phrase ("from their homes"). */
const REQUIRES_WINDOW = 80;
/** Characters between coordinated figures. */
const COORD_WINDOW = 120;
/** Characters after an active verb checked for an object ("killed *the* …", "killed *3* …"). */
const OBJECT_WINDOW = 16;
/** Characters between a figure and its trigger, at most (bounds the work on run-on sentences). */
const MAX_LINK_CHARS = 200;

// ---------------------------------------------------------------- triggers

/** Trigger phrases of a sentence, minus those inside a blocker ("died of gunshot wounds"). */
function findTriggers(text: string, sentence: Span): Trigger[] {
  const L = lex();
  const hits = L.triggers.findAll(text, sentence.start, sentence.end);
  if (hits.length === 0) return []; // blockers only remove triggers
  const blocked = L.blockers.findAll(text, sentence.start, sentence.end);
  return hits
    .filter((m) => !blocked.some((b) => m.start < b.end && m.end > b.start))
    .map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end), def: m.value }));
}

// ---------------------------------------------------------------- linking

/** A candidate link of a figure to a trigger; the cheapest wins. */
interface LinkCand { q: Quantity; t: Trigger; cost: number; rule: string }

/** Lower-cased words of a string. */
const wordsIn = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? [];

/** Removes ", including …," and "(…)" insertions from a gap. */
function stripInsertions(gap: string): string {
  return gap.replace(/\([^)]*\)/g, ' ').replace(lex().insertionRe, ' ');
}

/** trigger … figure: "killing at least three", "put the toll at 34"; cost = words between. */
function afterLink(text: string, q: Quantity, t: Trigger, others: readonly Quantity[]): LinkCand | null {
  if (!t.def.link.includes('after') || t.end > q.start || q.start - t.end > MAX_LINK_CHARS) return null;
  const gap = text.slice(t.end, q.start);
  if (!lex().afterGapRe.test(gap)) return null;
  if (others.some((o) => o !== q && o.start >= t.end && o.end <= q.start)) return null;
  if (t.def.requires) {
    const tail = text.slice(q.end, q.end + REQUIRES_WINDOW).split(/[;.]/)[0] ?? '';
    if (!lex().requiresRe.get(t.def.id)!.test(tail)) return null;
  }
  return { q, t, cost: wordsIn(gap).length, rule: `${t.def.id}:after` };
}

/** figure … trigger, through a noun phrase and auxiliaries: "50 people were killed"; cost = words between + ½. */
function beforeLink(text: string, q: Quantity, t: Trigger, others: readonly Quantity[], triggers: readonly Trigger[]): LinkCand | null {
  if (!t.def.link.includes('before') || q.end > t.start || t.start - q.end > MAX_LINK_CHARS) return null;
  if (others.some((o) => o !== q && o.start >= q.end && o.end <= t.start && !isSubset(text, o))) return null;
  if (triggers.some((o) => o !== t && o.start >= q.end && o.end <= t.start)) return null;
  const raw = text.slice(q.end, t.start);
  const gap = stripInsertions(raw);
  if (/[;:]/.test(gap)) return null;
  const ws = wordsIn(gap);
  let aux = 0;
  while (aux < ws.length && lex().auxiliaries.has(ws[ws.length - 1 - aux]!)) aux++;
  const np = ws.slice(0, ws.length - aux);
  if (aux === 0) {
    if (np.length > SHORT_NP || /,/.test(gap) || np.some((w) => lex().npStop.has(w))) return null;
    // "two gunmen killed three soldiers": an active verb with an object is not a passive
    if (t.def.link.includes('after')) {
      if (lex().objectStartRe.test(text.slice(t.end, t.end + OBJECT_WINDOW))) return null;
      if (others.some((o) => o.start >= t.end && o.start - t.end <= OBJECT_WINDOW && /^\s*$/.test(text.slice(t.end, o.start)))) return null;
    }
  } else {
    if (np.length > LONG_NP || /,/.test(gap.replace(/,\s*$/, '')) || np.some((w) => lex().npStop.has(w) && w !== 'and')) return null;
  }
  return { q, t, cost: ws.length + 0.5, rule: `${t.def.id}:before` };
}

/** A figure that is part of one already given ("including 14 children", ", 30 of them children"). */
function isSubset(text: string, q: Quantity): boolean {
  const L = lex();
  const before = text.slice(Math.max(0, q.start - 40), q.start);
  if (L.subsetBeforeRe.test(before)) return true;
  return /,\s*$/.test(before) && L.subsetAfterRe.test(text.slice(q.end, q.end + 20));
}

/** An age, not a count ("under the age of 15", "aged 14"). */
function isAge(text: string, q: Quantity): boolean {
  return lex().ageRe.test(text.slice(Math.max(0, q.start - 30), q.start)) || /^\s*(?:years?[\s-]old|-year-old)/i.test(text.slice(q.end, q.end + 12));
}

/** Figures joined to a linked one by "and" ("a woman and four children", "10 military and 19 aggressors"). */
function coordinated(text: string, a: Quantity, b: Quantity, triggers: readonly Trigger[]): boolean {
  if (b.start - a.end > COORD_WINDOW) return false;
  const between = text.slice(a.end, b.start);
  if (!/^[^;.:\d]*?(?:,\s*)?\b(?:and|plus|as well as)\s+(?:also\s+)?$/i.test(between)) return false;
  return !triggers.some((t) => t.start >= a.end && t.end <= b.start);
}

function cheapest(cands: LinkCand[]): LinkCand | null {
  return cands.sort((a, b) => a.cost - b.cost || (a.rule.endsWith('after') ? -1 : 1))[0] ?? null;
}

// ---------------------------------------------------------------- assembly

function attributionFor(atts: readonly Attribution[], pos: number, kind: ClaimType): Attribution | null {
  const hits = atts.filter((a) => pos >= a.scope.start && pos < a.scope.end && (!a.kinds || a.kinds.includes(kind)));
  return hits.sort((a, b) => a.scope.end - a.scope.start - (b.scope.end - b.scope.start))[0] ?? null;
}

/**
 * Casualty and displacement figures in one sentence.
 * @param text the article text
 * @param sentence the sentence span
 * @param ctx publication date and, optionally, the sentence's date mentions
 * @returns mentions in text order
 * @example findCasualties('Gunmen killed 12 civilians, police said.', {start: 0, end: 40}, {published: null})
 *   // [{ kind: 'fatalities', quantity: {low: 12, …}, victims: 'civilians', source: 'police', … }]
 */
export function findCasualties(text: string, sentence: Span, ctx: CasualtyContext): CasualtyMention[] {
  const triggers = findTriggers(text, sentence);
  const L = lex();
  const negMentions = negations(text, sentence);
  // A figure is linked only to a trigger: with none, only "no one was killed" and the like.
  if (triggers.length === 0) return negMentions.sort((a, b) => a.start - b.start);
  // Dates only matter for figures: a date is no count, and it gives a figure its period. A
  // sentence with no figure even when dates are not set aside has none when they are (every
  // word is then tried as the start of a figure), so it needs no dates; most have none.
  const undated = findQuantities(text, sentence);
  const articles = articleQuantities(text, sentence);
  if (undated.length === 0 && articles.length === 0) return negMentions.sort((a, b) => a.start - b.start);
  const dates = ctx.dates ?? findDates(text, sentence, ctx.published);
  const numeric = (dates.length ? findQuantities(text, sentence, dates) : undated).filter((q) => !q.unit);
  const articleInfo = articles.filter((a) => !numeric.some((q) => a.q.start < q.end && a.q.end > q.start));
  const articleWords = new Map(articleInfo.map((a) => [a.q, a.words]));
  const qs = [...numeric, ...articleInfo.map((a) => a.q)].sort((a, b) => a.start - b.start);
  const links = new Map<Quantity, LinkCand>();
  for (const q of qs) {
    if (isSubset(text, q) || isAge(text, q)) continue;
    const cands: LinkCand[] = [];
    for (const t of triggers) {
      const a = afterLink(text, q, t, qs);
      if (a) cands.push(a);
      const b = beforeLink(text, q, t, qs, triggers);
      if (b) cands.push(b);
    }
    const best = cheapest(cands);
    // an article links only through its own noun phrase ("A young man was shot dead", "killed a woman")
    const own = articleWords.get(q);
    if (best && !(own !== undefined && best.cost > (best.rule.endsWith('after') ? 1 : own + ARTICLE_AUX_COST))) links.set(q, best);
  }
  // coordination, both ways: "killed 12 Palestinians and one soldier", "Ten … and 19 … lost their lives"
  for (let i = 0; i < qs.length; i++) {
    for (let j = i + 1; j < qs.length; j++) {
      const a = qs[i]!;
      const b = qs[j]!;
      if (b.start - a.end > COORD_WINDOW) break;
      if (isSubset(text, a) || isSubset(text, b) || isAge(text, a) || isAge(text, b) || !coordinated(text, a, b, triggers)) continue;
      const la = links.get(a);
      const lb = links.get(b);
      if (la && !lb && la.rule.endsWith('after')) links.set(b, { ...la, q: b, rule: `${la.t.def.id}:coord` });
      if (lb && !la && lb.rule.endsWith('before')) links.set(a, { ...lb, q: a, rule: `${lb.t.def.id}:coord` });
    }
  }
  // inherit: a bare figure after a counting word takes the kind of an earlier trigger
  for (const q of qs) {
    if (links.has(q) || articleWords.has(q) || isSubset(text, q) || isAge(text, q)) continue;
    const lead = L.countLeadRe.test(text.slice(Math.max(sentence.start, q.start - 30), q.start));
    const tail = text.slice(q.end, sentence.end);
    const bare = /^\s*(?:[,;.)]|$)/.test(tail) || L.countNounRe.test(tail) || victimsAfter(text, q.end, sentence.end)?.span.start === q.end + (/^\s*/.exec(tail)?.[0].length ?? 0);
    const before = triggers.filter((t) => t.end <= q.start && q.start - t.end <= MAX_LINK_CHARS * 2);
    const linked = new Set([...links.values()].map((l) => l.t));
    const prior = before.filter((t) => linked.has(t)).pop() ?? before.pop();
    if (lead && bare && prior) links.set(q, { q, t: prior, cost: 99, rule: `${prior.def.id}:inherit` });
  }
  const out: CasualtyMention[] = [];
  // Sources and clauses only for the figures that found a trigger.
  const atts = links.size ? findAttributions(text, sentence) : [];
  const cs = links.size ? clauses(text, sentence) : [];
  for (const [q, link] of links) {
    const clause = clauseIn(cs, q.start);
    const kind = upgradeKind(text, link.t.def.kind, link.t, q, clause);
    const v = link.rule.endsWith('before') || link.rule.endsWith('coord') || link.rule.endsWith('after') ? victimsAfter(text, q.end, sentence.end) : null;
    const att = attributionFor(atts, q.start, kind);
    const period = periodOf(text, clause, dates);
    const start = Math.min(q.start, link.t.start);
    const end = Math.max(q.end, link.t.end);
    const m: CasualtyMention = {
      start,
      end,
      kind,
      quantity: q,
      victims: v?.victims ?? null,
      victimsSpan: v?.span ?? null,
      source: att?.source ?? null,
      sourceSpan: att?.span ?? null,
      period_start: period.start,
      period_end: period.end,
      area: areaAfter(text, end, clause),
      total: isTotal(text, clause, link.t, q, qs, period),
      negated: q.low === 0 && q.high === 0,
      trigger: { start: link.t.start, end: link.t.end, text: link.t.text },
      rule: link.rule,
    };
    if (!att && isReportedly(text, clause)) m.reported = true;
    out.push(m);
  }
  for (const n of negMentions) if (!out.some((o) => o.negated && o.kind === n.kind && o.start < n.end && o.end > n.start)) out.push(n);
  return out.sort((a, b) => a.start - b.start);
}

/** "No deaths were reported", "no injuries": negated mentions with quantity 0. */
function negations(text: string, sentence: Span): CasualtyMention[] {
  const s = text.slice(sentence.start, sentence.end);
  if (!/\bno\b/i.test(s)) return [];
  const out: CasualtyMention[] = [];
  for (const n of lex().negations) {
    const re = new RegExp(n.re.source, 'gi');
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const start = sentence.start + m.index;
      const end = start + m[0].length;
      const q: Quantity = { start, end, text: m[0], low: 0, high: 0, exact: true, qualifier: null, vague: false };
      out.push({
        start, end, kind: n.kind, quantity: q, victims: null, victimsSpan: null, source: null, sourceSpan: null,
        period_start: null, period_end: null, area: null, total: false, negated: true, rule: n.id,
      });
    }
  }
  return out;
}
