import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitParagraphs, splitSentences } from './sentences.js';

const texts = (t: string): string[] => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits plain sentences with exact offsets', () => {
    const t = 'Rebels shelled Goma. Two people died!  Was it M23? Nobody knows.';
    const spans = splitSentences(t);
    assert.deepEqual(texts(t), ['Rebels shelled Goma.', 'Two people died!', 'Was it M23?', 'Nobody knows.']);
    assert.equal(spans[1]!.start, t.indexOf('Two'));
    assert.equal(spans[3]!.end, t.length);
  });

  it('does not break after titles and ranks', () => {
    const t = 'Lt. Col. Ahmed Saleh and Gen. Mahamat Idriss met Mr. Haysom in N\'Djamena. They agreed a truce.';
    assert.deepEqual(texts(t), ["Lt. Col. Ahmed Saleh and Gen. Mahamat Idriss met Mr. Haysom in N'Djamena.", 'They agreed a truce.']);
  });

  it('keeps "No. 9", "Jan. 31", decimals and initials inside the sentence', () => {
    const t = 'The convoy reached observation point No. 9 on Jan. 31 with 3.6 tonnes of aid for N. Biren Singh. It left at dawn.';
    assert.equal(texts(t).length, 2);
    assert.ok(texts(t)[0]!.endsWith('N. Biren Singh.'));
  });

  it('breaks after "U.S." only before a sentence starter', () => {
    assert.equal(texts('The U.S. Army denied it. Officials agreed.').length, 2);
    assert.deepEqual(texts('Aid came from the U.S. The next day fighting resumed.'), ['Aid came from the U.S.', 'The next day fighting resumed.']);
  });

  it('splits after a closing quote and not inside a quoted question', () => {
    const t = '"We will not leave," the mayor said. "Why now?" he asked reporters. Shelling resumed.';
    assert.deepEqual(texts(t), ['"We will not leave," the mayor said.', '"Why now?" he asked reporters.', 'Shelling resumed.']);
  });

  it('treats line breaks as boundaries in headline-and-bullet layouts', () => {
    const t = 'KEY FIGURES\n• 12 killed in Kalehe\n• 3,400 displaced since Monday';
    assert.deepEqual(texts(t), ['KEY FIGURES', '12 killed in Kalehe', '3,400 displaced since Monday']);
  });

  it('joins hard-wrapped prose lines', () => {
    const t =
      'Security forces in Maiduguri said on Sunday that insurgents had attacked\n' +
      'a military base near the town of Monguno overnight, killing several soldiers\n' +
      'and burning vehicles. Residents fled.';
    assert.deepEqual(texts(t).length, 2);
  });

  it('restricts to a span', () => {
    const t = 'Ignore this. Keep this one. And this.';
    const from = t.indexOf('Keep');
    assert.deepEqual(
      splitSentences(t, { start: from, end: t.length }).map((s) => t.slice(s.start, s.end)),
      ['Keep this one.', 'And this.'],
    );
  });

  // (Its speed is part of what `npm run bench` measures; a timed test would fail on a busy machine.)
  it('splits a megabyte of abbreviation-heavy text into exactly its sentences', () => {
    const para = 'Gen. Dak said 12 soldiers were killed on Jan. 3 near Nasir. The U.N. mission (UNMISS) condemned it. ';
    const big = `${para.repeat(200)}\n\n`.repeat(50); // ~1 MB
    assert.equal(splitSentences(big).length, 2 * 200 * 50);
  });
});

describe('splitParagraphs', () => {
  it('splits on blank lines and trims', () => {
    const t = '  First para.\nStill first.\n\n\n  Second para.  \n \nThird.';
    assert.deepEqual(
      splitParagraphs(t).map((s) => t.slice(s.start, s.end)),
      ['First para.\nStill first.', 'Second para.', 'Third.'],
    );
  });
});
