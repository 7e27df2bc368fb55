/**
 * @module read/json
 * JSON (one object, an array of objects, or an API wrapper such as `{"articles": [...]}`)
 * and JSON Lines (one object per line).
 * Each record is one article:
 * - text: `text` | `body` | `content` (HTML is rendered to text; text in the plain-text
 *   layout, `date YYYY-MM-DD ...`, is zoned exactly like a `.txt` file)
 * - date: `date` | `published` | `publishedAt` | `pubDate` (ISO timestamps → `YYYY-MM-DD`)
 * - `title`, `url`, `source` (a string, or an object with `name`)
 * - `id` | `doc` → `record_id`; `Article.file` is `<base>#<record_id or line/record number>`.
 *
 * A bad record or line is an InputError naming `file:line` (JSON Lines) or `file#n`
 * (n-th record of an array); the other records still go through.
 */
import { InputError } from '../domain/types.js';
import { draft, sourceField, stringField, type Draft, type SourceDoc } from './article.js';
import { toIsoDay } from './dates.js';
import { looksLikeHtml, renderHtml } from './dom.js';
import { hasDatePrefix } from './layout.js';
import { textDraft } from './text.js';

const TEXT_FIELDS = ['text', 'body', 'content'] as const;
const DATE_FIELDS = ['date', 'published', 'publishedAt', 'pubDate'] as const;
/** Keys under which news APIs wrap their list of articles. */
const WRAPPER_KEYS = ['articles', 'items', 'records', 'documents', 'data', 'results'] as const;

/** Where a record sits: the error label and the `Article.file` suffix to use when it has no id. */
interface RecordPlace {
  label: string;
  number: number | null;
}

/**
 * Read a JSON or JSON Lines document.
 * @param doc the decoded document (`.jsonl`/`.ndjson`, or several lines that each hold an object, are JSON Lines)
 * @returns one draft or error per record, in order
 */
export function readJson(doc: SourceDoc): (Draft | InputError)[] {
  if (/\.(?:jsonl|ndjson)$/i.test(doc.name) || looksLikeJsonLines(doc.text)) return readJsonLines(doc);
  let value: unknown;
  try {
    value = JSON.parse(doc.text);
  } catch (err) {
    return [new InputError(doc.path, jsonReason(err, doc.text))];
  }
  const records = Array.isArray(value) ? value : wrappedRecords(value);
  if (records === null) return [readRecord(value, { label: doc.path, number: null })];
  if (records.length === 0) return [new InputError(doc.path, 'JSON array has no records')];
  return records.map((v, i) => readRecord(v, { label: `${doc.path}#${i + 1}`, number: i + 1 }));
}

/**
 * The records of an API-style wrapper object (`{"status": "ok", "articles": [...]}`):
 * an object with no text field of its own and an array under a known key.
 */
function wrappedRecords(value: unknown): unknown[] | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const obj = value as Record<string, unknown>;
  if (TEXT_FIELDS.some((f) => typeof obj[f] === 'string')) return null;
  const key = WRAPPER_KEYS.find((k) => Array.isArray(obj[k]));
  return key === undefined ? null : (obj[key] as unknown[]);
}

function readJsonLines(doc: SourceDoc): (Draft | InputError)[] {
  const out: (Draft | InputError)[] = [];
  doc.text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const place = { label: `${doc.path}:${i + 1}`, number: i + 1 };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      out.push(new InputError(place.label, jsonReason(err, line)));
      return;
    }
    out.push(readRecord(value, place));
  });
  if (out.length === 0) out.push(new InputError(doc.path, 'empty file'));
  return out;
}

/** Several non-blank lines, the first of which is a complete JSON object on its own. */
function looksLikeJsonLines(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const first = lines[0]?.trim();
  if (lines.length < 2 || !first?.startsWith('{')) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

/**
 * Turn one JSON record into a draft.
 * @param value the parsed record
 * @param place its error label and number
 * @returns the draft, or an InputError when it is not an object or has no text
 */
function readRecord(value: unknown, place: RecordPlace): Draft | InputError {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return new InputError(place.label, 'record is not a JSON object');
  }
  const rec = value as Record<string, unknown>;
  const text = TEXT_FIELDS.map((f) => rec[f]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (text === undefined) return new InputError(place.label, `record has no text field (${TEXT_FIELDS.join(', ')})`);
  const recordId = idOf(rec['id']) ?? idOf(rec['doc']);
  const inner = looksLikeHtml(text) && !hasDatePrefix(text) ? htmlDraft(text) : textDraft(text);
  return draft(inner.text, inner.zones, {
    title: stringField(rec['title']) ?? inner.title,
    published: DATE_FIELDS.map((f) => toIsoDay(rec[f])).find((d) => d !== null) ?? inner.published,
    source: sourceField(rec['source']) ?? inner.source,
    url: stringField(rec['url']) ?? stringField(rec['link']),
    record_id: recordId,
    record: recordId ?? place.number,
  });
}

function htmlDraft(html: string): Draft {
  const r = renderHtml(html);
  return draft(r.text, r.zones, { title: r.title, source: r.source });
}

/**
 * A one-line reason for a JSON.parse error, with the line number when the parser gives a position.
 * @param err the error thrown by JSON.parse
 * @param text the text that was parsed
 * @returns e.g. `malformed JSON at line 3: Expected ',' or '}' after property value`
 */
export function jsonReason(err: unknown, text: string): string {
  let message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  message = message.replace(/, ".*" is not valid JSON$/, '');
  let line: number | null = null;
  const at = / in JSON at position (\d+)(?: \(line (\d+) column \d+\))?/.exec(message);
  if (at) {
    line = at[2] !== undefined ? Number(at[2]) : lineAt(text, Number(at[1]));
    message = message.replace(at[0], '');
  }
  return line === null || !text.includes('\n') ? `malformed JSON: ${message}` : `malformed JSON at line ${line}: ${message}`;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function idOf(v: unknown): string | number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}
