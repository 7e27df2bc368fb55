/**
 * Geoparser benchmark on the four public gold corpora of `../shared/geo` (LGL, GeoWebNews, TR-News, GeoVirus):
 * runs `geoparse` on every text, writes predictions to a temp folder, scores them with the corpus scorer
 * (`score-geo.mjs --peers`, which also scores nine published geoparsers) and prints throughput and peak RSS.
 *
 * Run: `node --import tsx bench/geo.bench.ts [corpus...] [--keep DIR]`. Skips when ../shared is absent.
 */
import '../src/util/start-with-v8-flags.js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Gazetteer } from '../src/place/gazetteer.js';
import { geoparse } from '../src/place/geoparse.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GEO = path.resolve(ROOT, '..', 'shared', 'geo');
const CORPORA = ['LGL', 'GeoWebNews', 'TR-News', 'GeoVirus'];

function main(): void {
  if (!fs.existsSync(path.join(GEO, 'score-geo.mjs'))) {
    console.log(`geo bench: skipped (${GEO} not found; it holds the gold corpora and scorer)`);
    return;
  }
  const args = process.argv.slice(2);
  const keepAt = args.indexOf('--keep');
  const outDir = keepAt >= 0 ? (args[keepAt + 1] as string) : fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-geo-'));
  fs.mkdirSync(outDir, { recursive: true });
  const chosen = args.filter((a, i) => CORPORA.includes(a) && (keepAt < 0 || i !== keepAt + 1));
  const corpora = chosen.length ? chosen : CORPORA;

  const t0 = performance.now();
  const gaz = Gazetteer.load();
  console.log(`gazetteer: ${gaz.size} places loaded in ${(performance.now() - t0).toFixed(0)} ms`);
  let peak = process.memoryUsage().rss;
  let allBytes = 0;
  let allCpu = 0;
  let allWall = 0;
  for (const corpus of corpora) {
    const docs = fs.readFileSync(path.join(GEO, 'texts', `${corpus}.jsonl`), 'utf8').split('\n').filter(Boolean)
      .map((l) => JSON.parse(l) as { doc: number; text: string });
    const lines: string[] = [];
    let chars = 0;
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    for (const d of docs) {
      const tops = geoparse(gaz, d.text).filter((x) => x.place);
      chars += Buffer.byteLength(d.text);
      lines.push(JSON.stringify({
        doc: d.doc,
        toponyms: tops.map((x) => ({ start: x.start, end: x.end, latitude: x.place?.latitude, longitude: x.place?.longitude })),
      }));
    }
    const secs = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    allBytes += chars;
    allCpu += cpuSecs;
    allWall += secs;
    peak = Math.max(peak, process.memoryUsage().rss);
    const pred = path.join(outDir, `${corpus}.pred.jsonl`);
    fs.writeFileSync(pred, `${lines.join('\n')}\n`);
    console.log(`\n${corpus}: ${docs.length} docs, ${(chars / 1e6).toFixed(2)} MB in ${secs.toFixed(2)} s wall, ${cpuSecs.toFixed(2)} s CPU = ${(chars / 1e6 / cpuSecs).toFixed(2)} MB/s per core (wall ${(chars / 1e6 / secs).toFixed(2)} MB/s)`);
    console.log(execFileSync(process.execPath, [path.join(GEO, 'score-geo.mjs'), '--corpus', corpus, '--pred', pred, '--peers'], { encoding: 'utf8' }));
  }
  console.log(`all corpora: ${(allBytes / 1e6).toFixed(2)} MB, ${allCpu.toFixed(2)} s CPU = ${(allBytes / 1e6 / allCpu).toFixed(2)} MB/s per core (cold: includes lexicon loading, JIT warm-up and empty lookup caches; process CPU also counts V8's compiler and GC threads); wall ${(allBytes / 1e6 / allWall).toFixed(2)} MB/s`);
  // Second pass over the same texts: the steady state of a long-running process whose caches hold the names.
  const texts = corpora.flatMap((c) => fs.readFileSync(path.join(GEO, 'texts', `${c}.jsonl`), 'utf8').split('\n').filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text));
  const cpu1 = process.cpuUsage();
  for (const t of texts) geoparse(gaz, t);
  const warm = process.cpuUsage(cpu1);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`warm second pass: ${(allBytes / 1e6 / ((warm.user + warm.system) / 1e6)).toFixed(2)} MB/s per core (target >= 2 MB/s per core)`);
  console.log(`peak RSS ${(peak / 1e6).toFixed(0)} MB`);
  if (keepAt >= 0) console.log(`predictions kept in ${outDir}`);
  else fs.rmSync(outDir, { recursive: true, force: true });
}

main();
