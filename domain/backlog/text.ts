import { normalizeLine } from '../text/normalize';

/** Text clean-up shared by every import format (SPEC IMP-FMT-2). */

const BOM = '\uFEFF';

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** CRLF and lone CR become LF, in the whole file and so inside quoted fields too. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * A header's or a single-line cell's text, normalized as every name and title is (NFC, no
 * control or invisible characters, one space, trimmed: domain/text/normalize.ts).
 */
export function cleanText(value: string): string {
  return normalizeLine(value);
}

/** Up to `max` characters of a value for showing a rejected row, on one line. */
export function excerptOf(value: string, max = 80): string {
  const one = value.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * A decimal with a dot or a comma as the separator ("2.5", "2,5", "3", ".5"), no thousands
 * separators. '' gives null; anything else that is not such a number gives NaN.
 */
export function parseDecimal(raw: string): number | null {
  const s = raw.trim();
  if (s === '') return null;
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return Number.NaN;
  return Number(s.replace(',', '.'));
}
