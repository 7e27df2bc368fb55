import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leadingWords } from './regex-heads.js';

describe('leadingWords', () => {
  const cases: [string, string[] | null][] = [
    ['suicide (?:bomb(?:er|ers)?|attacks?)', ['suicide']],
    ['(?:hand )?grenades?|grenade attack', ['grenade', 'hand']],
    ['kill(?:s|ed|ing)?|killed in', ['kill']],
    ['(?<!anti-)riot(?:s|ed)?\\b(?! police)', ['riot']],
    ['(?:re)?took back|re-?entered', ['re', 'took']],
    ['gun ?battles?', ['gun']],
    ['SVBIEDs?', ['svbied']],
    ['(?:x|)yz', ['x', 'yz']],
    ['(?:ab)+cd', ['ab']],
    ['a?b', ['a', 'b']],
    // cannot tell: a class, a repeatable optional group, a non-word start, the empty match
    ['(?:[\\w-]+ ){0,2}killed', null],
    ['\\d+ killed', null],
    ['-?armed', null],
    ['a|', null],
    ['(?:a)*', null],
    ['ab)c', null],
    ['(\\w)\\1', null],
  ];
  for (const [src, want] of cases) it(src, () => assert.deepEqual(leadingWords(src), want));

  it('every match of a pattern starts with one of its words', () => {
    const text = 'Hand grenades and a grenade attack; the Re-entered town was retaken, GUN battles and gunbattles raged.';
    for (const src of ['(?:hand )?grenades?|grenade attack', 're-?entered|retaken|took', 'gun ?battles?']) {
      const words = leadingWords(src)!;
      for (const m of text.matchAll(new RegExp(`\\b(?:${src})`, 'gi'))) {
        assert.ok(words.some((w) => m[0].toLowerCase().startsWith(w)), `${src}: ${m[0]}`);
      }
    }
  });
});
