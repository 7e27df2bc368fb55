/**
 * @module read/html
 * HTML news pages. The main text comes from Mozilla Readability (on a linkedom DOM),
 * rendered as paragraphs separated by blank lines; offsets index that rendered text.
 * The title opens the text as a `title` zone (unless the page's own heading already does).
 * Metadata: title (`og:title`, JSON-LD headline, else Readability's, which falls back to `<title>`), publication date
 * (`article:published_time`, JSON-LD `datePublished`, other date meta, `<time datetime>`),
 * source (`og:site_name`, JSON-LD publisher) and URL (canonical link, `og:url`).
 */
import { Readability } from '@mozilla/readability';

import { draft, type Draft, type SourceDoc } from './article.js';
import { toIsoDay } from './dates.js';
import { assembleBlocks, parseDocument, renderBlocks, withTitle, type DomDocument, type DomElement } from './dom.js';

/** Readability's DOM document type: linkedom's document stands in for it. */
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

/** Page metadata read from `<head>` and structured data. */
export interface PageMeta {
  title: string | null;
  published: string | null;
  source: string | null;
  url: string | null;
}

const DATE_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[property="og:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="publish-date"]',
  'meta[name="date"]',
  'meta[name="dc.date.issued"]',
  'meta[name="DC.date.issued"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="sailthru.date"]',
];

/**
 * Read an HTML page.
 * @param doc the decoded document
 * @returns one draft; its text is the page's main text, title first
 */
export function readHtml(doc: SourceDoc): Draft[] {
  const meta = readPageMeta(parseDocument(doc.text));
  // Readability rewrites the DOM it is given, so it gets a fresh parse.
  const page = parseDocument(doc.text);
  const parsed = new Readability<DomElement>(page as unknown as ReadabilityDocument, {
    serializer: (node) => node as unknown as DomElement,
  }).parse();
  const body = parsed?.content ?? page.body ?? page;
  const title = meta.title ?? clean(parsed?.title);
  const blocks = withTitle(title, renderBlocks(body));
  const rendered = assembleBlocks(blocks);
  return [
    draft(rendered.text, rendered.zones, {
      title: title ?? rendered.title,
      published: meta.published ?? toIsoDay(parsed?.publishedTime),
      source: meta.source ?? clean(parsed?.siteName) ?? rendered.source,
      url: meta.url,
    }),
  ];
}

/**
 * Read a page's metadata.
 * @param page the parsed page (not yet touched by Readability)
 * @returns title (`og:title`, JSON-LD headline), publication date, source and URL, each null when absent
 */
export function readPageMeta(page: DomDocument): PageMeta {
  const ld = jsonLd(page);
  const published =
    firstDate(DATE_META.map((sel) => attr(page, sel, 'content'))) ??
    firstDate(ld.map((o) => o['datePublished'])) ??
    firstDate([attr(page, 'time[datetime]', 'datetime'), attr(page, 'time[pubdate]', 'datetime')]);
  return {
    title: clean(attr(page, 'meta[property="og:title"]', 'content')) ?? clean(ld.map((o) => o['headline']).find(isString)),
    published,
    source: clean(attr(page, 'meta[property="og:site_name"]', 'content')) ?? clean(ld.map(publisherName).find(isString)),
    url: clean(attr(page, 'link[rel="canonical"]', 'href')) ?? clean(attr(page, 'meta[property="og:url"]', 'content')),
  };
}

/** News-article objects in the page's JSON-LD (top level, arrays and `@graph`). */
function jsonLd(page: DomDocument): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o['@graph'] !== undefined) visit(o['@graph']);
      if (o['datePublished'] !== undefined || o['headline'] !== undefined) out.push(o);
    }
  };
  for (const script of Array.from(page.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // Broken structured data is common and not the article's text: ignore it.
    }
  }
  return out;
}

function publisherName(o: Record<string, unknown>): unknown {
  const p = o['publisher'];
  return p !== null && typeof p === 'object' ? (p as Record<string, unknown>)['name'] : p;
}

function attr(page: DomDocument, selector: string, name: string): string | null {
  return page.querySelector(selector)?.getAttribute?.(name) ?? null;
}

function firstDate(values: unknown[]): string | null {
  for (const v of values) {
    const day = toIsoDay(v);
    if (day) return day;
  }
  return null;
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

function clean(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}
