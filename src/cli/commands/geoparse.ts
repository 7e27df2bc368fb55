/**
 * @module cli/commands/geoparse
 * `sitrep geoparse PATH...`: finds and resolves the place names of articles, one JSON line per article on stdout
 * (`{"file"|"doc", "toponyms": [...]}`); one line per unreadable input on stderr; exit status 1 when any input
 * failed. Reads what `extract` reads (text, HTML, Markdown, JSON/JSON Lines, RSS/Atom, directories, stdin).
 */
import type { Command } from 'commander';
import type { Article, Toponym } from '../../domain/types.js';
import { Gazetteer } from '../../place/gazetteer.js';
import { geoparse } from '../../place/geoparse.js';
import { readInputs } from '../../read/index.js';
import { writeLine } from '../output.js';

/** One toponym as printed. */
export interface ToponymRecord {
  start: number;
  end: number;
  text: string;
  name: string | null;
  geonameid: number | null;
  latitude: number | null;
  longitude: number | null;
  country: string | null;
  iso3: string | null;
  admin1: string | null;
  feature_code: string | null;
  population: number | null;
  confidence: number;
  role: Toponym['role'];
  /** "20 km east of", "neighbourhood": the place is near or inside the named one (ACLED geo_precision 2). */
  relative?: { text: string; start: number; end: number; geo_precision: number };
}

/**
 * The printed form of one toponym; unresolved names keep their span with null place fields.
 * @param t a toponym from {@link geoparse}.
 * @returns the record.
 */
export function toponymRecord(t: Toponym): ToponymRecord {
  const p = t.place;
  const r: ToponymRecord = {
    start: t.start, end: t.end, text: t.text,
    name: p?.name ?? null, geonameid: p?.geonameid ?? null, latitude: p?.latitude ?? null, longitude: p?.longitude ?? null,
    country: p?.country ?? null, iso3: p?.iso3 || null, admin1: p?.admin1 ?? null, feature_code: p?.feature_code ?? null,
    population: p ? p.population : null, confidence: t.confidence, role: t.role,
  };
  if (t.relative) r.relative = t.relative;
  return r;
}

/**
 * The output line of one article: `doc` is the record id of a JSON (Lines) record, else `file` names the input.
 * @param a the article.
 * @param toponyms its toponyms.
 * @returns the object to print.
 */
export function geoparseRecord(a: Article, toponyms: Toponym[]): Record<string, unknown> {
  const head = a.record_id !== null ? { doc: a.record_id } : { file: a.file };
  return { ...head, toponyms: toponyms.map(toponymRecord) };
}

export function register(program: Command): void {
  program
    .command('geoparse')
    .description('find and place the place names of articles (JSON Lines on stdout)')
    .argument('<paths...>', 'files, directories (read recursively) or - for standard input')
    .option('--gazetteer <dir>', 'folder of the local gazetteer (default: $SITREP_GAZETTEER, else the built-in one)')
    .option('--focus <cc>', 'ISO country code the articles are about (feed or dateline metadata)')
    .option('--pretty', 'indented JSON for humans')
    .action(async (paths: string[], o: { gazetteer?: string; focus?: string; pretty?: boolean }) => {
      const gaz = Gazetteer.load(o.gazetteer ? { overlayDir: o.gazetteer } : {});
      let failed = 0;
      for await (const r of readInputs(paths)) {
        if ('error' in r) {
          failed++;
          process.stderr.write(`sitrep: ${r.error.file}: ${r.error.reason}\n`);
          continue;
        }
        const tops = geoparse(gaz, r.article.text, { zones: r.article.zones, ...(o.focus ? { focusCc: o.focus } : {}) });
        const out = geoparseRecord(r.article, tops);
        await writeLine(o.pretty ? JSON.stringify(out, null, 2) : JSON.stringify(out));
      }
      if (failed) process.exitCode = 1;
    });
}
