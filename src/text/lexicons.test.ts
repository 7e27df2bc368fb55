import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLines, readTsv, readYaml } from './lexicon.js';

interface Trigger { id: string; kind: string; link: string[]; forms: string[]; reason?: string }

const KINDS = new Set(['fatalities', 'injuries', 'displaced', 'refugees', 'arrested', 'abducted', 'sexual violence']);

describe('data/lexicons', () => {
  it('abbreviations.txt: "<abbr> <class>" with a known class, no duplicates', () => {
    const seen = new Set<string>();
    for (const line of readLines('abbreviations.txt')) {
      const [form, cls, extra] = line.split(/\s+/);
      assert.ok(form && /\.$/.test(form), `abbreviation must end in a period: ${line}`);
      assert.ok(['title', 'number', 'month', 'common'].includes(cls ?? ''), `bad class: ${line}`);
      assert.equal(extra, undefined, `extra field: ${line}`);
      assert.ok(!seen.has(form.toLowerCase()), `duplicate: ${form}`);
      seen.add(form.toLowerCase());
    }
  });

  it('numbers.tsv: three fields, lower-case forms, numeric values where needed', () => {
    const seen = new Set<string>();
    for (const row of readTsv('numbers.tsv')) {
      assert.equal(row.length, 3, `expected 3 fields: ${row.join(' | ')}`);
      const [form, kind, value] = row as [string, string, string];
      assert.equal(form, form.toLowerCase(), `form must be lower-case: ${form}`);
      if (['unit', 'tens', 'scale', 'suffix', 'group', 'count', 'article', 'vaguedet', 'vague', 'zero', 'month'].includes(kind)) {
        assert.ok(Number.isFinite(Number(value)), `numeric value expected: ${row.join(' | ')}`);
      }
      const key = `${form}|${kind}`;
      assert.ok(!seen.has(key), `duplicate: ${key}`);
      seen.add(key);
    }
  });

  it('casualty-words.yaml: unique ids and forms, known kinds, a reason each', () => {
    const y = readYaml<{ triggers: Trigger[]; negations: { id: string; pattern: string }[]; refugee_cues: string[] }>('casualty-words.yaml');
    const ids = new Set<string>();
    const forms = new Set<string>();
    for (const t of y.triggers) {
      assert.ok(!ids.has(t.id), `duplicate id ${t.id}`);
      ids.add(t.id);
      assert.ok(KINDS.has(t.kind), `unknown kind ${t.kind}`);
      assert.ok(t.reason && t.reason.length > 5, `reason missing for ${t.id}`);
      assert.ok(t.link.length > 0 && t.link.every((l) => l === 'after' || l === 'before'), `bad link for ${t.id}`);
      for (const f of t.forms) {
        assert.equal(f, f.toLowerCase(), `form must be lower-case: ${f}`);
        assert.ok(f.length >= 3, `form too short: ${f}`);
        assert.ok(!forms.has(f), `form in two triggers: ${f}`);
        forms.add(f);
      }
    }
    for (const n of y.negations) assert.doesNotThrow(() => new RegExp(n.pattern), n.id);
    for (const r of y.refugee_cues) assert.doesNotThrow(() => new RegExp(r), r);
  });

  it('victims.yaml and attribution.yaml parse and have the expected sections', () => {
    const v = readYaml<{ groups: { group: string; forms: string[] }[] }>('victims.yaml');
    assert.ok(v.groups.some((g) => g.group === 'civilians'));
    const a = readYaml<Record<string, unknown>>('attribution.yaml');
    for (const k of ['reporting_verbs', 'according', 'boundaries', 'speaker_nouns', 'anaphors']) assert.ok(k in a, k);
  });

  it('countries.txt: one name per line, no duplicates', () => {
    const names = readLines('countries.txt').map((n) => n.toLowerCase());
    assert.ok(names.length > 190);
    assert.equal(new Set(names).size, names.length, 'a country is listed twice');
  });

  it('dates.yaml: twelve months, seven weekdays, relative forms unique', () => {
    const d = readYaml<{ months: unknown[]; weekdays: unknown[]; relative_days: { forms: string[] }[]; relative_periods: { forms: string[] }[] }>('dates.yaml');
    assert.equal(d.months.length, 12);
    assert.equal(d.weekdays.length, 7);
    const forms = [...d.relative_days, ...d.relative_periods].flatMap((r) => r.forms);
    assert.equal(new Set(forms).size, forms.length, 'a relative form is listed twice');
  });
});

describe('PhraseMatcher', () => {
  it('finds the longest phrase at each word, case-insensitively, across line breaks', async () => {
    const { PhraseMatcher } = await import('./lexicon.js');
    const m = new PhraseMatcher<string>([
      ['killed', 'k'],
      ['shot dead', 'sd'],
      ['shot', 's'],
      ['death toll', 'dt'],
    ]);
    const t = 'Police SHOT\nDEAD two men; the death toll rose. Overshot targets killed-in-action';
    assert.deepEqual(
      m.findAll(t).map((h) => [t.slice(h.start, h.end), h.value]),
      [['SHOT\nDEAD', 'sd'], ['death toll', 'dt']],
    );
    assert.equal(m.matchAt(t, t.indexOf('death'))?.value, 'dt');
    assert.equal(m.matchAt(t, t.indexOf('two')), null);
  });
  it('finds phrases whose words hold apostrophes, hyphens, non-ASCII letters or symbols', async () => {
    const { PhraseMatcher } = await import('./lexicon.js');
    const m = new PhraseMatcher<string>([
      ['killed in action', 'kia'],
      ['über alles', 'ua'],
      ['syria’s army', 'sa'],
      ['per cent', 'pc'],
      ['%', 'pct'],
      ['al-shabaab', 'as'],
    ]);
    const t = 'Two were KILLED in action. Über alles, said Syria’s army; Al-Shabaab took 5 % (five per cent).';
    assert.deepEqual(m.findAll(t).map((h) => h.value), ['kia', 'ua', 'sa', 'as', 'pct', 'pc']);
    for (const miss of ['Uber alles', 'Syria army', 'al Shabaab', 'killed in actions', 'Qaïda']) assert.deepEqual(m.findAll(miss), [], miss);
  });
});
