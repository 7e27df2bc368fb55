import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import type { Zone } from '../domain/types.js';
import { readLayout, zoneProblems } from './layout.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/read/${name}`, import.meta.url), 'utf8');
const zoned = (text: string, zones: Zone[]): [string, string][] => zones.map((z) => [z.kind, text.slice(z.start, z.end)]);

describe('readLayout: the plain-text layout', () => {
  it('zones lede, title, dateline, caption, embed, heading, source and body', () => {
    const text = fixture('article.txt');
    const layout = readLayout(text);
    assert.deepEqual(zoneProblems(text, layout.zones), []);
    assert.deepEqual(zoned(text, layout.zones), [
      ['lede', 'Malian troops took control of the northern town of Kidal on Tuesday, the army said.'],
      ['title', 'Mali army enters Kidal after rebel withdrawal'],
      ['dateline', 'BAMAKO, Nov 15 (Reuters) -'],
      ['body', 'Soldiers backed by Wagner fighters entered Kidal after days of air strikes, the army said in a statement read on state television.'],
      ['caption', 'Malian soldiers patrol a street in Gao on November 2, 2023. (AFP)'],
      ['body', "The rebels' alliance said its fighters had withdrawn from the town to avoid civilian casualties."],
      ['quote', 'Our forces have taken control of Kidal. The mission is not over. — FAMa (@FAMa_Mali) November 14, 2023'],
      ['title', 'Background'],
      ['body', 'Kidal had been held by Tuareg-led rebels since 2013.'],
      ['source', 'Source: Reuters and agencies'],
    ]);
    assert.equal(layout.published, '2023-11-15');
    assert.equal(layout.title, 'Mali army enters Kidal after rebel withdrawal');
    assert.equal(layout.source, 'Reuters and agencies');
  });

  it('keeps the date prefix out of every zone, even with leading spaces', () => {
    const text = ' date 2019-08-20 The rebels withdrew.\n\nThe regime advanced.';
    const layout = readLayout(text);
    assert.deepEqual(zoned(text, layout.zones), [
      ['lede', 'The rebels withdrew.'],
      ['body', 'The regime advanced.'],
    ]);
    assert.equal(layout.published, '2019-08-20');
  });

  it('indexes CRLF text as is, line breaks excluded from zones', () => {
    const text = 'date 2024-06-30 First line lede.\r\n\r\nHeading here\r\nBody line one.\r\nBody line two.\r\n';
    const layout = readLayout(text);
    assert.deepEqual(zoneProblems(text, layout.zones), []);
    assert.deepEqual(zoned(text, layout.zones), [
      ['lede', 'First line lede.'],
      ['title', 'Heading here'],
      ['body', 'Body line one.\r\nBody line two.'],
    ]);
  });

  it('reads a text without the date prefix: no lede, no date', () => {
    const text = 'Gunmen killed three farmers near Konduga on Sunday, residents said.\n';
    const layout = readLayout(text);
    assert.equal(layout.published, null);
    assert.deepEqual(zoned(text, layout.zones), [['body', text.trim()]]);
  });

  it('keeps the lede of a prefix whose date is not a real date, with no publication date', () => {
    const layout = readLayout('date 2023-02-30 Something happened.');
    assert.equal(layout.published, null);
    assert.deepEqual(zoned('date 2023-02-30 Something happened.', layout.zones), [['lede', 'Something happened.']]);
  });

  it('never makes the last line a heading (a one-line snippet is body)', () => {
    const text = 'Police fired tear gas at protesters in Nairobi';
    assert.deepEqual(zoned(text, readLayout(text).zones), [['body', text]]);
  });

  it('reads live-blog timestamp headings as titles and their entries as body', () => {
    const text = [
      'date 2022-11-11 Ukrainian troops entered Kherson.',
      '',
      'Russia-Ukraine war: live updates – Friday 11 November',
      'All times are Kyiv time (EET). This page is no longer being updated.',
      '',
      '08:05 – Moscow says pullback from right bank complete',
      "Russia's defence ministry says the withdrawal was completed.",
    ].join('\n');
    const layout = readLayout(text);
    assert.deepEqual(zoned(text, layout.zones), [
      ['lede', 'Ukrainian troops entered Kherson.'],
      ['title', 'Russia-Ukraine war: live updates – Friday 11 November'],
      ['body', 'All times are Kyiv time (EET). This page is no longer being updated.'],
      ['title', '08:05 – Moscow says pullback from right bank complete'],
      ['body', "Russia's defence ministry says the withdrawal was completed."],
    ]);
    assert.equal(layout.title, 'Russia-Ukraine war: live updates – Friday 11 November');
  });

  it('reads whole-line datelines, wire and local, and a dateline opening the first paragraph', () => {
    for (const [head, dateline] of [
      ['MOSUL, Iraq, July 10 –', 'MOSUL, Iraq, July 10 –'],
      ['Daraa – Horan Voice', 'Daraa – Horan Voice'],
      ['GENEVA (brief) – Delegates signed the agreement.', 'GENEVA (brief) –'],
    ] as const) {
      const text = `date 2020-10-23 Lede.\n\n${head}\n\nThe deal was signed on Friday.`;
      const zones = zoned(text, readLayout(text).zones);
      assert.deepEqual(zones[1], ['dateline', dateline], head);
    }
  });

  it('does not look for datelines after the head', () => {
    const text = 'date 2020-10-23 Lede.\n\nFirst paragraph.\n\nKABUL, March 3 (Reuters) - later paragraph.';
    assert.ok(!readLayout(text).zones.some((z) => z.kind === 'dateline'));
  });

  it('picks a headline, not a label, byline or organisation line, as the title', () => {
    const text = [
      'date 2018-08-10 An air strike hit a school bus.',
      '',
      'PRESS RELEASE',
      'Yemen Child Rights Network (YCRN)',
      "For immediate release – Sana'a, 10 August 2018",
      '',
      '"No child should die on the way home from summer school"',
      '',
      'The network condemns the strike.',
    ].join('\n');
    const layout = readLayout(text);
    assert.equal(layout.title, '"No child should die on the way home from summer school"');
    assert.deepEqual(
      layout.zones.map((z) => z.kind),
      ['lede', 'title', 'title', 'title', 'title', 'body'],
    );
  });

  it('only reads a Source line at the very end', () => {
    const text = 'date 2020-01-01 Lede.\n\nSource: the ministry said so.\n\nMore text.';
    const layout = readLayout(text);
    assert.equal(layout.source, null);
    assert.ok(!layout.zones.some((z) => z.kind === 'source'));
  });

  it('zones a multi-line embed up to its signature line', () => {
    const text = 'date 2019-08-20 Lede.\n\nBody.\n\nReckless airstrike today.\n— Morgan Ortagus (@statedeptspox) August 19, 2019\n\nMore body.';
    assert.deepEqual(zoned(text, readLayout(text).zones), [
      ['lede', 'Lede.'],
      ['body', 'Body.'],
      ['quote', 'Reckless airstrike today.\n— Morgan Ortagus (@statedeptspox) August 19, 2019'],
      ['body', 'More body.'],
    ]);
  });
});

describe('zoneProblems', () => {
  it('reports overlapping, untrimmed and out-of-range zones', () => {
    const text = 'abc def';
    assert.deepEqual(zoneProblems(text, [{ kind: 'body', start: 0, end: 3 }]), []);
    assert.equal(zoneProblems(text, [{ kind: 'body', start: 0, end: 4 }]).length, 1);
    assert.equal(zoneProblems(text, [{ kind: 'body', start: 0, end: 3 }, { kind: 'body', start: 2, end: 3 }]).length, 1);
    assert.equal(zoneProblems(text, [{ kind: 'body', start: 4, end: 99 }]).length, 1);
  });
});
