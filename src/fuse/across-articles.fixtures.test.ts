/**
 * Fusion on the fixture stories of `test/fixtures/fusion/`: each story is
 * read, extracted (the real extractor) and ingested into a fresh SQLite store;
 * `expected.json` says whether its articles must fuse into one event.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createExtractor, type Extractor } from '../code/extract.js';
import { readInputs } from '../read/index.js';
import { createIngester, ingestAll } from '../store/ingest.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { EventDetail, Store } from '../store/store.js';

const ROOT = fileURLToPath(new URL('../../test/fixtures/fusion/', import.meta.url));

interface Expectation {
  merge: boolean;
  fatalities?: [number, number, number];
  copy?: string;
  note?: string;
  todo?: string;
}

const expected = JSON.parse(readFileSync(join(ROOT, 'expected.json'), 'utf8')) as Record<string, Expectation>;
const stories = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const tmp = mkdtempSync(join(tmpdir(), 'sitrep-fusion-'));
let extractor: Extractor;

before(async () => {
  extractor = await createExtractor();
});
after(() => rmSync(tmp, { recursive: true, force: true }));

async function ingestStory(story: string): Promise<{ store: Store; details: EventDetail[]; articles: Map<string, string> }> {
  const store = await openSqliteStore(join(tmp, `${story}.db`));
  await ingestAll(createIngester({ store, extractor }), readInputs([join(ROOT, story)]));
  const details: EventDetail[] = [];
  for await (const e of store.events()) details.push((await store.event(e.id))!);
  const articles = new Map<string, string>();
  for await (const a of store.articles()) articles.set(a.id, a.file);
  return { store, details, articles };
}

describe('fusion fixtures (test/fixtures/fusion)', () => {
  it('has at least 20 stories, each with an expectation', () => {
    assert.ok(stories.length >= 20, `${stories.length} stories`);
    for (const s of stories) assert.ok(expected[s], `no expectation for ${s}`);
    assert.ok(stories.some((s) => !expected[s]!.merge), 'near-misses present');
  });

  for (const story of stories) {
    const exp = expected[story];
    if (!exp) continue;
    it(`${story}: ${exp.merge ? 'fuses into one event' : 'stays apart'}${exp.note ? ` (${exp.note})` : ''}`, exp.todo ? { todo: exp.todo } : {}, async () => {
      const { store, details, articles } = await ingestStory(story);
      try {
        const n = articles.size;
        assert.ok(n >= 2, `${story}: ${n} articles stored`);
        const span = (d: EventDetail) => new Set(d.reports.map((r) => r.article_id)).size;
        if (exp.merge) {
          const fused = details.filter((d) => span(d) === n);
          assert.ok(fused.length >= 1, `${story}: no event reported by all ${n} articles`);
          const main = fused[0]!;
          if (exp.fatalities) {
            assert.deepEqual([main.event.fatalities, main.event.fatalities_low, main.event.fatalities_high], exp.fatalities, main.event.fatalities_rule);
          }
          if (exp.copy) {
            const copyId = [...articles].find(([, file]) => file === exp.copy)?.[0];
            const copy = (await store.article(copyId!))!;
            assert.ok(copy.duplicate_of, `${exp.copy} is not linked as a near-copy`);
            assert.equal(main.event.source_count, 1, 'a near-copy is not an independent source');
            assert.ok(main.reports.some((r) => r.link.rule === 'copy'));
          } else assert.equal(main.event.source_count, n);
        } else {
          const bridging = details.filter((d) => span(d) > 1);
          assert.deepEqual(bridging.map((d) => d.event.notes), [], `${story}: events fused across articles`);
        }
      } finally {
        await store.close();
      }
    });
  }
});
