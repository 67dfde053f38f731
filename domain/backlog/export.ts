import Papa from 'papaparse';
import { escapeFormulae } from './formula';

/** Export of a session's result (SPEC EXP-*). */

export interface ExportItem {
  key: string | null;
  title: string;
  description: string;
  /** the bucket the card ended in; null = never placed */
  bucketLabel: string | null;
  /** the bucket's value; null when unplaced or in an uncounted bucket ("?") */
  effortPoints: number | null;
  /**
   * the item's own story points (imported, or a reference item's detailed estimate); exported as
   * "Story points" so a re-import writes back the same value. Undefined: the caller does not
   * know them; the column is then empty, which an import leaves alone (IMP-MAP-4).
   */
  storyPoints?: number | null;
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

/**
 * The CSV header, in this order. previewImport recognizes Key, Title, Description and Story points
 * (the item's own); "Calibrated story points" (effort points x factor) is derived and never imported.
 */
export const EXPORT_CSV_COLUMNS = [
  'Key',
  'Title',
  'Description',
  'Bucket',
  'Effort points',
  'Story points',
  'Calibrated story points',
  'Flagged',
  'Moves',
] as const;

/** The first export's header (version 1), whose "Story points" were derived from the factor. */
export const EXPORT_CSV_COLUMNS_V1 = [
  'Key',
  'Title',
  'Description',
  'Bucket',
  'Effort points',
  'Story points',
  'Flagged',
  'Moves',
] as const;

/** Marks the JSON export; previewImport reads it like any `{ items: [...] }` file. */
export const EXPORT_JSON_FORMAT = 'magic-estimation/session-export';

export interface ExportedItemJson {
  key: string | null;
  title: string;
  description: string;
  bucketLabel: string | null;
  effortPoints: number | null;
  /** the item's own story points */
  storyPoints: number | null;
  /** effort points x factor (derived; an import ignores it) */
  calibratedStoryPoints: number | null;
  flagged: boolean;
  moves: number;
}

/** Version 2: `storyPoints` is the item's own value; version 1 had the derived one there. */
export const EXPORT_JSON_VERSION = 2;

export interface ExportJson {
  format: typeof EXPORT_JSON_FORMAT;
  version: typeof EXPORT_JSON_VERSION;
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

const numberCell = (n: number | null) => (n === null || !Number.isFinite(n) ? '' : String(n));

/**
 * CSV: UTF-8 BOM, header row, comma delimiter, CRLF after every record, RFC 4180 quoting (papaparse),
 * dot as the decimal separator. Text cells are formula-escaped (formula.ts) for readers that split
 * on , ; or tabs; previewImport undoes it for this exact header.
 * JSON: ExportJson, indented by 2, with a final newline and no BOM.
 */
export function exportSession(result: ExportInput, format: ExportFormat): string {
  const items: ExportedItemJson[] = result.items.map((i) => ({
    key: i.key === '' ? null : i.key,
    title: i.title,
    description: i.description,
    bucketLabel: i.bucketLabel,
    effortPoints: i.effortPoints,
    storyPoints: i.storyPoints ?? null,
    calibratedStoryPoints: storyPointsOf(i.effortPoints, result.factor),
    flagged: i.flagged,
    moves: i.moves,
  }));
  if (format === 'json') {
    const doc: ExportJson = {
      format: EXPORT_JSON_FORMAT,
      version: EXPORT_JSON_VERSION,
      workshopName: result.workshopName,
      sessionName: result.sessionName,
      factor: result.factor,
      items,
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
  }
  const data = items.map((i) => [
    escapeFormulae(i.key ?? ''),
    escapeFormulae(i.title),
    escapeFormulae(i.description),
    escapeFormulae(i.bucketLabel ?? ''),
    numberCell(i.effortPoints),
    numberCell(i.storyPoints),
    numberCell(i.calibratedStoryPoints),
    i.flagged ? 'yes' : 'no',
    String(i.moves),
  ]);
  const body = Papa.unparse(
    { fields: [...EXPORT_CSV_COLUMNS], data },
    { delimiter: ',', newline: '\r\n', quotes: false, escapeFormulae: false },
  );
  return BOM + (body.endsWith('\r\n') ? body : `${body}\r\n`);
}
