import { decide, type BoardCommand } from '../../domain/board';
import type { VersionedEvent } from '../../domain/board';
import { LIMITS, type JoinMessage, type Me, type Role, type RoomSnapshot } from '../../domain/protocol';
import {
  appendMove,
  countParticipants,
  getParticipant,
  getSessionMeta,
  insertParticipant,
  listParticipants,
  renameParticipant,
  type Db,
} from '../../db';
import { newId, newSecret, secretMatches, sha256 } from '../ids';
import type { BoardCache } from './boards';
import { ServiceError } from './errors';

export interface RoomDeps {
  db: Db;
  boards: BoardCache;
  now: () => number;
}

export interface Member {
  sessionId: string;
  participantId: string;
  role: Role;
}

export function snapshot(deps: RoomDeps, sessionId: string, online: string[]): RoomSnapshot {
  const meta = getSessionMeta(deps.db, sessionId);
  const board = deps.boards.current(sessionId);
  if (!meta || !board) throw new ServiceError('unknown_session', 'This session does not exist.');
  return {
    ...board,
    workshopName: meta.workshopName,
    sessionName: meta.name,
    participants: listParticipants(deps.db, sessionId).map((p) => ({ ...p, role: p.role as Role })),
    online,
  };
}

/** Joins (or re-joins) a session; returns who the caller is now. */
export function join(deps: RoomDeps, msg: JoinMessage): Me {
  const meta = getSessionMeta(deps.db, msg.sessionId);
  if (!meta) throw new ServiceError('unknown_session', 'This session does not exist. Check the link.');
  let isFacilitator = false;
  if (msg.facilitatorSecret !== undefined) {
    if (!secretMatches(msg.facilitatorSecret, meta.secretHash)) {
      throw new ServiceError('forbidden', 'The facilitator link is not valid for this session.');
    }
    isFacilitator = true;
  }
  return deps.db.transaction(() => {
    if (msg.participantId && msg.participantToken) {
      const existing = getParticipant(deps.db, msg.sessionId, msg.participantId);
      if (existing && secretMatches(msg.participantToken, existing.tokenHash)) {
        if (msg.name && msg.name !== existing.name) renameParticipant(deps.db, existing.id, msg.name);
        return {
          participantId: existing.id,
          participantToken: msg.participantToken,
          name: msg.name ?? existing.name,
          role: isFacilitator ? 'facilitator' : (existing.role as Role),
        };
      }
    }
    if (!msg.name) throw new ServiceError('bad_request', 'A display name is required to join.', [{ path: 'name', message: 'required' }]);
    if (countParticipants(deps.db, msg.sessionId) >= LIMITS.participantsPerRoom) {
      throw new ServiceError('forbidden', `This room is full (${LIMITS.participantsPerRoom} people).`);
    }
    const token = newSecret();
    const me: Me = { participantId: newId(), participantToken: token, name: msg.name, role: isFacilitator ? 'facilitator' : 'participant' };
    insertParticipant(deps.db, {
      id: me.participantId,
      sessionId: msg.sessionId,
      name: me.name,
      role: me.role,
      tokenHash: sha256(token),
      joinedAt: deps.now(),
    });
    return me;
  });
}

/** Decide, persist, then report: the event is durable before anyone hears of it. */
export function execute(deps: RoomDeps, member: Member, cmd: BoardCommand): VersionedEvent {
  return deps.db.transaction(
    () => {
      const board = deps.boards.current(member.sessionId);
      if (!board) throw new ServiceError('unknown_session', 'This session no longer exists.');
      const d = decide(board, cmd, { participantId: member.participantId, canMove: member.role !== 'observer' }, deps.now());
      if (!d.ok) throw new ServiceError(d.error.code, d.error.message);
      const version = board.version + 1;
      appendMove(deps.db, member.sessionId, version, d.value);
      deps.boards.advance(board, d.value);
      return { version, event: d.value };
    },
    { behavior: 'immediate' },
  );
}
