import Papa from 'papaparse';

/** Export of a session's result (SPEC EXP-*). */

export interface ExportItem {
  key: string | null;
  title: string;
  description: string;
  /** the bucket the card ended in; null = never placed */
  bucketLabel: string | null;
  /** the bucket's value; null when unplaced or in an uncounted bucket ("?") */
  effortPoints: number | null;
  flagged: boolean;
  moves: number;
}

export interface ExportInput {
  workshopName: string;
  sessionName: string;
  /** SP per AP from calibration; null when the session is not calibrated */
  factor: number | null;
  /** in backlog order; the export keeps it */
  items: ExportItem[];
}

export type ExportFormat = 'csv' | 'json';

/** The CSV header, in this order. previewImport recognizes Key, Title, Description and Story points. */
export const EXPORT_CSV_COLUMNS = ['Key', 'Title', 'Description', 'Bucket', 'Effort points', 'Story points', 'Flagged', 'Moves'] as const;

/** Marks the JSON export; previewImport reads it like any `{ items: [...] }` file. */
export const EXPORT_JSON_FORMAT = 'magic-estimation/session-export';

export interface ExportedItemJson {
  key: string | null;
  title: string;
  description: string;
  bucketLabel: string | null;
  effortPoints: number | null;
  storyPoints: number | null;
  flagged: boolean;
  moves: number;
}

export interface ExportJson {
  format: typeof EXPORT_JSON_FORMAT;
  version: 1;
  workshopName: string;
  sessionName: string;
  factor: number | null;
  items: ExportedItemJson[];
}

/** Rounded half away from zero to one decimal, without binary artefacts (1.05 -> 1.1). */
export function roundTo1(x: number): number {
  const tenfold = Number((Math.abs(x) * 10).toPrecision(12));
  return (Math.sign(x) * Math.round(tenfold)) / 10 || 0;
}

/** Story points of an item: effort points x factor, rounded to 1 decimal; null without either. */
export function storyPointsOf(effortPoints: number | null, factor: number | null): number | null {
  if (effortPoints === null || factor === null || !Number.isFinite(effortPoints) || !Number.isFinite(factor)) return null;
  return roundTo1(effortPoints * factor);
}

const BOM = '\uFEFF';

/**
 * Cells a spreadsheet would run as a formula. papaparse's own default (`true`) is
 * /^[=+\-@\t\r].*$/, which misses a multi-line cell ("=HYPERLINK(...)\nmore").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const numberCell = (n: number | null) => (n === null || !Number.isFinite(n) ? '' : String(n));

/**
 * CSV: UTF-8 BOM, header row, comma delimiter, CRLF after every record, RFC 4180 quoting (papaparse),
 * dot as the decimal separator. A cell that starts with = + - @ tab or CR gets a leading ' so a
 * spreadsheet does not run it as a formula; previewImport removes it again for this exact header.
 * JSON: ExportJson, indented by 2, with a final newline and no BOM.
 */
export function exportSession(result: ExportInput, format: ExportFormat): string {
  const items: ExportedItemJson[] = result.items.map((i) => ({
    key: i.key === '' ? null : i.key,
    title: i.title,
    description: i.description,
    bucketLabel: i.bucketLabel,
    effortPoints: i.effortPoints,
    storyPoints: storyPointsOf(i.effortPoints, result.factor),
    flagged: i.flagged,
    moves: i.moves,
  }));
  if (format === 'json') {
    const doc: ExportJson = {
      format: EXPORT_JSON_FORMAT,
      version: 1,
      workshopName: result.workshopName,
      sessionName: result.sessionName,
      factor: result.factor,
      items,
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
  }
  const data = items.map((i) => [
    i.key ?? '',
    i.title,
    i.description,
    i.bucketLabel ?? '',
    numberCell(i.effortPoints),
    numberCell(i.storyPoints),
    i.flagged ? 'yes' : 'no',
    String(i.moves),
  ]);
  const body = Papa.unparse({ fields: [...EXPORT_CSV_COLUMNS], data }, { delimiter: ',', newline: '\r\n', quotes: false, escapeFormulae: FORMULA_START });
  return BOM + (body.endsWith('\r\n') ? body : `${body}\r\n`);
}
