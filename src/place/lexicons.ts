/**
 * @module place/lexicons
 * The geoparser's word lists and rules, read from `data/places/`: the stop list, context cues and signal
 * weights. Each entry carries the id or reason it was given in its file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from './paths.js';
import { readTsv, splitAlternatives } from './tsv.js';

/** Kinds of stop-list entries (see `stoplist.tsv`). */
export type StopKind = 'month' | 'weekday' | 'common' | 'name' | 'title' | 'orghead' | 'connector' | 'speech';

/** Effects of context cues (see `cues.tsv`). */
export type CueEffect = 'place' | 'settlement' | 'admin' | 'relative' | 'near';

/** A compiled context cue. */
export interface Cue {
  id: string;
  where: 'before' | 'after';
  effect: CueEffect;
  re: RegExp;
  /** Words next to the name that the cue can end (before) or start (after) with, lower-case. */
  anchors: Set<string>;
}

/** Everything the geoparser reads from data files. */
export interface GeoLexicons {
  /** Word as written → its stop kinds. */
  stop: Map<string, Set<StopKind>>;
  cues: Cue[];
  /** Signal id → weight. */
  signals: Map<string, number>;
}

const STOP_KINDS = new Set<StopKind>(['month', 'weekday', 'common', 'name', 'title', 'orghead', 'connector', 'speech']);
const EFFECTS = new Set<CueEffect>(['place', 'settlement', 'admin', 'relative', 'near']);

/**
 * Reads the lexicons.
 * @param dir the data folder (defaults to `data/places/`).
 * @returns the compiled lexicons.
 * @throws Error on an unknown kind/effect or an invalid pattern, naming the file and line.
 */
export function loadLexicons(dir: string = DATA_DIR): GeoLexicons {
  const stop = new Map<string, Set<StopKind>>();
  // The hand-kept list, then the generated one (src/place/derive-stopwords.ts), which never repeats a hand-kept word.
  for (const name of ['stoplist.tsv', 'stoplist-derived.tsv']) {
    const stopFile = path.join(dir, name);
    if (name !== 'stoplist.tsv' && !fs.existsSync(stopFile)) continue;
    for (const { line, cells } of readTsv(stopFile, 3)) {
      const [word = '', kind = ''] = cells;
      if (!STOP_KINDS.has(kind as StopKind)) throw new Error(`${stopFile}:${line}: unknown kind ${kind}`);
      const set = stop.get(word) ?? new Set<StopKind>();
      set.add(kind as StopKind);
      stop.set(word, set);
    }
  }
  const cueFile = path.join(dir, 'cues.tsv');
  const cues = readTsv(cueFile, 6).map(({ line, cells }): Cue => {
    const [id = '', where = '', effect = '', pattern = '', reason = '', anchors = ''] = cells;
    if ((where !== 'before' && where !== 'after') || !EFFECTS.has(effect as CueEffect)) {
      throw new Error(`${cueFile}:${line}: bad cue ${id}`);
    }
    try {
      const re = new RegExp(pattern, reason.startsWith('(case-sensitive)') ? 'u' : 'iu');
      return { id, where, effect: effect as CueEffect, re, anchors: new Set(splitAlternatives(anchors).map((a) => a.toLowerCase())) };
    } catch (e) {
      throw new Error(`${cueFile}:${line}: cue ${id}: ${(e as Error).message}`);
    }
  });
  const signals = new Map(readTsv(path.join(dir, 'signals.tsv'), 2).map(({ cells }) => [cells[0] ?? '', Number(cells[1])]));
  return { stop, cues, signals };
}

let shipped: GeoLexicons | undefined;
/** The shipped lexicons, read on first use. */
export function defaultLexicons(): GeoLexicons {
  shipped ??= loadLexicons();
  return shipped;
}
