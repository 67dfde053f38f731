// Which Jira field holds story points (rules INT-FIELD-1..4).
import type { JiraBoardConfig, JiraField } from './jira';

/** Cloud's team-managed "Story point estimate" (and Jira Software's own story-point type). */
export const JSW_STORY_POINTS = 'com.pyxis.greenhopper.jira:jsw-story-points';

/** Field names that mean story points, lower case without spaces, hyphens or underscores. */
const SP_NAMES = ['storypoints', 'storypointestimate', 'storypoint', 'storypunkte', 'storypointschätzung', 'sp'];

const norm = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFC')
    .replace(/[\s_-]+/g, '');

export type FieldReason = 'board' | 'story_point_type' | 'name';

export interface FieldCandidate {
  id: string;
  name: string;
  /** why it is offered: the board estimates with it, its type is Jira's story points, or its name says so */
  reason: FieldReason;
}

export interface FieldDiscovery {
  /** story-point fields, best first (INT-FIELD-2) */
  candidates: FieldCandidate[];
  /** every number field, by name, for choosing another one (INT-FIELD-3) */
  numberFields: { id: string; name: string }[];
  /** the suggested field: the first candidate, or null when there is none */
  suggested: string | null;
  /** the board's estimation field, when a board was given and it estimates with a field */
  boardField: { id: string; name: string } | null;
  /** set when the board estimates with something that cannot hold story points (time, issue count) */
  boardNote: 'board_estimates_time' | 'board_estimates_count' | null;
}

/** Jira's own time-tracking numbers (seconds) and the work ratio: numbers, but never story points. */
const TIME_FIELDS = /^(aggregate)?(timeoriginalestimate|timeestimate|timespent|progress)$|^workratio$/;
const isNumber = (f: JiraField) => f.schema?.type === 'number' && !TIME_FIELDS.test(f.id);

/**
 * INT-FIELD-1: a story-point field is a number field whose custom type is Jira Software's story
 * points (Cloud: "Story point estimate") or whose name is a story-point name ("Story Points",
 * "Story point estimate", "Storypunkte", ...), and the board's estimation field when it is a number.
 * INT-FIELD-2: order: the board's field first, then the story-point type, then a name match; among
 * equals, "Story Points" before "Story point estimate" before other names, then by id.
 * INT-FIELD-4: a board estimating with original time or issue count is noted and not offered:
 * writing story points there would change the wrong thing.
 */
export function discoverStoryPointFields(fields: readonly JiraField[], board?: JiraBoardConfig | null): FieldDiscovery {
  const numbers = fields.filter(isNumber);
  const byId = new Map(fields.map((f) => [f.id, f]));
  const boardFieldId = board?.estimation?.type === 'field' ? (board.estimation.field?.fieldId ?? null) : null;
  const boardField = boardFieldId ? (byId.get(boardFieldId) ?? null) : null;

  let boardNote: FieldDiscovery['boardNote'] = null;
  if (board?.estimation?.type === 'issueCount') boardNote = 'board_estimates_count';
  else if (boardFieldId !== null && (!boardField || !isNumber(boardField))) boardNote = 'board_estimates_time';

  const candidates: (FieldCandidate & { rank: number })[] = [];
  for (const f of numbers) {
    let reason: FieldReason | null = null;
    if (f.id === boardFieldId) reason = 'board';
    else if (f.schema?.custom === JSW_STORY_POINTS) reason = 'story_point_type';
    else if (SP_NAMES.includes(norm(f.name))) reason = 'name';
    if (reason) candidates.push({ id: f.id, name: f.name, reason, rank: rankOf(reason, f.name) });
  }
  candidates.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return {
    candidates: candidates.map(({ id, name, reason }) => ({ id, name, reason })),
    numberFields: numbers
      .map((f) => ({ id: f.id, name: f.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1)),
    suggested: candidates[0]?.id ?? null,
    boardField: boardField && isNumber(boardField) ? { id: boardField.id, name: boardField.name } : null,
    boardNote,
  };
}

function rankOf(reason: FieldReason, name: string): number {
  const base = reason === 'board' ? 0 : reason === 'story_point_type' ? 10 : 20;
  const n = norm(name);
  return base + (n === 'storypoints' ? 0 : n === 'storypointestimate' ? 1 : 2);
}

export type FieldChoice =
  | { ok: true; field: { id: string; name: string }; viaBoard: boolean }
  | { ok: false; code: 'unknown_field' | 'not_a_number'; message: string };

/**
 * INT-FIELD-3: the facilitator may choose any number field (not Jira's time tracking, which counts
 * seconds); another id is refused with a reason.
 * INT-FIELD-4: writes go through the board's estimation API when a board is given and estimates
 * with the chosen field (so the board's own estimate changes), else through the issue edit.
 */
export function chooseField(fieldId: string, fields: readonly JiraField[], board?: JiraBoardConfig | null): FieldChoice {
  const f = fields.find((x) => x.id === fieldId);
  if (!f) return { ok: false, code: 'unknown_field', message: `Jira has no field ${fieldId}` };
  if (!isNumber(f)) {
    const holds = TIME_FIELDS.test(f.id) ? 'time tracking (seconds)' : `${f.schema?.type ?? 'no'} values`;
    return { ok: false, code: 'not_a_number', message: `the field "${f.name}" (${f.id}) holds ${holds}, not story points` };
  }
  const viaBoard = board?.estimation?.type === 'field' && board.estimation.field?.fieldId === f.id;
  return { ok: true, field: { id: f.id, name: f.name }, viaBoard };
}
