import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadSubplaceRules, findSubplaces } from './subplaces.js';
import { DATA_DIR } from './paths.js';

const rules = loadSubplaceRules(path.join(DATA_DIR, 'subplaces.tsv'));
const found = (text: string): string[] =>
  findSubplaces(rules, text).map((f) => `${f.rule}:${text.slice(f.name.start, f.name.end)}${f.city ? `@${text.slice(f.city.start, f.city.end)}` : ''}`);

describe('subplaces: frames (data/places/subplaces.tsv)', () => {
  it('finds an unknown name before a neighbourhood noun, with or without its city', () => {
    assert.deepEqual(found('A strike hit the central Nweiri neighbourhood.'), ['sub-neighbourhood:Nweiri']);
    assert.deepEqual(found('Police raided the Canapé-Vert neighbourhood of Port-au-Prince.'), ['sub-neighbourhood:Canapé-Vert@Port-au-Prince']);
    assert.deepEqual(found("Beirut's Nweiri quarter was hit."), ['sub-neighbourhood:Nweiri@Beirut']);
    assert.deepEqual(found('Shelling hit the al-Khalidiya neighbourhood.'), ['sub-neighbourhood:al-Khalidiya']);
  });
  it('takes "district" and "area" only with their city', () => {
    assert.deepEqual(found('A bomb went off in the Karrada district of Baghdad.'), ['sub-district-of:Karrada@Baghdad']);
    assert.deepEqual(found('Troops entered the Achin district on Monday.'), []);
  });
  it('finds generic city references; "the capital" only as a place', () => {
    assert.deepEqual(found('Fighters held out in the Old City.'), ['sub-old-city:Old City']);
    assert.deepEqual(found('Troops fled to the capital.'), ['sub-the-capital:the capital']);
    assert.deepEqual(found('Jolo, the capital of Sulu, was calm.'), []);
    assert.deepEqual(found('They lacked the capital to expand.'), []);
    assert.deepEqual(found('Protests in the capital, Kabul, grew.'), []);
  });
  it('ignores nouns with no name before them, lead words and compounds', () => {
    assert.deepEqual(found('The neighbourhood was calm. In the area, shops closed.'), []);
    assert.deepEqual(found('The Champions League quarter-final ended.'), []);
  });
});
