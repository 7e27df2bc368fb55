/**
 * @module read/detect
 * Which reader a document needs: from its file extension when it has a known one,
 * otherwise from its first characters (stdin, extension-less or unknown files).
 */

/** The input formats Sitrep reads. `json` covers JSON and JSON Lines; `feed` covers RSS and Atom. */
export type Format = 'text' | 'html' | 'markdown' | 'json' | 'feed';

const BY_EXTENSION: Readonly<Record<string, Format>> = {
  txt: 'text',
  text: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
  rss: 'feed',
  atom: 'feed',
  xml: 'feed',
};

/**
 * Detect the format of a document.
 * @param name the file name (or `-` for stdin); its extension wins when known
 * @param text the decoded text, sniffed when the extension says nothing
 * @returns the format
 */
export function detectFormat(name: string, text: string): Format {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const byExt = ext === undefined ? undefined : BY_EXTENSION[ext];
  return byExt ?? sniffFormat(text);
}

/**
 * Detect the format from content alone.
 * @param text the decoded text
 * @returns `json` for `{`/`[`, `feed` for `<rss>`/`<feed>`/RDF, `html` for other markup,
 *   `markdown` for front matter or ATX headings, else `text`
 */
export function sniffFormat(text: string): Format {
  const head = text.slice(0, 2048).trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (head.startsWith('<')) {
    if (/<(?:rss|feed|rdf:RDF)[\s>]/i.test(head)) return 'feed';
    return 'html';
  }
  if (/^---\r?\n/.test(head) || /^#{1,6} \S/m.test(head)) return 'markdown';
  return 'text';
}
