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

describe('ACLED actors across conflicts', () => {
  const one = (s: string) => dict.find(s, { start: 0, end: s.length });
  it('forces a named group leads are that group: "KIA-led forces"', () => {
    const [m] = one('KIA-led forces overran a junta outpost.');
    assert.equal(m?.text, 'KIA-led forces');
    assert.equal(dict.name(m!, 'MM'), 'KIA: Kachin Independence Army');
    assert.equal(m!.entry.inter, 2);
    // a state that leads ("Saudi-led coalition") is an alias of its own; a country prefix is a backer, not the actor
    assert.equal(dict.name(one('Saudi-led coalition jets struck Sanaa.')[0]!, 'YE'), 'Military Forces of Saudi Arabia');
    assert.equal(dict.mayHoldTied('KIA-led forces took the town.', { start: 0, end: 29 }), true);
  });
  it('resistance forces and military councils are not the state', () => {
    const chin = one('Chin resistance forces captured a base.')[0]!;
    assert.equal(dict.name(chin, 'MM'), 'CDF: Chinland Defense Force');
    assert.equal(chin.entry.inter, 2);
    assert.equal(one('Resistance forces captured Ye-U.')[0]!.entry.id, 'rebels');
    const mmc = one('The US-backed Manbij Military Council took the village.')[0]!;
    assert.equal(dict.name(mmc, 'SY'), 'Manbij Military Council');
    assert.equal(mmc.entry.inter, 2);
  });
  it('state units and affiliates keep ACLED\'s state-forces names', () => {
    assert.deepEqual(names('Peshmerga forces clashed with them.', 'IQ'), ['Military Forces of Iraq (2022-) Peshmerga']);
    const pmf = one('The PMF retook the village.')[0]!;
    assert.equal(pmf.entry.inter, 1);
    assert.equal(dict.name(pmf, 'IQ'), 'Military Forces of Iraq (2022-) Popular Mobilization Forces');
    assert.equal(one('Jubaland forces recaptured the town.')[0]!.entry.inter, 1);
    assert.equal(dict.name(one('Danab commandos raided the base.')[0]!, 'SO'), 'Military Forces of Somalia');
    assert.equal(dict.name(one('Security Belt forces detained ten men.')[0]!, 'YE'), 'Police Forces of Yemen (2022-) Presidential Leadership Council - STC Security Belt Forces');
    // pro-government militias are militias (not state forces), flagged as fighting on the state's side
    const cjtf = one('Civilian JTF members arrested two men.')[0]!;
    assert.equal(cjtf.entry.inter, 3);
    assert.equal(cjtf.entry.proGovernment, true);
    assert.equal(one('Boko Haram fighters attacked.')[0]!.entry.proGovernment, false);
  });
  it('a coup\'s soldiers are their state\'s forces; mutineers are apart from it', () => {
    assert.deepEqual(names('Members of the presidential guard detained the president.', 'NE'), ['Military Forces of Niger', 'Government of Niger']);
    const [m] = one('Mutinous soldiers seized the town.');
    assert.equal(dict.name(m!, 'CD'), 'Mutiny of Military Forces of Democratic Republic of Congo');
    assert.equal(m!.entry.inter, 2);
  });
  it('Palestinian forces: the Palestinian Authority\'s are its West Bank police, others by the demonym', () => {
    assert.deepEqual(names('Palestinian Authority security forces arrested three men.'), ['Police Forces of Palestine (1994-) West Bank']);
    assert.deepEqual(names('Palestinian security forces arrested five activists.'), ['Military Forces of Palestine', 'Protesters']);
    assert.deepEqual(names('Palestinian police arrested a man.'), ['Police Forces of Palestine', 'Civilians']);
  });
  it('"al-Shabab" is Islamic State (Mozambique) in Mozambique, and Somalia\'s Al Shabaab elsewhere', () => {
    const [m] = one('al-Shabab insurgents seized the town.');
    assert.ok(m?.alternates && m.namesCountry);
    assert.equal(dict.name(dict.resolve(m, 'MZ'), 'MZ'), 'Islamic State (Mozambique)');
    assert.equal(dict.name(dict.resolve(m, 'SO'), 'SO'), 'Al Shabaab');
    assert.equal(dict.name(dict.resolve(m, null), null), 'Al Shabaab');
    // "SNA" is no group's own name: it says nothing of the country
    assert.equal(one('SNA forces entered the town.')[0]!.namesCountry, undefined);
  });
  it('a named group wins over a generic phrase it partly overlaps', () => {
    assert.deepEqual(names('Gulf Cartel gunmen clashed with soldiers.', 'MX'), ['Gulf Cartel', 'Military Forces of Mexico']);
    assert.equal(one('Gulf Cartel gunmen clashed.')[0]!.text, 'Gulf Cartel gunmen');
  });
  it('a group ACLED recoded at a date is named as it was on the event\'s date', () => {
    const [t] = one('Taliban fighters took the district.');
    assert.equal(dict.name(dict.resolve(t!, 'AF', '2021-07-10'), 'AF'), 'Taliban');
    assert.equal(dict.resolve(t!, 'AF', '2021-08-15').entry.inter, 2); // the fall of Kabul: still a takeover
    const after = dict.resolve(t!, 'AF', '2021-09-05');
    assert.equal(dict.name(after, 'AF'), 'Military Forces of Afghanistan (2021-)');
    assert.equal(after.entry.inter, 1);
    assert.equal(dict.resolve(t!, 'AF', '2022-01-01').entry, after.entry); // one entry object per period
    assert.equal(dict.resolve(t!, 'AF', null), t); // no date: the group as it is named now
    const [r] = one('RSF troops fired on the crowd.');
    assert.equal(dict.name(dict.resolve(r!, 'SD', '2019-06-03'), 'SD'), 'Military Forces of Sudan (2019-) Rapid Support Forces');
    assert.equal(dict.resolve(r!, 'SD', '2023-04-15').entry.inter, 2);
  });
  it('tribal, clan and communal militias are identity militias of the country', () => {
    const [t] = one('Tribal fighters took a hill.');
    assert.equal(dict.name(t!, 'YE'), 'Unidentified Tribal Militia (Yemen)');
    assert.equal(t!.entry.inter, 4);
    assert.deepEqual(names('Clan militias clashed.', 'SO'), ['Unidentified Clan Militia (Somalia)']);
    assert.deepEqual(names('Armed Fulani herders killed 12 villagers.', 'NG'), ['Fulani Ethnic Militia (Nigeria)', 'Civilians (Nigeria)']);
    assert.deepEqual(names('Nuer militiamen attacked a cattle camp.', 'SS'), ['Nuer Ethnic Militia (South Sudan)']);
    assert.deepEqual(names('Meitei militias clashed with Kuki gunmen.', 'IN'), ['Meitei Ethnic Militia (India)', 'Kuki Ethnic Militia (India)']);
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
