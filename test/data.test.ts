/**
 * Validates the data files under data/ that the event coder reads: every file
 * parses, ids are unique, every ACLED sub-type is mapped to PLOVER and CAMEO
 * and can be produced by at least one trigger rule, actor entries are well formed, the
 * coder's word lists compile and say what they are for.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isSeq, parse, parseDocument, stringify } from 'yaml';
import { loadActors } from '../src/code/actors.js';
import { coderPattern, lazyPattern, loadCoderWords } from '../src/code/coder-words.js';
import { loadContextRules } from '../src/code/context.js';
import { loadDiscards } from '../src/code/discards.js';
import { loadTaxonomy } from '../src/code/taxonomy.js';
import { loadTriggers } from '../src/code/triggers.js';
import { DATA_ROOT, DataError, loadYaml } from '../src/data/load.js';
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
    for (const r of d) for (const k of r.keeps.keys()) assert.ok(r.drops.has(k), `${r.id} keeps ${k}, which it does not drop`);
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
  it('each context prefilter matches exactly where one of its cues does', () => {
    const c = loadContextRules();
    const places = ['before', 'after', 'opener'] as const;
    // words that open, close and miss cues, after and before other words (edges: "nothing", "unplanned")
    const texts = ['not', 'nothing', 'will be', 'reportedly', 'three years after', 'unplanned', 'across the country', 'said', 'allegedly the', 'the 2019 ', 'police said', 'x'];
    for (const place of places) {
      for (const t of texts) {
        const one = c.cues.some((q) => q[place]?.test(t) ?? false);
        assert.equal(c.any[place]?.test(t) ?? false, one, `${place}: "${t}"`);
      }
    }
  });
});

describe('data/actors', () => {
  for (const file of readdirSync(path.join(DATA_ROOT, 'actors')).filter((f) => f.endsWith('.yaml'))) {
    it(`${file}: entries have an id, a name, an ACLED inter code and aliases`, () => {
      const doc = loadYaml(`actors/${file}`) as { id: string; name: string; inter: number; aliases: string[]; country?: string; forces_of?: string; governs?: unknown }[];
      const ids = new Set<string>();
      for (const e of doc) {
        assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
        ids.add(e.id);
        assert.ok(e.name.length > 1, e.id);
        assert.ok(Number.isInteger(e.inter) && e.inter >= 1 && e.inter <= 8, `${e.id}: inter ${e.inter}`);
        assert.ok(e.aliases.length > 0, `${e.id}: no aliases`);
        for (const a of e.aliases) assert.ok(String(a).length >= 2, `${e.id}: alias "${a}" too short`);
        if (e.country) assert.match(e.country, /^[A-Z]{2}$/, e.id);
        if (e.forces_of) assert.match(e.forces_of, /^[A-Z]{2}$/, e.id);
        if (e.governs !== undefined) assert.ok(e.governs === true && e.inter >= 2 && e.inter <= 4, `${e.id}: governs is true, on a non-state group`);
      }
    });
  }
  it('the dictionary builds with the country table', () => {
    const d = loadActors(loadCountries());
    assert.ok(d.entries.length > 50);
  });
});

describe('data/lexicons/coder-words.yaml', () => {
  const file = path.join(DATA_ROOT, 'lexicons', 'coder-words.yaml');
  it('loads: every entry the code reads, unique kebab-case ids, words and patterns that compile with their flags', () => {
    const w = loadCoderWords();
    assert.ok(w.patterns.size > 30 && w.lists.size > 0);
    const doc = parse(readFileSync(file, 'utf8')) as { patterns: { id: string }[]; lists: { id: string }[] };
    const ids = [...doc.patterns, ...doc.lists].map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
  it('no pattern matches the empty string, and none is global or sticky (the patterns are shared)', () => {
    for (const [id, re] of loadCoderWords().patterns) {
      assert.ok(!re.test(''), id);
      assert.ok(!re.global && !re.sticky, id);
    }
  });
  it('every entry says what it is for, in a comment before it', () => {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    for (const section of ['patterns', 'lists']) {
      const seq = doc.get(section, true);
      assert.ok(isSeq(seq), section);
      seq.items.forEach((item, i) => {
        assert.ok(isMap(item), `${section} #${i}`);
        // (YAML gives the first entry's comment to its list.)
        const comment = (i === 0 ? `${seq.commentBefore ?? ''}\n` : '') + (item.commentBefore ?? '');
        const words = comment.split('\n').filter((l) => !/^\s*-{10,}/.test(l)).join(' ');
        assert.ok(words.trim().length > 40, `${String(item.get('id'))}: no comment saying what it is for`);
      });
    }
  });
  it('patterns are built on first use, once, and match as the compiled entry does', () => {
    let built = 0;
    const p = lazyPattern(() => {
      built++;
      return /\bkill(?:ed)?\b/i;
    });
    assert.equal(built, 0);
    assert.ok(p.test('Gunmen KILLED two') && !p.test('skilled'));
    assert.equal(p.exec('they killed')?.index, 5);
    assert.equal(p.source, '\\bkill(?:ed)?\\b');
    assert.equal(built, 1);
    const civilians = coderPattern('civilian-words');
    assert.equal(civilians.source, loadCoderWords().patterns.get('civilian-words')!.source);
    assert.ok(civilians.test('three villagers were shot') && !civilians.test('three soldiers were shot'));
  });
  it('a bad file is a DataError naming the file and the entry', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-words-'));
    const shipped = () => parse(readFileSync(file, 'utf8')) as { patterns: Record<string, unknown>[]; lists: Record<string, unknown>[] };
    const fails = (edit: (d: ReturnType<typeof shipped>) => void, reason: RegExp) => {
      const d = shipped();
      edit(d);
      const bad = path.join(dir, 'bad.yaml');
      writeFileSync(bad, stringify(d));
      assert.throws(() => loadCoderWords(bad), (e: unknown) => e instanceof DataError && e.file === bad && reason.test(e.reason), String(reason));
    };
    const entry = (d: ReturnType<typeof shipped>, id: string) => d.patterns.find((e) => e.id === id)!;
    fails((d) => { entry(d, 'air-dropped').words = ['jets(', 'aircraft']; }, /entry air-dropped: bad pattern/);
    fails((d) => { entry(d, 'air-dropped').flags = 'iq'; }, /entry air-dropped: bad pattern/);
    fails((d) => { delete entry(d, 'air-dropped').flags; }, /entry air-dropped: flags must be given/);
    fails((d) => { entry(d, 'armed-words').id = 'civilian-words'; }, /duplicate entry id civilian-words/);
    fails((d) => { d.patterns = d.patterns.filter((e) => e.id !== 'attribution'); }, /entry attribution is missing/);
    fails((d) => { d.patterns.push({ id: 'unread-words', flags: 'i', words: ['x'] }); }, /entry unread-words is read by no code/);
    fails((d) => { entry(d, 'civilian-words').words = ['men', 'women', 'men']; }, /entry civilian-words: word "men" twice/);
    fails((d) => { entry(d, 'one-sided').pattern = '{ACTS}'; }, /entry one-sided: words TARGETS are not in the pattern/);
    fails((d) => { entry(d, 'air-dropped').pattern = '\\b{AIRCRAFT}\\b'; }, /entry air-dropped: pattern names \{AIRCRAFT\}/);
    // (\p{L} is a Unicode property, not a list.)
    fails((d) => { entry(d, 'air-dropped').pattern = '\\p{L}{WORDS}('; }, /entry air-dropped: bad pattern/);
    fails((d) => { d.lists[0]!.flags = 'i'; }, /entry place-nouns: a list has words only/);
  });
});
