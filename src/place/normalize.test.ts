import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultFoldRules, fold, foldLoose, loadFoldRules } from './normalize.js';
import { SOURCES } from './paths.js';
import { readTsv } from './tsv.js';

describe('fold (level 1)', () => {
  it('strips diacritics, case and apostrophes', () => {
    assert.equal(fold('Khān Shaykhūn'), 'khan shaykhun');
    assert.equal(fold("Ma'arrat an-Nu'man"), 'maarrat al numan');
    assert.equal(fold('Ma‘arrat an Nu‘mān'), 'maarrat al numan');
    assert.equal(fold('ʿAyn al-ʿArab'), 'ayn al arab');
    assert.equal(fold('Ærøskøbing'), 'aeroskobing');
    assert.equal(fold('Łódź'), 'lodz');
  });
  it('unifies hyphens, dots and spaces', () => {
    assert.equal(fold('Port-au-Prince'), 'port au prince');
    assert.equal(fold('  Deir  ez-Zor '), 'deir al zor');
    assert.equal(fold('Deir ez Zor'), fold('Deir ez-Zor'));
  });
  it('rewrites assimilated Arabic articles only before their sun letter', () => {
    assert.equal(fold('Dayr az Zawr'), 'dayr al zawr');
    assert.equal(fold('As Suwayda'), 'al suwayda');
    assert.equal(fold('Ar-Raqqah'), 'al raqqah');
    assert.equal(fold('El Bab'), 'al bab');
    // English words that look like articles stay when the next word does not start with their letter
    assert.equal(fold('Newport at Sea'), 'newport at sea');
    assert.equal(fold('Stratford on Avon'), 'stratford on avon');
  });
  it('expands abbreviations inside multi-word names only', () => {
    assert.equal(fold('St. Louis'), 'saint louis');
    assert.equal(fold('Mt. Vernon'), 'mount vernon');
    assert.equal(fold('St'), 'st');
  });
  it('returns an empty key for names without letters or digits', () => {
    assert.equal(fold(' - '), '');
    assert.equal(foldLoose(''), '');
  });
});

describe('foldLoose (level 2)', () => {
  const meet = [
    ['Maaret al Numan', "Ma'arrat an Nu'man", 'Maarat al-Numan', 'Maaret al-Nouman'],
    ['Khan Sheikhoun', 'Khan Shaykhun', 'Khan Cheikhoun', 'Khān Shaykhūn'],
    ['Deir ez-Zor', 'Deir ez Zor', 'Dayr az Zawr'],
    ['Raqqa', 'Ar-Raqqah', 'Al Raqqa'],
    ['Sweida', 'As Suwayda', 'Suwayda'],
    ['Hama', 'Hamah'],
    ['Qamishli', 'Kamishli'],
  ];
  for (const group of meet) {
    it(`makes ${group.join(' / ')} meet`, () => {
      const keys = new Set(group.map((n) => foldLoose(n)));
      assert.equal(keys.size, 1, [...keys].join(', '));
    });
  }
  it('keeps different places apart', () => {
    assert.notEqual(foldLoose('Kherson'), foldLoose('Kharkiv'));
    assert.notEqual(foldLoose('Homs'), foldLoose('Hama'));
    assert.notEqual(foldLoose('Mosul'), foldLoose('Basra'));
  });
});

describe('transliteration.tsv', () => {
  it('has unique ids, known kinds and a reason on every line', () => {
    const rows = readTsv(SOURCES.transliteration, 5);
    const ids = rows.map((r) => r.cells[0]);
    assert.equal(new Set(ids).size, ids.length);
    for (const { line, cells } of rows) {
      assert.ok(['article', 'abbrev', 'loose'].includes(cells[1] ?? ''), `line ${line}`);
      assert.ok((cells[4] ?? '').length > 10, `line ${line} needs a reason`);
    }
  });
  it('compiles every loose rule', () => {
    assert.ok(defaultFoldRules().loose.length >= 10);
  });
  it('rejects an unknown rule kind', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fold-'));
    const f = path.join(dir, 'bad.tsv');
    fs.writeFileSync(f, 'x1\tmagic\ta\tb\treason here\n');
    try {
      assert.throws(() => loadFoldRules(f), /unknown kind/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('alternate-name filter (build-gazetteer isUsableAlternate)', () => {
  it('drops machine romanisations and short all-caps codes, keeps real names', async () => {
    const { isUsableAlternate } = await import('./build-gazetteer.js');
    assert.equal(isUsableAlternate('part'), false, 'lower-case romanisation (Perth)');
    assert.equal(isUsableAlternate('AID'), false, 'airport code (Anderson)');
    assert.equal(isUsableAlternate('al-Qusayr'), true);
    assert.equal(isUsableAlternate('Kiev'), true);
    assert.equal(isUsableAlternate('NYC'), false);
  });
});
