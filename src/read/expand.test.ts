import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { expandPaths, fsReason, type FileSystem, type RawInput } from './expand.js';

const tree = fileURLToPath(new URL('../../test/fixtures/read/tree', import.meta.url));

async function collect(it: AsyncIterable<RawInput>): Promise<RawInput[]> {
  const out: RawInput[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const describeInput = (r: RawInput): string => ('reason' in r ? `${r.path}: ${r.reason}` : r.path);

describe('expandPaths', () => {
  it('walks directories recursively in sorted order and skips hidden entries', async () => {
    const found = await collect(expandPaths([tree]));
    assert.deepEqual(
      found.map((r) => path.relative(tree, r.path)),
      ['a.txt', 'b.txt', path.join('sub', 'c.md'), path.join('sub', 'empty.txt')],
    );
  });

  it('keeps the order of the paths given and reports a missing one without stopping', async () => {
    const found = await collect(expandPaths([path.join(tree, 'b.txt'), 'no/such/file.txt', path.join(tree, 'a.txt')]));
    assert.deepEqual(found.map(describeInput), [
      path.join(tree, 'b.txt'),
      'no/such/file.txt: no such file or directory',
      path.join(tree, 'a.txt'),
    ]);
  });

  it('reports permission denied', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const fs: FileSystem = {
      stat: async () => ({ isDirectory: () => false, isFile: () => true }),
      readdir: async () => [],
      readFile: async () => {
        throw denied;
      },
      realpath: async (p) => p,
    };
    assert.deepEqual((await collect(expandPaths(['secret.txt'], { fs }))).map(describeInput), ['secret.txt: permission denied']);
  });

  it('reads `-` from stdin', async () => {
    async function* stdin(): AsyncGenerator<Uint8Array | string> {
      yield 'date 2020-01-01 ';
      yield new TextEncoder().encode('Lede.');
    }
    const [only] = await collect(expandPaths(['-'], { stdin: stdin() }));
    assert.ok(only && 'bytes' in only);
    assert.equal(only.path, '-');
    assert.equal(new TextDecoder().decode(only.bytes), 'date 2020-01-01 Lede.');
  });

  it('does not loop on a symlink cycle', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-read-'));
    try {
      mkdirSync(path.join(dir, 'a'));
      writeFileSync(path.join(dir, 'a', 'x.txt'), 'x');
      symlinkSync(dir, path.join(dir, 'a', 'loop'));
      const found = await collect(expandPaths([dir]));
      assert.deepEqual(found.map((r) => path.relative(dir, r.path)), [path.join('a', 'x.txt')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fsReason', () => {
  it('turns error codes into one-line reasons', () => {
    assert.equal(fsReason(Object.assign(new Error('x'), { code: 'ENOENT' })), 'no such file or directory');
    assert.equal(fsReason(Object.assign(new Error('x'), { code: 'EPERM' })), 'permission denied');
    assert.equal(fsReason(new Error('disk on fire\nstack')), 'cannot read (disk on fire)');
  });
});
