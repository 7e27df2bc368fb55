/**
 * @module code/analysis
 * What the event coder sees of an article after the text and place stages:
 * sentences, each with the dates, places, casualty figures and actors found
 * in it. Built by `code/extract`, read by `code/coder`.
 */
import type { ClaimType, Span, TimePrecision, Toponym, ZoneKind } from '../domain/types.js';
import type { ActorMention } from './actors.js';

/** A date expression, resolved against the publication date (see `text/dates`). */
export interface DateRef extends Span {
  text: string;
  date: string | null;
  precision: TimePrecision;
  kind: string;
  earliest: string | null;
  latest: string | null;
}

/** A casualty figure (see `text/casualties`). */
export interface CasualtyRef extends Span {
  kind: ClaimType;
  quantity: Span & { low: number; high: number | null; vague: boolean; text: string };
  victims: string | null;
  source: string | null;
  sourceSpan: Span | null;
  total: boolean;
  negated: boolean;
}

export interface Sentence extends Span {
  index: number;
  paragraph: number;
  zone: ZoneKind;
  dates: DateRef[];
  toponyms: Toponym[];
  casualties: CasualtyRef[];
  actors: ActorMention[];
}

export interface Analysis {
  text: string;
  published: string | null;
  sentences: Sentence[];
  /** ISO2 of the country the article is mostly about. */
  focusCc: string | null;
  /** The article's country as a place (country level), when known. */
  focusPlace: Toponym | null;
  /** The place the article is datelined from or mostly about, for sentences that name none. */
  mainPlace: Toponym | null;
}
