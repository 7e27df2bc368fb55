/**
 * Claims of the devset articles, as JSONL for shared/score.mjs (claims recall).
 *
 *   node --import tsx scripts/claims-devset.ts [DIR] > out.jsonl
 *   node /work/shared/score.mjs --gold /work/shared/devset/gold.jsonl --pred out.jsonl
 *
 * Each article's first line is `date YYYY-MM-DD <lede>`: the date is the
 * publication date, the rest the lede. Runs only the text stage
 * (sentences → dates → casualties → claims); events stay empty.
 */
import '../src/util/start-with-v8-flags.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCasualties } from '../src/text/casualties.js';
import { claimsFrom } from '../src/text/claims.js';
import { findDates } from '../src/text/dates.js';
import { splitSentences } from '../src/text/sentences.js';

const dir = process.argv[2] ?? '/work/shared/devset/articles';
const HEADER = /^\s*date (\d{4}-\d{2}-\d{2}) /;

for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  const text = readFileSync(join(dir, file), 'utf8');
  const header = HEADER.exec(text);
  const published = header?.[1] ?? null;
  const body = { start: header?.[0].length ?? 0, end: text.length };
  const mentions = splitSentences(text, body)
    .filter((s) => !/^Source:/.test(text.slice(s.start, s.end)))
    .flatMap((s) => findCasualties(text, s, { published, dates: findDates(text, s, published) }));
  const claims = claimsFrom(mentions, text);
  process.stdout.write(`${JSON.stringify({ article: { file }, events: [], control_changes: [], claims })}\n`);
}
