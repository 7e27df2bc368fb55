/**
 * Validates the data files under data/ that the event coder reads: every file
 * parses, ids are unique, every ACLED sub-type is mapped to PLOVER and CAMEO
 * and can be produced by at least one trigger rule, actor entries are well formed.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadActors } from '../src/code/actors.js';
import { loadContextRules } from '../src/code/context.js';
import { loadDiscards } from '../src/code/discards.js';
import { loadTaxonomy } from '../src/code/taxonomy.js';
import { loadTriggers } from '../src/code/triggers.js';
import { DATA_ROOT, loadYaml } from '../src/data/load.js';
import { loadCountries } from '../src/place/countries.js';

const taxonomy = loadTaxonomy();

describe('data/taxonomy', () => {
  it('has the 6 ACLED event types and 25 sub-event types', () => {
    assert.equal(new Set([...taxonomy.subTypes.values()].map((s) => s.type)).size, 6);
    assert.equal(taxonomy.subTypes.size, 25);
  });
  it('maps every sub-type to a PLOVER event type and a CAMEO code', () => {
    for (const s of taxonomy.subTypes.values()) {
      assert.match(s.plover.event_type, /^[A-Z]+$/, s.name);
      assert.match(s.cameo, /^\d{1,4}$/, s.name);
    }
  });
});

describe('data/rules', () => {
  const rules = loadTriggers(taxonomy);
  it('trigger ids are unique and kebab-case', () => {
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
  it('every sub-type can be produced by some rule', () => {
    const produced = new Set<string>(rules.map((r) => r.sub));
    if (produced.has('territory')) {
      produced.add('Government regains territory');
      produced.add('Non-state actor overtakes territory');
    }
    for (const name of taxonomy.subTypes.keys()) assert.ok(produced.has(name), `no trigger rule produces "${name}"`);
  });
  it('no trigger pattern matches the empty string', () => {
    for (const r of rules) assert.ok(!new RegExp(r.pattern.source, 'u').test(''), r.id);
  });
  it('discard rules load, name known sub-types and give a reason', () => {
    const d = loadDiscards(taxonomy);
    assert.ok(d.length > 0);
    for (const r of d) assert.ok(r.reason.length > 10 && r.drops.size > 0, r.id);
  });
  it('every file under data/ is documented in data/README.md or its folder README', () => {
    const readme = (f: string) => readFileSync(path.join(DATA_ROOT, f), 'utf8');
    const top = readme('README.md');
    for (const folder of readdirSync(DATA_ROOT, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const own = readdirSync(path.join(DATA_ROOT, folder.name)).includes('README.md') ? readme(`${folder.name}/README.md`) : '';
      for (const f of readdirSync(path.join(DATA_ROOT, folder.name)).filter((x) => x !== 'README.md')) {
        assert.ok(top.includes(f) || own.includes(f), `data/${folder.name}/${f} is not described in a README`);
      }
    }
  });
  it('context cues load and have unique ids', () => {
    const c = loadContextRules();
    assert.ok(c.cues.length > 0);
    assert.equal(new Set(c.cues.map((x) => x.id)).size, c.cues.length);
  });
});

describe('data/actors', () => {
  for (const file of readdirSync(path.join(DATA_ROOT, 'actors')).filter((f) => f.endsWith('.yaml'))) {
    it(`${file}: entries have an id, a name, an ACLED inter code and aliases`, () => {
      const doc = loadYaml(`actors/${file}`) as { id: string; name: string; inter: number; aliases: string[]; country?: string }[];
      const ids = new Set<string>();
      for (const e of doc) {
        assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
        ids.add(e.id);
        assert.ok(e.name.length > 1, e.id);
        assert.ok(Number.isInteger(e.inter) && e.inter >= 1 && e.inter <= 8, `${e.id}: inter ${e.inter}`);
        assert.ok(e.aliases.length > 0, `${e.id}: no aliases`);
        for (const a of e.aliases) assert.ok(String(a).length >= 2, `${e.id}: alias "${a}" too short`);
        if (e.country) assert.match(e.country, /^[A-Z]{2}$/, e.id);
      }
    });
  }
  it('the dictionary builds with the country table', () => {
    const d = loadActors(loadCountries());
    assert.ok(d.entries.length > 50);
  });
});
