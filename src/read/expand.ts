/**
 * @module read/expand
 * Input paths to raw documents: files as given, directories walked recursively in
 * sorted order (hidden entries skipped, symlink loops cut), and `-` for stdin.
 * File-system failures become one-line reasons, never exceptions.
 */
import { promises as nodeFs } from 'node:fs';
import path from 'node:path';

/** The subset of `node:fs/promises` that expanding paths needs (tests pass fakes). */
export interface FileSystem {
  stat(p: string): Promise<{ isDirectory(): boolean; isFile(): boolean }>;
  readdir(p: string): Promise<string[]>;
  readFile(p: string): Promise<Uint8Array>;
  realpath(p: string): Promise<string>;
}

/** One input found: its bytes, or why it could not be read. */
export type RawInput = { path: string; bytes: Uint8Array } | { path: string; reason: string };

/** Where inputs come from; defaults are the real file system and `process.stdin`. */
export interface ExpandOptions {
  fs?: FileSystem;
  stdin?: AsyncIterable<Uint8Array | string>;
}

const defaultFs: FileSystem = {
  stat: (p) => nodeFs.stat(p),
  readdir: (p) => nodeFs.readdir(p),
  readFile: (p) => nodeFs.readFile(p),
  realpath: (p) => nodeFs.realpath(p),
};

/**
 * Expand input paths into raw documents, in order.
 * @param paths files, directories, or `-` (stdin, read once)
 * @param options file system and stdin to use
 * @returns each file's bytes, or a reason such as `no such file or directory`
 */
export async function* expandPaths(paths: readonly string[], options: ExpandOptions = {}): AsyncGenerator<RawInput> {
  const fs = options.fs ?? defaultFs;
  for (const p of paths) {
    if (p === '-') {
      yield await readStdin(options.stdin ?? process.stdin);
      continue;
    }
    yield* expandOne(fs, p, new Set<string>());
  }
}

async function* expandOne(fs: FileSystem, p: string, seenDirs: Set<string>): AsyncGenerator<RawInput> {
  let isDir: boolean;
  try {
    const st = await fs.stat(p);
    isDir = st.isDirectory();
    if (!isDir && !st.isFile()) {
      yield { path: p, reason: 'not a regular file' };
      return;
    }
  } catch (err) {
    yield { path: p, reason: fsReason(err) };
    return;
  }
  if (!isDir) {
    yield await readOne(fs, p);
    return;
  }
  let entries: string[];
  try {
    const real = await fs.realpath(p);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    entries = await fs.readdir(p);
  } catch (err) {
    yield { path: p, reason: fsReason(err) };
    return;
  }
  for (const entry of [...entries].sort(byCodePoint)) {
    if (entry.startsWith('.')) continue;
    yield* expandOne(fs, path.join(p, entry), seenDirs);
  }
}

async function readOne(fs: FileSystem, p: string): Promise<RawInput> {
  try {
    return { path: p, bytes: await fs.readFile(p) };
  } catch (err) {
    return { path: p, reason: fsReason(err) };
  }
}

async function readStdin(stdin: AsyncIterable<Uint8Array | string>): Promise<RawInput> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  } catch (err) {
    return { path: '-', reason: fsReason(err) };
  }
  return { path: '-', bytes: Buffer.concat(chunks) };
}

/** A one-line reason for a file-system error. */
export function fsReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return `cannot read (${message.split('\n')[0] ?? ''})`;
    }
  }
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
