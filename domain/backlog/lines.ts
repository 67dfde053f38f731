import type { RawRecord, TableResult } from './table';

/** A list bullet or number at the start of a pasted line: "- ", "* ", "• ", "1. ", "2) ". */
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+/;

/**
 * Pasted lines (SPEC IMP-LINES-1): every non-blank line is one title, a leading list bullet or
 * number removed; `line` is the line number in the text. Input has LF line breaks.
 */
export function parseLines(text: string): TableResult {
  const records: RawRecord[] = [];
  text.split('\n').forEach((raw, i) => {
    const title = raw.replace(BULLET, '').trim();
    if (title !== '') records.push({ line: i + 1, cells: [title] });
  });
  return { ok: true, table: { format: 'lines', columns: ['title'], records } };
}
