/**
 * Golden tests: fixture articles written for Sitrep (test/fixtures/articles, varied
 * conflicts and styles, not copies of any gold set) against their hand coding
 * (test/fixtures/gold.jsonl, the development-set gold format). Each test states one
 * thing an analyst relies on; the last one holds the overall score to a floor, so a
 * change that makes Sitrep worse on these articles fails.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createExtractor } from '../src/code/extract.js';
import type { Extraction, SitrepEvent } from '../src/domain/types.js';
import { parseGold } from '../src/eval/gold.js';
import { scoreExtractions } from '../src/eval/score.js';
import { readDocument } from '../src/read/index.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const byFile = new Map<string, Extraction>();
const texts = new Map<string, string>();

before(async () => {
  const extractor = await createExtractor();
  for (const f of readdirSync(path.join(dir, 'articles')).sort()) {
    const [r] = readDocument(f, readFileSync(path.join(dir, 'articles', f)));
    if (!r || !('article' in r)) throw new Error(`fixture ${f} did not read`);
    byFile.set(f, extractor.extract(r.article));
    texts.set(f, r.article.text);
  }
});

const events = (file: string): SitrepEvent[] => byFile.get(file)?.events ?? [];
const find = (file: string, sub: string, place?: RegExp) =>
  events(file).filter((e) => e.sub_event_type === sub && (!place || place.test(e.location ?? '')));

describe('golden articles', () => {
  it('codes a car bomb with the lowest reported death toll and keeps every figure as a claim', () => {
    const [bomb] = find('somalia-2023-car-bomb.txt', 'Remote explosive/landmine/IED', /Mogadishu/);
    assert.ok(bomb, 'car bomb in Mogadishu');
    assert.equal(bomb.event_date, '2023-03-13');
    assert.equal(bomb.fatalities, 8);
    const claims = byFile.get('somalia-2023-car-bomb.txt')!.claims.filter((c) => c.claim_type === 'fatalities').map((c) => c.value_low);
    assert.ok(claims.includes(8) && claims.includes(11), `claims ${claims}`);
  });

  it('resolves weekdays into the past against the publication date', () => {
    const [strike] = find('burkina-2022-djibo.txt', 'Air/drone strike');
    assert.equal(strike?.event_date, '2022-09-25'); // "on Sunday" in a Wednesday story
  });

  it('takes the state from "Russian shelling" and "Russian missile" as actor1', () => {
    const shelling = find('ukraine-2023-kharkiv.txt', 'Shelling/artillery/missile attack');
    assert.ok(shelling.length >= 1);
    for (const e of shelling) assert.equal(e.actor1, 'Military Forces of Russia');
  });

  it('records a recapture as a control change with how long the loser held the place', () => {
    const cc = byFile.get('ukraine-2023-kharkiv.txt')!.control_changes.find((c) => /Dvorichna/.test(c.location));
    assert.ok(cc, 'control change at Dvorichna');
    assert.equal(cc.to_actor, 'Military Forces of Ukraine');
    assert.equal(cc.held_since, '2023-02');
  });

  it('tells the kinds of demonstration apart, place by place', () => {
    const f = 'bangladesh-2024-protest.txt';
    assert.ok(find(f, 'Protest with intervention', /Dhaka/).length, 'tear gas in Dhaka');
    assert.ok(find(f, 'Excessive force against protesters', /Rangpur/).length, 'shot dead in Rangpur');
    assert.ok(find(f, 'Peaceful protest', /Sylhet/).length, 'sit-in in Sylhet');
    for (const e of events(f).filter((x) => x.event_type === 'Protests')) assert.match(e.actor1, /^Protesters \(Bangladesh\)$/);
  });

  it('does not code a strike the army denies as the army\'s own admission, nor the denial as an event', () => {
    const f = 'burkina-2022-djibo.txt';
    assert.equal(find(f, 'Air/drone strike').length, 1);
  });

  it('leaves statements and condemnations uncoded', () => {
    const f = 'myanmar-2023-sagaing.txt';
    assert.equal(find(f, 'Air/drone strike').length, 1, 'one strike, however many times it is mentioned');
  });

  it('every evidence span is the exact text at its offsets', () => {
    let checked = 0;
    for (const f of readdirSync(path.join(dir, 'articles'))) {
      const text = texts.get(f)!;
      const x = byFile.get(f)!;
      const spans = [...x.events.flatMap((e) => e.evidence), ...x.claims.flatMap((c) => c.evidence), ...x.control_changes.flatMap((c) => c.evidence)];
      for (const ev of spans) {
        assert.equal(text.slice(ev.start, ev.end), ev.text, `${f} ${ev.field} ${ev.start}-${ev.end}`);
        checked++;
      }
    }
    assert.ok(checked > 50, `only ${checked} spans`);
  });

  it('scores at least the recorded floor on the fixture gold set', () => {
    const gold = parseGold(readFileSync(path.join(dir, 'gold.jsonl'), 'utf8'), 'gold.jsonl');
    const report = scoreExtractions(gold, byFile.values());
    // Floors measured when this test was written; raise them as Sitrep improves.
    assert.ok(report.summary.events.f1 >= 0.7, `events F1 ${report.summary.events.f1.toFixed(3)}`);
    assert.ok((report.summary.claims.recall ?? 0) >= 0.8, `claims recall ${report.summary.claims.recall}`);
  });
});
