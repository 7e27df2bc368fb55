/**
 * The `sitrep geoparse` and `sitrep gazetteer` commands (src/cli/commands/{geoparse,gazetteer}.ts), run in a child
 * process with only these two commands registered.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from './paths.js';

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-cmd-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `sitrep ARGS` with the place commands only. */
function sitrep(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const script = [
    "import { Command } from 'commander';",
    "import { register as g } from './src/cli/commands/geoparse.ts';",
    "import { register as z } from './src/cli/commands/gazetteer.ts';",
    "const p = new Command('sitrep'); g(p); z(p);",
    "const args = process.argv.slice(1); if (args[0] === '--') args.shift();",
    "await p.parseAsync(args, { from: 'user' });",
  ].join('\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, SITREP_GAZETTEER: path.join(tmp, 'none'), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sitrep geoparse', () => {
  it('prints one line per document, keeps the doc of JSON Lines records, reports unreadable inputs', () => {
    const jsonl = path.join(tmp, 'docs.jsonl');
    fs.writeFileSync(jsonl, `${JSON.stringify({ doc: 7, text: 'Shelling hit Kharkiv in the Saltivka neighbourhood.' })}\n${JSON.stringify({ doc: 8, text: 'Nothing here.' })}\n`);
    const txt = path.join(tmp, 'a.txt');
    fs.writeFileSync(txt, 'Fighters attacked Kidal, Mali, on Monday.\n');
    const r = sitrep(['geoparse', jsonl, txt, path.join(tmp, 'missing.txt')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /missing\.txt: /);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines.map((l) => l['doc'] ?? l['file']), [7, 8, 'a.txt']);
    const [first] = (lines[0] as { toponyms: Record<string, unknown>[] }).toponyms;
    assert.deepEqual(Object.keys(first ?? {}).slice(0, 14), ['start', 'end', 'text', 'name', 'geonameid', 'latitude', 'longitude', 'country', 'iso3', 'admin1', 'feature_code', 'population', 'confidence', 'role']);
    assert.equal(first?.['iso3'], 'UKR');
    const saltivka = (lines[0] as { toponyms: { text: string; name: string; relative?: { geo_precision: number } }[] }).toponyms.find((t) => t.text === 'Saltivka');
    assert.equal(saltivka?.name, 'Kharkiv');
    assert.equal(saltivka?.relative?.geo_precision, 2);
  });
});

describe('sitrep gazetteer', () => {
  it('imports dumps into --dir, shows them in info, and refuses a bad file without changing anything', () => {
    const dir = path.join(tmp, 'gz');
    const fx = path.join(ROOT, 'test', 'fixtures', 'geonames');
    const ok = sitrep(['gazetteer', 'import', '--dir', dir, path.join(fx, 'SS.txt'), path.join(fx, 'admin1CodesASCII.txt')]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /4 places beyond the main index/);
    const info = sitrep(['gazetteer', 'info', '--dir', dir, '--json']);
    const j = JSON.parse(info.stdout) as { local: { places: number; overlayPlaces: number; sources: unknown[] } };
    assert.equal(j.local.overlayPlaces, 4);
    assert.equal(j.local.sources.length, 2);
    const bad = path.join(tmp, 'XX.txt');
    fs.writeFileSync(bad, '1\tBadville\n');
    const before = fs.readFileSync(path.join(dir, 'overlay.bin'));
    const r = sitrep(['gazetteer', 'import', '--dir', dir, bad]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /XX\.txt:1: expected 19 tab-separated columns/);
    assert.ok(before.equals(fs.readFileSync(path.join(dir, 'overlay.bin'))));
    // Every command uses the local gazetteer of $SITREP_GAZETTEER.
    const doc = path.join(tmp, 'ss.txt');
    fs.writeFileSync(doc, 'Soldiers were evacuated from the town of Kiech Kon in Upper Nile, South Sudan.\n');
    const g = sitrep(['geoparse', doc], { SITREP_GAZETTEER: dir });
    assert.match(g.stdout, /"text":"Kiech Kon","name":"Kiech Kon","geonameid":9900003/);
  });
});
