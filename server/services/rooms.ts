import {
  apply,
  dealOnArrival,
  decide,
  hasCard,
  personOf,
  redactEvents,
  type Actor,
  type BoardCommand,
  type BoardEvent,
  type BoardState,
  type Role,
  type VersionedEvent,
  type Viewer,
} from '../../domain/board';
import { LIMITS, PAGE, type EventPage, type JoinMessage, type Me, type RoomSnapshot } from '../../domain/protocol';
import { eventsPage, getCredential, immediate, getSessionMeta, hasItem, insertCredential, insertItems, itemByKey, itemsByIds, renameItem, type Db } from '../../db';
import { newId, newSecret, secretMatches, sha256 } from '../ids';
import type { BoardCache } from './boards';
import { ServiceError } from './errors';
import { commit } from './log';

export interface RoomDeps {
  db: Db;
  boards: BoardCache;
  now: () => number;
}

export interface Member {
  sessionId: string;
  personId: string;
}

function board(deps: RoomDeps, sessionId: string): BoardState {
  const b = deps.boards.current(sessionId);
  if (!b) throw new ServiceError('unknown_session', 'This session does not exist. Check the link.');
  return b;
}

export function snapshot(deps: RoomDeps, sessionId: string, online: string[]): RoomSnapshot {
  const meta = getSessionMeta(deps.db, sessionId);
  if (!meta) throw new ServiceError('unknown_session', 'This session does not exist. Check the link.');
  return { ...board(deps, sessionId), workshopId: meta.workshopId, workshopName: meta.workshopName, sessionName: meta.name, joinCode: meta.joinCode, online, serverNow: deps.now() };
}

export interface Joined {
  me: Me;
  events: VersionedEvent[];
}

/** Joins or re-joins a session. New people and changes of name or role are events like any other. */
export function join(deps: RoomDeps, msg: JoinMessage): Joined {
  const meta = getSessionMeta(deps.db, msg.sessionId);
  if (!meta) throw new ServiceError('unknown_session', 'This session does not exist. Check the link.');
  const asFacilitator = msg.facilitatorSecret !== undefined;
  if (asFacilitator && !secretMatches(msg.facilitatorSecret!, meta.secretHash)) {
    throw new ServiceError('forbidden', 'The facilitator link is not valid for this session.');
  }
  return deps.db.transaction(
    () => {
      const b = board(deps, msg.sessionId);
      const now = deps.now();
      const resumed = msg.participantId && msg.participantToken ? resume(deps, b, msg.participantId, msg.participantToken) : undefined;
      if (resumed) {
        const events: BoardEvent[] = [];
        if (msg.name && msg.name !== resumed.name) events.push({ type: 'person.renamed', personId: resumed.id, name: msg.name });
        if (asFacilitator && resumed.role !== 'facilitator') events.push({ type: 'person.roleChanged', personId: resumed.id, role: 'facilitator' });
        // asynchronous sorting: someone who was never dealt a card gets a share on arrival
        events.push(...dealOnArrival(b, resumed.id));
        const stamped = commit(deps.db, deps.boards, b, events, resumed.id, now);
        const role: Role = asFacilitator ? 'facilitator' : resumed.role;
        return { me: { participantId: resumed.id, participantToken: msg.participantToken!, name: msg.name ?? resumed.name, role }, events: stamped };
      }
      if (!msg.name) throw new ServiceError('bad_request', 'A display name is required to join.', [{ path: 'name', message: 'required' }]);
      if (Object.keys(b.people).length >= LIMITS.participantsPerRoom) {
        throw new ServiceError('forbidden', `This room is full (${LIMITS.participantsPerRoom} people).`);
      }
      const token = newSecret();
      const role: Role = asFacilitator ? 'facilitator' : msg.observer ? 'observer' : 'participant';
      const person = { id: newId(), name: msg.name, role };
      insertCredential(deps.db, { id: person.id, sessionId: msg.sessionId, tokenHash: sha256(token), createdAt: now });
      const joined: BoardEvent = { type: 'person.joined', person };
      const events = commit(deps.db, deps.boards, b, [joined, ...dealOnArrival(apply(b, joined), person.id)], person.id, now);
      return { me: { participantId: person.id, participantToken: token, name: person.name, role }, events };
    },
    { behavior: 'immediate' },
  );
}

function resume(deps: RoomDeps, b: BoardState, id: string, token: string) {
  const cred = getCredential(deps.db, b.sessionId, id);
  if (!cred || !secretMatches(token, cred.tokenHash)) return undefined;
  // removed people keep no identity
  return personOf(b, id);
}

export function roleOf(deps: RoomDeps, m: Member): Role {
  const person = personOf(board(deps, m.sessionId), m.personId);
  if (!person) throw new ServiceError('not_joined', 'You are no longer in this session. Join again.');
  return person.role;
}

/** Decide, persist, then report: the events are durable before anyone hears of them. */
function run(deps: RoomDeps, sessionId: string, actorOf: (b: BoardState) => Actor, cmd: BoardCommand, online: string[]): VersionedEvent[] {
  return immediate(
    deps.db,
    () => {
      const b = board(deps, sessionId);
      const actor = actorOf(b);
      const now = deps.now();
      const { cmd: resolved, keyOnBoard } = withItemIdentity(deps, b, cmd);
      const d = decide(b, resolved, actor, { now, online });
      if (!d.ok) {
        if (keyOnBoard !== undefined && d.error.code === 'invalid') throw new ServiceError('invalid', `An item with the key ${keyOnBoard} is already on this board.`);
        throw new ServiceError(d.error.code, d.error.message);
      }
      projectBacklog(deps, sessionId, d.value, now);
      return commit(deps.db, deps.boards, b, d.value, actor.personId === API_ACTOR ? null : actor.personId, now);
    },
  );
}

const API_ACTOR = 'api';

export function execute(deps: RoomDeps, m: Member, cmd: BoardCommand, online: string[]): VersionedEvent[] {
  return run(
    deps,
    m.sessionId,
    (b) => {
      const person = personOf(b, m.personId);
      if (!person) throw new ServiceError('not_joined', 'You are no longer in this session. Join again.');
      return { personId: person.id, role: person.role };
    },
    cmd,
    online,
  );
}

/** The HTTP API acts with the facilitator's authority but is nobody in the room. */
export function executeAsFacilitator(deps: RoomDeps, sessionId: string, cmd: BoardCommand, online: string[]): VersionedEvent[] {
  return run(deps, sessionId, () => ({ personId: API_ACTOR, role: 'facilitator' }), cmd, online);
}

/**
 * A key names one item of the workshop: adding a card with a key the workshop already has puts
 * that item on the board (a later session re-estimating it) instead of a second item.
 */
function withItemIdentity(deps: RoomDeps, b: BoardState, cmd: BoardCommand): { cmd: BoardCommand; keyOnBoard?: string } {
  if (cmd.type !== 'card.add' || cmd.key === null) return { cmd };
  const meta = getSessionMeta(deps.db, b.sessionId);
  const item = meta ? itemByKey(deps.db, meta.workshopId, cmd.key) : undefined;
  if (!item) return { cmd };
  return { cmd: { ...cmd, cardId: item.id }, ...(hasCard(b, item.id) ? { keyOnBoard: cmd.key } : {}) };
}

/** Cards added or renamed in a session are the workshop's backlog items too. */
function projectBacklog(deps: RoomDeps, sessionId: string, events: BoardEvent[], now: number) {
  // the hot path (moves) touches no item: skip the session lookup
  if (!events.some((e) => e.type === 'card.added' || e.type === 'card.edited')) return;
  const meta = getSessionMeta(deps.db, sessionId);
  if (!meta) return;
  for (const e of events) {
    if (e.type === 'card.added') {
      if (hasItem(deps.db, e.card.id)) renameItem(deps.db, e.card.id, e.card.title);
      else insertItems(deps.db, meta.workshopId, [e.card], now);
    }
    if (e.type === 'card.edited') renameItem(deps.db, e.cardId, e.title);
  }
}

/** Events as everyone in the room may see them (anonymous sessions hide movers until lock). */
export const forEveryone = (deps: RoomDeps, sessionId: string, events: VersionedEvent[]) => seenBy(deps, sessionId, events, { personId: null });

function seenBy(deps: RoomDeps, sessionId: string, events: VersionedEvent[], viewer: Viewer): VersionedEvent[] {
  const b = deps.boards.current(sessionId);
  return b ? redactEvents(b, events, viewer) : events;
}

export interface PageQuery {
  before?: number | undefined;
  limit?: number | undefined;
}

function page(deps: RoomDeps, sessionId: string, viewer: Viewer, q: PageQuery, itemId?: string): EventPage {
  const { events, more } = eventsPage(deps.db, sessionId, { ...(itemId === undefined ? {} : { itemId }), ...(q.before === undefined ? {} : { before: q.before }), limit: q.limit ?? PAGE.default });
  return { events: seenBy(deps, sessionId, events, viewer), more };
}

/** A card's move log, a page at a time, with its key and description from the workshop's items (fetched on demand, not in snapshots). */
export function cardHistory(deps: RoomDeps, sessionId: string, viewer: Viewer, cardId: string, q: PageQuery = {}) {
  const card = deps.boards.current(sessionId)?.cards.find((c) => c.id === cardId);
  const item = card ? itemsByIds(deps.db, [card.id])[0] : undefined;
  return { ...page(deps, sessionId, viewer, q, cardId), key: card?.key ?? null, description: item?.description ?? '' };
}

export const timeline = (deps: RoomDeps, sessionId: string, viewer: Viewer, q: PageQuery = {}) => page(deps, sessionId, viewer, q);
