import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leadingWords } from './regex-heads.js';

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
