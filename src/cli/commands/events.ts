/**
 * @module cli/commands/events
 * `sitrep events [filters] [--format jsonl|csv|geojson|hxl]`: query and export
 * the stored events; `sitrep events show ID`: one event, the reports fused
 * into it and why each was merged.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { EventType, SubEventType } from '../../domain/types.js';
import { formatter, FORMATS, type ExportFormat } from '../../store/export/formats.js';
import { resolveDbPath, withStore } from '../../store/open.js';
import type { BBox, EventDetail, EventFilter } from '../../store/store.js';
import { writeLine } from '../output.js';
import { parseDateOption } from './extract.js';

/** Writes to stdout, waiting when the pipe is full (EPIPE is handled by cli/output). */
function write(s: string): Promise<void> {
  return new Promise((resolve) => {
    if (!s || process.stdout.write(s)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

/** The filter options shared by `events` and `stats`. */
export interface FilterOptions {
  from?: string;
  to?: string;
  country?: string;
  admin1?: string;
  bbox?: BBox;
  near?: { lat: number; lon: number; km: number };
  type?: string;
  subType?: string;
  actor?: string;
  text?: string;
  minConfidence?: number;
  historical?: 'include' | 'exclude' | 'only';
}

function numbers(v: string, n: number, what: string): number[] {
  const xs = v.split(',').map(Number);
  if (xs.length !== n || !xs.every(Number.isFinite)) throw new InvalidArgumentError(`expected ${what}`);
  return xs;
}

/**
 * Adds the event filter options to a command.
 * @param cmd a commander command
 * @returns the same command
 */
export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--from <YYYY-MM-DD>', 'events on or after this date', parseDateOption)
    .option('--to <YYYY-MM-DD>', 'events on or before this date', parseDateOption)
    .option('--country <name|ISO3>', 'country name or ISO3 code')
    .option('--admin1 <name>', 'first-level administrative area (province, state)')
    .option('--bbox <minLon,minLat,maxLon,maxLat>', 'bounding box', (v) => numbers(v, 4, 'minLon,minLat,maxLon,maxLat') as BBox)
    .option('--near <lat,lon,km>', 'within km of a point', (v) => {
      const [lat, lon, km] = numbers(v, 3, 'lat,lon,km') as [number, number, number];
      return { lat, lon, km };
    })
    .option('--type <event type>', 'ACLED event type, e.g. "Battles"')
    .option('--sub-type <sub-event type>', 'ACLED sub-event type, e.g. "Air/drone strike"')
    .option('--actor <name>', 'actor name (substring, any role)')
    .option('--text <query>', 'full-text search: words (all must occur), "a phrase", prefix*')
    .option('--min-confidence <0-1>', 'minimum confidence', (v) => {
      const x = Number(v);
      if (!(x >= 0 && x <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
      return x;
    })
    .addOption(new Option('--historical <mode>', 'background events').choices(['include', 'exclude', 'only']).default('include'));
}

/**
 * @param o parsed filter options
 * @returns the store filter
 */
export function filterOf(o: FilterOptions): EventFilter {
  const f: EventFilter = {};
  if (o.from) f.dateFrom = o.from;
  if (o.to) f.dateTo = o.to;
  if (o.country) f.country = o.country;
  if (o.admin1) f.admin1 = o.admin1;
  if (o.bbox) f.bbox = o.bbox;
  if (o.near) f.near = o.near;
  if (o.type) f.eventType = o.type as EventType;
  if (o.subType) f.subEventType = o.subType as SubEventType;
  if (o.actor) f.actor = o.actor;
  if (o.text) f.text = o.text;
  if (o.minConfidence !== undefined) f.minConfidence = o.minConfidence;
  if (o.historical) f.historical = o.historical;
  return f;
}

/**
 * An event and its reports, for people.
 * @param d the event detail
 * @returns lines of text
 */
export function showText(d: EventDetail): string {
  const e = d.event;
  const where = [e.location, e.admin1, e.country].filter((x, i, xs) => x && xs.indexOf(x) === i).join(', ');
  const out = [
    `Event ${e.id}: ${e.sub_event_type} (${e.event_type}), ${e.event_date ?? 'undated'}${e.historical ? ' [historical]' : ''}`,
    `  place:       ${where || 'unknown'}${e.latitude !== null ? ` (${e.latitude}, ${e.longitude}; geo precision ${e.geo_precision})` : ''}`,
    `  actors:      ${e.actor1}${e.assoc_actor_1 ? ` with ${e.assoc_actor_1}` : ''}${e.actor2 ? ` vs ${e.actor2}` : ''}`,
    `  fatalities:  ${e.fatalities ?? 'not reported'}${e.fatalities !== null ? ` (low ${e.fatalities_low}, high ${e.fatalities_high})` : ''}; rule: ${e.fatalities_rule}`,
    `  sources:     ${e.source_count} independent (${e.sources.join('; ')}), ${e.report_count} reports; confidence ${e.confidence}`,
    `  notes:       ${e.notes}`,
    '',
    `Reports (${d.reports.length}):`,
  ];
  for (const r of d.reports) {
    const how = r.link.rule === 'new' ? 'opened the event' : r.link.rule === 'copy' ? `near-copy, score ${r.link.score}` : `merged, score ${r.link.score}`;
    const ev = r.event;
    out.push(`  #${r.id} ${r.outlet}, published ${r.published ?? 'unknown'} (article ${r.article_id}, event ${r.index}): ${how}`);
    out.push(`      coded: ${ev.sub_event_type}, ${ev.event_date ?? 'undated'}, ${ev.location ?? 'no place'}, ${ev.actor1}${ev.actor2 ? ` vs ${ev.actor2}` : ''}, fatalities ${ev.fatalities ?? '-'}`);
    out.push(`      why:   ${r.link.reasons.join('; ')}`);
    if (r.excerpt) out.push(`      text:  "${r.excerpt}"`);
  }
  return out.join('\n');
}

export function register(program: Command): void {
  const events = addFilterOptions(
    program
      .command('events')
      .description('query and export stored events (JSON Lines, ACLED CSV, GeoJSON or HXL CSV on stdout)')
      .option('--db <file>', 'the store (default $SITREP_DB or ./sitrep.db)'),
  )
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('jsonl'))
    .option('--limit <n>', 'at most n events', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
      return n;
    })
    .action(async (o: FilterOptions & { db?: string; format: ExportFormat; limit?: number }) => {
      await withStore(resolveDbPath(o.db), async (store) => {
        const filter = filterOf(o);
        if (o.limit !== undefined) filter.limit = o.limit;
        if (filter.text !== undefined && !store.capabilities.fullTextSearch) throw new InvalidArgumentError(`--text: ${store.dialect} store has no full-text search`);
        const fmt = formatter(o.format);
        let chunk = fmt.header();
        let first = true;
        for await (const e of store.events(filter)) {
          chunk += fmt.row(e, first);
          first = false;
          if (chunk.length > 1 << 16) {
            await write(chunk);
            chunk = '';
          }
        }
        await write(chunk + fmt.footer());
      });
    });

  events
    .command('show')
    .description('one event: its fields, the reports fused into it and why each was merged')
    .argument('<id>', 'event id (the number in event_id_cnty)')
    .option('--db <file>', 'the store (default $SITREP_DB or ./sitrep.db)')
    .option('--json', 'the event and its reports as JSON')
    .action(async (idArg: string, o: { db?: string; json?: boolean }) => {
      const id = Number(idArg.replace(/^[A-Z]{3}/, ''));
      if (!Number.isInteger(id)) throw new InvalidArgumentError(`not an event id: ${idArg}`);
      await withStore(resolveDbPath(o.db ?? events.opts<{ db?: string }>().db), async (store) => {
        const d = await store.event(id);
        if (!d) {
          process.stderr.write(`sitrep events show: no event ${idArg}\n`);
          process.exitCode = 1;
          return;
        }
        await writeLine(o.json ? JSON.stringify(d, null, 2) : showText(d));
      });
    });
}
