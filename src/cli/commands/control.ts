/**
 * @module cli/commands/control
 * `sitrep control PLACE [--at DATE]`: who held a place over which interval,
 * with the reports behind each change and conflicting reports marked.
 * `sitrep control` alone lists the places with control changes.
 */
import { Command } from 'commander';
import { buildTimelines, holderAt, type ControlPeriod, type ControlTimeline } from '../../store/control-timeline.js';
import { resolveDbPath, withStore } from '../../store/open.js';
import { writeLine } from '../output.js';
import { parseDateOption } from './extract.js';

function periodText(p: ControlPeriod): string[] {
  const span = `${p.from ?? '?'} → ${p.to ?? 'now'}`;
  const out = [`  ${span.padEnd(26)} ${p.holder}${p.basis === 'held-since' ? ' (held before the first reported change)' : ''}${p.conflicts.length ? '  [CONFLICT]' : ''}`];
  for (const c of p.conflicts) out.push(`      conflict: ${c.message}`);
  for (const c of p.changes) {
    const what = p.basis === 'held-since' ? `held since ${c.held_since ?? '?'}` : `${c.from_actor ?? '?'} → ${c.to_actor}`;
    out.push(`      ${c.date ?? 'undated'} ${what}; ${c.outlet}, ${c.published ?? '?'} (${c.origin}${c.event_id ? `, event ${c.event_id}` : ''})`);
  }
  return out;
}

/**
 * A timeline for people.
 * @param t the place's timeline
 * @param at a date to answer "who held it then", or undefined
 */
export function timelineText(t: ControlTimeline, at?: string): string {
  const out = [`${t.place}${t.geonameid !== null ? ` (GeoNames ${t.geonameid})` : ''}`];
  if (at) {
    const p = holderAt(t, at);
    out.push(p ? `  on ${at}: held by ${p.holder}${p.conflicts.length ? ' (disputed: see below)' : ''}` : `  on ${at}: unknown (no report covers that date)`);
    if (p) out.push(...periodText(p));
    return out.join('\n');
  }
  for (const p of t.periods) out.push(...periodText(p));
  for (const c of t.undated) out.push(`  undated: ${c.from_actor ?? '?'} → ${c.to_actor}; ${c.outlet}, ${c.published ?? '?'}`);
  return out.join('\n');
}

export function register(program: Command): void {
  program
    .command('control')
    .description('territorial control timeline of a place (who held it when, conflicting reports marked)')
    .argument('[place]', 'place name (any case, accents optional) or GeoNames id; omit to list places')
    .option('--db <file>', 'the store (default $SITREP_DB or ./sitrep.db)')
    .option('--at <YYYY-MM-DD>', 'who held the place on that date', parseDateOption)
    .option('--json', 'the timeline as JSON')
    .action(async (place: string | undefined, o: { db?: string; at?: string; json?: boolean }) => {
      await withStore(resolveDbPath(o.db), async (store) => {
        if (!place) {
          const places = await store.controlPlaces();
          await writeLine(o.json ? JSON.stringify(places) : places.map((p) => `${String(p.count).padStart(5)}  ${p.key}`).join('\n') || 'no control changes stored');
          return;
        }
        const changes = await store.controlChanges(/^\d+$/.test(place) ? { geonameid: Number(place) } : { name: place });
        if (!changes.length) {
          process.stderr.write(`sitrep control: no control changes for ${place}\n`);
          process.exitCode = 1;
          return;
        }
        const timelines = buildTimelines(changes);
        if (o.json) {
          const out = timelines.map((t) => (o.at ? { place: t.place, geonameid: t.geonameid, at: o.at, period: holderAt(t, o.at) } : t));
          await writeLine(JSON.stringify(out, null, 2));
        } else await writeLine(timelines.map((t) => timelineText(t, o.at)).join('\n\n'));
      });
    });
}
