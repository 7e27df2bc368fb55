/**
 * @module cli/commands/stats
 * `sitrep stats [filters]`: counts of the store (articles, near-copies,
 * events, reports, control changes, claims, failed imports) and events by
 * type, month and country. `--failed` lists the failed imports.
 */
import { Command } from 'commander';
import { resolveDbPath, withStore } from '../../store/open.js';
import type { Count, StoreStats } from '../../store/store.js';
import { writeLine } from '../output.js';
import { addFilterOptions, filterOf, type FilterOptions } from './events.js';

function table(title: string, rows: Count[]): string[] {
  return [`${title}:`, ...rows.map((r) => `  ${String(r.count).padStart(9)}  ${r.key}`)];
}

/** Stats for people. */
export function statsText(s: StoreStats): string {
  return [
    `articles ${s.articles} (near-copies ${s.duplicates}), events ${s.events}, reports ${s.reports}, control changes ${s.controlChanges}, claims ${s.claims}, failed imports ${s.failed}`,
    ...table('by type', s.byType),
    ...table('by month', s.byMonth),
    ...table('by country', s.byCountry),
  ].join('\n');
}

export function register(program: Command): void {
  addFilterOptions(
    program
      .command('stats')
      .description('counts by event type, month and country (events filtered like `sitrep events`)')
      .option('--db <file>', 'the store (default $SITREP_DB or ./sitrep.db)'),
  )
    .option('--failed', 'list the failed imports instead')
    .option('--json', 'JSON output')
    .action(async (o: FilterOptions & { db?: string; failed?: boolean; json?: boolean }) => {
      await withStore(resolveDbPath(o.db), async (store) => {
        if (o.failed) {
          const f = await store.failedImports();
          await writeLine(o.json ? JSON.stringify(f, null, 2) : f.map((x) => `${x.key}\t${x.stage}\t${x.reason}`).join('\n') || 'no failed imports');
          return;
        }
        const s = await store.stats(filterOf(o));
        await writeLine(o.json ? JSON.stringify(s, null, 2) : statsText(s));
      });
    });
}
