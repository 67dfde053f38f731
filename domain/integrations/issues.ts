// Jira issues -> the backlog import preview (rules INT-MAP-1..5).
import { BACKLOG_LIMITS, previewImport, type ExistingBacklog, type ImportPreview, type PreviewInput } from '../backlog';
import { adfToText } from './adf';
import type { JiraIssue } from './jira';

/** The fields an import asks Jira for: summary, description, priority and the chosen story-point field. */
export function importFields(storyPointsField: string | null): string[] {
  return ['summary', 'description', 'priority', ...(storyPointsField ? [storyPointsField] : [])];
}

/** One issue as an item of the JSON import (domain/backlog IMP-JSON-*). */
export interface JiraImportItem {
  key: string;
  title: unknown;
  description: string;
  storyPoints: unknown;
  priority: string | null;
  rank: number;
}

/**
 * INT-MAP-1: key, summary as the title, description as text (ADF converted, INT-ADF-*), the priority's
 * name, and the value of the story-point field as it is (a number, null, or whatever Jira sent, so
 * the preview can reject it with its reason).
 * INT-MAP-2: rank is the 1-based position in Jira's answer: a JQL search without ORDER BY is sent
 * with "ORDER BY Rank ASC" (withRankOrder), and board and sprint lists come in rank order.
 * INT-MAP-3: a description longer than the import's limit is cut to it, ending in "…" (the full text
 * stays in Jira; estimating needs the gist), instead of rejecting the item.
 */
export function jiraImportItem(
  issue: JiraIssue,
  position: number,
  storyPointsField: string | null,
  ownValues?: ReadonlyMap<string, number>,
): JiraImportItem {
  const f = issue.fields;
  const max = BACKLOG_LIMITS.descriptionLength;
  const description = adfToText(f.description);
  const priority = typeof f.priority === 'object' && f.priority !== null ? (f.priority as { name?: unknown }).name : undefined;
  let sp = storyPointsField ? f[storyPointsField] : null;
  const own = ownValues?.get(issue.key);
  if (own !== undefined && typeof sp === 'number' && Math.abs(sp - own) < 1e-9) sp = null;
  return {
    key: issue.key,
    title: typeof f.summary === 'string' || typeof f.summary === 'number' ? f.summary : null,
    description: description.length > max ? `${description.slice(0, max - 1)}…` : description,
    storyPoints: sp === undefined ? null : sp,
    priority: typeof priority === 'string' && priority.trim() !== '' ? priority : null,
    rank: position,
  };
}

export function jiraImportInput(
  issues: readonly JiraIssue[],
  storyPointsField: string | null,
  ownValues?: ReadonlyMap<string, number>,
): PreviewInput {
  const items = issues.map((issue, i) => jiraImportItem(issue, i + 1, storyPointsField, ownValues));
  return { text: JSON.stringify(items), format: 'json' };
}

export interface JiraImportPreview {
  preview: ImportPreview;
  /** the issue key of each preview row's `line` (line N is keys[N - 1]), so rejected rows name their issue */
  keys: string[];
}

/**
 * INT-MAP-4: the same preview as a CSV import (domain/backlog): every issue is a row with its status
 * and reason; a re-import matches by key (update / unchanged), and an issue listed twice is rejected
 * as a duplicate (IMP-DUP-1), so nothing is imported twice.
 * INT-MAP-5: no issues is the preview error `empty` ("the query found no issues").
 * INT-MAP-7: a story-point value equal to the value this workshop wrote to that issue itself
 * (`ownValues`, from the write-back log) comes in as empty: it is the calibrated AP x factor, not
 * a detailed estimate, and taking it as one would let the calibration feed on its own output.
 */
export function previewJiraImport(
  issues: readonly JiraIssue[],
  storyPointsField: string | null,
  existing?: ExistingBacklog,
  ownValues?: ReadonlyMap<string, number>,
): JiraImportPreview {
  const keys = issues.map((i) => i.key);
  if (issues.length === 0) return { preview: { ok: false, error: { code: 'empty', message: 'the query found no issues' } }, keys };
  return { preview: previewImport(jiraImportInput(issues, storyPointsField, ownValues), existing), keys };
}

/**
 * INT-MAP-2: "ORDER BY Rank ASC" is appended to a JQL without an ORDER BY clause, so the import
 * keeps the backlog's order. A JQL that orders by something else is left alone (the user chose).
 */
export function withRankOrder(jql: string): string {
  const trimmed = jql.trim();
  if (/\border\s+by\b/i.test(stripQuoted(trimmed))) return trimmed;
  return trimmed === '' ? 'ORDER BY Rank ASC' : `${trimmed} ORDER BY Rank ASC`;
}

/** The JQL without its quoted strings, so `summary ~ "order by"` does not count as a clause. */
function stripQuoted(jql: string): string {
  return jql.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
}

/** INT-MAP-6: an issue key as Jira writes it (project key, hyphen, number); other item keys are never sent to Jira. */
export const isJiraKey = (key: string) => /^[A-Za-z][A-Za-z0-9_]{0,63}-\d{1,12}$/.test(key);

/** INT-MAP-6: a JQL clause for exact keys, each quoted ("SHOP-1", "SHOP-2"). */
export const keysJql = (keys: readonly string[]) => `key in (${keys.map((k) => `"${k}"`).join(', ')})`;
