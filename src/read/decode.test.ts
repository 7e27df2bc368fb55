import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { decode } from './decode.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const reason = (d: ReturnType<typeof decode>): string => (d.ok ? 'ok' : d.reason);

describe('decode', () => {
  it('decodes UTF-8 and removes a leading BOM', () => {
    assert.deepEqual(decode(text('Bogotá')), { ok: true, text: 'Bogotá' });
    assert.deepEqual(decode(Uint8Array.from([0xef, 0xbb, 0xbf, ...text('Kidal')])), { ok: true, text: 'Kidal' });
    assert.deepEqual(decode('\ufeffKidal'), { ok: true, text: 'Kidal' });
  });

  it('decodes UTF-16 with a BOM, little- and big-endian', () => {
    const le = Uint8Array.from([0xff, 0xfe, 0x4b, 0x00, 0xe1, 0x00]);
    const be = Uint8Array.from([0xfe, 0xff, 0x00, 0x4b, 0x00, 0xe1]);
    assert.deepEqual(decode(le), { ok: true, text: 'Ká' });
    assert.deepEqual(decode(be), { ok: true, text: 'Ká' });
  });

  it('reports empty and blank input', () => {
    assert.equal(reason(decode(new Uint8Array())), 'empty file');
    assert.equal(reason(decode(text(' \n\t\n'))), 'empty file');
    assert.equal(reason(decode('')), 'empty file');
  });

  it('reports NUL bytes and invalid UTF-8 as binary', () => {
    assert.equal(reason(decode(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))), 'binary file (contains NUL bytes)');
    assert.equal(reason(decode(Uint8Array.from([0x42, 0x6f, 0x67, 0x6f, 0x74, 0xe1]))), 'binary file (not valid UTF-8)');
    assert.equal(reason(decode('a\u0000b')), 'binary file (contains NUL bytes)');
  });

  it('honours the charset an HTML page declares when it is not UTF-8', () => {
    const page = Uint8Array.from([...text('<meta charset="windows-1252"><p>Bogot'), 0xe1, ...text('</p>')]);
    const d = decode(page);
    assert.ok(d.ok);
    assert.match(d.text, /Bogotá/);
  });
});
