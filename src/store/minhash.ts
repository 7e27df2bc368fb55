/**
 * @module store/minhash
 * Near-duplicate detection for articles (syndicated copies, light edits):
 * MinHash signatures over word 3-shingles of the normalised text, and LSH
 * band keys so that a store finds candidates with one indexed lookup.
 *
 * With 64 hashes in 16 bands of 4, two texts of Jaccard similarity J share at
 * least one band with probability 1 − (1 − J⁴)¹⁶: 0.9996 at J = 0.8, 0.64 at
 * J = 0.5. Candidates are then checked on the full signature (estimate error
 * ≈ ±0.05 at J = 0.8), and linked at {@link DUPLICATE_THRESHOLD}.
 * Pure functions, no state.
 */

/** Hashes per signature. */
export const SIGNATURE_SIZE = 64;
/** Rows per LSH band (SIGNATURE_SIZE / ROWS bands). */
export const BAND_ROWS = 4;
/** Words per shingle. */
export const SHINGLE_WORDS = 3;
/** Estimated Jaccard similarity at or above which an article is a near-copy. */
export const DUPLICATE_THRESHOLD = 0.8;
/** Texts with fewer words are not signed (too little text to call two of them copies). */
export const MIN_WORDS = 12;

/** ASCII, U+00A0 (no-break space) and General Punctuation (U+2000–U+206F: ‘’ “” – — … and the like). */
const SEPARATORS_ONLY = /^[\x00-\x7f\u00a0\u2000-\u206f]*$/;

/**
 * Lowercase, strip accents and punctuation, collapse white space.
 * @param text any text
 * @returns the words, space-separated
 */
export function normaliseText(text: string): string {
  // Fast path for ASCII text (most news in English), typographic quotes, dashes and no-break spaces included:
  // no decomposition needed, and those characters are separators either way (tested one by one).
  if (SEPARATORS_ONLY.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** FNV-1a, 32 bits, over UTF-16 code units (as a signed 32-bit integer: the bits are what matter). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * MurmurHash3's 32-bit finaliser: a cheap, well-mixed permutation of 32-bit integers. Signed: V8 keeps
 * int32 values in registers, while unsigned ones above 2³¹ become doubles (the signature loop runs
 * 64 times per shingle).
 */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

/** {@link mix32}, unsigned. */
function fmix32(x: number): number {
  return mix32(x) >>> 0;
}

/** Fixed per-position seeds (derived, not random: signatures are stable across runs and machines). */
const SEEDS: Int32Array = (() => {
  const s = new Int32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) s[i] = mix32((i + 1) * 0x9e3779b9);
  return s;
})();

/** Flips the sign bit: signed comparison of flipped values orders them as unsigned. */
const SIGN = 0x80000000 | 0;

/**
 * The MinHash signature of a text.
 * @param text the article text (normalised here)
 * @returns {@link SIGNATURE_SIZE} unsigned 32-bit minima, or null when the text has fewer than {@link MIN_WORDS} words
 * @example jaccardEstimate(signature(a)!, signature(b)!) // ≈ Jaccard similarity of their 3-shingle sets
 */
export function signature(text: string): Uint32Array | null {
  const words = normaliseText(text).split(' ');
  if (words.length < MIN_WORDS || words[0] === '') return null;
  const wh = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) wh[i] = fnv1a(words[i]!);
  // the minima, sign bit flipped (so that int32 comparison is unsigned comparison)
  const min = new Int32Array(SIGNATURE_SIZE).fill(0xffffffff ^ SIGN);
  const seen = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    // an order-sensitive hash of the shingle's word hashes (no string is built)
    let h = wh[i]!;
    for (let k = 1; k < SHINGLE_WORDS; k++) h = mix32(Math.imul(h, 0x9e3779b1) ^ wh[i + k]!);
    if (seen.has(h)) continue;
    seen.add(h);
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const v = mix32(h ^ SEEDS[k]!) ^ SIGN;
      if (v < min[k]!) min[k] = v;
    }
  }
  const sig = new Uint32Array(SIGNATURE_SIZE);
  for (let k = 0; k < SIGNATURE_SIZE; k++) sig[k] = min[k]! ^ SIGN;
  return sig;
}

/**
 * @param a a signature
 * @param b a signature of the same size
 * @returns the share of positions where they agree: an unbiased estimate of the Jaccard similarity
 */
export function jaccardEstimate(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError('signatures differ in size');
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * LSH band keys: band index in the high bits, a hash of the band's rows in the low 32.
 * @param sig a signature
 * @returns SIGNATURE_SIZE / BAND_ROWS integers below 2⁵³ (safe as SQL integers and JS numbers)
 */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b * BAND_ROWS < sig.length; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < BAND_ROWS; r++) h = fmix32(h ^ sig[b * BAND_ROWS + r]!);
    keys.push(b * 2 ** 32 + h);
  }
  return keys;
}

/** Encodes a signature for storage (little-endian bytes). */
export function signatureToBytes(sig: Uint32Array): Buffer {
  const buf = Buffer.alloc(sig.length * 4);
  sig.forEach((v, i) => buf.writeUInt32LE(v, i * 4));
  return buf;
}

/** Decodes {@link signatureToBytes}. */
export function signatureFromBytes(buf: Uint8Array): Uint32Array {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const sig = new Uint32Array(b.length / 4);
  for (let i = 0; i < sig.length; i++) sig[i] = b.readUInt32LE(i * 4);
  return sig;
}
