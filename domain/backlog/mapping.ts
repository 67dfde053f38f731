import { MAPPED_FIELDS, type ColumnMapping, type MappedField } from './row';
import { cleanText } from './text';

/** Column detection (SPEC IMP-MAP-*). */

/**
 * Header names per field, normalized (see `normalizeHeader`), best first. Covers Jira CSV exports
 * (English and German UI), common spreadsheet headers in English and German, JSON property
 * names (`storyPoints`) and this module's own export.
 */
export const HEADER_SYNONYMS: Record<MappedField, readonly string[]> = {
  key: ['issuekey', 'key', 'vorgangsschlüssel', 'schlüssel', 'itemkey', 'ticket', 'id', 'issueid', 'vorgangsid'],
  title: ['summary', 'title', 'zusammenfassung', 'titel', 'name', 'userstory', 'story', 'subject', 'betreff'],
  description: ['description', 'beschreibung', 'details', 'desc'],
  storyPoints: ['storypoints', 'storypointestimate', 'storypoint', 'storypunkte', 'sp', 'points', 'punkte', 'estimate', 'schätzung'],
  priority: ['priority', 'priorität', 'prio'],
  rank: ['rank', 'rang', 'order', 'reihenfolge', 'position'],
};

const WRAPPED = /^(?:custom field|benutzerdefiniertes feld)\s*\((.*)\)$/;

/**
 * Lower case, Jira's "Custom field (X)" / "Benutzerdefiniertes Feld (X)" unwrapped to X, then
 * spaces, "_", "-" and "." removed: "Story Points", "story_points" and "storyPoints" are equal.
 */
export function normalizeHeader(header: string): string {
  let h = cleanText(header).toLowerCase();
  const wrapped = WRAPPED.exec(h);
  if (wrapped?.[1] !== undefined) h = wrapped[1];
  return h.replace(/[\s_.-]+/g, '');
}

export const emptyMapping = (): ColumnMapping => ({
  key: null,
  title: null,
  description: null,
  storyPoints: null,
  priority: null,
  rank: null,
});

const filled = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

/**
 * For each field the column whose header is the best synonym; on a tie (a repeated name) the
 * first such column. Story points alone look at the data when several columns qualify (a Jira
 * export can have both "Story Points" and "Story point estimate"): the column with the most
 * filled cells wins, then the better synonym, then the first column.
 */
export function detectMapping(columns: readonly string[], records: readonly (readonly unknown[])[] = []): ColumnMapping {
  const normalized = columns.map(normalizeHeader);
  const mapping = emptyMapping();
  for (const field of MAPPED_FIELDS) {
    const synonyms = HEADER_SYNONYMS[field];
    const candidates = normalized
      .map((h, index) => ({ index, rank: synonyms.indexOf(h) }))
      .filter((c) => c.rank >= 0)
      .map((c) => ({ ...c, fill: field === 'storyPoints' ? records.filter((r) => filled(r[c.index])).length : 0 }))
      .sort((a, b) => b.fill - a.fill || a.rank - b.rank || a.index - b.index);
    mapping[field] = candidates[0]?.index ?? null;
  }
  return mapping;
}

/** A given (possibly partial) mapping checked against the columns; an error message or the mapping. */
export function resolveMapping(
  given: Partial<ColumnMapping>,
  columnCount: number,
): { ok: true; mapping: ColumnMapping } | { ok: false; message: string } {
  const mapping = emptyMapping();
  for (const field of MAPPED_FIELDS) {
    const v = given[field];
    if (v === undefined || v === null) continue;
    if (!Number.isInteger(v) || v < 0 || v >= columnCount) {
      return {
        ok: false,
        message: `the mapping for ${field} points to column ${String(v)}, but the file has columns 0 to ${columnCount - 1}`,
      };
    }
    mapping[field] = v;
  }
  return { ok: true, mapping };
}
