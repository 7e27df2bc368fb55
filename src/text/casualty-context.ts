/**
 * @module text/casualty-context
 * What surrounds a casualty figure in its clause: the period it covers
 * ("since late April"), whether it is a cumulative total ("the conflict has
 * killed"), the area it is given for ("in North Darfur") and whether
 * displacement crossed a border (refugees).
 */
import type { ClaimType, Span } from '../domain/types.js';
import { casualtyLexicon as lex, type TriggerDef } from './casualty-lexicon.js';
import type { Quantity } from './numbers.js';

/** Characters before a date mention in which "since" makes it a period start. */
const SINCE_WINDOW = 50;

/** A trigger occurrence in the text. */
export interface Trigger extends Span { text: string; def: TriggerDef }

/** A period, as precise as the text: "2017", "2019-04" or "2017-09-01". */
export interface Period { start: string | null; end: string | null }

/** The parts of a date mention (text/dates `DateMention`) that casualties use. */
export interface DateLike extends Span {
  kind: string;
  date: string | null;
  earliest: string | null;
  latest: string | null;
  precision: number;
  /** for `since` mentions: the kind of the date after "since" */
  anchor?: string;
}

/** A period start as precise as the date says: "2017", "2019-04" or "2017-09-01". */
function monthOrDay(d: DateLike, iso: string | null): string | null {
  if (!iso) return null;
  const kind = d.anchor ?? d.kind;
  if (kind === 'year') return iso.slice(0, 4);
  if (kind === 'month' || d.precision === 3) return iso.slice(0, 7);
  return iso;
}

/** "since" as a period start, not after a superlative ("the bloodiest day since …"). */
function sinceAt(text: string, floor: number, at: number): boolean {
  return !lex().superlativeRe.test(text.slice(Math.max(floor, at - 40), at));
}

/**
 * The period a figure covers: a "since" date, a date shortly after "since"
 * ("since fighting erupted on 24 April"), or a range of more than a week.
 * @param text the article text
 * @param clause the figure's clause
 * @param dates date mentions of the sentence
 * @returns period start and end (null when none)
 */
export function periodOf(text: string, clause: Span, dates: readonly DateLike[]): Period {
  const inClause = dates.filter((d) => d.start >= clause.start && d.end <= clause.end);
  const since = inClause.find((d) => d.kind === 'since' && sinceAt(text, clause.start, d.start));
  if (since) return { start: monthOrDay(since, since.earliest), end: null };
  for (const d of inClause) {
    const before = text.slice(Math.max(clause.start, d.start - SINCE_WINDOW), d.start);
    const m = /\bsince\b[^.;,]*$/i.exec(before);
    if (m && d.date && sinceAt(text, clause.start, d.start - before.length + m.index)) return { start: d.earliest ?? d.date, end: null };
  }
  const range = inClause.find((d) => d.kind === 'range' && d.precision === 3 && d.earliest);
  if (range) return { start: range.earliest, end: range.latest };
  return { start: null, end: null };
}

/**
 * A cumulative total: a total cue ("so far", "in the war"), a period (since,
 * long range, adverbial "since" closing the clause), a war as the subject of
 * the trigger ("The conflict has killed"), or a toll "of the war".
 * @param text the article text
 * @param clause the figure's clause
 * @param t the trigger the figure is linked to
 * @param q the figure
 * @param neighbours all figures of the sentence (cues are looked for between them)
 * @param period the period found by `periodOf`
 * @returns true for a cumulative total
 */
export function isTotal(text: string, clause: Span, t: Trigger, q: Quantity, neighbours: readonly Quantity[], period: Period): boolean {
  const L = lex();
  const c = text.slice(clause.start, clause.end);
  if (period.start !== null || /\bsince\s*[.;,]?\s*$/i.test(c)) return true;
  // cues between the neighbouring figures: "…, bringing the death toll to 40" marks 40, not the figure before
  const prev = neighbours.filter((o) => o.end <= q.start && o.end > clause.start).pop();
  const next = neighbours.find((o) => o.start >= q.end && o.start < clause.end);
  const before = text.slice(prev?.end ?? clause.start, q.start);
  const after = text.slice(q.end, next?.start ?? clause.end);
  if (L.totalRe.test(before) || L.totalRe.test(after) || L.totalBeforeRe.test(before)) return true;
  const lead = text.slice(Math.max(clause.start, t.start - L.y.war_window), t.start);
  if (L.warSubjectRe.test(lead)) return true;
  const ofWar = /^\s+(?:of|in)\s+[^,.;]{0,40}/.exec(text.slice(t.end, clause.end))?.[0] ?? '';
  return t.def.id === 'toll' && L.warRe.test(ofWar);
}

/**
 * The area a figure is given for: "in El Geneina", "in North and South Kivu",
 * "across the country" (→ "nationwide"). Dates ("in March") are not areas.
 * @param text the article text
 * @param from just after the mention
 * @param clause the figure's clause
 * @returns the area as written, or null
 */
export function areaAfter(text: string, from: number, clause: Span): string | null {
  const rest = text.slice(from, clause.end);
  if (/^[^.;]{0,60}?\b(?:nationwide|across the country|across [A-Z][\w-]+)/.test(rest)) {
    const m = /\b(?:nationwide|across the country)\b|\bacross ([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)/.exec(rest)!;
    return m[1] ?? 'nationwide';
  }
  const m = /^[^.;,]{0,50}?\b(?:in|across|throughout)\s+([A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|and|of))*)/.exec(rest);
  if (!m) return null;
  const area = m[1]!.replace(/\s+(?:and|of)$/, '');
  // "in Monday's attack", "in March": a date, not a place
  return /['’]s$/.test(area.split(' ')[0]!) || lex().notPlaces.has(area) ? null : area;
}

/**
 * Displacement across a border is a refugee figure (`refugee_cues`).
 * @param text the article text
 * @param kind the trigger's kind
 * @param t the trigger
 * @param q the figure
 * @param clause the figure's clause
 * @returns `refugees` for displacement with a border cue after it, else `kind`
 */
export function upgradeKind(text: string, kind: ClaimType, t: Trigger, q: Quantity, clause: Span): ClaimType {
  if (kind !== 'displaced') return kind;
  const L = lex();
  const from = Math.max(t.end, q.end);
  const after = text.slice(from, clause.end);
  if (L.refugeeRes.some((r) => r.test(after))) return 'refugees';
  // "fled to Chad", "fled from Sudan", "have fled Ukraine"; not "Sudan's capital"
  for (const c of L.countries.findAll(text, from, clause.end)) {
    if (/^['’]s?\b/.test(text.slice(c.end, c.end + 2))) continue;
    const before = text.slice(from, c.start);
    if (L.toCountryRe.test(before) || (/^\s*(?:the\s+)?$/.test(before) && L.leavingRe.test(t.text))) return 'refugees';
  }
  return kind;
}
