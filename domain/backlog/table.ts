import type { FileError, ImportFormat, RowReasonCode } from './row';

/** A file read into cells, before any field is interpreted. */
export interface RawRecord {
  /** see PreviewRow.line */
  line: number;
  /** one value per column: strings for CSV and lines, any JSON value for JSON */
  cells: unknown[];
  /** a problem of the record as a whole (wrong field count, not an object) */
  problem?: { code: RowReasonCode; reason: string };
  /** what to show of a record that has no cells (a JSON value that is not an object) */
  excerpt?: string;
}

export interface RawTable {
  format: ImportFormat;
  delimiter?: ',' | ';' | '\t';
  columns: string[];
  /** non-blank records in file order */
  records: RawRecord[];
  /** JSON only: the `version` of this module's own export document, when the file is one */
  exportVersion?: number;
}

export type TableResult = { ok: true; table: RawTable } | { ok: false; error: FileError };
