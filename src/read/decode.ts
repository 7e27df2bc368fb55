/**
 * @module read/decode
 * Bytes to text. Sitrep reads UTF-8 (with or without a BOM) and UTF-16 with a BOM;
 * HTML and XML that are not UTF-8 may name their encoding (`<meta charset>`,
 * `<?xml encoding?>`). Anything else is reported as binary, never guessed.
 *
 * The decoded text is what every offset indexes: the file's characters exactly,
 * with one leading byte-order mark removed.
 */

/** The outcome of decoding: the text, or a one-line reason it is not text. */
export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Decode a file's bytes (or take an in-memory string) as text.
 * @param content the raw bytes, or a string already decoded
 * @returns the text without a leading BOM, or why it cannot be read:
 *   `empty file`, `binary file (contains NUL bytes)`, `binary file (not valid UTF-8)`
 */
export function decode(content: Uint8Array | string): Decoded {
  const decoded = typeof content === 'string' ? { ok: true as const, text: stripBom(content) } : decodeBytes(content);
  if (!decoded.ok) return decoded;
  if (decoded.text.includes('\u0000')) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  if (decoded.text.trim() === '') return { ok: false, reason: 'empty file' };
  return decoded;
}

function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (startsWith(bytes, UTF8_BOM)) return utf8(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return utf16(bytes.subarray(2), 'le');
  if (startsWith(bytes, [0xfe, 0xff])) return utf16(bytes.subarray(2), 'be');
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  const asUtf8 = utf8(bytes);
  if (asUtf8.ok) return asUtf8;
  const declared = declaredCharset(bytes);
  return declared ? legacy(bytes, declared) : asUtf8;
}

function utf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'binary file (not valid UTF-8)' };
  }
}

function utf16(bytes: Uint8Array, order: 'le' | 'be'): Decoded {
  if (bytes.length % 2 !== 0) return { ok: false, reason: 'binary file (odd length for UTF-16)' };
  const le = order === 'le' ? bytes : swapPairs(bytes);
  try {
    return { ok: true, text: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(le) };
  } catch {
    return { ok: false, reason: 'binary file (not valid UTF-16)' };
  }
}

function legacy(bytes: Uint8Array, charset: string): Decoded {
  try {
    return { ok: true, text: new TextDecoder(charset, { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: `binary file (not valid ${charset})` };
  }
}

/** The encoding an HTML or XML document names in its first kilobyte, if any. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head);
  const charset = m?.[1]?.toLowerCase();
  return charset && charset !== 'utf-8' && charset !== 'utf8' ? charset : null;
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] ?? 0;
    out[i + 1] = bytes[i] ?? 0;
  }
  return out;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
