/**
 * @module place/tsv
 * Reads the hand-kept data files of `data/places/`: tab-separated rows, `#` comment lines, blank lines ignored.
 */
import fs from 'node:fs';

/** One data row with the line it came from (for error messages). */
export interface TsvRow {
  line: number;
  cells: string[];
}

/**
 * Parses a data file.
 * @param file path of the file.
 * @param minCells rows with fewer cells are a format error.
 * @returns the data rows, in file order.
 * @throws Error naming the file and line of a malformed row.
 */
export function readTsv(file: string, minCells = 1): TsvRow[] {
  const rows: TsvRow[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((raw, i) => {
    const text = raw.replace(/\r$/, '');
    if (!text.trim() || text.startsWith('#')) return;
    const cells = text.split('\t');
    if (cells.length < minCells) throw new Error(`${file}:${i + 1}: expected ${minCells} tab-separated cells, got ${cells.length}`);
    rows.push({ line: i + 1, cells });
  });
  return rows;
}

/** Splits a `|`-separated cell into trimmed, non-empty entries. */
export function splitAlternatives(cell: string | undefined): string[] {
  return (cell ?? '').split('|').map((s) => s.trim()).filter(Boolean);
}
