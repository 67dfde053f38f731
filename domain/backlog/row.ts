/** Types of the backlog import: the normalized row, the column mapping and the preview. */

export type ImportFormat = 'lines' | 'csv' | 'json';

/** One backlog item as read from a file, after trimming and validation. */
export interface ImportRow {
  /** the issue key ("ABC-12"); null when the row has none */
  key: string | null;
  title: string;
  /** '' when the file has none */
  description: string;
  storyPoints: number | null;
  priority: string | null;
  /**
   * numeric rank from the file; for a column of non-numeric ranks (Jira LexoRank "0|i0000f:")
   * the 1-based position of the value among the file's sorted rank values. null without a rank.
   */
  rank: number | null;
}

export const MAPPED_FIELDS = ['key', 'title', 'description', 'storyPoints', 'priority', 'rank'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/**
 * Which column (0-based index into `columns`) feeds which field; null = not in the file.
 * Indices, not names, because exports can repeat a column name (Jira: several "Sprint").
 */
export type ColumnMapping = Record<MappedField, number | null>;

export type RowStatus = 'new' | 'update' | 'unchanged' | 'rejected';

export type RowReasonCode =
  | 'title_empty'
  | 'title_too_long'
  | 'description_too_long'
  | 'key_too_long'
  | 'priority_too_long'
  | 'story_points_not_a_number'
  | 'story_points_negative'
  | 'story_points_too_big'
  | 'wrong_type'
  | 'not_an_object'
  | 'field_count'
  | 'no_title_column'
  | 'duplicate_key'
  | 'duplicate_title'
  | 'session_full';

export interface PreviewRow {
  /**
   * where the row is in the file, 1-based: the line for pasted lines, the spreadsheet row for
   * CSV (the header is row 1; a quoted multi-line field does not shift later rows), the position
   * in the items array for JSON
   */
  line: number;
  status: RowStatus;
  /** rejected rows only: every problem found, joined with "; " (no "row N:" prefix) */
  reason?: string;
  /** rejected rows only: the code of the first problem */
  reasonCode?: RowReasonCode;
  /** rows that are not rejected */
  item?: ImportRow;
  /** rejected rows only: a short piece of the row (its title, else its cells) to show */
  excerpt?: string;
}

export type FileErrorCode =
  | 'empty'
  | 'too_large'
  | 'too_many_rows'
  | 'csv_unterminated_quote'
  | 'csv_malformed_quotes'
  | 'json_invalid'
  | 'json_shape'
  | 'json_too_deep'
  | 'mapping_invalid';

export interface FileError {
  code: FileErrorCode;
  message: string;
}

export type ImportPreview =
  | {
      ok: true;
      format: ImportFormat;
      /** CSV only */
      delimiter?: ',' | ';' | '\t';
      /** header cells (CSV), property names found (JSON), ['title'] (lines) */
      columns: string[];
      /** the mapping used: the given one or the detected one */
      mapping: ColumnMapping;
      /** every non-blank row, in import order (SPEC IMP-ORD-*) */
      rows: PreviewRow[];
      /** rows that change the session: status 'new' or 'update' */
      accepted: number;
      rejected: number;
      updates: number;
      unchanged: number;
    }
  | { ok: false; error: FileError };

/** A keyed item of the session; a field left undefined is not compared. */
export interface ExistingItem {
  key: string;
  title: string;
  description?: string;
  storyPoints?: number | null;
  priority?: string | null;
}

/** What the session already holds, for matching re-imports (SPEC IMP-MATCH-*). */
export interface ExistingBacklog {
  /** keys of the session's items */
  keys: string[];
  /** titles of the session's items (all of them); keyless rows match these */
  titles?: string[];
  /**
   * optional current content by key: with it a keyed match is 'unchanged' when every field the
   * file provides is equal, else 'update'; without it a keyed match is always 'update'
   */
  items?: ExistingItem[];
  /** items in the session; default max(keys.length, titles.length) */
  itemCount?: number;
}

export interface PreviewInput {
  text: string;
  format?: 'auto' | ImportFormat;
  /** CSV and JSON: overrides detection; missing fields count as null */
  mapping?: Partial<ColumnMapping>;
}
