import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptySummary } from './ingest.js';
import { createProgressReporter, etaText, summaryText } from './progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, text: '', write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('progress', () => {
  it('off a terminal: one plain line per interval, and a last one at stop', () => {
    let now = 0;
    const stream = fakeStream(false);
    const p = createProgressReporter({ stream, total: 10, every: 5, now: () => now });
    const summary = { ...emptySummary(), articles: 3, stored: 3, newEvents: 4 };
    now = 1000;
    p.update({ summary, current: 'a', inputs: 3, files: 3 });
    assert.equal(stream.text, '');
    now = 6000;
    p.update({ summary, current: 'b', inputs: 4, files: 4 });
    assert.match(stream.text, /^sitrep ingest: 4\/10 files, 3 articles \(3 new, 0 already stored, 0 near-copies\), 4 new events, 0 merged, 0 errors, 1 articles\/s\n$/);
    p.stop();
    assert.equal(stream.text.split('\n').length, 3);
  });

  it('the summary names articles, new and merged events, errors and the rate', () => {
    const text = summaryText({ ...emptySummary(), articles: 100, stored: 90, skipped: 10, newEvents: 50, mergedEvents: 20, errors: 2 }, 2);
    assert.match(text, /100 articles \(90 new, 10 already stored, 0 near-copies\), 50 new events, 20 merged, 2 errors.*2\.0 s \(50 articles\/s\)/);
  });
});

describe('ETA', () => {
  it('is unknown until a file is done, then scales the time so far', () => {
    assert.equal(etaText(10, 0, 10), '?');
    assert.equal(etaText(10, 5, 10), '10s');
    assert.equal(etaText(60, 1, 3), '2m00s');
    assert.equal(etaText(3600, 1, 3), '2h00m');
    assert.equal(etaText(10, 5, null), '?');
  });
});
