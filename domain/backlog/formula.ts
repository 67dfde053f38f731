/**
 * CSV formula escaping (SPEC EXP-4, EXP-5), reversible for this module's own export.
 *
 * A spreadsheet runs a cell as a formula when it starts with = + - @ (or a tab or CR before
 * one). Our export is comma-separated, but a German Excel splits the same file on ";", and other
 * readers on tabs or at every line break regardless of quotes: for them a new cell starts after
 * any , ; tab CR or LF inside our cell, too, possibly behind spaces or a double quote that
 * opens a quoted field. So at the start of a cell and after each of those characters, skipping
 * spaces and double quotes, a run of apostrophes followed by = + - @ tab or CR gets one more
 * apostrophe in front. Import removes exactly one apostrophe at the same places, so every text,
 * also one that starts with ', comes back unchanged.
 */

const TRIGGER = "'*[=+\\-@\\t\\r]";
const ESCAPE = new RegExp(`(?<=^|[,;\\t\\r\\n])([ "]*)(?=${TRIGGER})`, 'g');
const UNESCAPE = new RegExp(`(?<=^|[,;\\t\\r\\n])([ "]*)'(?=${TRIGGER})`, 'g');

export function escapeFormulae(cell: string): string {
  return cell.replace(ESCAPE, "$1'");
}

export function unescapeFormulae(cell: string): string {
  return cell.replace(UNESCAPE, '$1');
}

/** The first export format (v1) escaped only the start of a cell: a ' before = + - @ tab or CR. */
export function unescapeFormulaeV1(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
