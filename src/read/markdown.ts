/**
 * @module read/markdown
 * Markdown articles. YAML front matter (`---` … `---`) gives `date`/`published`, `title`,
 * `source` and `url`/`link`; the body is rendered with marked and then to plain text
 * (headings, emphasis and link syntax removed, link text kept), paragraphs separated by a
 * blank line. Headings are `title` zones; a front-matter title opens the text unless the
 * first heading already says it. Offsets index the rendered text.
 */
import { Marked } from 'marked';
import type * as Yaml from 'yaml';

import { InputError } from '../domain/types.js';
import { draft, sourceField, stringField, type Draft, type SourceDoc } from './article.js';
import { toIsoDay } from './dates.js';
import { assembleBlocks, parseDocument, renderBlocks, withTitle } from './dom.js';
import { lazyRequire } from '../util/lazy-require.js';

/** The YAML parser, for front matter (see `util/lazy-require`). */
const yaml = lazyRequire<typeof Yaml>('yaml');

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Read a Markdown article.
 * @param doc the decoded document
 * @returns one draft, or an InputError for malformed front matter
 */
export function readMarkdown(doc: SourceDoc): (Draft | InputError)[] {
  const fm = FRONT_MATTER.exec(doc.text);
  let meta: Record<string, unknown> = {};
  if (fm) {
    try {
      const parsed: unknown = yaml().parse(fm[1] ?? '');
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) meta = parsed as Record<string, unknown>;
    } catch (err) {
      return [new InputError(doc.path, yamlReason(err))];
    }
  }
  const body = fm ? doc.text.slice(fm[0].length) : doc.text;
  const html = new Marked({ gfm: true, async: false }).parse(body) as string;
  const page = parseDocument(html);
  const title = stringField(meta['title']);
  const blocks = renderBlocks(page.body ?? page);
  if (blocks.length === 0) return [new InputError(doc.path, 'empty file (no text after front matter)')];
  const rendered = assembleBlocks(withTitle(title, blocks));
  return [
    draft(rendered.text, rendered.zones, {
      title: title ?? rendered.title,
      published: toIsoDay(meta['date'] ?? meta['published'] ?? meta['publishedAt']),
      source: sourceField(meta['source']) ?? rendered.source,
      url: stringField(meta['url'] ?? meta['link']),
    }),
  ];
}

function yamlReason(err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  const line = err instanceof yaml().YAMLError ? err.linePos?.[0]?.line : undefined;
  // Front matter starts on the file's second line.
  const where = line === undefined ? '' : ` at line ${line + 1}`;
  return `malformed YAML front matter${where}: ${message}`;
}
