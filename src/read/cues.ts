/**
 * @module read/cues
 * Line-level cues of news layout, shared by every format: photo captions, social-media
 * embeds, datelines, headings and the closing `Source:` line. Each cue is a pure
 * function of one line (already trimmed); {@link module:read/layout} decides where
 * in the article each cue is believed.
 */

/**
 * Photo agencies and credits that end a caption, as in `... on August 18, 2019. (AFP)`.
 * Matched case-insensitively against the credit's first part (`AFP/Getty Images` → `AFP`).
 */
export const PHOTO_CREDITS: readonly string[] = [
  'AFP', 'AFP Photo', 'Reuters', 'AP', 'AP Photo', 'Associated Press', 'Getty', 'Getty Images',
  'EPA', 'EPA-EFE', 'EFE', 'Anadolu', 'Anadolu Agency', 'AA', 'Xinhua', 'dpa', 'ANSA', 'Sputnik',
  'TASS', 'RIA Novosti', 'Bloomberg', 'Shutterstock', 'Alamy', 'NurPhoto', 'SOPA Images', 'ZUMA',
  'ZUMA Press', 'Abaca', 'Sipa', 'Pool', 'UNICEF', 'UNHCR', 'WFP', 'ICRC', 'IRNA', 'WAFA', 'SANA',
  'Handout', 'File', 'File photo', 'Courtesy',
];

const CREDIT_SET = new Set(PHOTO_CREDITS.map((c) => c.toLowerCase()));
const MAX_CAPTION = 400;
const MAX_HEADING_CHARS = 120;
const MAX_HEADING_WORDS = 16;

/**
 * Whether a line is a photo caption: it ends with a credit in brackets (`(AFP)`,
 * `(Reuters/Ammar Awad)`, `(AP Photo/Hussein Malla)`, `(Photo: UNICEF)`) or starts `Photo:`.
 * @param line one trimmed line
 * @returns true for a caption line
 */
export function isCaption(line: string): boolean {
  if (line.length > MAX_CAPTION) return false;
  if (/^(?:photo|picture|image|file photo)\s*:/i.test(line)) return true;
  const credit = /\(([^()]{1,80})\)$/.exec(line)?.[1];
  if (credit === undefined) return false;
  if (/^(?:photo|picture|image|file photo)\b/i.test(credit)) return true;
  const first = credit.split(/\s*(?:\/|\bvia\b|,|;)\s*/i)[0]?.trim().toLowerCase() ?? '';
  return CREDIT_SET.has(first);
}

const MONTH_NAME =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?' +
  '|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const SOCIAL_SIGNATURE = new RegExp(
  `(?:^|\\s)(?:—|–|-{1,2})\\s*[^()\\n]{0,80}\\(@\\w{1,30}\\)\\s+${MONTH_NAME}\\.?\\s+\\d{1,2},\\s+\\d{4}$`,
);

/**
 * Whether a line ends with a social-media embed signature, `— Name (@handle) Month D, YYYY`.
 * @param line one trimmed line
 * @returns true when the line closes an embedded post
 */
export function endsWithSocialSignature(line: string): boolean {
  return SOCIAL_SIGNATURE.test(line);
}

/**
 * The outlet named by a closing `Source: ...` line.
 * @param line one trimmed line
 * @returns the outlet text (`TRTWorld and agencies`), or null when the line is not a Source line
 */
export function sourceLine(line: string): string | null {
  const outlet = /^Sources?\s*:\s*(\S.*)$/i.exec(line)?.[1]?.trim();
  return outlet && outlet.length <= 200 ? outlet : null;
}

const CAPS_WORD = "\\p{Lu}[\\p{Lu}\\p{M}'’.\\-]*\\p{Lu}\\.?";
const MIXED_WORD = "\\p{Lu}[\\p{L}\\p{M}'’.\\-]*";
const DASH = '(?:—|–|-{1,2})';
/** `KABUL, March 3 (Reuters) -`, `GENEVA (brief) –`, `PRETORIA/ADDIS ABABA, Nov 3 –`, `BEIRUT (AP) —`. */
const WIRE_DATELINE = new RegExp(
  `^${CAPS_WORD}(?:[ /]${CAPS_WORD})*(?:,\\s+[\\p{L}\\p{M}\\d.'’ ]{1,30}){0,3}(?:\\s*\\([^()]{1,40}\\))?\\s*${DASH}(?=\\s|$)`,
  'u',
);
/** A whole short line `Daraa – Horan Voice`, `Culiacán, Sinaloa – Voz del Valle (English edition)`. */
const LOCAL_DATELINE = new RegExp(
  `^${MIXED_WORD}(?: ${MIXED_WORD}){0,2}(?:, ${MIXED_WORD}(?: ${MIXED_WORD}){0,2}){0,2} ${DASH} [^.!?;:]{1,60}$`,
  'u',
);

/**
 * Length of the dateline that opens a line, if any.
 * A wire dateline (`KABUL, March 3 (Reuters) -`) is measured up to and including its dash;
 * a local one (`Daraa – Horan Voice`) must be the whole line.
 * @param line one trimmed line (the first line of a paragraph)
 * @returns the dateline's length in UTF-16 units, or 0 when the line has none
 */
export function datelineLength(line: string): number {
  const wire = WIRE_DATELINE.exec(line);
  if (wire) {
    const rest = line.slice(wire[0].length).trim();
    return isBylineRest(rest) ? line.length : wire[0].length;
  }
  return LOCAL_DATELINE.test(line) ? line.length : 0;
}

/** After a wire dateline on its own line, a short outlet/byline remainder belongs to the dateline. */
function isBylineRest(rest: string): boolean {
  return rest === '' || (words(rest) <= 6 && !/[.!?;:,]$/.test(rest) && !/[.!?]\s/.test(rest));
}

/**
 * Whether a line looks like a heading: short, not a list item, no closing punctuation
 * (`Site of deadly sarin attack`, `08:05 – Moscow says pullback from right bank complete`).
 * @param line one trimmed line
 * @returns true for a heading-like line
 */
export function isHeading(line: string): boolean {
  if (line.length === 0 || line.length > MAX_HEADING_CHARS || words(line) > MAX_HEADING_WORDS) return false;
  if (/^(?:[-•*·▪‣–—]\s|\d{1,2}[.)]\s)/.test(line)) return false;
  if (!/\p{L}/u.test(line)) return false;
  const bare = line.replace(/["'”’»)\]]+$/u, '');
  return !/[.!?;:,…]$/.test(bare);
}

/**
 * Whether a heading line can serve as the article's title: not an all-caps label
 * (`PRESS RELEASE`), a byline (`By ...`), a release line, an organisation name with its
 * acronym, a parenthetical note or a bare date.
 * @param line one trimmed heading line
 * @returns true when the line may be `Article.title`
 */
export function isTitleCandidate(line: string): boolean {
  if (!/\p{Ll}/u.test(line)) return false;
  if (/^by\s/i.test(line) || line.startsWith('(') || /^for immediate release\b/i.test(line)) return false;
  if (/\(\p{Lu}{2,}\)$/u.test(line)) return false; // an organisation line: `Darfur Civilian Protection Monitor (DCPM)`
  return !/^(?:[A-Za-z]+,?\s+)?\d{1,2}\s+\p{L}+\s+\d{4}$/u.test(line);
}

function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}
