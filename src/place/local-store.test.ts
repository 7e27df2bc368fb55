import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Gazetteer } from './gazetteer.js';
import { geoparse } from './geoparse.js';
import { DumpError, OVERLAY_FILE, STORE_FILE, dumpKind, importDumps, parsePlaceLine, storeInfo } from './local-store.js';
import { ROOT } from './paths.js';

const FX = path.join(ROOT, 'test', 'fixtures', 'geonames');
const fx = (f: string): string => path.join(FX, f);

let base: Gazetteer;
let tmp: string;
before(() => {
  base = Gazetteer.load({ overlayDir: false });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-gaz-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes a dump file in the temp folder. */
function write(name: string, content: string | Buffer): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, content);
  return f;
}

const snapshot = (dir: string): string[] =>
  [STORE_FILE, OVERLAY_FILE].map((f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f)).toString('base64') : 'missing'));

describe('local gazetteer: dump parsing', () => {
  it('tells dump kinds by file name and refuses zip archives', () => {
    assert.equal(dumpKind('/x/SY.txt'), 'places');
    assert.equal(dumpKind('allCountries.txt'), 'places');
    assert.equal(dumpKind('alternateNamesV2.txt'), 'alternates');
    assert.equal(dumpKind('admin1CodesASCII.txt'), 'admin1');
    assert.throws(() => dumpKind('SY.zip'), /unpack it first/);
  });
  it('checks the 19 columns and numeric fields, naming file and line', () => {
    const good = fs.readFileSync(fx('SS.txt'), 'utf8').split('\n')[0] as string;
    assert.equal(parsePlaceLine('SS.txt', 1, good).name, 'Nasir');
    assert.throws(() => parsePlaceLine('SS.txt', 7, good.split('\t').slice(0, 18).join('\t')), /SS\.txt:7: expected 19 tab-separated columns/);
    const f = good.split('\t');
    f[4] = 'north';
    assert.throws(() => parsePlaceLine('SS.txt', 3, f.join('\t')), /SS\.txt:3: latitude "north" is not a number/);
  });
});

describe('local gazetteer: import', () => {
  it('imports country files, alternate names and division names; geoparse then finds the villages', () => {
    const dir = path.join(tmp, 'store');
    const r = importDumps([fx('alternateNamesV2.txt'), fx('SS.txt'), fx('MZ.txt'), fx('admin1CodesASCII.txt')], { dir, base });
    assert.deepEqual(r.files.map((f) => [path.basename(f.file), f.rows]), [['SS.txt', 5], ['MZ.txt', 3], ['alternateNamesV2.txt', 5], ['admin1CodesASCII.txt', 2]]);
    assert.equal(r.overlayPlaces, 7, 'the river (class H) is not imported by default');
    const gaz = Gazetteer.load({ overlayDir: dir });
    assert.equal(gaz.size, base.size + 7);
    const nasir = gaz.lookup('Nasir').find((p) => p.cc === 'SS');
    assert.equal(nasir?.admin1, 'Upper Nile');
    assert.equal(gaz.lookup('Nasser Town')[0]?.geonameid, 9900001, 'alternate name from alternateNamesV2.txt');
    assert.equal(gaz.lookup('Londinium Town')[0]?.cc, 'GB', 'alternate name of a main-index place');
    assert.equal(gaz.lookup('MZB').length, 0, 'iata codes are not names');
    const tops = geoparse(gaz, 'South Sudanese troops were evacuated from the town of Nasir in Upper Nile. Insurgents attacked Mocímboa da Praia and Palma in Cabo Delgado, Mozambique.');
    assert.equal(tops.find((t) => t.text === 'Nasir')?.place?.geonameid, 9900001);
    assert.equal(tops.find((t) => t.text === 'Mocímboa da Praia')?.place?.cc, 'MZ');
    assert.equal(tops.find((t) => t.text === 'Palma')?.place?.cc, 'MZ');
    const info = storeInfo(dir);
    assert.equal(info.places, 7);
    assert.equal(info.sources.length, 4);
  });
  it('bad dump files give a clear error and leave the existing gazetteer intact', () => {
    const dir = path.join(tmp, 'intact');
    importDumps([fx('SS.txt')], { dir, base });
    const before = snapshot(dir);
    const good = fs.readFileSync(fx('MZ.txt'), 'utf8');
    const cols = good.split('\n').map((l, i) => (i === 1 ? l.split('\t').slice(0, 15).join('\t') : l)).join('\n');
    const coords = good.replace('-10.776', '-10,776');
    const cases: [string, string | Buffer, RegExp][] = [
      ['columns.txt', cols, /columns\.txt:2: expected 19 tab-separated columns \(GeoNames main table\), got 15/],
      ['coords.txt', coords, /coords\.txt:2: latitude "-10,776" is not a number/],
      ['binary.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14]), /binary\.txt:1: binary data/],
      ['latin1.txt', Buffer.from('1\tS\xe3o Paulo\n', 'latin1'), /latin1\.txt:1: not UTF-8 text/],
      ['alternateNames.txt', '1\t2\ten\n', /alternateNames\.txt:1: expected 8 or 10 tab-separated columns/],
      ['admin1CodesASCII.txt', 'SS.07\tUpper Nile\n', /admin1CodesASCII\.txt:1: expected 4 tab-separated columns/],
    ];
    for (const [name, content, re] of cases) {
      const bad = write(name, content);
      // The good file is imported in the same call: all or nothing.
      assert.throws(() => importDumps([fx('MZ.txt'), bad], { dir, base }), (e: unknown) => e instanceof DumpError && re.test(e.message), name);
      assert.deepEqual(snapshot(dir), before, `${name}: store and overlay unchanged`);
      assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temp file left');
    }
    assert.throws(() => importDumps([path.join(tmp, 'missing.txt')], { dir, base }), /missing\.txt: no such file/);
    assert.equal(Gazetteer.load({ overlayDir: dir }).lookup('Palma').some((p) => p.cc === 'MZ'), false);
  });
  it('re-importing merges with what is stored', () => {
    const dir = path.join(tmp, 'merge');
    importDumps([fx('SS.txt')], { dir, base });
    importDumps([fx('MZ.txt')], { dir, base });
    const gaz = Gazetteer.load({ overlayDir: dir });
    assert.ok(gaz.lookup('Ulang').some((p) => p.cc === 'SS'));
    assert.ok(gaz.lookup('Quitunda').some((p) => p.cc === 'MZ'));
  });
});
