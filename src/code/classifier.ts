/**
 * @module code/classifier
 * The fall-back sub-event classifier: a multinomial logistic regression over the
 * stemmed words and word pairs of a snippet, trained on the labelled snippets of
 * `data/classifier/*.tsv` (written by the team after the ACLED Codebook).
 *
 * The trigger rules stay the coder: they say which words report which event, and
 * the rest of the pipeline (context, precedence, roles, places) builds on them.
 * Reports word events in more ways than any rule list holds, though ("the bomb
 * squad made the device safe", "insurgents now control the district"). When no
 * rule matches any sentence of an article, the coder asks this classifier about
 * the article's opening sentences; its answer becomes an event only when it is
 * confident, and the event's evidence is the word or word pair that weighed most
 * for that answer.
 *
 * Training is deterministic (fixed order, seeded shuffles), takes well under a
 * second, and happens once per process, the first time an article needs it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stemmer } from 'stemmer';

import type { SubEventType } from '../domain/types.js';
import { DATA_ROOT, DataError } from '../data/load.js';
import { mix32, stringHash } from '../util/random.js';
import type { Taxonomy } from './taxonomy.js';

/** The label of snippets that report nothing ACLED codes. */
export const NONE_LABEL = 'none';

/** One labelled training snippet, with where it comes from (for error messages). */
export interface LabelledSnippet {
  label: SubEventType | typeof NONE_LABEL;
  text: string;
  /** Features beyond the words (e.g. what the rules answered): no span in the text. */
  extra?: readonly string[];
  file: string;
  line: number;
}

/** A feature of a text (a stemmed word or a pair of adjacent ones) and where it is. */
export interface Feature {
  key: string;
  start: number;
  end: number;
}

/** The classifier's answer for one text. */
export interface Classification {
  label: SubEventType | typeof NONE_LABEL;
  /** Probability of `label` (softmax over all labels). */
  p: number;
  /** The present feature with the largest weight for `label`: the words behind the answer. */
  evidence: { start: number; end: number } | null;
}

export interface TrainOptions {
  /** Passes over the training data. */
  epochs?: number;
  /** AdaGrad base learning rate. */
  rate?: number;
  /** L2 penalty on the weights a sample touches. */
  l2?: number;
  /** Features seen in fewer training snippets are ignored. */
  minCount?: number;
  /** Seed of the shuffles. */
  seed?: number;
}

const WORD = /\p{L}+|\d+(?:[.,]\d+)*/gu;
const DIGIT = /^\d/;

/** Stems already worked out: news repeats its words, and the Porter stemmer is pure. */
const stems = new Map<string, string>();
/** Words a cache of words keeps before it starts afresh (bounds memory on an endless stream). */
const MAX_CACHED_WORDS = 100_000;

/** The feature key of one word: its lower-cased Porter stem, or "#" for a number. */
function keyOf(word: string): string {
  if (DIGIT.test(word)) return '#';
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= MAX_CACHED_WORDS) stems.clear();
    stems.set(word, (s = stemmer(word.toLowerCase())));
  }
  return s;
}

/** The words of `text[start, end)` as feature keys, with their spans. */
function wordsOf(text: string, start: number, end: number): Feature[] {
  const words: Feature[] = [];
  WORD.lastIndex = start;
  for (let m = WORD.exec(text); m && m.index < end; m = WORD.exec(text)) {
    words.push({ key: keyOf(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return words;
}

/**
 * The features of `text[start, end)`: every stemmed word ("#" for a number) and
 * every pair of adjacent words, each once, with the span of its first occurrence.
 */
export function featuresOf(text: string, start = 0, end = text.length): Feature[] {
  const words = wordsOf(text, start, end);
  const seen = new Set<string>();
  const out: Feature[] = [];
  const add = (key: string, s: number, e: number) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ key, start: s, end: e });
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    add(w.key, w.start, w.end);
    const next = words[i + 1];
    if (next) add(`${w.key} ${next.key}`, w.start, next.end);
  }
  return out;
}

/** A trained classifier: one weight per (feature, label) and one bias per label. */
export class SnippetClassifier {
  /**
   * The words of the model (alone or in a pair) by number, the row of each word's own feature
   * (-1: none), and the row of each pair by the numbers of its words: a text's features are
   * looked up without building a string per word pair.
   */
  private readonly words = new Map<string, number>();
  private readonly wordRows: Int32Array;
  private readonly pairRows = new Map<number, number>();
  /** The word number of a word as written (-1: unknown to the model), as texts repeat their words. */
  private readonly written = new Map<string, number>();

  private constructor(
    readonly labels: readonly (SubEventType | typeof NONE_LABEL)[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {
    const idOf = (w: string): number => {
      let id = this.words.get(w);
      if (id === undefined) this.words.set(w, (id = this.words.size));
      return id;
    };
    const rows: number[] = [];
    for (const [key, at] of index) {
      const space = key.indexOf(' ');
      if (space < 0) {
        rows[idOf(key)] = at;
        continue;
      }
      const a = idOf(key.slice(0, space));
      const b = idOf(key.slice(space + 1));
      this.pairRows.set(a * PAIR_BASE + b, at);
    }
    this.wordRows = new Int32Array(this.words.size).fill(-1);
    rows.forEach((at, id) => (this.wordRows[id] = at));
  }

  /**
   * Trains on labelled snippets (softmax regression, AdaGrad, L2 on touched weights).
   * @param snippets the training data; at least two labels
   */
  static train(snippets: readonly LabelledSnippet[], opts: TrainOptions = {}): SnippetClassifier {
    const { epochs = 10, rate = 0.1, l2 = 1e-4, minCount = 2, seed = 1 } = opts;
    const labels = [...new Set(snippets.map((s) => s.label))].sort();
    if (labels.length < 2) throw new Error('classifier: training needs at least two labels');
    const L = labels.length;
    const labelOf = new Map(labels.map((l, i) => [l, i]));
    const keys = snippets.map((s) => [...featuresOf(s.text).map((f) => f.key), ...(s.extra ?? [])]);
    const counts = new Map<string, number>();
    for (const ks of keys) for (const k of ks) counts.set(k, (counts.get(k) ?? 0) + 1);
    const index = new Map<string, number>();
    for (const [k, n] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : 1))) if (n >= minCount) index.set(k, index.size);
    const samples = keys.map((ks, i) => ({
      x: Int32Array.from(ks.map((k) => index.get(k) ?? -1).filter((f) => f >= 0)),
      y: labelOf.get(snippets[i]!.label)!,
    }));
    const w = new Float64Array(index.size * L);
    const gw = new Float64Array(index.size * L);
    const b = new Float64Array(L);
    const gb = new Float64Array(L);
    const p = new Float64Array(L);
    // Each epoch visits the snippets in an order set by each snippet's own text (hashed with the epoch and seed),
    // not by a shuffle of the whole list: adding a snippet leaves the others' order, and so the model, nearly as it
    // was (a list shuffle reorders everything, and flipped a few sure answers with every new batch).
    const base = snippets.map((s) => stringHash(`${s.label}\t${s.text}`));
    const order = samples.map((_, i) => i);
    for (let epoch = 0; epoch < epochs; epoch++) {
      const key = base.map((h) => mix32(h ^ mix32(epoch * 0x9e3779b9 + seed)));
      order.sort((i, j) => key[i]! - key[j]! || i - j);
      for (const i of order) {
        const { x, y } = samples[i]!;
        softmax(w, b, x, L, p);
        for (let c = 0; c < L; c++) {
          const g = p[c]! - (c === y ? 1 : 0);
          gb[c]! += g * g;
          b[c]! -= (rate * g) / Math.sqrt(gb[c]! + 1e-8);
          for (const f of x) {
            const at = f * L + c;
            const gf = g + l2 * w[at]!;
            gw[at]! += gf * gf;
            w[at]! -= (rate * gf) / Math.sqrt(gw[at]! + 1e-8);
          }
        }
      }
    }
    // Kept as 32-bit floats: half the memory, and the saved model's precision.
    return new SnippetClassifier(labels, index, Float32Array.from(w), Float32Array.from(b));
  }

  /** The probability of every label for `text[start, end)` (and `extra` features), best first. */
  scores(text: string, start = 0, end = text.length, extra: readonly string[] = []): { label: SubEventType | typeof NONE_LABEL; p: number }[] {
    const x = [...this.present(text, start, end).map((f) => f.at), ...this.extras(extra)];
    const p = new Float64Array(this.labels.length);
    softmax(this.weights, this.bias, Int32Array.from(x), this.labels.length, p);
    return this.labels.map((label, i) => ({ label, p: p[i]! })).sort((u, v) => v.p - u.p);
  }

  /** The most probable label for `text[start, end)` (and `extra` features), with the words that weighed most for it. */
  classify(text: string, start = 0, end = text.length, extra: readonly string[] = []): Classification {
    const L = this.labels.length;
    const feats = this.present(text, start, end);
    const p = new Float64Array(L);
    softmax(this.weights, this.bias, Int32Array.from([...feats.map((f) => f.at), ...this.extras(extra)]), L, p);
    let best = 0;
    for (let c = 1; c < L; c++) if (p[c]! > p[best]!) best = c;
    let evidence: Classification['evidence'] = null;
    let top = 0;
    for (const f of feats) {
      const wt = this.weights[f.at * L + best]!;
      if (wt > top) {
        top = wt;
        evidence = { start: f.start, end: f.end };
      }
    }
    return { label: this.labels[best]!, p: p[best]!, evidence };
  }

  /**
   * The model as bytes, for `fromBytes`: a JSON header (labels and feature keys, after the magic line
   * and its length) and then the weights and biases as 32-bit floats. Features whose weights are all
   * zero are left out.
   */
  toBytes(): Buffer {
    const L = this.labels.length;
    const features: string[] = [];
    const rows: Float32Array[] = [];
    for (const [key, at] of this.index) {
      const row = this.weights.subarray(at * L, at * L + L);
      if (row.every((x) => x === 0)) continue;
      features.push(key);
      rows.push(row);
    }
    const header = Buffer.from(JSON.stringify({ labels: this.labels, features }), 'utf8');
    const floats = new Float32Array(rows.length * L + L);
    rows.forEach((row, i) => floats.set(row, i * L));
    floats.set(this.bias, rows.length * L);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    return Buffer.concat([MAGIC, length, header, Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength)]);
  }

  /** A model saved by `toBytes`. */
  static fromBytes(bytes: Buffer): SnippetClassifier {
    const bad = () => new Error('classifier: malformed model file');
    if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw bad();
    const headerLength = bytes.readUInt32LE(MAGIC.length);
    const at = MAGIC.length + 4 + headerLength;
    let header: { labels: (SubEventType | typeof NONE_LABEL)[]; features: string[] };
    try {
      header = JSON.parse(bytes.subarray(MAGIC.length + 4, at).toString('utf8')) as typeof header;
    } catch {
      throw bad();
    }
    const L = header.labels.length;
    const count = header.features.length * L + L;
    if (L < 2 || bytes.length !== at + count * 4) throw bad();
    // Copied out: the floats after the header need not sit on a 4-byte boundary.
    const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + count * 4));
    const weights = floats.subarray(0, count - L);
    const bias = floats.subarray(count - L);
    return new SnippetClassifier(header.labels, new Map(header.features.map((k, i) => [k, i])), weights, bias);
  }

  private extras(keys: readonly string[]): number[] {
    const out: number[] = [];
    for (const k of keys) {
      const at = this.index.get(k);
      if (at !== undefined) out.push(at);
    }
    return out;
  }

  /**
   * The rows of the model's features present in `text[start, end)`, in `featuresOf` order (each
   * once, at its first occurrence), with their spans: the same as looking up every feature of
   * `featuresOf` by its key.
   */
  private present(text: string, start: number, end: number): { at: number; start: number; end: number }[] {
    const words: { start: number; end: number }[] = [];
    const ids: number[] = [];
    WORD.lastIndex = start;
    for (let m = WORD.exec(text); m && m.index < end; m = WORD.exec(text)) {
      let id = this.written.get(m[0]);
      if (id === undefined) {
        if (this.written.size >= MAX_CACHED_WORDS) this.written.clear();
        this.written.set(m[0], (id = this.words.get(keyOf(m[0])) ?? -1));
      }
      words.push({ start: m.index, end: m.index + m[0].length });
      ids.push(id);
    }
    const seen = new Set<number>();
    const out: { at: number; start: number; end: number }[] = [];
    const add = (at: number | undefined, s: number, e: number): void => {
      if (at === undefined || at < 0 || seen.has(at)) return;
      seen.add(at);
      out.push({ at, start: s, end: e });
    };
    for (let i = 0; i < words.length; i++) {
      const id = ids[i]!;
      if (id < 0) continue; // a word the model does not know, alone or in a pair
      add(this.wordRows[id], words[i]!.start, words[i]!.end);
      const next = ids[i + 1];
      if (next !== undefined && next >= 0) add(this.pairRows.get(id * PAIR_BASE + next), words[i]!.start, words[i + 1]!.end);
    }
    return out;
  }
}

/** Pairs are keyed `first * PAIR_BASE + second` (word numbers stay far below it; products stay exact in a double). */
const PAIR_BASE = 2 ** 24;

/** The first bytes of a saved model (format version 1). */
const MAGIC = Buffer.from('sitrep-classifier 1\n', 'utf8');

/** p ← softmax(b + Σ_f w[f]) over the L labels. */
function softmax(w: Float64Array | Float32Array, b: Float64Array | Float32Array, x: Int32Array, L: number, p: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < L; c++) {
    let z = b[c]!;
    for (const f of x) z += w[f * L + c]!;
    p[c] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let c = 0; c < L; c++) sum += p[c] = Math.exp(p[c]! - max);
  for (let c = 0; c < L; c++) p[c]! /= sum;
}

/**
 * Reads the labelled snippets of `data/classifier/*.tsv` (or of `dir`).
 * @param taxonomy the sub-event types a label may name (besides "none")
 * @throws DataError naming the file and line of a malformed row or unknown label
 */
export function loadSnippets(taxonomy: Taxonomy, dir = path.join(DATA_ROOT, 'classifier')): LabelledSnippet[] {
  const out: LabelledSnippet[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort();
  } catch (e) {
    throw new DataError(dir, `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  for (const name of files) {
    const file = path.join(dir, name);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((raw, i) => {
      const line = raw.replace(/\r$/, '');
      if (!line.trim() || line.startsWith('#')) return;
      const cells = line.split('\t');
      if (cells.length !== 2 || !cells[1]!.trim()) throw new DataError(file, `line ${i + 1}: expected "label<TAB>snippet"`);
      const label = cells[0]!.trim();
      if (label !== NONE_LABEL && !taxonomy.subTypes.has(label as SubEventType)) {
        throw new DataError(file, `line ${i + 1}: "${label}" is neither an ACLED sub-event type nor "${NONE_LABEL}"`);
      }
      out.push({ label: label as LabelledSnippet['label'], text: cells[1]!.trim(), file: name, line: i + 1 });
    });
  }
  return out;
}
