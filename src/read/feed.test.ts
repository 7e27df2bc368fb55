import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { InputError, type Zone } from '../domain/types.js';
import type { Draft } from './article.js';
import { readFeed } from './feed.js';
import { zoneProblems } from './layout.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/read/${name}`, import.meta.url), 'utf8');
const zoned = (text: string, zones: Zone[]): [string, string][] => zones.map((z) => [z.kind, text.slice(z.start, z.end)]);
const read = (name: string, text = fixture(name)): (Draft | InputError)[] => readFeed({ path: name, name, text });
const draftAt = (results: (Draft | InputError)[], i: number): Draft => {
  const d = results[i];
  assert.ok(d && !(d instanceof InputError), `item ${i} is a draft`);
  assert.deepEqual(zoneProblems(d.text, d.zones), []);
  return d;
};

describe('readFeed: RSS 2.0', () => {
  const results = read('feed-rss.xml');

  it('reads one article per item, and an error for an item without text', () => {
    assert.equal(results.length, 3);
    const last = results[2];
    assert.ok(last instanceof InputError);
    assert.equal(last.message, 'feed-rss.xml#3: feed item has no text (description, content or summary)');
  });

  it('prefers content:encoded, renders its HTML, and puts the title first', () => {
    const d = draftAt(results, 0);
    assert.deepEqual(zoned(d.text, d.zones), [
      ['title', 'Jihadists attack Barsalogho'],
      ['dateline', 'OUAGADOUGOU, Aug 24 (Reuters) -'],
      ['body', 'Fighters attacked the outskirts of Barsalogho, residents said.'],
      ['caption', 'Residents dig trenches near Barsalogho. (AFP)'],
      ['body', 'A security source put the toll above 100.'],
    ]);
    assert.deepEqual(
      { title: d.title, published: d.published, url: d.url, record_id: d.record_id, record: d.record, source: d.source },
      {
        title: 'Jihadists attack Barsalogho',
        published: '2024-08-24',
        url: 'https://sahel-courier.example/barsalogho',
        record_id: 'sc-1001',
        record: 1,
        source: 'Sahel Courier',
      },
    );
  });

  it('reads a plain description, decodes entities and keeps the pubDate day as written', () => {
    const d = draftAt(results, 1);
    assert.equal(d.text, 'Curfew in Imphal & nearby districts\n\nAuthorities imposed a curfew in Imphal after overnight clashes.');
    assert.equal(d.published, '2023-05-05');
    assert.equal(d.record_id, null);
  });
});

describe('readFeed: Atom', () => {
  const results = read('feed-atom.xml');

  it('reads entries with HTML content, the alternate link and the published date', () => {
    const d = draftAt(results, 0);
    assert.deepEqual(zoned(d.text, d.zones), [
      ['title', 'M23 seizes Nyabibwe'],
      ['body', 'M23 rebels seized the mining town of Nyabibwe on Wednesday, residents said.'],
      ['title', 'Residents flee'],
      ['body', 'Hundreds of families left for Bukavu.'],
    ]);
    assert.equal(d.url, 'https://glm.example/nyabibwe');
    assert.equal(d.published, '2025-02-05');
    assert.equal(d.record_id, 'urn:glm:1');
    assert.equal(d.source, 'Great Lakes Monitor');
  });

  it('falls back to summary and updated', () => {
    const d = draftAt(results, 1);
    assert.equal(d.text, 'Ceasefire talks\n\nRegional leaders will meet in Tanzania on Saturday.');
    assert.equal(d.published, '2025-02-06');
    assert.equal(d.url, 'https://glm.example/talks');
  });
});

describe('readFeed: errors', () => {
  it('reports malformed XML with its line', () => {
    const [e] = read('malformed.xml');
    assert.ok(e instanceof InputError);
    assert.match(e.message, /^malformed\.xml: malformed XML at line 5: /);
  });

  it('reports XML that is not a feed, and a feed with no items', () => {
    const [notFeed] = read('sitemap.xml', '<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>');
    assert.ok(notFeed instanceof InputError);
    assert.equal(notFeed.reason, 'XML is not an RSS or Atom feed');
    const [empty] = read('empty.rss', '<rss version="2.0"><channel><title>x</title></channel></rss>');
    assert.ok(empty instanceof InputError);
    assert.equal(empty.reason, 'feed has no items');
  });
});
