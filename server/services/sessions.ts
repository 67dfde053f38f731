import { exportSession, type ExportFormat, type ExportInput } from '../../domain/backlog';
import { findBucket, type BoardCommand } from '../../domain/board';
import { sessionFactor } from '../../domain/workshop';
import { apiCommandBody, type CommandResult } from '../../domain/protocol';
import { newId } from '../ids';
import { badRequest, ServiceError } from './errors';
import { planningData } from './planning';
import { executeAsFacilitator, type RoomDeps } from './rooms';

/** POST /api/sessions/:id/commands: any facilitator command, validated like the socket's `room:command` (plus card.move). */
export async function runCommand(deps: RoomDeps, sessionId: string, body: unknown, online: string[]): Promise<CommandResult> {
  const parsed = apiCommandBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'command');
  const msg = parsed.data;
  const cmd: BoardCommand = msg.type === 'card.add' ? { ...msg, cardId: newId() } : msg;
  const events = await executeAsFacilitator(deps, sessionId, cmd, online);
  return { version: events.at(-1)?.version ?? 0, events };
}

/**
 * The session's result for export. Effort points are the bucket's value; the factor (SP per AP)
 * is the one calibration of docs/planning.md: the workshop's factor as of this session, from
 * the reference items of its locked sessions (WS-CAL-7). Each item's own story points (from the
 * tracker) are exported as they are, apart from the calibrated ones.
 */
export async function sessionResult(deps: RoomDeps, sessionId: string): Promise<ExportInput> {
  const q = deps.store.read;
  const meta = await q.getSessionMeta(sessionId);
  const b = meta ? await deps.boards.at(q, sessionId, meta.version) : undefined;
  if (!meta || !b) throw new ServiceError('unknown_session', 'This session does not exist.');
  const rows = new Map((await q.itemsByIds(b.cards.map((c) => c.id))).map((i) => [i.id, i]));
  const planning = await planningData(deps, { id: meta.workshopId, name: meta.workshopName, createdAt: 0 });
  const items = b.cards.map((card) => {
    const at = b.placement[card.id] ?? null;
    const bucket = at === null ? undefined : findBucket(b.scale, at);
    const row = rows.get(card.id);
    return {
      key: card.key,
      title: card.title,
      description: row?.description ?? '',
      bucketLabel: bucket?.label ?? null,
      effortPoints: bucket?.value ?? null,
      storyPoints: row?.storyPoints ?? null,
      flagged: b.flags[card.id] !== undefined,
      moves: b.moveCount[card.id] ?? 0,
    };
  });
  return { workshopName: meta.workshopName, sessionName: meta.name, factor: sessionFactor(planning.sessions, sessionId).factor, items };
}

export interface ExportFile {
  contentType: string;
  filename: string;
  body: string;
}

export async function exportFile(deps: RoomDeps, sessionId: string, format: ExportFormat): Promise<ExportFile> {
  const result = await sessionResult(deps, sessionId);
  return {
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    filename: `${result.workshopName} - ${result.sessionName}.${format}`,
    body: exportSession(result, format),
  };
}
