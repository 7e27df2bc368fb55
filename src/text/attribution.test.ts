import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clauses, findAttributions } from './attribution.js';
import { splitSentences } from './sentences.js';

/** Source covering the first occurrence of `needle` in the last sentence of `t`. */
function sourceOf(t: string, needle: string): string | null {
  const ss = splitSentences(t);
  const s = ss[ss.length - 1]!;
  const pos = t.indexOf(needle, s.start);
  const hits = findAttributions(t, s).filter((a) => pos >= a.scope.start && pos < a.scope.end);
  hits.sort((a, b) => a.scope.end - a.scope.start - (b.scope.end - b.scope.start));
  return hits[0]?.source ?? null;
}

describe('findAttributions', () => {
  it('subject before the verb, skipping appositives and introductory phrases', () => {
    assert.equal(sourceOf('The Health Ministry in Juba, run by the government, said 40 died.', '40'), 'The Health Ministry in Juba');
    assert.equal(sourceOf('In a statement on Sunday, police spokesman Ali Musa said 7 died.', '7'), 'police spokesman Ali Musa');
    assert.equal(sourceOf('Mayor Ana Ruiz said 12 died.', '12'), 'Mayor Ana Ruiz');
    assert.equal(sourceOf('Congo\'s health ministry had earlier put the toll at 70.', '70'), "Congo's health ministry");
  });

  it('trailing "…, X said" and "…, X, a monitor, said"', () => {
    assert.equal(sourceOf('A mine killed 4 herders near Kidal, a local official said.', '4'), 'a local official');
    assert.equal(sourceOf('Shelling killed 6, the Observatory, a UK-based monitor, said.', '6'), 'the Observatory');
  });

  it('inverted "…, said X" after a quote', () => {
    assert.equal(sourceOf('"We buried 9 people," said Imam Yusuf Bello.', '9'), 'Imam Yusuf Bello');
  });

  it('"according to" before or after the figure', () => {
    assert.equal(sourceOf('At least 11 died, according to the Red Cross.', '11'), 'the Red Cross');
    assert.equal(sourceOf('According to residents, 30 homes burned and 3 people died.', '3 people'), 'residents');
  });

  it('two sources in one sentence keep their own figures', () => {
    const t = 'The army said 5 died, while activists put the toll at 15.';
    assert.equal(sourceOf(t, '5'), 'The army');
    assert.equal(sourceOf(t, '15'), 'activists');
  });

  it('a trailing source reaches back over clauses nobody else claims', () => {
    const t = 'Some 900 were killed, while 4,000 fled, UNHCR said.';
    assert.equal(sourceOf(t, '900'), 'UNHCR');
  });

  it('a report reaches forward over a "while" clause with no source of its own', () => {
    assert.equal(sourceOf('The colonel said two soldiers died, while five were injured.', 'five'), 'The colonel');
  });

  it('"…, X said, adding that …" and "…, X said on Saturday, the deadliest …"', () => {
    assert.equal(sourceOf('About 900 fled, the council said, adding that 40 were treated.', '40'), 'the council');
    assert.equal(sourceOf('Gunmen killed 132 people, the government said on Saturday, the worst toll in years.', '132'), 'the government');
  });

  it('a nested report ("X said it had confirmed …") keeps the outer source', () => {
    assert.equal(sourceOf('The UN office said it had confirmed 516 deaths.', '516'), 'The UN office');
  });

  it('passives and nouns are not reporting verbs', () => {
    assert.equal(sourceOf('Clashes were reported and 3 died.', '3'), null);
    assert.equal(sourceOf('The attack claimed the lives of 17 villagers.', '17'), null);
  });

  it('pronouns resolve to the previous source', () => {
    const t = 'Governor Kim Hyun spoke to reporters on Monday. He said 8 died.';
    assert.equal(sourceOf(t, '8'), 'Governor Kim Hyun');
    const u = 'Airwars released new figures on Monday. It said 14 civilians died.';
    assert.equal(sourceOf(u, '14'), 'Airwars');
  });
});

describe('clauses', () => {
  it('splits at "; ", ", while " and ", but "', () => {
    const t = 'A said 1; B said 2, while C said 3, but D disagreed.';
    assert.deepEqual(clauses(t, { start: 0, end: t.length }).map((c) => t.slice(c.start, c.end)), ['A said 1', 'B said 2', 'C said 3', 'D disagreed.']);
  });
});
