/**
 * @module cli/main
 * The `sitrep` command line: one sub-command per module in `cli/commands/`.
 */
import { Command } from 'commander';
import { register as registerExtract } from './commands/extract.js';
import { register as registerEval } from './commands/eval.js';

const program = new Command('sitrep')
  .description('Turns conflict news into ACLED-style, geocoded, source-attributed event data.')
  .version('0.1.0');

registerExtract(program);
registerEval(program);

await program.parseAsync(process.argv);
