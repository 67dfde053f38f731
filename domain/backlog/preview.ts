import { parseCsv, readCsvHeader } from './csv';
import { EXPORT_CSV_COLUMNS, EXPORT_CSV_COLUMNS_V1 } from './export';
import { parseJson } from './json';
import { BACKLOG_LIMITS } from './limits';
import { parseLines } from './lines';
import { detectMapping, normalizeHeader, resolveMapping } from './mapping';
import type { ColumnMapping, ExistingBacklog, ExistingItem, ImportFormat, ImportPreview, ImportRow, PreviewInput, PreviewRow } from './row';
import type { RawTable, TableResult } from './table';
import { normalizeBlock, normalizeKey, normalizeLine } from '../text/normalize';
import { cleanText, excerptOf, normalizeNewlines, parseDecimal, stripBom } from './text';
import { cellText, rankText, validateCells, type Problem } from './validate';

/**
 * previewImport: every row of a file with what importing it would do (SPEC IMP-*). Pure; the
 * server imports the rows whose status is 'new' (insert) or 'update' (overwrite the fields the
 * mapping provides), in the order of `rows`.
 */
export function previewImport(input: PreviewInput, existing?: ExistingBacklog): ImportPreview {
  const L = BACKLOG_LIMITS;
  if (input.text.length > L.fileChars) {
    return fail('too_large', `the file is larger than 2 MB (${L.fileChars} characters); split it into smaller files`);
  }
  const text = normalizeNewlines(stripBom(input.text));
  if (text.trim() === '') return fail('empty', 'the file is empty');

  const format = input.format === undefined || input.format === 'auto' ? detectFormat(text) : input.format;
  const parsed = parseAs(format, text);
  if (!parsed.ok) return parsed;
  const table = parsed.table;

  if (table.records.length === 0) {
    return fail('empty', format === 'csv' ? 'the file has a header row but no items' : 'the file has no items');
  }
  if (table.records.length > L.itemsPerSession) {
    return fail(
      'too_many_rows',
      `the file has ${table.records.length} rows; at most ${L.itemsPerSession} items can be imported into a session`,
    );
  }

  let mapping: ColumnMapping;
  if (format === 'lines') mapping = detectMapping(table.columns);
  else if (input.mapping) {
    const resolved = resolveMapping(input.mapping, table.columns.length);
    if (!resolved.ok) return fail('mapping_invalid', resolved.message);
    mapping = resolved.mapping;
  } else mapping = detectedMapping(table);

  const rows = buildRows(table, mapping, existing);
  const count = (s: PreviewRow['status']) => rows.filter((r) => r.status === s).length;
  return {
    ok: true,
    format,
    ...(table.delimiter ? { delimiter: table.delimiter } : {}),
    columns: table.columns,
    mapping,
    rows,
    accepted: count('new') + count('update'),
    rejected: count('rejected'),
    updates: count('update'),
    unchanged: count('unchanged'),
  };
}

/** "row 7: title is empty" (CSV), "line 7: ..." (pasted lines), "item 7: ..." (JSON). */
export function formatRowReason(format: ImportFormat, row: PreviewRow): string {
  return `${whereLabel(format)} ${row.line}: ${row.reason ?? row.status}`;
}

const whereLabel = (format: ImportFormat) => (format === 'csv' ? 'row' : format === 'lines' ? 'line' : 'item');

function fail(code: Extract<ImportPreview, { ok: false }>['error']['code'], message: string): ImportPreview {
  return { ok: false, error: { code, message } };
}

/**
 * 'auto' (SPEC IMP-FMT-1): JSON when the text starts with [ or {; CSV when the first record has at
 * least two cells and one of them is a known title header; otherwise pasted lines.
 */
export function detectFormat(text: string): ImportFormat {
  const start = text.trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'json';
  const header = readCsvHeader(text);
  if (header && header.columns.length >= 2 && detectMapping(header.columns).title !== null) return 'csv';
  return 'lines';
}

/** Which of this module's exports a table is: 1 or 2, or null for any other file. */
function exportVersionOf(table: RawTable): number | null {
  if (table.format === 'json') return table.exportVersion ?? null;
  if (table.format !== 'csv') return null;
  const header = table.columns.map(normalizeHeader).join('|');
  if (header === EXPORT_CSV_COLUMNS.map(normalizeHeader).join('|')) return 2;
  if (header === EXPORT_CSV_COLUMNS_V1.map(normalizeHeader).join('|')) return 1;
  return null;
}

/**
 * The detected mapping (IMP-MAP-1, -2), except that story points are not imported from a column
 * without any value (IMP-MAP-4: it would only clear stored values) nor from a version 1 export,
 * whose "Story points" were effort points x factor, not the items' own (EXP-RT-4).
 */
function detectedMapping(table: RawTable): ColumnMapping {
  const mapping = detectMapping(
    table.columns,
    table.records.map((r) => r.cells),
  );
  const sp = mapping.storyPoints;
  if (sp === null) return mapping;
  const derived = exportVersionOf(table) === 1;
  const empty = table.records.every((r) => {
    const v = r.cells[sp];
    return v === undefined || v === null || (typeof v === 'string' && normalizeLine(v) === '');
  });
  return derived || empty ? { ...mapping, storyPoints: null } : mapping;
}

function parseAs(format: ImportFormat, text: string): TableResult {
  if (format === 'json') return parseJson(text);
  if (format === 'csv') return parseCsv(text);
  return parseLines(text);
}

interface Work {
  line: number;
  cells: unknown[];
  problems: Problem[];
  excerpt?: string;
  row?: Omit<ImportRow, 'rank'>;
  rank: number | null;
}

function buildRows(table: RawTable, mapping: ColumnMapping, existing: ExistingBacklog | undefined): PreviewRow[] {
  const version = table.format === 'csv' ? exportVersionOf(table) : null;
  const opts = { unescapeFormulae: version === 2 ? 'v2' : version === 1 ? 'v1' : 'none' } as const;
  const where = whereLabel(table.format);

  // 1. each record on its own (IMP-ROW-*)
  const work: Work[] = table.records.map((rec) => {
    const w: Work = {
      line: rec.line,
      cells: rec.cells,
      problems: [],
      rank: null,
      ...(rec.excerpt !== undefined ? { excerpt: rec.excerpt } : {}),
    };
    if (rec.problem) w.problems.push(rec.problem);
    else if (mapping.title === null) w.problems.push({ code: 'no_title_column', reason: 'no column is mapped to the title' });
    else {
      const v = validateCells(rec.cells, mapping, opts);
      if (v.ok) w.row = v.row;
      else w.problems.push(...v.problems);
    }
    return w;
  });

  // 2. duplicates in the file, in file order; only a row without other problems claims a key or title (IMP-DUP-*)
  const keys = new Map<string, number>();
  const titles = new Map<string, number>();
  for (const w of work) {
    if (!w.row) continue;
    const { key, title } = w.row;
    if (key !== null) {
      const first = keys.get(key);
      if (first === undefined) keys.set(key, w.line);
      else w.problems.push({ code: 'duplicate_key', reason: `duplicate key ${key} in this file (first in ${where} ${first})` });
    } else {
      const first = titles.get(title);
      if (first === undefined) titles.set(title, w.line);
      else
        w.problems.push({
          code: 'duplicate_title',
          reason: `duplicate title '${excerptOf(title, 60)}' in this file (first in ${where} ${first})`,
        });
    }
  }

  // 3. order (IMP-ORD-*)
  if (mapping.rank !== null) assignRanks(work, mapping.rank);
  const ordered = [...work].sort((a, b) => {
    if (a.rank !== null && b.rank !== null && a.rank !== b.rank) return a.rank - b.rank;
    if ((a.rank === null) !== (b.rank === null)) return a.rank === null ? 1 : -1;
    return a.line - b.line;
  });

  // 4. matching and the session's capacity, in import order (IMP-MATCH-*, IMP-LIM-4)
  const ex = existing ?? { keys: [] };
  const existingKeys = new Set(ex.keys.map(normalizeKey));
  const existingTitles = new Set((ex.titles ?? []).map((t) => normalizeLine(t)));
  const existingItems = new Map((ex.items ?? []).map((i) => [normalizeKey(i.key), i]));
  const itemCount = ex.itemCount ?? Math.max(ex.keys.length, ex.titles?.length ?? 0);
  let room = Math.max(0, BACKLOG_LIMITS.itemsPerSession - itemCount);

  return ordered.map((w): PreviewRow => {
    if (w.row && w.problems.length === 0) {
      const item: ImportRow = { ...w.row, rank: w.rank };
      let status: PreviewRow['status'];
      if (item.key !== null && existingKeys.has(item.key))
        status = sameAsExisting(item, existingItems.get(item.key), mapping) ? 'unchanged' : 'update';
      else if (item.key === null && existingTitles.has(item.title)) status = 'unchanged';
      else status = 'new';
      if (status !== 'new') return { line: w.line, status, item };
      if (room > 0) {
        room--;
        return { line: w.line, status, item };
      }
      w.problems.push({
        code: 'session_full',
        reason: `the session is full: at most ${BACKLOG_LIMITS.itemsPerSession} items per session (it already has ${itemCount})`,
      });
    }
    const first = w.problems[0];
    return {
      line: w.line,
      status: 'rejected',
      reason: w.problems.map((p) => p.reason).join('; '),
      ...(first ? { reasonCode: first.code } : {}),
      excerpt: excerptFor(w, mapping),
    };
  });
}

/**
 * Ranks: numbers when every filled rank cell is a number (dot or comma decimal); otherwise the
 * cells are compared as strings (Jira's LexoRank sorts that way) and a row's rank is the 1-based
 * position of its value among the distinct values.
 */
function assignRanks(work: Work[], column: number): void {
  const texts = work.map((w) => rankText(w.cells[column]));
  const filled = texts.filter((t) => t !== '');
  const numeric = filled.every((t) => Number.isFinite(parseDecimal(t)));
  const ordinals = new Map([...new Set(filled)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((t, i) => [t, i + 1]));
  work.forEach((w, i) => {
    const t = texts[i] ?? '';
    w.rank = t === '' ? null : numeric ? parseDecimal(t) : (ordinals.get(t) ?? null);
  });
}

/** Equal in every field the file provides; fields the existing item does not state are not compared. */
function sameAsExisting(item: ImportRow, current: ExistingItem | undefined, mapping: ColumnMapping): boolean {
  if (!current) return false;
  if (normalizeLine(current.title) !== item.title) return false;
  if (mapping.description !== null && current.description !== undefined && normalizeBlock(current.description) !== item.description)
    return false;
  if (mapping.storyPoints !== null && current.storyPoints !== undefined && current.storyPoints !== item.storyPoints) return false;
  if (
    mapping.priority !== null &&
    current.priority !== undefined &&
    (current.priority === null ? null : cleanText(current.priority) || null) !== item.priority
  ) {
    return false;
  }
  return true;
}

function excerptFor(w: Work, mapping: ColumnMapping): string {
  if (w.row) return excerptOf(w.row.title);
  if (w.excerpt !== undefined) return w.excerpt;
  const title = mapping.title === null ? '' : cellText(w.cells[mapping.title], { unescapeFormulae: 'none' });
  if (typeof title === 'string' && normalizeLine(title) !== '') return excerptOf(normalizeLine(title));
  return excerptOf(
    w.cells
      .map((c) => cellText(c, { unescapeFormulae: 'none' }))
      .map((c) => (typeof c === 'string' ? normalizeLine(c) : c))
      .filter((c): c is string => typeof c === 'string' && c !== '')
      .join(' | '),
  );
}
