/**
 * @module scripts/devset-toponyms
 * Development tool (not used at run time): lists every toponym of a folder of articles (default
 * `../shared/devset/articles/`) with the place it resolved to, its country and the rules that fired, so that
 * conflict-news resolution can be checked by eye. Prints to stdout; do not commit its output.
 *
 * Run: `node --import tsx scripts/devset-toponyms.ts [DIR] [--all]` (`--all` repeats names seen before in the same
 * article).
 */
import '../src/util/start-with-v8-flags.js';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Gazetteer } from '../src/place/gazetteer.js';
import { geoparse } from '../src/place/geoparse.js';
import type { Mention } from '../src/place/recognize.js';
import { ROOT } from '../src/place/paths.js';

function main(): void {
  const args = process.argv.slice(2);
  const all = args.includes('--all');
  const dir = args.find((a) => !a.startsWith('--')) ?? path.join(ROOT, '..', 'shared', 'devset', 'articles');
  if (!fs.existsSync(dir)) {
    console.error(`devset-toponyms: ${dir} not found`);
    process.exitCode = 1;
    return;
  }
  const gaz = Gazetteer.load();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const rules = new Map<number, string[]>();
    const tops = geoparse(gaz, text, { trace: (m: Mention) => rules.set(m.start, m.rules) });
    const seen = new Set<string>();
    console.log(`== ${f}`);
    for (const t of tops) {
      const p = t.place;
      const line = `${t.text} → ${p ? `${p.name}, ${p.admin1 ?? '-'}, ${p.country} (${p.cc}) ${p.feature_code}` : 'UNRESOLVED'}` +
        `${t.relative ? ` [${t.relative.text}: precision ${t.relative.geo_precision}]` : ''}${t.role !== 'place' ? ` <${t.role}>` : ''}`;
      if (!all && seen.has(line)) continue;
      seen.add(line);
      console.log(`  ${line}   ${(rules.get(t.start) ?? []).join(',')}`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
