/**
 * @module scripts/rules-on-snippets
 * Measures the trigger rules alone (no fall-back classifier) on the labelled
 * snippets of `data/classifier/*.tsv`: 2,600+ sentences the team wrote after the
 * ACLED Codebook, a development set the rules were not written from. Prints the
 * accuracy per label; `--label NAME` also lists that label's misses (gold, rules'
 * answer, snippet), `--predicted NAME` the snippets wrongly given NAME.
 *
 * Usage: `node --import tsx scripts/rules-on-snippets.ts [--label "Attack"] [--predicted "none"] [--file civilians.tsv]`
 */
import '../src/util/start-with-v8-flags.js';
import { loadSnippets } from '../src/code/classifier.js';
import { createExtractor } from '../src/code/extract.js';
import { loadTaxonomy } from '../src/code/taxonomy.js';
import { mostConfidentEvent } from '../src/eval/snippet.js';
import { articleFromText } from '../src/read/text-article.js';

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const label = option(argv, '--label');
  const predicted = option(argv, '--predicted');
  const file = option(argv, '--file');
  const extractor = await createExtractor({ classifier: false });
  const snippets = loadSnippets(loadTaxonomy()).filter((s) => !file || s.file === file);
  const per = new Map<string, { n: number; right: number }>();
  let right = 0;
  for (const s of snippets) {
    const x = extractor.extract(articleFromText({ file: s.file, text: s.text, published: '2021-01-01' }));
    const best = mostConfidentEvent(x);
    const got = best?.sub_event_type ?? 'none';
    const row = per.get(s.label) ?? { n: 0, right: 0 };
    row.n++;
    if (got === s.label) {
      row.right++;
      right++;
    }
    per.set(s.label, row);
    if ((label && s.label === label && got !== label) || (predicted && got === predicted && s.label !== predicted)) {
      console.log(`${s.file}:${s.line}\t${s.label}\t→ ${got}${best ? ` [${best.rules[0]}]` : ''}\t${s.text}`);
    }
  }
  console.log(`\nrules alone on ${snippets.length} snippets: accuracy ${(right / snippets.length).toFixed(3)}`);
  for (const [l, r] of [...per].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`  ${(r.right / r.n).toFixed(2)}  ${l} (${r.n})`);
}

await main(process.argv.slice(2));
