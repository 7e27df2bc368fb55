/**
 * @module cli/main
 * The `sitrep` command line: one sub-command per module in `cli/commands/`.
 */
import { Command } from 'commander';
import { register as registerExtract } from './commands/extract.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerIngest } from './commands/ingest.js';
import { register as registerEvents } from './commands/events.js';
import { register as registerControl } from './commands/control.js';
import { register as registerClaims } from './commands/claims.js';
import { register as registerStats } from './commands/stats.js';
import { register as registerGeoparse } from './commands/geoparse.js';
import { register as registerGazetteer } from './commands/gazetteer.js';

const program = new Command('sitrep')
  .description('Turns conflict news into ACLED-style, geocoded, source-attributed event data.')
  .version('0.1.0');

registerExtract(program);
registerEval(program);
registerIngest(program);
registerEvents(program);
registerControl(program);
registerClaims(program);
registerStats(program);
registerGeoparse(program);
registerGazetteer(program);

await program.parseAsync(process.argv);
