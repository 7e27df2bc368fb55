import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Toponym } from '../domain/types.js';
import { Gazetteer } from './gazetteer.js';
import { geoparse } from './geoparse.js';
import { loadLexicons, stopKinds } from './lexicons.js';
import { ROOT } from './paths.js';

interface Expect {
  text: string;
  cc?: string;
  name?: string;
  feature?: string;
  admin1?: string;
  role?: string;
  relative?: number;
  relativeText?: string;
}
interface Fixture {
  id: string;
  text: string;
  expect: Expect[];
  absent?: string[];
  /** Names that may be recognised but must not be placed (no toponym, or one with place null). */
  unresolved?: string[];
}

const FIXTURE_FILES = ['paragraphs.json', 'robustness.json'];
const FIXTURES = FIXTURE_FILES.flatMap((f) => JSON.parse(
  fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'geoparse', f), 'utf8'),
) as Fixture[]);

let gaz: Gazetteer;
before(() => {
  gaz = Gazetteer.load();
});

const find = (tops: Toponym[], text: string): Toponym | undefined => tops.find((t) => t.text === text);

describe('geoparse: golden paragraphs (test/fixtures/geoparse/*.json)', () => {
  for (const fx of FIXTURES) {
    it(fx.id, () => {
      const tops = geoparse(gaz, fx.text);
      for (const t of tops) assert.equal(fx.text.slice(t.start, t.end), t.text, 'spans point into the text');
      for (const e of fx.expect) {
        const t = find(tops, e.text);
        assert.ok(t, `${fx.id}: "${e.text}" not found in ${tops.map((x) => x.text).join(', ')}`);
        assert.ok(t.place, `${e.text}: unresolved`);
        if (e.cc) assert.equal(t.place.cc, e.cc, `${e.text}: country`);
        if (e.name) assert.equal(t.place.name, e.name, `${e.text}: place name`);
        if (e.feature) assert.ok(t.place.feature_code.startsWith(e.feature), `${e.text}: ${t.place.feature_code} is not ${e.feature}`);
        if (e.admin1) assert.equal(t.place.admin1, e.admin1, `${e.text}: admin1`);
        if (e.role) assert.equal(t.role, e.role, `${e.text}: role`);
        if (e.relative) assert.equal(t.relative?.geo_precision, e.relative, `${e.text}: relative`);
        if (e.relativeText) assert.equal(t.relative?.text, e.relativeText);
      }
      for (const a of fx.absent ?? []) assert.equal(find(tops, a), undefined, `${fx.id}: "${a}" is not a place here`);
      for (const u of fx.unresolved ?? []) {
        const t = tops.find((x) => x.text.includes(u) && x.place);
        assert.equal(t, undefined, `${fx.id}: "${u}" must stay unresolved, got ${t?.place?.name}/${t?.place?.cc}`);
      }
    });
  }
});

describe('geoparse: recognition rules', () => {
  it('reads a name the gazetteer lacks as a town where the text says a town stands, and a list after it', () => {
    const tops = geoparse(gaz, 'The rebels held the towns of Latamneh and Kafr Zeita in northern Hama until Monday.');
    const latamneh = find(tops, 'Latamneh');
    assert.ok(latamneh, 'Latamneh recognised');
    assert.equal(latamneh.place, null);
    assert.equal(latamneh.townCue, true);
    assert.equal(find(tops, 'Kafr Zeita')?.place?.cc, 'SY');
    // No cue, no name: an unknown capitalised word alone is not a place.
    assert.equal(find(geoparse(gaz, 'Latamneh said the talks would resume.'), 'Latamneh'), undefined);
    // "near" cues too, for a bare name; not for "the ..." after them, nor for "between".
    assert.equal(find(geoparse(gaz, 'Fighters attacked the outskirts of Barsalogho, about 40 km north of Kaya.'), 'Barsalogho')?.place, null);
    assert.equal(find(geoparse(gaz, 'Crowds gathered outside the Parliament on Monday.'), 'Parliament'), undefined);
    assert.equal(find(geoparse(gaz, 'Fighting raged between the Gpepo gang and its rivals.'), 'Gpepo'), undefined);
  });
  it('joins hyphenated names and finds a place inside a hyphenated compound', () => {
    const tops = geoparse(gaz, 'Flights to Port-au-Prince resumed. Gainesville-area dealers are worried.');
    assert.equal(find(tops, 'Port-au-Prince')?.place?.cc, 'HT');
    assert.equal(find(tops, 'Gainesville')?.place?.cc, 'US');
  });
  it('drops stop-listed words unless a place cue stands before them', () => {
    assert.equal(find(geoparse(gaz, 'Police said the suspect fled in May.'), 'May'), undefined);
    assert.equal(find(geoparse(gaz, 'Police said the suspect fled.'), 'Police'), undefined);
  });
  it('reads a surname as a person everywhere once a first name or title precedes it', () => {
    const tops = geoparse(gaz, 'County clerk Robert Ripley filed the papers. Ripley said the count was done.');
    assert.equal(find(tops, 'Ripley'), undefined);
  });
  it('marks places inside organisation names as in-org', () => {
    const tops = geoparse(gaz, 'Students at the University of Mosul and editors of the Washington Post protested.');
    assert.equal(find(tops, 'Mosul')?.role, 'in-org');
    assert.equal(find(tops, 'Washington')?.role, 'in-org');
  });
  it('marks demonyms and resolves them to their country', () => {
    const t = find(geoparse(gaz, 'Congolese troops crossed the border.'), 'Congolese');
    assert.equal(t?.role, 'demonym');
    assert.equal(t?.place?.cc, 'CD');
  });
  it('recognises country aliases and codes, but not unknown all-caps words', () => {
    const tops = geoparse(gaz, 'Talks between the US, the UK and the DRC stalled, the UN and CNN said.');
    assert.equal(find(tops, 'US')?.place?.cc, 'US');
    assert.equal(find(tops, 'UK')?.place?.cc, 'GB');
    assert.equal(find(tops, 'DRC')?.place?.cc, 'CD');
    assert.equal(find(tops, 'CNN'), undefined);
  });
  it('ignores names inside source zones', () => {
    const text = 'Reporting by Mosul Bureau. Fighting in Mosul.';
    const tops = geoparse(gaz, text, { zones: [{ kind: 'source', start: 0, end: 26 }] });
    assert.deepEqual(tops.map((t) => t.start), [text.lastIndexOf('Mosul')]);
  });
});

describe('geoparse: conflict-news robustness (issue 3)', () => {
  it('an alternate-name-only match loses to a place bearing the name (sig-alt-name)', () => {
    assert.equal(find(geoparse(gaz, 'Challenges to Proposition 8 in California and elsewhere.'), 'California')?.place?.feature_code, 'A.ADM1');
  });
  it('a transliteration never lands on a country (res-loose-country) and off focus stays unresolved (res-variant-off-focus)', () => {
    const tops = geoparse(gaz, 'Israeli jets struck Beirut. A strike flattened a building in Nweiri, Lebanese media said.');
    assert.equal(find(tops, 'Nweiri')?.place ?? null, null);
  });
  it('a division abbreviation ending a sentence off focus is a word (res-abbrev-off-focus)', () => {
    const tops = geoparse(gaz, 'Soldiers guarded churches in Jolo and Zamboanga during Sunday Mass. Philippine officials spoke.');
    assert.equal(find(tops, 'Mass.')?.place ?? null, null);
    assert.equal(find(geoparse(gaz, 'He lives in Lowell, Mass. He works in Boston.'), 'Mass.')?.place?.cc, 'US');
  });
  it('a neighbourhood takes its city with geo_precision 2, or a same-named place near it', () => {
    const t = find(geoparse(gaz, 'Gunmen attacked the Nazon neighbourhood of Port-au-Prince, Haiti.'), 'Nazon');
    assert.equal(t?.place?.name, 'Port-au-Prince');
    assert.equal(t?.relative?.geo_precision, 2);
    const k = find(geoparse(gaz, 'A bomb went off in the Karrada district of Baghdad, Iraq.'), 'Karrada');
    assert.equal(k?.place?.cc, 'IQ');
  });
});

describe('geoparse: resolution signals', () => {
  it('a country name is the country (sig-country-name)', () => {
    assert.equal(find(geoparse(gaz, 'Refugees returned to Jordan.'), 'Jordan')?.place?.feature_code, 'A.PCLI');
  });
  it('"X, Y" puts X inside Y (sig-parent)', () => {
    assert.equal(find(geoparse(gaz, 'He grew up in Paris, Texas.'), 'Paris')?.place?.admin1, 'Texas');
    assert.equal(find(geoparse(gaz, 'He grew up in Paris, Tennessee.'), 'Paris')?.place?.admin1, 'Tennessee');
    assert.equal(find(geoparse(gaz, 'He grew up in Paris.'), 'Paris')?.place?.cc, 'FR');
  });
  it('"X (Y)": a bracketed division is the division, and X lies in it or stays unplaced (res-bracket-division)', () => {
    const tops = geoparse(gaz, 'On 5 March 2020, militants attacked army positions in Boni (Mopti).');
    const mopti = find(tops, 'Mopti')?.place;
    assert.equal(mopti?.feature_code, 'A.ADM1');
    assert.equal(mopti?.cc, 'ML');
    // Boni (Mali) is too small for the gazetteer; Watampone (Indonesia), also called Boni, is not in Mopti.
    assert.equal(find(tops, 'Boni')?.place ?? null, null);
    const gao = geoparse(gaz, 'On 5 March 2020, a mine exploded near Gao (Gao) and in Ansongo (Gao region).');
    assert.equal(find(gao.slice(0, 1), 'Gao')?.place?.feature_code.startsWith('P.'), true);
    assert.equal(find(gao, 'Ansongo')?.place?.admin1, 'Gao');
  });
  it('a division is found under the names news and ACLED give it (admin1-aliases.tsv)', () => {
    const tops = geoparse(gaz, 'Clashes were reported in Karen State, in Nord-Kivu, in Hiraan and in Ninewa.');
    assert.deepEqual(['Karen State', 'Nord-Kivu', 'Hiraan', 'Ninewa'].map((n) => `${find(tops, n)?.place?.cc} ${find(tops, n)?.place?.feature_code}`),
      ['MM A.ADM1', 'CD A.ADM1', 'SO A.ADM1', 'IQ A.ADM1']);
  });
  it('the first part of a hyphenated name is no place of another country (res-hyphen-part-off-focus)', () => {
    const tops = geoparse(gaz, 'In Cameroon, residents of a village in Ndu Subdivision of Donga-Mantung Division counted their dead.');
    assert.equal(find(tops, 'Donga')?.place ?? null, null, 'not Donga, Benin');
    assert.equal(find(tops, 'Cameroon')?.place?.cc, 'CM');
  });
  it('a transliteration-only match in a text that names no country is held to the off-focus guard', () => {
    // Maungdaw (Myanmar) is not in cities500; its loose key matches Mingda, China.
    assert.equal(find(geoparse(gaz, 'Soldiers burned down 40 houses in a village in Maungdaw.'), 'Maungdaw')?.place ?? null, null);
    // ... unless it is close to the place's own name.
    assert.equal(find(geoparse(gaz, 'An air strike hit a market in Maaret al Numan.'), 'Maaret al Numan')?.place?.cc, 'SY');
  });
  it('the focus country pulls ambiguous names (sig-focus-country, opts.focusCc)', () => {
    assert.equal(find(geoparse(gaz, 'Clashes in Alexandria.', { focusCc: 'US' }), 'Alexandria')?.place?.cc, 'US');
    assert.equal(find(geoparse(gaz, 'Clashes in Alexandria.'), 'Alexandria')?.place?.cc, 'EG');
  });
  it('co-occurring places pull each other together (sig-colocated, sig-near)', () => {
    const tops = geoparse(gaz, 'The fire spread from Pineville to Alexandria and Marksville.');
    assert.equal(find(tops, 'Alexandria')?.place?.admin1, 'Louisiana');
  });
  it('a named division pulls its places (sig-in-named-admin1)', () => {
    const tops = geoparse(gaz, 'Georgia officials said Athens and Gainesville were hit.');
    assert.equal(find(tops, 'Athens')?.place?.admin1, 'Georgia');
    assert.equal(find(tops, 'Georgia')?.place?.feature_code, 'A.ADM1');
  });
  it('an admin cue prefers the division (sig-cue-admin), a bare seat name the town (sig-seat-over-admin1)', () => {
    assert.equal(find(geoparse(gaz, 'Troops entered Kidal region.'), 'Kidal')?.place?.feature_code, 'A.ADM1');
    assert.equal(find(geoparse(gaz, 'Troops entered Kidal.'), 'Kidal')?.place?.feature_code, 'P.PPLA');
  });
  it('one sense per discourse: the same name gets the same place', () => {
    const tops = geoparse(gaz, 'Paris, Texas, is quiet. In Paris the mayor spoke.');
    const ps = tops.filter((t) => t.text === 'Paris').map((t) => t.place?.admin1);
    assert.deepEqual(ps, ['Texas', 'Texas']);
  });
  it('relative locations carry their qualifier and geo_precision 2', () => {
    const t = find(geoparse(gaz, 'The convoy was ambushed 15 kilometres north-west of Gao.'), 'Gao');
    assert.equal(t?.relative?.geo_precision, 2);
    assert.match(t?.relative?.text ?? '', /15 kilometres north-west of/);
  });
});

describe('geoparse: edge cases', () => {
  it('returns nothing for empty, lower-case or non-Latin text', () => {
    assert.deepEqual(geoparse(gaz, ''), []);
    assert.deepEqual(geoparse(gaz, 'no capitals here at all.'), []);
    assert.deepEqual(geoparse(gaz, 'قصف في إدلب'), []);
  });
  it('cuts possessives and keeps exact offsets', () => {
    const text = "Syria's war reached Kidal's outskirts.";
    const tops = geoparse(gaz, text);
    assert.deepEqual(tops.map((t) => text.slice(t.start, t.end)), ['Syria', 'Kidal']);
  });
  it('handles long texts', () => {
    const text = `${'Nothing happened here. '.repeat(5000)}Then fighting broke out in Gao.`;
    assert.equal(find(geoparse(gaz, text), 'Gao')?.place?.cc, 'ML');
  });
});

describe('geoparse data files', () => {
  it('load, with known kinds and unique signal ids', () => {
    const lex = loadLexicons();
    assert.ok(lex.stop.get('May')?.has('month'));
    assert.ok(lex.stop.get('said')?.has('speech'));
    assert.ok(lex.cues.length >= 8);
    for (const id of ['sig-focus-country', 'sig-parent', 'sig-near-100', 'sig-loose', 'sig-alt-name']) assert.ok(lex.signals.has(id), id);
    for (const id of ['res-variant-off-focus', 'res-small-off-focus', 'res-tiny-off-focus', 'res-name-part-off-focus', 'sub-near-km']) {
      assert.ok(Number.isFinite(lex.guards.get(id)), id);
    }
    assert.ok(lex.subplaces.some((r) => r.id === 'sub-neighbourhood'));
    assert.ok(lex.stop.get('Pedro')?.has('given'));
    assert.ok(lex.stop.get('da')?.has('particle'));
  });
  it('the stop list falls back to the plain-letter form of an accented word', () => {
    const lex = loadLexicons();
    assert.ok(stopKinds(lex, 'Martínez')?.has('name'), 'Martinez is listed without its accent');
    assert.equal(stopKinds(lex, 'Kharkiv'), undefined);
  });
});
