import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

import { DataError } from '../data/load.js';
import { featuresOf, loadSnippets, SnippetClassifier, type LabelledSnippet } from './classifier.js';
import { cachedClassifier, fingerprint } from './classifier-model.js';
import { loadTaxonomy } from './taxonomy.js';

const taxonomy = loadTaxonomy();

const snip = (label: LabelledSnippet['label'], text: string): LabelledSnippet => ({ label, text, file: 'test', line: 0 });

describe('classifier features', () => {
  it('stems words, folds numbers and pairs adjacent words, with spans into the text', () => {
    const text = 'Gunmen abducted 12 villagers.';
    const f = featuresOf(text);
    assert.deepEqual(f.map((x) => x.key), ['gunmen', 'gunmen abduct', 'abduct', 'abduct #', '#', '# villag', 'villag']);
    const pair = f.find((x) => x.key === 'abduct #')!;
    assert.equal(text.slice(pair.start, pair.end), 'abducted 12');
  });
  it('reads only the span it is given', () => {
    const text = 'Troops clashed with rebels. Police arrested ten.';
    assert.deepEqual(featuresOf(text, 28).map((x) => x.key).slice(0, 3), ['polic', 'polic arrest', 'arrest']);
  });
});

describe('classifier training', () => {
  const train = [
    snip('Arrests', 'Police arrested five activists in the capital.'),
    snip('Arrests', 'Security forces detained a journalist on Monday.'),
    snip('Arrests', 'Soldiers arrested three suspected militants.'),
    snip('Peaceful protest', 'Hundreds of teachers marched peacefully to demand pay.'),
    snip('Peaceful protest', 'Students held a peaceful sit-in outside the ministry.'),
    snip('Peaceful protest', 'Farmers marched to parliament to demand subsidies.'),
    snip('none', 'The minister met his counterpart to discuss trade.'),
    snip('none', 'Floods destroyed crops in the north of the country.'),
    snip('none', 'The central bank raised interest rates to discuss inflation.'),
  ];
  it('tells the labels of unseen sentences apart and points at the words behind its answer', () => {
    const model = SnippetClassifier.train(train, { minCount: 1 });
    const text = 'Police detained two opposition activists.';
    const c = model.classify(text);
    assert.equal(c.label, 'Arrests');
    assert.ok(c.p > 0.5, `p = ${c.p}`);
    assert.ok(c.evidence);
    assert.match(text.slice(c.evidence.start, c.evidence.end), /police|detained|activists/i);
    assert.equal(model.classify('Nurses marched peacefully to demand better pay.').label, 'Peaceful protest');
  });
  it('is deterministic: the same data gives the same probabilities', () => {
    const a = SnippetClassifier.train(train, { minCount: 1 }).scores('Teachers detained after a march.');
    const b = SnippetClassifier.train(train, { minCount: 1 }).scores('Teachers detained after a march.');
    assert.deepEqual(a, b);
  });
  it('saves and loads a model without changing its answers', () => {
    const model = SnippetClassifier.train(train, { minCount: 1 });
    const copy = SnippetClassifier.fromBytes(model.toBytes());
    const text = 'Police detained students after a march.';
    const a = model.scores(text);
    const b = copy.scores(text);
    assert.deepEqual(b.map((x) => x.label), a.map((x) => x.label));
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]!.p - b[i]!.p) < 1e-4);
    assert.throws(() => SnippetClassifier.fromBytes(Buffer.from('not a model')), /malformed/);
    assert.throws(() => SnippetClassifier.fromBytes(model.toBytes().subarray(0, 100)), /malformed/);
  });
  it('caches a model under the fingerprint of its snippets and trains a new one when they change', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-model-'));
    const first = cachedClassifier(train, dir);
    assert.deepEqual(readdirSync(dir), [`model-${fingerprint(train)}.bin`]);
    const again = cachedClassifier(train, dir);
    assert.equal(again.classify('Police arrested two men.').label, first.classify('Police arrested two men.').label);
    const edited = [...train, snip('Arrests', 'Troops detained a village chief overnight.')];
    assert.notEqual(fingerprint(edited), fingerprint(train));
    cachedClassifier(edited, dir);
    assert.deepEqual(readdirSync(dir), [`model-${fingerprint(edited)}.bin`], 'the stale model is replaced');
  });
  it('refuses to train on one label', () => {
    assert.throws(() => SnippetClassifier.train(train.slice(0, 3)), /two labels/);
  });
  it('keeps its answers on the other snippets when one is added (the visiting order is set by each snippet, not the list)', () => {
    // (Measured on snippets neither model saw: a list shuffle changed 15 % of these answers, the snippet order 1 %.)
    const snippets = loadSnippets(taxonomy);
    const train = snippets.filter((_, i) => i % 4 === 0);
    const probe = snippets.filter((_, i) => i % 16 === 1);
    const a = SnippetClassifier.train(train);
    const b = SnippetClassifier.train([...train, snip('none', 'The national football team opened its training camp in the capital on Monday.')]);
    const same = probe.filter((s) => a.classify(s.text).label === b.classify(s.text).label).length;
    assert.ok(same / probe.length >= 0.97, `${same} of ${probe.length} answers unchanged`);
  });
});

describe('classifier training data', () => {
  it('names the file and line of a malformed row or an unknown label', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-cls-'));
    writeFileSync(path.join(dir, 'a.tsv'), '# comment\nArrests\tPolice arrested five.\nRiot\tA riot broke out.\n');
    assert.throws(() => loadSnippets(taxonomy, dir), (e: unknown) => e instanceof DataError && /a\.tsv/.test(e.file) && /line 3/.test(e.reason) && /Riot/.test(e.reason));
    writeFileSync(path.join(dir, 'a.tsv'), 'Arrests Police arrested five.\n');
    assert.throws(() => loadSnippets(taxonomy, dir), (e: unknown) => e instanceof DataError && /line 1: expected/.test(e.reason));
  });
  it('reads the shipped snippets: every label is an ACLED sub-type or none, and every sub-type has examples', () => {
    const all = loadSnippets(taxonomy);
    const labels = new Set(all.map((s) => s.label));
    for (const sub of taxonomy.subTypes.keys()) assert.ok(labels.has(sub), `no training snippet for ${sub}`);
    assert.ok(labels.has('none'));
    const texts = all.map((s) => s.text.toLowerCase());
    const dup = texts.find((t, i) => texts.indexOf(t) !== i);
    assert.equal(dup, undefined, `snippet written twice: ${dup}`);
  });
});
