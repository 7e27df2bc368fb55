/**
 * @module store/progress
 * Progress of a long ingest: a bar with rate and ETA on a terminal
 * (cli-progress), plain periodic lines otherwise (logs, CI), both on stderr.
 */
import cliProgress from 'cli-progress';
import type { IngestProgress, IngestSummary } from './ingest.js';

/** Receives progress and closes the display. */
export interface ProgressReporter {
  update(p: IngestProgress): void;
  stop(): void;
}

/** Options of {@link createProgressReporter}. */
export interface ProgressOptions {
  /** Where to write (stderr). */
  stream: NodeJS.WriteStream;
  /** Files expected, or null when unknown (stdin). */
  total: number | null;
  /** Seconds between plain lines (default 5). */
  every?: number;
  /** The clock, in ms (default `Date.now`). */
  now?: () => number;
}

const line = (s: IngestSummary) =>
  `${s.articles} articles (${s.stored} new, ${s.skipped} already stored, ${s.duplicates} near-copies), ${s.newEvents} new events, ${s.mergedEvents} merged, ${s.errors} errors`;

/** Remaining time from the files done so far: `?` until one is done. */
export function etaText(elapsedS: number, done: number, total: number | null): string {
  if (total === null || done === 0) return '?';
  const s = Math.round((elapsedS / done) * (total - done));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * @param opts the stream (a TTY gets a bar), the expected total, the line interval
 * @returns a reporter; call `stop()` before printing the summary
 */
export function createProgressReporter(opts: ProgressOptions): ProgressReporter {
  const now = opts.now ?? Date.now;
  const start = now();
  if (opts.stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: opts.stream,
        format: opts.total === null
          ? 'ingest | {articles} articles | {rate} articles/s | {events} events | {errors} errors'
          : 'ingest [{bar}] {percentage}% | {value}/{total} files | {articles} articles | {rate} articles/s | ETA {etaText} | {events} events | {errors} errors',
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(opts.total ?? 0, 0, { rate: '0', articles: 0, events: 0, errors: 0, etaText: '?' });
    return {
      update(p) {
        const secs = Math.max(0.001, (now() - start) / 1000);
        const done = opts.total === null ? p.files : Math.min(p.files, opts.total);
        bar.update(done, { rate: (p.summary.articles / secs).toFixed(0), articles: p.summary.articles, events: p.summary.newEvents, errors: p.summary.errors, etaText: etaText(secs, done, opts.total) });
      },
      stop: () => bar.stop(),
    };
  }
  const every = (opts.every ?? 5) * 1000;
  let last = start;
  let latest: IngestProgress | null = null;
  const write = (p: IngestProgress) => {
    const secs = Math.max(0.001, (now() - start) / 1000);
    const files = opts.total === null ? '' : `${p.files}/${opts.total} files, `;
    opts.stream.write(`sitrep ingest: ${files}${line(p.summary)}, ${(p.summary.articles / secs).toFixed(0)} articles/s\n`);
  };
  return {
    update(p) {
      latest = p;
      if (now() - last >= every) {
        last = now();
        write(p);
      }
    },
    stop() {
      if (latest && last !== start) write(latest);
    },
  };
}

/** The summary printed at the end of an ingest. */
export function summaryText(s: IngestSummary, seconds: number): string {
  return `sitrep ingest: ${line(s)}; ${s.controlChanges} control changes, ${s.claims} claims; ${seconds.toFixed(1)} s (${(s.articles / Math.max(seconds, 0.001)).toFixed(0)} articles/s)`;
}
