import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';

import type { Article, Extraction, SitrepEvent } from '../domain/types.js';
import { InputError } from '../domain/types.js';
import type { ReadResult } from '../read/index.js';
import { articleFromText } from '../read/text-article.js';
import { runEval, type ArticleExtractor, type EvalDeps } from './run.js';

const GOLD = [
  { article: 'a.txt', events: [{ id: 'e1', event_type: 'Battles', sub_event_type: 'Armed clash', event_date: '2020-03-10', latitude: 36.2, longitude: 37.16 }] },
  { article: 'b.txt', events: [] },
].map((x) => JSON.stringify(x)).join('\n');

/** An extractor that finds one clash in every article that says "clash". */
const fakeExtractor: ArticleExtractor = {
  extract(article: Article): Extraction {
    const { text, zones: _z, ...meta } = article;
    if (article.file === 'boom.txt') throw new Error('kaboom');
    const events = text.includes('clash')
      ? [{ event_type: 'Battles', sub_event_type: 'Armed clash', event_date: '2020-03-10', latitude: 36.2, longitude: 37.16, historical: false, evidence: [{ field: 'trigger', text: 'clash', start: 0, end: 5 }] } as unknown as SitrepEvent]
      : [];
    return { article: meta, events, control_changes: [], claims: [] };
  },
};

function deps(files: Record<string, string>, inputs: ReadResult[]): EvalDeps & { seenDate: () => string | undefined } {
  let date: string | undefined;
  return {
    async *read(_paths, opts) {
      date = opts?.date;
      yield* inputs;
    },
    createExtractor: async () => fakeExtractor,
    readFile: async (f) => {
      const t = files[f];
      if (t === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return t;
    },
    seenDate: () => date,
  };
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

const art = (file: string, text: string): ReadResult => ({ article: articleFromText({ file, text, published: '2020-03-11' }) });

describe('runEval', () => {
  test('prints misses and inventions, then the summary; exit 0', async () => {
    const d = deps({ 'gold.jsonl': GOLD }, [art('a.txt', 'a clash'), art('b.txt', 'clash again'), art('c.txt', 'x'), { error: new InputError('d.txt', 'unreadable') }]);
    const o = io();
    const code = await runEval({ gold: 'gold.jsonl', paths: ['dir'], date: '2020-03-11' }, d, o.io);
    assert.equal(code, 0);
    assert.equal(d.seenDate(), '2020-03-11');
    const text = o.out.join('');
    assert.match(text, /^a\.txt: tp=1 fp=0 fn=0$/m);
    assert.match(text, /^b\.txt: tp=0 fp=1 fn=0\n {2}invented: #0 Armed clash @ \? 2020-03-10 "clash"$/m);
    assert.match(text, /events P 0\.500 R 1\.000 F1 0\.667 \(tp 1 fp 1 fn 0\)\n$/);
    assert.deepEqual(o.err, ['sitrep eval: d.txt: unreadable', 'sitrep eval: no gold for c.txt; not scored']);
  });
  test('--json prints the structured report', async () => {
    const o = io();
    await runEval({ gold: 'gold.jsonl', paths: [], json: true }, deps({ 'gold.jsonl': GOLD }, [art('a.txt', 'clash')]), o.io);
    const report = JSON.parse(o.out.join(''));
    assert.equal(report.summary.events.tp, 1);
    assert.deepEqual(report.missing_articles, ['b.txt']);
  });
  test('exit 1 when --min-f1 is not met', async () => {
    const o = io();
    const code = await runEval({ gold: 'gold.jsonl', paths: [], minF1: 0.9 }, deps({ 'gold.jsonl': GOLD }, [art('a.txt', 'nothing')]), o.io);
    assert.equal(code, 1);
    assert.match(o.err.at(-1) ?? '', /events F1 0\.000 is below --min-f1 0\.9/);
  });
  test('exit 2 with one line naming the file and line on a bad or missing gold file', async () => {
    const o = io();
    assert.equal(await runEval({ gold: 'g.jsonl', paths: [] }, deps({ 'g.jsonl': `${GOLD}\n{oops` }, []), o.io), 2);
    assert.deepEqual(o.err, [`sitrep eval: bad gold file g.jsonl:3: not valid JSON (${(() => { try { JSON.parse('{oops'); } catch (e) { return (e as Error).message; } return ''; })()})`]);
    const o2 = io();
    assert.equal(await runEval({ gold: 'nope.jsonl', paths: [] }, deps({}, []), o2.io), 2);
    assert.deepEqual(o2.err, ['sitrep eval: bad gold file nope.jsonl: cannot read the gold file (ENOENT)']);
  });
  test('an extractor failure is reported and the article counts as missing', async () => {
    const o = io();
    const gold = JSON.stringify({ article: 'boom.txt', events: [] });
    await runEval({ gold: 'g', paths: [] }, deps({ g: gold }, [art('boom.txt', 'clash')]), o.io);
    assert.deepEqual(o.err, ['sitrep eval: boom.txt: extraction failed: kaboom']);
    assert.match(o.out.join(''), /articles with no output: boom\.txt/);
  });
});
