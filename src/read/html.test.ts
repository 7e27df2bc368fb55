import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import type { Zone } from '../domain/types.js';
import { readHtml } from './html.js';
import { zoneProblems } from './layout.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/read/${name}`, import.meta.url), 'utf8');
const zoned = (text: string, zones: Zone[]): [string, string][] => zones.map((z) => [z.kind, text.slice(z.start, z.end)]);
const read = (text: string) => {
  const [d] = readHtml({ path: 'page.html', name: 'page.html', text });
  assert.ok(d);
  assert.deepEqual(zoneProblems(d.text, d.zones), []);
  return d;
};

describe('readHtml', () => {
  it('extracts the main text with Readability, title first, zoned by markup and cues', () => {
    const d = read(fixture('news-page.html'));
    assert.deepEqual(zoned(d.text, d.zones), [
      ['title', 'Gunmen kill five in attack on Kidal market'],
      ['dateline', 'BAMAKO, Nov 16 (Reuters) -'],
      ['body', 'Unidentified gunmen on motorbikes opened fire on a crowded livestock market in Kidal on Wednesday, killing five traders and wounding at least eight, local officials and residents said.'],
      ['caption', 'Traders at the livestock market in Kidal, northern Mali, on November 10, 2023. (AFP)'],
      ['body', 'The attack came a day after the army, backed by Wagner fighters, took control of the town from Tuareg-led rebels, who had held it since 2013. No group has claimed responsibility, a town official said.'],
      ['title', 'Army reinforcements'],
      ['body', 'The army said it had sent reinforcements to secure the market area and the roads leading to Anefis and Aguelhok, where fighting continued on Thursday, according to residents reached by telephone.'],
      ['quote', 'Heavy gunfire heard at the Kidal market this morning. Several people reported dead.'],
      ['quote', '— Sahel Watch (@sahelwatch) November 15, 2023'],
      ['body', 'Residents said many families had fled towards the Algerian border, fearing further violence, and that shops in the town centre remained closed on Thursday.'],
    ]);
    assert.ok(!d.text.includes('tracking') && !d.text.includes('All rights reserved') && !d.text.includes('Home'));
    assert.match(d.text, /\n\nThe attack came/);
  });

  it('reads title, date, site name and canonical URL from the head', () => {
    const d = read(fixture('news-page.html'));
    assert.equal(d.title, 'Gunmen kill five in attack on Kidal market');
    assert.equal(d.published, '2023-11-16');
    assert.equal(d.source, 'The Sahel Courier');
    assert.equal(d.url, 'https://sahel-courier.example/2023/11/kidal-market');
  });

  it('falls back to JSON-LD, <time datetime> and <title>', () => {
    const ld = read(`<html><head><title>Clashes in Tripoli</title>
      <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2020-06-04T10:00:00+02:00","publisher":{"name":"Libya Now"}}]}</script>
      </head><body><article><p>Fighting broke out in southern Tripoli on Thursday, residents said.</p></article></body></html>`);
    assert.equal(ld.published, '2020-06-04');
    assert.equal(ld.source, 'Libya Now');
    assert.equal(ld.title, 'Clashes in Tripoli');
    assert.equal(ld.text, 'Clashes in Tripoli\n\nFighting broke out in southern Tripoli on Thursday, residents said.');

    const time = read('<html><body><article><time datetime="2021-03-28">28 March</time><p>Soldiers opened fire on crowds.</p></article></body></html>');
    assert.equal(time.published, '2021-03-28');
    assert.equal(time.url, null);
  });

  it('does not repeat a title the page already opens with', () => {
    const d = read('<html><head><title>Kherson retaken</title></head><body><h1>Kherson retaken</h1><p>Ukrainian troops entered Kherson on Friday, officials said.</p></body></html>');
    assert.equal(d.text.match(/Kherson retaken/g)?.length, 1);
  });
});
