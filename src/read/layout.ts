/**
 * @module read/layout
 * The news layout of a text: which lines are the lede, title and dateline lines,
 * photo captions, social-media embeds, the closing `Source:` line, and the body.
 *
 * The plain-text layout (see `/work/shared/devset/README.md`):
 * ```
 * date 2019-08-20 <lede sentence(s)>          ← publication date + lede
 *
 * <title / dateline / byline lines>           ← head: short lines before the body
 * <caption ending in (AFP)>
 * KABUL, March 3 (Reuters) - <first paragraph>
 * <body paragraphs, sub-headings>
 * <post text> — Name (@handle) August 19, 2019
 * Source: <outlets>
 * ```
 * The same paragraph zoning is applied to text rendered from HTML, Markdown and feeds,
 * where the markup may already have fixed some paragraphs' kinds.
 */
import type { Span, Zone, ZoneKind } from '../domain/types.js';
import { datelineLength, endsWithSocialSignature, isCaption, isHeading, isTitleCandidate, sourceLine } from './cues.js';
import { isIsoDate } from './dates.js';

/** A paragraph: its non-blank lines (trimmed spans into the text), and a kind fixed by markup, if any. */
export interface Paragraph {
  lines: Span[];
  kind?: ZoneKind;
}

/** The layout found in a text. */
export interface Layout {
  zones: Zone[];
  /** Date of a leading `date YYYY-MM-DD` prefix (null when absent or not a real date). */
  published: string | null;
  /** The first title-like line of the head, if any. */
  title: string | null;
  /** The outlet of a closing `Source:` line, if any. */
  source: string | null;
}

const DATE_PREFIX = /^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)[ \t]*/;

/**
 * Whether a text follows the plain-text layout's first line, `date YYYY-MM-DD ...`.
 * @param text the article text
 * @returns true when the text opens with the date prefix
 */
export function hasDatePrefix(text: string): boolean {
  return DATE_PREFIX.test(text);
}

/**
 * Read the plain-text layout of a whole text.
 * With a `date YYYY-MM-DD` first line, the date is the publication date and the rest of
 * that line is the `lede` zone; the date prefix itself is in no zone.
 * @param text the article text (offsets index it as is)
 * @returns zones in text order, without overlaps, plus the date, title and source found
 */
export function readLayout(text: string): Layout {
  const prefix = DATE_PREFIX.exec(text);
  const zones: Zone[] = [];
  let from = 0;
  let published: string | null = null;
  if (prefix) {
    const date = prefix[1] ?? '';
    published = isIsoDate(date) ? date : null;
    const lineEnd = endOfLine(text, 0);
    const lede = trimSpan(text, { start: prefix[0].length, end: lineEnd });
    if (lede.end > lede.start) zones.push({ kind: 'lede', ...lede });
    from = lineEnd;
  }
  const rest = zoneParagraphs(text, splitParagraphs(text, from));
  return { zones: [...zones, ...rest.zones], published, title: rest.title, source: rest.source };
}

/**
 * Split `text[from, to)` into paragraphs at blank lines.
 * @param text the article text
 * @param from offset to start at (default 0)
 * @param to offset to stop at (default the end)
 * @returns paragraphs of trimmed, non-blank line spans
 */
export function splitParagraphs(text: string, from = 0, to = text.length): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Span[] = [];
  let pos = from;
  while (pos < to) {
    const end = Math.min(endOfLine(text, pos), to);
    const line = trimSpan(text, { start: pos, end });
    if (line.end > line.start) current.push(line);
    else if (current.length > 0) {
      paragraphs.push({ lines: current });
      current = [];
    }
    pos = nextLine(text, end);
  }
  if (current.length > 0) paragraphs.push({ lines: current });
  return paragraphs;
}

/**
 * Zone paragraphs. Paragraphs whose kind markup fixed keep it; the others are read line
 * by line ({@link zoneLine}), and consecutive body lines of a paragraph make one body zone.
 * The head is everything before the first body line; its first suitable heading is the title.
 * @param text the text the paragraphs index
 * @param paragraphs paragraphs in text order
 * @returns zones in text order, the head's title and the Source line's outlet
 */
export function zoneParagraphs(
  text: string,
  paragraphs: readonly Paragraph[],
): { zones: Zone[]; title: string | null; source: string | null } {
  const state: HeadState = { inHead: true, title: null, source: null, lastLine: paragraphs.at(-1)?.lines.at(-1) };
  const zones: Zone[] = [];
  for (const { lines, kind } of paragraphs) {
    const first = lines[0];
    const last = lines.at(-1);
    if (!first || !last) continue;
    if (kind !== undefined && kind !== 'body') {
      zones.push({ kind, start: first.start, end: last.end });
      if (kind === 'title') offerTitle(state, text.slice(first.start, last.end));
      continue;
    }
    // An embedded post runs from the paragraph start to its signature line.
    const signature = findLastIndex(lines, (l) => endsWithSocialSignature(text.slice(l.start, l.end)));
    const quoteEnd = lines[signature]?.end;
    const lineZones: Zone[] = quoteEnd === undefined ? [] : [{ kind: 'quote', start: first.start, end: quoteEnd }];
    for (const line of lines.slice(signature + 1)) lineZones.push(...zoneLine(text, line, state, signature < 0));
    zones.push(...mergeBody(lineZones));
  }
  return { zones, title: state.title, source: state.source };
}

/** What zoning has learnt so far: whether it is still in the head, the title and source found. */
interface HeadState {
  inHead: boolean;
  title: string | null;
  source: string | null;
  /** The text's last line: the only place for a Source line, never a heading. */
  lastLine: Span | undefined;
}

/**
 * Zone one line, in this order of cues: the closing `Source:` line, a photo caption,
 * a dateline (head only; its remainder is body), a heading (not the last line), else body.
 * @param text the text
 * @param line the trimmed line span
 * @param state head state, updated
 * @param datelineAllowed false inside an embedded post's paragraph
 * @returns one zone, or a dateline zone followed by the body after it
 */
function zoneLine(text: string, line: Span, state: HeadState, datelineAllowed: boolean): Zone[] {
  const s = text.slice(line.start, line.end);
  const outlet = line === state.lastLine ? sourceLine(s) : null;
  if (outlet !== null) {
    state.source = outlet;
    return [{ kind: 'source', ...line }];
  }
  if (isCaption(s)) return [{ kind: 'caption', ...line }];
  const dateline = state.inHead && datelineAllowed ? datelineLength(s) : 0;
  if (dateline > 0) {
    const zones: Zone[] = [{ kind: 'dateline', ...trimSpan(text, { start: line.start, end: line.start + dateline }) }];
    const rest = trimSpan(text, { start: line.start + dateline, end: line.end });
    if (rest.end > rest.start) {
      zones.push({ kind: 'body', ...rest });
      state.inHead = false;
    }
    return zones;
  }
  if (line !== state.lastLine && isHeading(s)) {
    offerTitle(state, s);
    return [{ kind: 'title', ...line }];
  }
  state.inHead = false;
  return [{ kind: 'body', ...line }];
}

function offerTitle(state: HeadState, line: string): void {
  if (state.inHead && state.title === null && isTitleCandidate(line)) state.title = line;
}

/** Merge consecutive body zones (lines of one paragraph) into one zone spanning them. */
function mergeBody(zones: readonly Zone[]): Zone[] {
  const out: Zone[] = [];
  for (const z of zones) {
    const prev = out.at(-1);
    if (prev?.kind === 'body' && z.kind === 'body') prev.end = z.end;
    else out.push({ ...z });
  }
  return out;
}

/**
 * Check the zone invariants every reader guarantees: zones lie inside the text, are
 * non-empty, in text order, do not overlap, and neither start nor end with whitespace.
 * @param text the article text
 * @param zones its zones
 * @returns a description of each violation (empty when the zones are sound)
 */
export function zoneProblems(text: string, zones: readonly Zone[]): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  zones.forEach((z, i) => {
    const where = `zone ${i} (${z.kind} ${z.start}-${z.end})`;
    if (!(z.start >= 0 && z.end <= text.length && z.start < z.end)) problems.push(`${where}: outside the text or empty`);
    if (z.start < previousEnd) problems.push(`${where}: overlaps or precedes the previous zone`);
    if (/^\s|\s$/.test(text.slice(z.start, z.end))) problems.push(`${where}: not trimmed`);
    previousEnd = Math.max(previousEnd, z.end);
  });
  return problems;
}

/** Offset of the end of the line containing `pos` (before `\r\n`, `\n` or `\r`). */
function endOfLine(text: string, pos: number): number {
  const re = /\r\n|\n|\r/g;
  re.lastIndex = pos;
  const m = re.exec(text);
  return m ? m.index : text.length;
}

/** Offset of the start of the next line, given the end of the current one. */
function nextLine(text: string, lineEnd: number): number {
  if (text.startsWith('\r\n', lineEnd)) return lineEnd + 2;
  return lineEnd + 1;
}

/**
 * Shrink a span to exclude leading and trailing whitespace.
 * @param text the text the span indexes
 * @param span the span
 * @returns the trimmed span (empty, `start === end`, when all whitespace)
 */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}
