/**
 * @module util/v8-flags
 * The V8 flags Sitrep runs with, and a re-launch that sets them at process start.
 *
 * `--no-regexp-tier-up`: V8 compiles a regular expression twice by default, to bytecode on its
 * first run, then to machine code once it runs again. For the rules' large patterns the bytecode
 * step is the dearer one (all rules: ~800 ms for both steps, ~190 ms straight to machine code,
 * measured on Node 20), and every rule that fires once fires again, so Sitrep skips it.
 * Matches are the same either way; only compile time differs.
 *
 * V8 flags can only be trusted on the node command line: Node documents `v8.setFlagsFromString`
 * after start as undefined behaviour (setting this one at run time, once regular expressions had
 * already been compiled, was the suspect of a segfault), and Node does not accept V8 flags in
 * `NODE_OPTIONS`. So the entry points (`bin/sitrep`, the scripts and benches) re-run themselves
 * with the flags when they were started without them, and the package scripts pass them directly
 * (no re-run). Code that imports Sitrep as a library gets the same results without the flags,
 * only slower to compile its patterns.
 */
import { spawn } from 'node:child_process';

/** The V8 flags Sitrep's entry points run with. */
export const V8_FLAGS: readonly string[] = ['--no-regexp-tier-up'];

/** Set in a re-launched child, so that a node that drops the flags cannot re-launch forever. */
const RELAUNCHED = 'SITREP_V8_FLAGS_RELAUNCHED';

/** Whether this process was started with every flag of `V8_FLAGS`. */
export function hasV8Flags(execArgv: readonly string[] = process.execArgv): boolean {
  return V8_FLAGS.every((f) => execArgv.includes(f));
}

/** Signals passed on to the child: what a terminal, a shell or a process manager sends to stop a command. */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * Makes sure the process runs with `V8_FLAGS`. When it does (or cannot be re-run: no script,
 * or already re-launched once), resolves at once. Otherwise runs the same command again with the
 * flags in front of node's own options, stdin/stdout/stderr shared, passes on the signals
 * that stop a command, and ends this process as the child ended (same exit code, or same
 * signal); the promise then never resolves, so nothing after `await relaunchWithV8Flags()` runs
 * here. Costs one node start (~50 ms).
 */
export function relaunchWithV8Flags(): Promise<void> {
  const script = process.argv[1];
  if (hasV8Flags() || !script || process.env[RELAUNCHED]) return Promise.resolve();
  const child = spawn(process.execPath, [...V8_FLAGS, ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [RELAUNCHED]: '1' },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of FORWARDED) process.on(s, forward);
  child.on('error', (e) => {
    process.stderr.write(`sitrep: could not re-launch node with ${V8_FLAGS.join(' ')}: ${e.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of FORWARDED) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    process.exit(code ?? 1);
  });
  return new Promise<void>(() => {});
}
