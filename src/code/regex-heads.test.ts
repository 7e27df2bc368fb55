import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leadNeeds, leadingWords, requiredWords } from './regex-heads.js';

describe('leadingWords', () => {
  const lead = (spec: string) => spec.split(' ').map((w) => ({ word: w.replace(/=$/, ''), exact: w.endsWith('=') }));
  // "word=" is a whole word, "word" a prefix
  const cases: [string, string | null][] = [
    ['suicide (?:bomb(?:er|ers)?|attacks?)', 'suicide='],
    ['(?:hand )?grenades?|grenade attack', 'grenade hand='],
    ['kill(?:s|ed|ing)?|killed in', 'kill'],
    ['kill(?:s|ed|ing)? (?:at least )?\\d+', 'kill= killed= killing= kills='],
    ['an? (?:[\\w-]+ )?strikes?|the strike', 'a= an= the='],
    ['(?<!anti-)riot(?:s|ed)?\\b(?! police)', 'riot'],
    ['(?:re)?took back|re-?entered', 're= reentered retook= took='],
    ['gun ?battles?', 'gun= gunbattle'],
    ['SVBIEDs?', 'svbied'],
    ['(?:x|)yz', 'xyz yz'],
    ['(?:ab)+cd', 'ab'],
    ['a?b', 'ab b'],
    ['qa[iï]da|qaïda', 'qa'],
    ['counter-?terrorism operations', 'counter= counterterrorism'],
    // cannot tell: a class, a repeatable optional group, a non-word start, the empty match
    ['(?:[\\w-]+ ){0,2}killed', null],
    ['\\d+ killed', null],
    ['-?armed', null],
    ['a|', null],
    ['(?:a)*', null],
    ['ab)c', null],
    ['(\\w)\\1', null],
  ];
  for (const [src, want] of cases) it(src, () => assert.deepEqual(leadingWords(src), want === null ? null : lead(want)));

  it('every match of a pattern starts with one of its words', () => {
    const text = 'Hand grenades and a grenade attack; the Re-entered town was retaken, GUN battles and gunbattles raged.';
    for (const src of ['(?:hand )?grenades?|grenade attack', 're-?entered|retaken|took', 'gun ?battles?']) {
      const leads = leadingWords(src)!;
      for (const m of text.matchAll(new RegExp(`\\b(?:${src})`, 'gi'))) {
        const word = /^\w*/.exec(text.slice(m.index))![0].toLowerCase();
        assert.ok(leads.some((l) => (l.exact ? word === l.word : word.startsWith(l.word))), `${src}: ${m[0]}`);
      }
    }
  });
});

describe('requiredWords', () => {
  const need = (spec: string) => spec.split(' ').map((w) => ({ word: w.replace(/=$/, ''), exact: w.endsWith('=') }));
  // "word=" is a whole word, "word" a prefix; the first word of a match is never counted (the leads cover it)
  const cases: [string, string | null][] = [
    ['an? (?:suicide|car) bomb(?:er|ing)?', 'bomb'],
    ['suicide bomber', 'bomber'],
    ['a (?:[\\w-]+ ){0,3}grenade attack', 'grenade='],
    ['the (?:fighting|clashes)', 'clashes fighting'],
    ['fired (?:on|at) (?:the )?protesters', 'protesters'],
    ['in the town', 'town'],
    // cannot tell: an alternative with nothing after its first word, only short words, a class before the word
    ['kill(?:s|ed)?|murdered', null],
    ['took (?:it|them) in', null],
    ['a \\w+bomb', null],
    ['a (?:big )?(?:car)?bomb', null],
  ];
  for (const [src, want] of cases) it(src, () => assert.deepEqual(requiredWords(src), want === null ? null : need(want)));

  it('every match of a pattern holds one of its words', () => {
    const text = 'A car bombing, a suicide bomber; the clashes and the fighting. Police fired at the protesters; a big old grenade attack.';
    for (const src of ['an? (?:suicide|car) bomb(?:er|ing)?', 'the (?:fighting|clashes)', 'fired (?:on|at) (?:the )?protesters', 'a (?:[\\w-]+ ){0,3}grenade attack']) {
      const needs = requiredWords(src)!;
      let n = 0;
      for (const m of text.matchAll(new RegExp(`\\b(?:${src})\\b`, 'gi'))) {
        const words = m[0].toLowerCase().split(/[^a-z0-9_]+/).slice(1);
        assert.ok(words.some((w) => needs.some((l) => (l.exact ? w === l.word : w.startsWith(l.word)))), `${src}: ${m[0]}`);
        n++;
      }
      assert.ok(n > 0, src);
    }
  });
});

describe('leadNeeds', () => {
  const leads = (spec: string) => spec.split(' ').map((w) => ({ word: w.replace(/=$/, ''), exact: w.endsWith('=') }));
  // per lead ("word=" a whole word, "word" a prefix): its words, or null
  const cases: [string, [string, string | null][] | null][] = [
    ['the (?:fighting|clashes)|kill(?:s|ed)?', [['kill', null], ['the=', 'clashes fighting']]],
    // a group that opens an alternative is split, with what follows it
    ['(?:(?:an?|the) (?:[\\w-]+ )?protesters|protest(?:s|ed)?)|the rally', [['a=', 'protesters'], ['an=', 'protesters'], ['protest', null], ['the=', 'protesters rally']]],
    // a branch whose leads may start the same word counts ("in" and "in…")
    ['in the town|in(?:to)? (?:the )?village', [['in=', 'town village'], ['into=', 'village']]],
    // words only for leads of at most four letters
    ['fighters (?:fled|withdrew)|the (?:army|troops) withdrew', [['fighters=', null], ['the=', 'withdrew']]],
    ['\\d+ killed', null],
  ];
  for (const [src, want] of cases) {
    it(src, () => assert.deepEqual(leadNeeds(src), want === null ? null : want.map(([l, n]) => ({ lead: leads(l)[0], needs: n === null ? null : leads(n) }))));
  }

  it('gives the leads of leadingWords', () => {
    for (const [src] of cases) assert.deepEqual(leadNeeds(src)?.map((x) => x.lead) ?? null, leadingWords(src));
  });

  it('every match that starts with a lead holds one of its words', () => {
    const text = 'The protesters marched; the rally ended. Fighting in the town, then in the village and into the village.';
    for (const [src] of cases) {
      for (const { lead, needs } of leadNeeds(src) ?? []) {
        if (!needs) continue;
        for (const m of text.matchAll(new RegExp(`\\b(?:${src})\\b`, 'gi'))) {
          const words = m[0].toLowerCase().split(/[^a-z0-9_]+/);
          if (!(lead.exact ? words[0] === lead.word : words[0]!.startsWith(lead.word))) continue;
          assert.ok(words.slice(1).some((w) => needs.some((l) => (l.exact ? w === l.word : w.startsWith(l.word)))), `${src}: ${m[0]}`);
        }
      }
    }
  });
});
