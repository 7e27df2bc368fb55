import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { DEFAULT_SOURCES, buildIndex, readAdmin1Aliases, writeIndex } from './build-gazetteer.js';
import { Gazetteer } from './gazetteer.js';
import { INDEX_VERSION, decodeIndex, encodeIndex } from './index-format.js';
import { ROOT } from './paths.js';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'geonames', 'cities-extract.txt');
const fixtureSources = { ...DEFAULT_SOURCES, cities: FIXTURE, admin2: path.join(ROOT, 'test', 'fixtures', 'geonames', 'none.json') };

describe('admin1-aliases.tsv', () => {
  const divisions = [{ code: 'MM.05', name: 'Kayin State' }];
  const file = (body: string): string => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-a1-')), 'admin1-aliases.tsv');
    fs.writeFileSync(f, `#id\tcode\tname\taliases\tsource\n${body}\n`);
    return f;
  };
  it('gives the other names of a division by its code', () => {
    assert.deepEqual(readAdmin1Aliases(file('a\tMM.05\tKayin State\tKaren State|Karen\tnews'), divisions).get('MM.05'), ['Karen State', 'Karen']);
  });
  it('names the file and line of an unknown code or a name that is not the code\'s', () => {
    assert.throws(() => readAdmin1Aliases(file('a\tMM.99\tKayin State\tKaren State\tnews'), divisions), /admin1-aliases\.tsv:2: no first-level division has code MM\.99/);
    assert.throws(() => readAdmin1Aliases(file('a\tMM.05\tKayah State\tKarenni\tnews'), divisions), /:2: division MM\.05 is "Kayin State", not "Kayah State"/);
  });
  it('every line of the shipped file names a shipped division', () => {
    const shipped = JSON.parse(fs.readFileSync(DEFAULT_SOURCES.admin1, 'utf8')) as { code: string; name: string }[];
    assert.ok(readAdmin1Aliases(DEFAULT_SOURCES.admin1Aliases, shipped).size > 50);
  });
});

describe('gazetteer on the GeoNames test extract', () => {
  let gaz: Gazetteer;
  before(() => {
    gaz = new Gazetteer(decodeIndex(encodeIndex(buildIndex(fixtureSources))));
  });

  it('finds places under any spelling, best prior first', () => {
    assert.equal(gaz.lookup('Khan Sheikhoun')[0]?.name, 'Khan Shaykhun');
    assert.equal(gaz.lookup("Ma'arrat an-Nu'man").find((p) => p.feature_code.startsWith('P.'))?.cc, 'SY');
    assert.equal(gaz.lookup('Maaret al-Numan').find((p) => p.feature_code.startsWith('P.'))?.cc, 'SY');
    assert.equal(gaz.lookup('Muqdisho')[0]?.name, 'Mogadishu');
    assert.equal(gaz.lookup('Artemivsk')[0]?.name, 'Bakhmut');
    const alex = gaz.lookup('Alexandria');
    assert.equal(alex[0]?.cc, 'EG', 'the most populous Alexandria ranks first');
    assert.ok(alex.some((p) => p.cc === 'US' && p.admin1 === 'Louisiana'));
  });
  it('marks level-2 (transliteration) matches and ranks them after level-1 ones', () => {
    const c = gaz.candidates('Maaret al Numan').filter((x) => x.place.feature_code.startsWith('P.'));
    assert.equal(c[0]?.level, 2);
    assert.equal(gaz.candidates('Khan Shaykhun')[0]?.level, 1);
  });
  it('returns nothing for an unknown name', () => {
    assert.deepEqual(gaz.lookup('Xyzzyville'), []);
    assert.deepEqual(gaz.lookup(''), []);
  });
  it('fills Place fields', () => {
    const kidal = gaz.lookup('Kidal').find((p) => p.feature_code === 'P.PPLA');
    assert.ok(kidal);
    assert.equal(kidal.cc, 'ML');
    assert.equal(kidal.iso3, 'MLI');
    assert.equal(kidal.country, 'Mali');
    assert.equal(kidal.admin1, 'Kidal');
    assert.ok(kidal.geonameid && kidal.geonameid > 0);
    assert.ok(Math.abs(kidal.latitude - 18.44) < 0.1 && Math.abs(kidal.longitude - 1.41) < 0.1);
  });
  it('computes first-level divisions from their member places', () => {
    const idlib = gaz.admin1('SY', 'Idlib');
    assert.equal(idlib?.feature_code, 'A.ADM1');
    assert.equal(idlib?.geonameid, null);
    assert.ok(idlib && Math.abs(idlib.latitude - 35.7) < 0.5, 'centroid of Idlib, Khan Shaykhun, Saraqib, Maarrat');
    assert.equal(gaz.admin1('SYR', 'Idlib Province')?.name, 'Idlib');
    assert.equal(gaz.admin1('MM', 'Kachin')?.name, 'Kachin State');
    assert.equal(gaz.admin1('SY', 'Kachin'), undefined);
  });
  it('resolves countries by code, name and demonym', () => {
    assert.equal(gaz.country('sy')?.name, 'Syria');
    assert.equal(gaz.country('COD')?.name, 'Democratic Republic of Congo');
    assert.equal(gaz.country('SY')?.feature_code, 'A.PCLI');
    assert.equal(gaz.countryByName('Britain')?.cc, 'GB');
    assert.equal(gaz.countryByName('DR Congo')?.cc, 'CD');
    assert.equal(gaz.countryByName('the US')?.cc, 'US');
    assert.equal(gaz.countryByName('Burma')?.cc, 'MM');
    assert.equal(gaz.demonym('Syrian')?.cc, 'SY');
    assert.equal(gaz.demonym('Syrians')?.cc, 'SY');
    assert.equal(gaz.demonym('Turkish')?.cc, 'TR');
    assert.equal(gaz.demonym('Congolese')?.cc, 'CD');
    assert.equal(gaz.demonym('Chineses'), undefined);
    assert.equal(gaz.lookup('Syria')[0]?.feature_code, 'A.PCLI', 'a country name is a country');
  });
});

describe('gazetteer index file', () => {
  it('round-trips through encode/decode', () => {
    const data = buildIndex(fixtureSources);
    const back = decodeIndex(encodeIndex(data));
    assert.equal(back.header.places, data.header.places);
    assert.deepEqual([...back.latitude], [...data.latitude]);
    assert.deepEqual(back.names, data.names);
    assert.deepEqual([...back.strict.post], [...data.strict.post]);
  });
  it('loads from an explicit folder and refuses a folder without an index', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gaz-'));
    assert.throws(() => Gazetteer.load({ dir }), /no gazetteer index/);
    try {
      writeIndex(dir, fixtureSources);
      assert.equal(Gazetteer.load({ dir }).lookup('Kidal')[0]?.cc, 'ML');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('full gazetteer (GeoNames cities500)', () => {
  let gaz: Gazetteer;
  before(() => {
    gaz = Gazetteer.load(); // builds dist/gazetteer/ first when missing
  });
  it('holds all places, divisions and countries', () => {
    assert.ok(gaz.size > 220_000, String(gaz.size));
    assert.equal(gaz.lookup('Rapides Parish')[0]?.feature_code, 'A.ADM2');
    assert.equal(gaz.lookup('Avoyelles')[0]?.admin1, 'Louisiana');
  });
  // (How fast it loads and how much memory it takes are measured by `npm run bench`, not asserted here: a timed
  // test fails on a busy machine for no fault of the code.)
  it('loads from the built index in a fresh node process and answers look-ups', (t) => {
    const js = path.join(ROOT, 'dist', 'place', 'gazetteer.js');
    const fmt = path.join(ROOT, 'dist', 'place', 'index-format.js');
    const built = fs.existsSync(fmt) && fs.readFileSync(fmt, 'utf8').includes(`INDEX_VERSION = ${INDEX_VERSION};`);
    if (!built) {
      t.skip('dist/place is missing or older than src (run npm run build)');
      return;
    }
    const script = `const {Gazetteer}=await import(${JSON.stringify(js)});const g=Gazetteer.load();console.log(JSON.stringify(g.lookup('Kidal')[0]))`;
    const kidal = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { cc: string; admin1: string };
    assert.equal(kidal.cc, 'ML');
    assert.equal(kidal.admin1, 'Kidal');
  });
});
