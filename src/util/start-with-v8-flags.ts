/**
 * @module util/start-with-v8-flags
 * Imported first by the scripts and benches (`import '../src/util/start-with-v8-flags.js'`):
 * re-runs the script with Sitrep's V8 flags when node was started without them (see `util/v8-flags`),
 * so `node --import tsx scripts/x.ts` compiles the rules' patterns the way `bin/sitrep` does.
 * Its top-level `await` holds the importing script's body until the flags are known to be set.
 */
import { relaunchWithV8Flags } from './v8-flags.js';

await relaunchWithV8Flags();
