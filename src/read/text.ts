/**
 * @module read/text
 * Plain-text articles. `Article.text` is the decoded file text exactly (a leading BOM
 * removed), so every offset is an offset into the file as a reader sees it; the
 * zones come from the plain-text layout ({@link module:read/layout}).
 */
import { draft, type Draft, type SourceDoc } from './article.js';
import { readLayout } from './layout.js';

/**
 * Read a plain-text article.
 * @param doc the decoded document
 * @returns one draft: publication date from a `date YYYY-MM-DD` first line, title from the head,
 *   source from a closing `Source:` line
 */
export function readText(doc: SourceDoc): Draft[] {
  return [textDraft(doc.text)];
}

/**
 * A draft for a text in the plain-text layout (also used for JSON records' text).
 * @param text the article text
 * @returns the draft with zones, date, title and source from the layout
 */
export function textDraft(text: string): Draft {
  const layout = readLayout(text);
  return draft(text, layout.zones, { published: layout.published, title: layout.title, source: layout.source });
}
