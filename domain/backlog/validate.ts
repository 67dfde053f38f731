import { normalizeBlock, normalizeKey, normalizeLine } from '../text/normalize';
import { unescapeFormulae, unescapeFormulaeV1 } from './formula';
import { BACKLOG_LIMITS } from './limits';
import type { ColumnMapping, ImportRow, RowReasonCode } from './row';
import { excerptOf, parseDecimal } from './text';

/** One record's cells turned into an ImportRow, or the list of its problems (SPEC IMP-ROW-*). */

export interface Problem {
  code: RowReasonCode;
  reason: string;
}

export type ValidatedRow = { ok: true; row: Omit<ImportRow, 'rank'> } | { ok: false; problems: Problem[] };

export interface ReadOptions {
  /** undo the export's formula escape (only for CSV files with one of the export's exact headers) */
  unescapeFormulae: 'none' | 'v1' | 'v2';
}

const UNESCAPE = { none: (s: string) => s, v1: unescapeFormulaeV1, v2: unescapeFormulae } as const;

/**
 * A cell as raw text (formula escape undone, not yet normalized): strings and finite numbers;
 * null and missing are ''. Other JSON values are an error.
 */
export function cellText(value: unknown, opts: ReadOptions): string | { wrongType: string } {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return UNESCAPE[opts.unescapeFormulae](value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return { wrongType: Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}` };
}

const at = (cells: readonly unknown[], index: number | null): unknown => (index === null ? undefined : cells[index]);

export function validateCells(cells: readonly unknown[], mapping: ColumnMapping, opts: ReadOptions): ValidatedRow {
  const problems: Problem[] = [];
  /** the cell's normalized text; null (and a problem) for a JSON value of the wrong type */
  const text = (index: number | null, label: string, normalize: (s: string) => string = normalizeLine): string | null => {
    const t = cellText(at(cells, index), opts);
    if (typeof t === 'string') return normalize(t);
    problems.push({ code: 'wrong_type', reason: `${label} must be text or a number, not ${t.wrongType}` });
    return null;
  };
  const L = BACKLOG_LIMITS;

  const keyText = text(mapping.key, 'key', normalizeKey) ?? '';
  if (keyText.length > L.keyLength) problems.push({ code: 'key_too_long', reason: `key longer than ${L.keyLength} characters` });

  const title = text(mapping.title, 'title');
  if (title === '') problems.push({ code: 'title_empty', reason: 'title is empty' });
  else if (title !== null && title.length > L.titleLength)
    problems.push({ code: 'title_too_long', reason: `title longer than ${L.titleLength} characters` });

  const description = text(mapping.description, 'description', normalizeBlock) ?? '';
  if (description.length > L.descriptionLength) {
    problems.push({ code: 'description_too_long', reason: `description longer than ${L.descriptionLength} characters` });
  }

  const storyPoints = readStoryPoints(at(cells, mapping.storyPoints), problems);

  const priorityText = text(mapping.priority, 'priority') ?? '';
  if (priorityText.length > L.priorityLength)
    problems.push({ code: 'priority_too_long', reason: `priority longer than ${L.priorityLength} characters` });

  if (problems.length > 0 || title === null) return { ok: false, problems };
  return {
    ok: true,
    row: { key: keyText === '' ? null : keyText, title, description, storyPoints, priority: priorityText === '' ? null : priorityText },
  };
}

function readStoryPoints(value: unknown, problems: Problem[]): number | null {
  if (value === undefined || value === null) return null;
  let n: number | null;
  let shown: string;
  if (typeof value === 'number') {
    n = value;
    shown = String(value);
  } else if (typeof value === 'string') {
    n = parseDecimal(value);
    shown = excerptOf(value, 20);
  } else {
    problems.push({ code: 'wrong_type', reason: 'story points must be a number' });
    return null;
  }
  if (n === null) return null;
  if (!Number.isFinite(n)) {
    problems.push({ code: 'story_points_not_a_number', reason: `story points '${shown}' is not a number` });
    return null;
  }
  if (n < 0) {
    problems.push({ code: 'story_points_negative', reason: `story points '${shown}' must not be negative` });
    return null;
  }
  if (n > BACKLOG_LIMITS.storyPointsMax) {
    problems.push({ code: 'story_points_too_big', reason: `story points '${shown}' is more than ${BACKLOG_LIMITS.storyPointsMax}` });
    return null;
  }
  return n;
}

/** A rank cell as text ('' when missing or not text/number). */
export function rankText(value: unknown): string {
  const t = cellText(value, { unescapeFormulae: 'none' });
  return typeof t === 'string' ? normalizeLine(t) : '';
}
