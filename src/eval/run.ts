/**
 * @module eval/run
 * The `sitrep eval` pipeline: load the gold file, read the articles, extract,
 * score, print. Every dependency (reader, extractor factory, file reader,
 * output streams) is passed in, so the pipeline runs in tests without files
 * or a gazetteer.
 */
import type { Article, Extraction, InputError } from '../domain/types.js';
import type { Extractor } from '../code/extract.js';
import type { ReadOptions, ReadResult } from '../read/index.js';
import { formatReport } from './format.js';
import { GoldFormatError, parseGold, type GoldArticle } from './gold.js';
import { scoreExtractions, type EvalReport } from './score.js';

/** Exit status: 0 = done, 1 = `--min-f1` not met, 2 = bad gold file. */
export type EvalExit = 0 | 1 | 2;

/** What `sitrep eval` was asked to do. */
export interface EvalOptions {
  gold: string;
  paths: string[];
  /** Print the structured report as JSON instead of text. */
  json?: boolean;
  /** Fallback publication date `YYYY-MM-DD` for articles that carry none. */
  date?: string;
  /** Events F1 below this exits with 1. */
  minF1?: number;
}

/** The part of an {@link Extractor} the pipeline uses. */
export type ArticleExtractor = Pick<Extractor, 'extract'>;

/** What the pipeline needs from the outside world. */
export interface EvalDeps {
  read(paths: string[], opts?: ReadOptions): AsyncIterable<ReadResult>;
  createExtractor(): Promise<ArticleExtractor>;
  readFile(file: string): Promise<string>;
}

/** Where the pipeline writes: `out` for results, `err` for diagnostics (one line each, no newline). */
export interface EvalIO {
  out(text: string): void;
  err(line: string): void;
}

/**
 * Reads and parses a gold file.
 *
 * @param file the gold file's path
 * @param readFile reads a file as UTF-8
 * @returns the gold articles
 * @throws {GoldFormatError} when the file cannot be read or is malformed
 */
export async function loadGold(file: string, readFile: EvalDeps['readFile']): Promise<GoldArticle[]> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GoldFormatError(file, null, `cannot read the gold file (${code ?? (e as Error).message})`);
  }
  return parseGold(text, file);
}

/** One article the extractor failed on. */
export class ExtractionFailure extends Error {
  readonly code = 'EXTRACTION_FAILED';

  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`${file}: extraction failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ExtractionFailure';
  }
}

/**
 * Extracts every article a reader yields.
 *
 * @param results what the reader yields, articles and read errors
 * @param extractor the extractor
 * @param onError called for each input that could not be read or extracted; the run goes on
 * @returns one extraction per article extracted, in input order
 */
export async function extractAll(
  results: AsyncIterable<ReadResult>,
  extractor: ArticleExtractor,
  onError: (e: InputError | ExtractionFailure) => void,
): Promise<Extraction[]> {
  const out: Extraction[] = [];
  for await (const r of results) {
    if ('error' in r) {
      onError(r.error);
      continue;
    }
    const article: Article = r.article;
    try {
      out.push(extractor.extract(article));
    } catch (e) {
      onError(new ExtractionFailure(article.file, e));
    }
  }
  return out;
}

/**
 * Runs `sitrep eval`: scores the extractor on the articles under `paths`
 * against the gold file, and prints the report (text or JSON) to `io.out`.
 *
 * @param opts the command's options
 * @param deps reader, extractor factory and file reader
 * @param io output and diagnostics
 * @returns the exit status
 */
export async function runEval(opts: EvalOptions, deps: EvalDeps, io: EvalIO): Promise<EvalExit> {
  let gold: GoldArticle[];
  try {
    gold = await loadGold(opts.gold, deps.readFile);
  } catch (e) {
    if (e instanceof GoldFormatError) {
      io.err(`sitrep eval: bad gold file ${e.message}`);
      return 2;
    }
    throw e;
  }
  const extractor = await deps.createExtractor();
  const readOpts: ReadOptions = opts.date === undefined ? {} : { date: opts.date };
  const records = await extractAll(deps.read(opts.paths, readOpts), extractor, (e) => io.err(`sitrep eval: ${e.message}`));
  const report: EvalReport = scoreExtractions(gold, records);
  for (const key of report.unpaired_predictions) io.err(`sitrep eval: no gold for ${key}; not scored`);
  io.out(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
  const f1 = report.summary.events.f1;
  if (opts.minF1 !== undefined && !(f1 >= opts.minF1)) {
    io.err(`sitrep eval: events F1 ${f1.toFixed(3)} is below --min-f1 ${opts.minF1}`);
    return 1;
  }
  return 0;
}
