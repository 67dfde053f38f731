import Papa from 'papaparse';
import type { TableResult, RawRecord } from './table';
import { cleanText } from './text';

/** CSV reading (SPEC IMP-CSV-*). Input is BOM-free with LF line breaks (see text.ts). */

export type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/** The first record's text: up to the first line break outside double quotes. */
export function firstRecordText(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) return text.slice(0, i);
  }
  return text;
}

/**
 * The delimiter that occurs most often, outside quotes, in the header record; on a tie or
 * when none occurs, the comma. Headers rarely contain either, data cells often do ("2,5").
 */
export function detectDelimiter(text: string): Delimiter {
  const header = firstRecordText(text.replace(/^\n+/, ''));
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c as Delimiter)) counts.set(c as Delimiter, (counts.get(c as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** The header cells only (for format detection); null when the header cannot be read. */
export function readCsvHeader(text: string): { delimiter: Delimiter; columns: string[] } | null {
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text.replace(/^\n+/, ''), {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    header: false,
    skipEmptyLines: false,
    preview: 1,
  });
  const header = parsed.data[0];
  if (parsed.errors.some((e) => e.type === 'Quotes') || !header) return null;
  return { delimiter, columns: header.map(cleanText) };
}

/**
 * The first non-blank record is the header. Blank records are skipped but still counted, so
 * `line` is the row a spreadsheet shows. A quote error anywhere makes the whole file unreadable
 * (the rest of the file would be read into one cell); a record whose field count differs from
 * the header's is kept with a problem, except that extra empty cells at its end are ignored.
 */
export function parseCsv(text: string): TableResult {
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"', header: false, skipEmptyLines: false });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = (quoteError.row ?? 0) + 1;
    return quoteError.code === 'MissingQuotes'
      ? {
          ok: false,
          error: {
            code: 'csv_unterminated_quote',
            message: `row ${row}: a quoted field is never closed (a closing " is missing), so the rest of the file cannot be read`,
          },
        }
      : {
          ok: false,
          error: {
            code: 'csv_malformed_quotes',
            message: `row ${row}: a quoted field has text after its closing quote (write "" for a quote inside a quoted field)`,
          },
        };
  }
  const data = parsed.data;
  const headerIndex = data.findIndex((cells) => !isBlank(cells));
  const header = data[headerIndex];
  if (!header) return { ok: false, error: { code: 'empty', message: 'the file is empty' } };
  const columns = header.map(cleanText);
  const records: RawRecord[] = [];
  for (let i = headerIndex + 1; i < data.length; i++) {
    const raw = data[i] ?? [];
    if (isBlank(raw)) continue;
    let cells = raw;
    while (cells.length > columns.length && cells.at(-1)?.trim() === '') cells = cells.slice(0, -1);
    const record: RawRecord = { line: i + 1, cells };
    if (cells.length !== columns.length) {
      record.problem = { code: 'field_count', reason: `the row has ${cells.length} fields, the header has ${columns.length}` };
    }
    records.push(record);
  }
  return { ok: true, table: { format: 'csv', delimiter, columns, records } };
}
