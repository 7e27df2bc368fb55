/**
 * @module cli/output
 * Writing to stdout with back-pressure, and quietly stopping when the reader
 * goes away (`sitrep extract ... | head`).
 */

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

/** Writes one line to stdout, waiting when the pipe is full. */
export function writeLine(line: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(`${line}\n`)) resolve();
    else process.stdout.once('drain', resolve);
  });
}
