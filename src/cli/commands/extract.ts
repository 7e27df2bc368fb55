/**
 * @module cli/commands/extract
 * `sitrep extract PATH...`: one JSON line per article on stdout; one line per
 * unreadable input on stderr; exit status 1 when any input failed.
 */
import { Command, InvalidArgumentError } from 'commander';
import { createExtractor } from '../../code/extract.js';
import { isIsoDate } from '../../read/dates.js';
import { readInputs } from '../../read/index.js';
import { writeLine } from '../output.js';

/** commander parser for `--date YYYY-MM-DD`. */
export function parseDateOption(v: string): string {
  if (!isIsoDate(v)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return v;
}

export function register(program: Command): void {
  program
    .command('extract')
    .description('code the events, control changes and casualty claims of articles (JSON Lines on stdout)')
    .argument('<paths...>', 'files, directories (read recursively) or - for standard input')
    .option('--date <YYYY-MM-DD>', 'publication date for articles that do not give one', parseDateOption)
    .option('--actors <file...>', 'extra actor dictionary files (YAML, format of data/actors/groups.yaml)')
    .option('--pretty', 'indented JSON for humans')
    .option('--with-text', 'include the article text that evidence offsets index')
    .option('--explain', 'also list the triggers that did not become events, and why')
    .option('--no-classifier', 'rules only: do not ask the fall-back classifier about articles no rule matches')
    .action(async (paths: string[], o: { date?: string; actors?: string[]; pretty?: boolean; withText?: boolean; explain?: boolean; classifier: boolean }) => {
      const extractor = await createExtractor({ actorFiles: o.actors ?? [], classifier: o.classifier });
      let failed = 0;
      for await (const r of readInputs(paths, o.date ? { date: o.date } : {})) {
        if ('error' in r) {
          failed++;
          process.stderr.write(`sitrep: ${r.error.file}: ${r.error.reason}\n`);
          continue;
        }
        const out = extractor.extract(r.article, { withText: !!o.withText, explain: !!o.explain });
        await writeLine(o.pretty ? JSON.stringify(out, null, 2) : JSON.stringify(out));
      }
      if (failed) process.exitCode = 1;
    });
}
