// Reading issues for an import: by JQL, board or sprint, page by page (rules JIRA-IMP-1..3).
import { BACKLOG_LIMITS } from '../../../domain/backlog/limits';
import { importFields, jiraImportInput, previewJiraImport, withRankOrder } from '../../../domain/integrations/issues';
import type { ExistingBacklog, PreviewInput } from '../../../domain/backlog';
import type { JiraIssue } from '../../../domain/integrations/jira';
import type { JiraImportBody, JiraImportPreviewAnswer } from '../../../domain/integrations/wire';
import type { Cursor, IssuePage, JiraApi } from './client';
import { JiraError } from './errors';

export const PAGE_SIZE = 100;
/** a broken server that keeps sending pages cannot keep the import going */
const MAX_PAGES = 50;

export interface FetchedIssues {
  issues: JiraIssue[];
  /** Jira had more than `limit` issues; only the first ones (in rank order) were read */
  truncated: boolean;
}

/**
 * JIRA-IMP-1: pages are read until Jira says there are no more (Cloud: no nextPageToken or isLast;
 * Data Center and Agile: startAt reaches total, or an empty page), at most `limit` issues (a
 * session holds 500) plus one to know whether there were more.
 * JIRA-IMP-2: a JQL without ORDER BY is sent with "ORDER BY Rank ASC"; a board's JQL narrows the
 * board's issues; a sprint lists its issues in rank order.
 * JIRA-IMP-3: a page cursor that repeats, or more than 50 pages, is a bad answer (not a loop).
 */
export async function fetchIssues(
  api: JiraApi,
  source: JiraImportBody,
  fieldIds: string[],
  limit: number = BACKLOG_LIMITS.itemsPerSession,
): Promise<FetchedIssues> {
  const page = (cursor: Cursor | null): Promise<IssuePage> => {
    if (source.source === 'jql') return api.search(withRankOrder(source.jql), fieldIds, cursor, PAGE_SIZE);
    if (source.source === 'board') return api.boardIssues(source.boardId, source.jql, fieldIds, cursor, PAGE_SIZE);
    return api.sprintIssues(source.sprintId, fieldIds, cursor, PAGE_SIZE);
  };
  const issues: JiraIssue[] = [];
  const seen = new Set<string>();
  let cursor: Cursor | null = null;
  for (let n = 0; n < MAX_PAGES; n++) {
    const p = await page(cursor);
    issues.push(...p.issues);
    if (issues.length > limit || p.next === null) return { issues: issues.slice(0, limit), truncated: issues.length > limit };
    const id = JSON.stringify(p.next);
    if (seen.has(id)) throw new JiraError('bad_response', `${describe(source)}: Jira sent the same page twice; the import stopped`);
    seen.add(id);
    cursor = p.next;
  }
  throw new JiraError('bad_response', `${describe(source)}: Jira kept sending pages (more than ${MAX_PAGES}); the import stopped`);
}

const describe = (s: JiraImportBody) =>
  s.source === 'jql' ? 'the JQL search' : s.source === 'board' ? `board ${s.boardId}` : `sprint ${s.sprintId}`;

/** The import preview for a source: issues read from Jira, mapped by the domain (INT-MAP-*). */
export async function previewFromJira(
  api: JiraApi,
  source: JiraImportBody,
  storyPointsField: string | null,
  existing?: ExistingBacklog,
  ownValues?: ReadonlyMap<string, number>,
): Promise<JiraImportPreviewAnswer> {
  const { issues, truncated } = await fetchIssues(api, source, importFields(storyPointsField));
  const { preview, keys } = previewJiraImport(issues, storyPointsField, existing, ownValues);
  return { preview, keys, truncated, fieldId: storyPointsField };
}

/**
 * The import itself: the issues as the JSON text the backlog import reads (INT-MAP-1), so the
 * import runs through the same path as a file (the session's import, all or nothing, matched by key).
 * No issues is null (the preview's `empty`).
 */
export async function importInputFromJira(
  api: JiraApi,
  source: JiraImportBody,
  storyPointsField: string | null,
  ownValues?: ReadonlyMap<string, number>,
): Promise<{ input: PreviewInput | null; keys: string[]; truncated: boolean }> {
  const { issues, truncated } = await fetchIssues(api, source, importFields(storyPointsField));
  return {
    input: issues.length === 0 ? null : jiraImportInput(issues, storyPointsField, ownValues),
    keys: issues.map((i) => i.key),
    truncated,
  };
}
