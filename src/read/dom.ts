/**
 * @module read/dom
 * HTML to article text. Parses HTML with linkedom and renders a DOM subtree as
 * paragraphs separated by blank lines, with zones fixed by the markup (headings →
 * `title`, `<figcaption>` → `caption`, embedded posts in `<blockquote>` → `quote`)
 * and the rest zoned by the shared layout cues.
 *
 * Only the few DOM members used here are typed ({@link DomElement}), so the rest of
 * Sitrep does not depend on a DOM library's types.
 */
import type * as Linkedom from 'linkedom';

import type { Zone, ZoneKind } from '../domain/types.js';
import { endsWithSocialSignature } from './cues.js';
import { splitParagraphs, zoneParagraphs, type Paragraph } from './layout.js';
import { lazyRequire } from '../util/lazy-require.js';

/** linkedom, loaded when HTML is first read (see `util/lazy-require`). */
const linkedom = lazyRequire<typeof Linkedom>('linkedom');

/** The subset of a DOM node Sitrep reads. */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

/** The subset of a DOM element (and document) Sitrep reads. */
export interface DomElement extends DomNode {
  getAttribute?(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** A parsed HTML document. */
export interface DomDocument extends DomElement {
  readonly body: DomElement | null;
}

/** A rendered block of text and the zone kind its markup fixes, if any. */
export interface Block {
  text: string;
  kind?: ZoneKind;
}

/** Rendered text with its zones, title and Source-line outlet. */
export interface Rendered {
  text: string;
  zones: Zone[];
  /** The first title-like line before the body, as found by the layout cues. */
  title: string | null;
  source: string | null;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

const SKIP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'HEAD', 'BUTTON', 'FORM', 'SELECT', 'TEXTAREA',
  'NAV', 'FOOTER', 'ASIDE', 'OBJECT', 'VIDEO', 'AUDIO', 'CANVAS',
]);
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TR', 'UL', 'CAPTION',
]);

/**
 * Parse an HTML document or fragment.
 * @param html the markup
 * @returns the document (markup without `<!doctype html>`, `<html>`, `<head>` or `<body>` near its start
 *   is a fragment and is wrapped in a body)
 */
export function parseDocument(html: string): DomDocument {
  const isDocument = /<(?:!doctype\s+html|html|head|body)\b/i.test(html.slice(0, 4096));
  const source = isDocument ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return (linkedom().parseHTML(source) as unknown as { document: DomDocument }).document;
}

/**
 * Render a DOM subtree as blocks of text, one per paragraph-level element.
 * Inline whitespace collapses to one space, `<br>` keeps a line break, scripts,
 * styles, navigation and forms are dropped.
 * @param root the element to render
 * @returns blocks in document order, none empty
 */
export function renderBlocks(root: DomNode): Block[] {
  const blocks: Block[] = [];
  let buffer = '';
  const flush = (kind: ZoneKind | undefined): void => {
    const text = normaliseBlock(buffer);
    buffer = '';
    if (text) blocks.push(kind === undefined ? { text } : { text, kind });
  };
  const walk = (node: DomNode, kind: ZoneKind | undefined): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) {
        buffer += child.textContent ?? '';
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const tag = child.nodeName.toUpperCase();
      if (SKIP.has(tag)) continue;
      if (tag === 'BR') {
        buffer += '\n';
      } else if (tag === 'TD' || tag === 'TH') {
        buffer += ' ';
        walk(child, kind);
        buffer += '\t';
      } else if (BLOCK.has(tag)) {
        flush(kind);
        const inner = markupKind(child as DomElement) ?? kind;
        walk(child, inner);
        flush(inner);
      } else {
        walk(child, kind);
      }
    }
  };
  walk(root, undefined);
  flush(undefined);
  return blocks;
}

/**
 * Join blocks into one text, paragraphs separated by a blank line, and zone it.
 * @param blocks rendered blocks
 * @returns the text, its zones, and the title and source the layout cues found
 */
export function assembleBlocks(blocks: readonly Block[]): Rendered {
  let text = '';
  const paragraphs: Paragraph[] = [];
  for (const block of blocks) {
    if (text) text += '\n\n';
    const start = text.length;
    text += block.text;
    const lines = splitParagraphs(text, start).flatMap((p) => p.lines);
    paragraphs.push(block.kind === undefined ? { lines } : { lines, kind: block.kind });
  }
  return { text, ...zoneParagraphs(text, paragraphs) };
}

/**
 * Prepend the title as a `title` block unless the content already opens with it.
 * @param title the article title, or null
 * @param blocks the content blocks
 * @returns the blocks to assemble
 */
export function withTitle(title: string | null, blocks: Block[]): Block[] {
  if (!title) return blocks;
  const first = blocks[0]?.text;
  if (first !== undefined && sameText(first, title)) {
    return [{ text: first, kind: 'title' }, ...blocks.slice(1)];
  }
  return [{ text: title, kind: 'title' }, ...blocks];
}

/**
 * Render an HTML fragment (a feed item's description, a JSON record's HTML body) as text.
 * @param html the fragment
 * @returns the rendered text and zones
 */
export function renderHtml(html: string): Rendered {
  const doc = parseDocument(html);
  return assembleBlocks(renderBlocks(doc.body ?? doc));
}

/**
 * Whether a string is HTML rather than text: it has paragraph-level or line-break tags.
 * @param s a string
 * @returns true when it should be rendered as HTML
 */
export function looksLikeHtml(s: string): boolean {
  return /<(?:p|div|br|h[1-6]|ul|ol|li|blockquote|figure|article|section|span|a|strong|em|b|i)\b[^>]*>/i.test(s);
}

/** The zone a paragraph-level element fixes: headings, figure captions, embedded posts. */
function markupKind(el: DomElement): ZoneKind | undefined {
  const tag = el.nodeName.toUpperCase();
  if (/^H[1-6]$/.test(tag)) return 'title';
  if (tag === 'FIGCAPTION') return 'caption';
  if (tag === 'BLOCKQUOTE' && isEmbeddedPost(el)) return 'quote';
  return undefined;
}

function isEmbeddedPost(el: DomElement): boolean {
  const cls = el.getAttribute?.('class') ?? '';
  if (/\b(?:twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|fb-xfbml)\b/.test(cls)) return true;
  const links = Array.from(el.querySelectorAll('a[href]'));
  if (links.some((a) => /\/\/(?:www\.)?(?:twitter|x)\.com\/\w+\/status\//.test(a.getAttribute?.('href') ?? ''))) return true;
  return endsWithSocialSignature(normaliseBlock(el.textContent ?? '').replace(/\n/g, ' '));
}

/** Collapse inline whitespace in each line, trim, and drop blank lines. */
function normaliseBlock(raw: string): string {
  return raw
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}
