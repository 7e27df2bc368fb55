import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCountries } from './countries.js';
import { fold } from './normalize.js';

describe('countries.tsv', () => {
  const countries = loadCountries();
  const by = new Map(countries.map((c) => [c.iso2, c]));

  it('lists every ISO 3166-1 country once, plus Kosovo', () => {
    assert.equal(countries.length, 250);
    assert.equal(new Set(countries.map((c) => c.iso3)).size, 250);
    assert.equal(by.get('XK')?.iso3, 'XKX');
  });
  it('uses ACLED country names', () => {
    const acled: Record<string, string> = {
      SY: 'Syria', CD: 'Democratic Republic of Congo', CG: 'Republic of Congo', PS: 'Palestine', MM: 'Myanmar',
      CI: 'Ivory Coast', RU: 'Russia', IR: 'Iran', US: 'United States', GB: 'United Kingdom', SZ: 'eSwatini',
      TL: 'East Timor', KR: 'South Korea', LA: 'Laos', CZ: 'Czech Republic', MK: 'North Macedonia',
    };
    for (const [cc, name] of Object.entries(acled)) assert.equal(by.get(cc)?.name, name, cc);
  });
  it('carries the usual aliases and demonyms', () => {
    assert.ok(by.get('GB')?.aliases.includes('Britain'));
    assert.ok(by.get('MM')?.aliases.includes('Burma'));
    assert.ok(by.get('CD')?.aliases.includes('DRC'));
    assert.ok(by.get('US')?.aliases.includes('U.S.'));
    assert.ok(by.get('AE')?.aliases.includes('UAE'));
    for (const [cc, d] of [['SY', 'Syrian'], ['TR', 'Turkish'], ['ML', 'Malian'], ['SO', 'Somali'], ['UA', 'Ukrainian'], ['MM', 'Burmese'], ['IL', 'Israeli'], ['AF', 'Afghan'], ['US', 'American'], ['GB', 'British']]) {
      assert.ok(by.get(cc as string)?.demonyms.includes(d as string), `${cc} ${d}`);
    }
  });
  it('has coordinates inside the world for every country that gives them', () => {
    for (const c of countries) {
      if (c.latitude === null) continue;
      assert.ok(Math.abs(c.latitude) <= 90 && Math.abs(c.longitude ?? 999) <= 180, c.iso2);
    }
  });
  it('does not give one name to two countries (except the shared demonym Congolese)', () => {
    const owner = new Map<string, string>();
    for (const c of countries) {
      for (const n of [c.name, ...c.aliases]) {
        const k = fold(n);
        assert.ok(!owner.has(k) || owner.get(k) === c.iso2, `${n}: ${owner.get(k)} and ${c.iso2}`);
        owner.set(k, c.iso2);
      }
    }
  });
});
