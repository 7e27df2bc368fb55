/**
 * @module read/text-article
 * Builds an {@link Article} straight from a bare text, for benchmarks and
 * external test sets whose documents are strings rather than files: the whole
 * text is one explicit `body` zone, and nothing is read from disk.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../domain/types.js';

/** What a bare-text article needs. */
export interface TextArticleInit {
  /** Name standing in for the file name (`Article.file` and `Article.path`). */
  file: string;
  text: string;
  /** Publication date `YYYY-MM-DD`, or null when unknown. */
  published?: string | null;
  record_id?: string | number | null;
  source?: string | null;
}

/**
 * Makes an article from a text.
 *
 * @param init the name, the text and optional metadata
 * @returns an article whose `id` is the first 16 hex digits of the text's SHA-256 and
 *   whose one zone is the whole text as `body`
 * @example
 * articleFromText({ file: 'case-17', text: 'Troops shelled the town.', published: '2021-01-01' });
 */
export function articleFromText(init: TextArticleInit): Article {
  return {
    file: init.file,
    path: init.file,
    id: createHash('sha256').update(init.text, 'utf8').digest('hex').slice(0, 16),
    record_id: init.record_id ?? null,
    title: null,
    published: init.published ?? null,
    source: init.source ?? null,
    url: null,
    text: init.text,
    zones: [{ kind: 'body', start: 0, end: init.text.length }],
  };
}
