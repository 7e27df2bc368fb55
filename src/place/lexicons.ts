/**
 * @module place/lexicons
 * The geoparser's word lists and rules, read from `data/places/`: the stop list, context cues and signal
 * weights. Each entry carries the id or reason it was given in its file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from './paths.js';
import { loadSubplaceRules, type SubplaceRule } from './subplaces.js';
import { readTsv, splitAlternatives } from './tsv.js';

/** Kinds of stop-list entries (see `stoplist.tsv`). */
export type StopKind = 'month' | 'weekday' | 'common' | 'name' | 'title' | 'orghead' | 'connector' | 'speech' | 'given' | 'particle';

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
  /** Guard id → its parameter (`guards.tsv`). */
  guards: Map<string, number>;
  /** Parts of cities and generic city references (`subplaces.tsv`). */
  subplaces: SubplaceRule[];
  /** Words of stop kind `connector` ("al", "de", "of"), which may stand inside a name. */
  connectors: Set<string>;
  /** The anchor words of the cues, by side: most names have none next to them, and skip the cue expressions. */
  cueAnchors: { before: Set<string>; after: Set<string> };
}

const STOP_KINDS = new Set<StopKind>(['month', 'weekday', 'common', 'name', 'title', 'orghead', 'connector', 'speech', 'given', 'particle']);

/**
 * The stop-list kinds of a word. A word written with diacritics that is not listed itself falls back to its
 * plain-letter form, so the US Census "Martinez" and "Sanchez" also stop "Martínez" and "Sánchez" (Spanish and
 * French names in conflict news are usually written with their accents).
 * @param lex the lexicons.
 * @param word the word as written.
 * @returns its kinds, or undefined.
 */
export function stopKinds(lex: GeoLexicons, word: string): Set<StopKind> | undefined {
  const hit = lex.stop.get(word);
  if (hit !== undefined) return hit;
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) > 127) return plainLetterKinds(lex, word);
  }
  return undefined;
}

/** The stop-list kinds of a word's plain-letter form (a function of its own: the filters inline the common path). */
function plainLetterKinds(lex: GeoLexicons, word: string): Set<StopKind> | undefined {
  return lex.stop.get(word.normalize('NFD').replace(/\p{M}+/gu, ''));
}
const EFFECTS = new Set<CueEffect>(['place', 'settlement', 'admin', 'relative', 'near']);

/**
 * Reads the lexicons.
 * @param dir the data folder (defaults to `data/places/`).
 * @returns the compiled lexicons.
 * @throws Error on an unknown kind/effect or an invalid pattern, naming the file and line.
 */
export function loadLexicons(dir: string = DATA_DIR): GeoLexicons {
  const stop = new Map<string, Set<StopKind>>();
  // The hand-kept list, then the generated one (src/place/derive-stopwords.ts), which never repeats a hand-kept
  // word, then the given names (kind `given`: they mark the capitalised words after them as a person's name).
  for (const name of ['stoplist.tsv', 'stoplist-derived.tsv', 'given-names.tsv']) {
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
  const guardFile = path.join(dir, 'guards.tsv');
  const guards = new Map(readTsv(guardFile, 3).map(({ line, cells }) => {
    const v = Number(cells[1]);
    if (!Number.isFinite(v)) throw new Error(`${guardFile}:${line}: guard ${cells[0] ?? ''}: value is not a number`);
    return [cells[0] ?? '', v] as const;
  }));
  const subFile = path.join(dir, 'subplaces.tsv');
  const subplaces = fs.existsSync(subFile) ? loadSubplaceRules(subFile) : [];
  const connectors = new Set<string>();
  for (const [word, kinds] of stop) if (kinds.has('connector')) connectors.add(word);
  const cueAnchors = { before: new Set<string>(), after: new Set<string>() };
  for (const c of cues) for (const a of c.anchors) cueAnchors[c.where].add(a);
  return { stop, cues, signals, guards, subplaces, connectors, cueAnchors };
}

let shipped: GeoLexicons | undefined;
/** The shipped lexicons, read on first use. */
export function defaultLexicons(): GeoLexicons {
  shipped ??= loadLexicons();
  return shipped;
}
