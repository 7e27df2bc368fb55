/**
 * @module read/feed
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per `<item>` / `<entry>`.
 * - text: the item title (a `title` zone) then its content, rendered from HTML:
 *   `content:encoded`, else `description` (RSS); `content`, else `summary` (Atom)
 * - published: `pubDate` | `dc:date` | `published` | `updated`
 * - url: `link` (Atom: the `alternate` link); record_id: `guid` | `id`
 * - source: the item's `<source>`, else the feed's title
 * `Article.file` is `<base>#<item number>`. An item without text is an InputError
 * naming `file#n`; a feed that is not well-formed XML is one InputError with its line.
 */
import type * as Fxp from 'fast-xml-parser';

import { InputError } from '../domain/types.js';
import { draft, sourceField, stringField, type Draft, type SourceDoc } from './article.js';
import { toIsoDay } from './dates.js';
import { assembleBlocks, looksLikeHtml, parseDocument, renderBlocks, withTitle, type Block } from './dom.js';
import { lazyRequire } from '../util/lazy-require.js';

/** fast-xml-parser, loaded when a feed is first read (see `util/lazy-require`). */
const fxp = lazyRequire<typeof Fxp>('fast-xml-parser');

type XmlNode = Record<string, unknown>;

/** One feed item, its fields already picked from RSS or Atom. */
interface FeedItem {
  title: string | null;
  content: string | null;
  /** Whether `content` is markup (HTML) rather than plain text. */
  isHtml: boolean;
  date: unknown;
  url: string | null;
  id: string | null;
  source: string | null;
}

const ARRAY_TAGS = new Set(['item', 'entry', 'link']);

/**
 * Read an RSS or Atom feed.
 * @param doc the decoded document
 * @returns one draft or error per item, in feed order
 */
export function readFeed(doc: SourceDoc): (Draft | InputError)[] {
  const { XMLParser, XMLValidator } = fxp();
  const valid = XMLValidator.validate(doc.text);
  if (valid !== true) {
    return [new InputError(doc.path, `malformed XML at line ${valid.err.line}: ${valid.err.msg}`)];
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    htmlEntities: true,
    isArray: (name) => ARRAY_TAGS.has(name),
  });
  const root = parser.parse(doc.text) as XmlNode;
  const items = feedItems(root);
  if (items === null) return [new InputError(doc.path, 'XML is not an RSS or Atom feed')];
  if (items.length === 0) return [new InputError(doc.path, 'feed has no items')];
  return items.map((item, i) => itemDraft(item, `${doc.path}#${i + 1}`, i + 1));
}

/** The items of an RSS 2.0, RSS 1.0 or Atom document, or null when it is none of them. */
function feedItems(root: XmlNode): FeedItem[] | null {
  const rss = node(root['rss']);
  if (rss) {
    const channel = node(rss['channel']) ?? {};
    return list(channel['item']).map((it) => rssItem(it, text(channel['title'])));
  }
  const rdf = node(root['rdf:RDF']);
  if (rdf) {
    const channel = node(rdf['channel']) ?? {};
    return list(rdf['item']).map((it) => rssItem(it, text(channel['title'])));
  }
  const feed = node(root['feed']);
  if (feed) return list(feed['entry']).map((it) => atomEntry(it, text(feed['title'])));
  return null;
}

function rssItem(item: XmlNode, feedTitle: string | null): FeedItem {
  const content = text(item['content:encoded']) ?? text(item['description']);
  return {
    title: text(item['title']),
    content,
    isHtml: content !== null && looksLikeHtml(content),
    date: text(item['pubDate']) ?? text(item['dc:date']),
    url: list(item['link']).map((l) => text(l)).find((l) => l !== null) ?? null,
    id: text(item['guid']),
    source: text(item['source']) ?? feedTitle,
  };
}

function atomEntry(entry: XmlNode, feedTitle: string | null): FeedItem {
  const body = node(entry['content']) ?? node(entry['summary']);
  const content = text(body);
  const type = typeof body?.['@_type'] === 'string' ? body['@_type'] : 'text';
  const links = list(entry['link']);
  const alternate = links.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate') ?? links[0];
  return {
    title: text(entry['title']),
    content,
    isHtml: content !== null && (type === 'html' || type === 'xhtml' || looksLikeHtml(content)),
    date: text(entry['published']) ?? text(entry['updated']),
    url: stringField(alternate?.['@_href']),
    id: text(entry['id']),
    source: sourceField(node(entry['source'])?.['title']) ?? feedTitle,
  };
}

function itemDraft(item: FeedItem, label: string, number: number): Draft | InputError {
  if (item.content === null) return new InputError(label, 'feed item has no text (description, content or summary)');
  const blocks = item.isHtml ? htmlBlocks(item.content) : textBlocks(item.content);
  if (blocks.length === 0) return new InputError(label, 'feed item has no text (description, content or summary)');
  const rendered = assembleBlocks(withTitle(item.title, blocks));
  return draft(rendered.text, rendered.zones, {
    title: item.title ?? rendered.title,
    published: toIsoDay(item.date),
    source: item.source ?? rendered.source,
    url: item.url,
    record_id: item.id,
    record: number,
  });
}

function htmlBlocks(html: string): Block[] {
  const page = parseDocument(html);
  return renderBlocks(page.body ?? page);
}

/** Plain-text content as blocks: one per blank-line-separated paragraph. */
function textBlocks(s: string): Block[] {
  return s
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/[ \t\u00a0]+/g, ' ').replace(/ ?\r?\n ?/g, '\n').trim())
    .filter(Boolean)
    .map((t) => ({ text: t }));
}

/** An element as an object (a bare text element becomes `{ '#text': ... }`). */
function node(v: unknown): XmlNode | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !Array.isArray(v)) return v as XmlNode;
  if (Array.isArray(v)) return node(v[0]);
  return { '#text': String(v) };
}

function list(v: unknown): XmlNode[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return items.map(node).filter((n): n is XmlNode => n !== null);
}

/** The text of an element: its string value, `#text`, or (XHTML content) its nested text in order found. */
function text(v: unknown): string | null {
  if (typeof v === 'string' || typeof v === 'number') {
    const t = String(v).trim();
    return t === '' ? null : t;
  }
  const n = node(v);
  if (!n) return null;
  if (n['#text'] !== undefined && typeof n['#text'] !== 'object') return text(n['#text']);
  const parts = Object.entries(n)
    .filter(([k]) => !k.startsWith('@_'))
    .map(([, child]) => (Array.isArray(child) ? child.map(text).join(' ') : text(child)))
    .filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' ') : null;
}
