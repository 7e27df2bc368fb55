/**
 * @module place/abbrevs
 * Division abbreviations (`data/places/admin-abbrevs.tsv`): "Ga.", "W.Va.", "B.C.", "NSW".
 */
import path from 'node:path';
import { DATA_DIR } from './paths.js';
import { readTsv, splitAlternatives } from './tsv.js';

/** What an abbreviation stands for, and where it may be read as one. */
export interface AdminAbbrev {
  cc: string;
  admin1: string;
  /** Recognised anywhere (dotted forms and standalone codes), not only after "Place, ". */
  standalone: boolean;
}

/** Abbreviation tables. */
export interface AbbrevTable {
  /** Form as written → division. */
  forms: Map<string, AdminAbbrev>;
  /** Matches every abbreviation-shaped word ("Ga.", "W. Va.", "NSW"); look the match up in `forms`. */
  re: RegExp;
}

/** Abbreviation shapes: capitalised word of up to 5 letters with a period, optionally followed by more such parts
 * ("Ga.", "Calif.", "W.Va.", "W. Va.", "P.E.I."), or an all-caps code of 2-4 letters ("NSW", "BC"). */
// Every form is ASCII: ASCII classes (and Latin letters around them) compile and run faster than \p{L} with /u.
const ABBREV_SHAPE = /(?<![A-Za-z0-9.\u00C0-\u024F])(?:[A-Z][A-Za-z]{0,4}\.(?: ?[A-Z][A-Za-z]{0,3}\.)*|[A-Z]{2,4})(?![A-Za-z0-9\u00C0-\u024F])/g;

/**
 * Reads the abbreviation file.
 * @param file an `admin-abbrevs.tsv` file.
 * @returns the forms and a regex matching them.
 */
export function loadAbbrevs(file: string = path.join(DATA_DIR, 'admin-abbrevs.tsv')): AbbrevTable {
  const forms = new Map<string, AdminAbbrev>();
  for (const { cells } of readTsv(file, 4)) {
    const [cc = '', admin1 = '', dotted, codes, standalone] = cells;
    const alone = new Set(splitAlternatives(standalone));
    for (const f of splitAlternatives(dotted)) forms.set(f, { cc, admin1, standalone: true });
    for (const f of splitAlternatives(codes)) if (!forms.has(f)) forms.set(f, { cc, admin1, standalone: alone.has(f) });
    for (const f of alone) forms.set(f, { cc, admin1, standalone: true });
  }
  return { forms, re: ABBREV_SHAPE };
}
