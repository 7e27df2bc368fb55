/**
 * @module read
 * Any input to {@link Article}s. Reads plain text (the devset layout), HTML pages,
 * Markdown, JSON / JSON Lines and RSS / Atom feeds, from files, directories (recursive,
 * sorted, hidden entries skipped) and stdin (`-`).
 *
 * Offsets: `Article.text` is what every zone offset indexes. For plain text it is the
 * decoded file text exactly as read (a leading BOM removed, line endings untouched); for
 * HTML, Markdown and feeds it is the extracted text, paragraphs separated by a blank line,
 * title first; for JSON it is the record's text field (rendered when it is HTML).
 *
 * Bad input never throws: each failure is one `{ error: InputError }` with the file (and
 * line or record) and a one-line reason, and reading goes on.
 *
 * @example
 * for await (const r of readInputs(['articles/', '-'], { date: '2024-06-30' })) {
 *   if ('error' in r) console.error(r.error.message);
 *   else console.log(r.article.file, r.article.published);
 * }
 */
import { InputError, type Article } from '../domain/types.js';
import { baseName, buildArticle, type Draft, type ReadContext, type SourceDoc } from './article.js';
import { isIsoDate } from './dates.js';
import { decode } from './decode.js';
import { detectFormat, type Format } from './detect.js';
import { expandPaths, type ExpandOptions } from './expand.js';
import { readFeed } from './feed.js';
import { readHtml } from './html.js';
import { readJson } from './json.js';
import { readMarkdown } from './markdown.js';
import { readText } from './text.js';

export type { Format } from './detect.js';
export type { ExpandOptions, FileSystem } from './expand.js';
export { zoneProblems } from './layout.js';

/** Options for reading. */
export interface ReadOptions {
  /** Fallback publication date `YYYY-MM-DD` (`--date`) for articles that carry none. */
  date?: string;
}

/** One article read, or why one input (or record) could not be read. */
export type ReadResult = { article: Article } | { error: InputError };

/** A format reader: one document to drafts (and per-record errors). */
type Reader = (doc: SourceDoc) => (Draft | InputError)[];

/** The reader for each format, in one place. */
const READERS: Readonly<Record<Format, Reader>> = {
  text: readText,
  html: readHtml,
  markdown: readMarkdown,
  json: readJson,
  feed: readFeed,
};

/**
 * Expand paths and read every article in them.
 * @param paths files, directories (recursive, sorted, hidden entries skipped) and `-` for stdin
 * @param opts `date`: fallback publication date
 * @param io file system and stdin to use (tests pass fakes; defaults are the real ones)
 * @returns results in input order; bad input yields `{ error }` and reading goes on
 * @throws RangeError when `opts.date` is not a real `YYYY-MM-DD` date (a caller bug, not bad input)
 */
export async function* readInputs(
  paths: string[],
  opts: ReadOptions = {},
  io: ExpandOptions = {},
): AsyncGenerator<ReadResult> {
  const ctx = context(opts);
  for await (const raw of expandPaths(paths, io)) {
    if ('reason' in raw) yield { error: new InputError(raw.path, raw.reason) };
    else yield* readWith(raw.path, raw.bytes, ctx);
  }
}

/**
 * Read one in-memory document; its format is detected from the name and the content.
 * @param name file name or path (`-` for stdin); its base name becomes `Article.file`
 * @param content the raw bytes or the text
 * @param opts `date`: fallback publication date
 * @returns one result per article or failed record (several for JSON arrays, JSON Lines and feeds)
 * @throws RangeError when `opts.date` is not a real `YYYY-MM-DD` date
 */
export function readDocument(name: string, content: Buffer | string, opts: ReadOptions = {}): ReadResult[] {
  return readWith(name, content, context(opts));
}

function readWith(path: string, content: Uint8Array | string, ctx: ReadContext): ReadResult[] {
  const decoded = decode(content);
  if (!decoded.ok) return [{ error: new InputError(path, decoded.reason) }];
  const doc: SourceDoc = { path, name: baseName(path), text: decoded.text };
  const format = detectFormat(doc.name === '-' ? '' : doc.name, doc.text);
  let drafts: (Draft | InputError)[];
  try {
    drafts = READERS[format](doc);
  } catch (err) {
    // A parser tripping over pathological input is still bad input: report it, go on.
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    drafts = [new InputError(path, `cannot read as ${format}: ${message}`)];
  }
  return drafts.map((d) => (d instanceof InputError ? { error: d } : { article: buildArticle(doc, d, ctx) }));
}

function context(opts: ReadOptions): ReadContext {
  if (opts.date !== undefined && !isIsoDate(opts.date)) {
    throw new RangeError(`invalid --date ${JSON.stringify(opts.date)}: expected YYYY-MM-DD`);
  }
  return { fallbackDate: opts.date ?? null };
}
