/**
 * @module code/event-date
 * When an event happened: the date expression nearest its trigger in the clause, not the
 * date of a statement about it nor the start of a "since" period, or a date carried over
 * from the sentences before.
 */
import type { Analysis, DateRef, Sentence } from './analysis.js';
import { coderPattern } from './coder-words.js';
import type { TriggerMatch } from './triggers.js';

/** A reporting verb right before a date ("…, the ministry said on Wednesday"): `data/lexicons/coder-words.yaml`. */
export const REPORTING_BEFORE = coderPattern('reporting-before');

/** The date of an event: the date expression nearest the trigger in its sentence. */
export function pickDate(text: string, s: Sentence, t: TriggerMatch): DateRef | null {
  const ds = s.dates.filter((d) => {
    if (!d.date || d.kind === 'time' || d.kind === 'since') return false;
    // "…, the ministry said on Wednesday": the date of the statement, not of the event.
    if (REPORTING_BEFORE.test(text.slice(Math.max(s.start, d.start - 40), d.start))) return false;
    // "… since the military seized power on February 1": the start of a period, unless the trigger is in that clause.
    const opener = clauseOpener(text, s, d.start);
    return !(opener && /^since\b/i.test(opener.word) && !(t.start >= opener.at && t.end <= d.start));
  });
  if (!ds.length) return null;
  const dist = (d: DateRef) => {
    const between = d.start >= t.end ? text.slice(t.end, d.start) : text.slice(d.end, t.start);
    const raw = d.start >= t.end ? d.start - t.end : t.start - d.end;
    return /[;:—–]|,\s*(?:while|as|after|since|when|but|and|which|who|where)\b|\b(?:which|who|where)\b/i.test(between) ? raw * 3 : raw;
  };
  return [...ds].sort((a, b) => dist(a) - dist(b))[0] ?? null;
}

/** The last usable date of the sentences before `s` in its paragraph (not before a live-blog heading). */
export function previousDate(a: Analysis, s: Sentence, from: number): DateRef | null {
  for (let i = s.index - 1; i >= from; i--) {
    const p = a.sentences[i]!;
    if (p.paragraph !== s.paragraph) break;
    if (p.zone !== 'body' && p.zone !== 'lede') continue;
    // "since his ouster last year" does not date what follows.
    const d = p.dates.filter((x) => x.date && x.kind !== 'time' && x.kind !== 'since' &&
      !/^since\b/i.test(clauseOpener(a.text, p, x.start)?.word ?? '')).pop();
    if (d) return d;
  }
  return null;
}

/** The subordinating word that opens the clause holding `pos` ("since", "after" ...), if any. */
export function clauseOpener(text: string, s: Sentence, pos: number): { word: string; at: number } | null {
  const left = text.slice(s.start, pos);
  const re = /[,;:—–]|\b(?:since|after|before|when|while|as|until)\b/gi;
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(left); m; m = re.exec(left)) last = m;
  if (!last || /^[,;:—–]$/.test(last[0])) return null;
  return { word: last[0], at: s.start + last.index };
}
