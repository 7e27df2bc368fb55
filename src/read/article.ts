/**
 * @module read/article
 * Building an {@link Article} from what a format reader found: the one place
 * that decides the content id, the file name and the publication-date
 * precedence, so every format agrees on them.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

import type { Article, Zone } from '../domain/types.js';

/** One decoded input document, before any format-specific reading. */
export interface SourceDoc {
  /** Path as given (or found under a directory given); `-` for stdin. */
  path: string;
  /** Base name of `path` (`-` for stdin). */
  name: string;
  /** Decoded text, a leading BOM removed. */
  text: string;
}

/** What a format reader extracts from one article (one document, record or feed item). */
export interface Draft {
  text: string;
  zones: Zone[];
  title: string | null;
  /** Publication date found in the document (metadata first, then a `date YYYY-MM-DD` prefix). */
  published: string | null;
  source: string | null;
  url: string | null;
  record_id: string | number | null;
  /** Suffix after `#` in `Article.file` for records inside a file, or null for a whole-file article. */
  record: string | number | null;
}

/** Options every reader receives. */
export interface ReadContext {
  /** Fallback publication date `YYYY-MM-DD` (`--date`), or null. */
  fallbackDate: string | null;
}

/**
 * Content id of an article text.
 * @param text the article text
 * @returns the first 16 hex characters of its SHA-256 (UTF-8)
 */
export function contentId(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Base name of an input path, as used in `Article.file`.
 * @param inputPath a path, or `-` for stdin
 * @returns the last path segment (`-` stays `-`)
 */
export function baseName(inputPath: string): string {
  if (inputPath === '-') return '-';
  return path.basename(inputPath) || inputPath;
}

/**
 * A draft for `text`; every field not given is null.
 * @param text the article text
 * @param zones its zones
 * @param fields the metadata the reader found
 * @returns a draft
 */
export function draft(text: string, zones: Zone[], fields: Partial<Omit<Draft, 'text' | 'zones'>> = {}): Draft {
  return {
    text,
    zones,
    title: fields.title ?? null,
    published: fields.published ?? null,
    source: fields.source ?? null,
    url: fields.url ?? null,
    record_id: fields.record_id ?? null,
    record: fields.record ?? null,
  };
}

/**
 * Turn a reader's draft into an `Article`.
 * The publication date is the document's own (`draft.published`), else the fallback `--date`, else null.
 * @param doc the source document the draft came from
 * @param d the draft
 * @param ctx read options
 * @returns the article
 */
export function buildArticle(doc: SourceDoc, d: Draft, ctx: ReadContext): Article {
  return {
    file: d.record === null ? doc.name : `${doc.name}#${d.record}`,
    path: doc.path,
    id: contentId(d.text),
    record_id: d.record_id,
    title: d.title,
    published: d.published ?? ctx.fallbackDate,
    source: d.source,
    url: d.url,
    text: d.text,
    zones: d.zones,
  };
}

/**
 * A metadata string field.
 * @param v any parsed value
 * @returns the trimmed string, or null when `v` is not a non-blank string
 */
export function stringField(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.replace(/\s+/g, ' ').trim() : null;
}

/**
 * A source (outlet) field: a string, or an object with a `name` (`{ "name": "Reuters" }`).
 * @param v any parsed value
 * @returns the outlet name, or null
 */
export function sourceField(v: unknown): string | null {
  if (v !== null && typeof v === 'object') return stringField((v as Record<string, unknown>)['name']);
  return stringField(v);
}
