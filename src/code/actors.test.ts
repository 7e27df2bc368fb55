import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCountries } from '../place/countries.js';
import { loadActors } from './actors.js';

const dict = loadActors(loadCountries());
const names = (s: string, cc: string | null = null) => dict.find(s, { start: 0, end: s.length }).map((m) => dict.name(m, cc));

describe('actor dictionary', () => {
  it('takes the country of a generic actor from the demonym before it', () => {
    assert.deepEqual(names('Kenyan police fired tear gas.'), ['Police Forces of Kenya']);
    assert.deepEqual(names("Syria's army shelled the town."), ['Military Forces of Syria']);
  });
  it('takes the country from the event when the text gives none', () => {
    assert.deepEqual(names('Troops entered the town.', 'ML'), ['Military Forces of Mali']);
  });
  it('names known groups canonically, acronyms case-sensitively', () => {
    assert.ok(names('Fighters of al-Shabab attacked a base.').includes('Al Shabaab'));
    assert.ok(names('The RSF shelled the market.').includes('RSF: Rapid Support Forces'));
    assert.ok(!names('the rsf of things').includes('RSF: Rapid Support Forces'));
  });
  it('keeps the backer of a "Russia-backed" force apart', () => {
    const s = 'Russia-backed Syrian regime forces advanced.';
    const m = dict.find(s, { start: 0, end: s.length });
    assert.equal(m.length, 1);
    assert.equal(dict.name(m[0]!, null), 'Military Forces of Syria');
    assert.equal(m[0]!.backer, 'RU');
  });
  it('a bare country name stands for its state', () => {
    const s = 'Israel struck targets overnight.';
    const m = dict.find(s, { start: 0, end: s.length });
    assert.equal(m[0]?.state, true);
    assert.equal(dict.name(m[0]!, null), 'Military Forces of Israel');
  });
  it('an alias two groups share is the group of the event\'s country', () => {
    const s = 'SNA forces entered the town.';
    const [m] = dict.find(s, { start: 0, end: s.length });
    assert.ok(m?.alternates && m.alternates.length === 2);
    const somali = dict.resolve(m, 'SO');
    assert.equal(dict.name(somali, 'SO'), 'Military Forces of Somalia');
    assert.equal(somali.entry.inter, 1);
    assert.equal(dict.name(dict.resolve(m, 'SY'), 'SY'), 'Syrian National Army');
    // no country, or one neither group is tied to: the first entry of the file
    assert.equal(dict.resolve(m, null), m);
    assert.equal(dict.resolve(m, 'KE').entry.id, 'sna');
  });
  it('a country acronym names the state only in capitals', () => {
    assert.deepEqual(names('Gunmen fired on a car near the market.'), ['Unidentified Armed Group']);
    assert.ok(names('CAR troops clashed with rebels.').includes('Military Forces of Central African Republic'));
    assert.equal(dict.countryOfWord('Car'), null);
    assert.equal(dict.countryOfWord('US'), 'US');
  });
  it('IS branches carry the country of the event', () => {
    assert.deepEqual(names('Islamic State claimed the attack.', 'IQ'), ['Islamic State (Iraq)']);
  });
});

describe('wordSpans', () => {
  it('splits as the WORD regex does', async () => {
    const { wordSpans } = await import('./actors.js');
    const WORD = /[\p{L}\p{N}]+(?:(?:[./&-]|['’](?!s\b))[\p{L}\p{N}]+)*/gu;
    const texts = [
      "Syria's army and al-Shabab's fighters; O'Brien, U.S./U.K. forces, AT&T, ALI'S and 'sa.",
      'Qaïda — ’s 𝐁𝐨𝐥𝐝 words, 中文 ١٢٣ numbers, 3.5 million, a-, -b, x’ y’sz ’s',
      'trailing dot. slash/ amp& dash- quote’ end',
      '',
    ];
    for (const t of texts) {
      assert.deepEqual(wordSpans(t), [...t.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length })), t);
    }
  });
});

describe('mayHoldTied', () => {
  const tied = (s: string) => dict.mayHoldTied(s, { start: 0, end: s.length });
  it('is true wherever find gives a group tied to one country', () => {
    for (const s of [
      'Fighters of al-Shabab attacked a base.',
      'The RSF shelled the market.',
      'Houthi rebels fired a missile; the Syrian Democratic Forces said so.',
      'M23 fighters took the hill as Turkish-backed Syrian National Army units advanced.',
      'ÀÉ words before Hezbollah and the Taliban.',
    ]) {
      assert.ok(dict.find(s, { start: 0, end: s.length }).some((m) => m.entry.country), s);
      assert.equal(tied(s), true, s);
    }
  });
  it('is false where no alias of such a group occurs', () => {
    for (const s of ['Kenyan police fired tear gas.', 'Israel struck targets overnight.', 'The new national government of the united front.', 'the rsf of things', '']) {
      assert.equal(tied(s), false, s);
    }
  });
});
