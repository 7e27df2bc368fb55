/**
 * `hasPlaceObject`: whether a territorial verb names the place that changed hands, on sentences
 * written for these tests (no gazetteer place in them, so only the grammar around the verb decides).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Sentence } from './analysis.js';
import { hasPlaceObject } from './event-place.js';
import type { TriggerMatch, TriggerRule } from './triggers.js';

/** A one-sentence text with no toponym, and the match of `verb` in it as a trigger of sub-type `sub`. */
function check(text: string, verb: string, sub: string): boolean {
  const s = { start: 0, end: text.length, index: 0, paragraph: 0, zone: 'lede', dates: [], toponyms: [], casualties: [], actors: [] } as Sentence;
  const start = text.indexOf(verb);
  assert.ok(start >= 0, verb);
  const t: TriggerMatch = { start, end: start + verb.length, text: verb, rule: { id: 'test', sub } as unknown as TriggerRule };
  return hasPlaceObject(text, s, t);
}

describe('hasPlaceObject', () => {
  it('reads "were back in control of" as a state, not a passive: its object follows', () => {
    assert.equal(check('Government troops were back in control of the border post on Monday.', 'back in control of', 'Government regains territory'), true);
    assert.equal(check('Government troops were once again in charge of the district on Monday.', 'once again in charge of', 'Government regains territory'), true);
    // a true passive still needs the place before it
    assert.equal(check('Three soldiers were captured on Monday.', 'captured', 'territory'), false);
  });
  it('takes "his" and "her" as determiners of the place taken', () => {
    assert.equal(check('The army said it had captured his posts near the river.', 'captured', 'territory'), true);
    assert.equal(check('Troops cleared his home village of militants on Monday.', 'cleared his home village of', 'Government regains territory'), true);
    assert.equal(check('The army said it had captured his brother near the river.', 'captured', 'territory'), false);
  });
});
