/**
 * @module cli/commands/claims
 * `sitrep claims [--country ...] [--since ...]`: the casualty claims ledger,
 * one block per question, the figures of each source side by side,
 * disagreements first.
 */
import { Command } from 'commander';
import { buildLedger, type LedgerRow } from '../../store/claims-ledger.js';
import { resolveDbPath, withStore } from '../../store/open.js';
import type { ClaimFilter } from '../../store/store.js';
import type { ClaimType } from '../../domain/types.js';
import { writeLine } from '../output.js';
import { parseDateOption } from './extract.js';

/**
 * One ledger row for people.
 * @param r the row
 */
export function ledgerText(r: LedgerRow): string {
  const width = Math.max(...r.entries.map((e) => e.source.length), 6);
  const out = [`${r.disagree ? 'DISAGREE ' : ''}${r.question}${r.disagree ? `: ${r.low} to ${r.high}` : ''}`];
  for (const e of r.entries) out.push(`  ${e.source.padEnd(width)}  ${e.figure.padEnd(18)}  ${e.claim.outlet}, ${e.claim.published ?? '?'}`);
  return out.join('\n');
}

export function register(program: Command): void {
  program
    .command('claims')
    .description('casualty claims ledger: every figure with its source, where sources disagree side by side')
    .option('--db <file>', 'the store (default $SITREP_DB or ./sitrep.db)')
    .option('--country <name|ISO3>', 'claims from articles about this country')
    .option('--since <YYYY-MM-DD>', 'claims published on or after this date', parseDateOption)
    .option('--type <claim type>', 'fatalities, injuries, displaced, refugees, arrested, abducted, sexual violence')
    .option('--disagree', 'only questions where sources disagree')
    .option('--json', 'the ledger as JSON')
    .action(async (o: { db?: string; country?: string; since?: string; type?: string; disagree?: boolean; json?: boolean }) => {
      await withStore(resolveDbPath(o.db), async (store) => {
        const filter: ClaimFilter = {};
        if (o.country) filter.country = o.country;
        if (o.since) filter.since = o.since;
        if (o.type) filter.claimType = o.type as ClaimType;
        const rows = buildLedger(await store.claims(filter)).filter((r) => !o.disagree || r.disagree);
        if (o.json) await writeLine(JSON.stringify(rows, null, 2));
        else await writeLine(rows.map(ledgerText).join('\n\n') || 'no claims');
      });
    });
}
