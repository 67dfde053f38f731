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
import type { Store, Tx } from '../../db';
import { newId, newSecret, secretMatches, sha256 } from '../ids';
import type { BoardCache } from './boards';
import { ServiceError } from './errors';
import { quotaExceeded, type Quotas } from './quotas';
import type { Decided, Writer } from './writer';

export interface RoomDeps {
  store: Store;
  boards: BoardCache;
  writer: Writer;
  now: () => number;
  quotas: Quotas;
}

export interface Member {
  sessionId: string;
  personId: string;
}

const noSession = () => new ServiceError('unknown_session', 'This session does not exist. Check the link.');

export async function currentBoard(deps: Pick<RoomDeps, 'store' | 'boards'>, sessionId: string): Promise<BoardState> {
  const b = await deps.boards.current(deps.store.read, sessionId);
  if (!b) throw noSession();
  return b;
}

export async function snapshot(deps: RoomDeps, sessionId: string, online: string[]): Promise<RoomSnapshot> {
  const meta = await deps.store.read.getSessionMeta(sessionId);
  if (!meta) throw noSession();
  const board = await currentBoard(deps, sessionId);
  return {
    ...board,
    workshopId: meta.workshopId,
    workshopName: meta.workshopName,
    sessionName: meta.name,
    joinCode: meta.joinCode,
    online,
    serverNow: deps.now(),
  };
}

export interface Joined {
  me: Me;
  events: VersionedEvent[];
}

/** Whether a join message names a person of this session with the right token (a re-join). */
export async function canResume(deps: Pick<RoomDeps, 'store'>, msg: JoinMessage): Promise<boolean> {
  if (!msg.participantId || !msg.participantToken) return false;
  const cred = await deps.store.read.getCredential(msg.sessionId, msg.participantId);
  return !!cred && secretMatches(msg.participantToken, cred.tokenHash);
}

/**
 * Joins or re-joins a session. New people and changes of name or role are events like any other.
 * `mayCreate: false` (the caller counted this join as a re-join) refuses instead of creating.
 */
export async function join(deps: RoomDeps, msg: JoinMessage, opts: { mayCreate: boolean } = { mayCreate: true }): Promise<Joined> {
  const meta = await deps.store.read.getSessionMeta(msg.sessionId);
  if (!meta) throw noSession();
  const asFacilitator = msg.facilitatorSecret !== undefined;
  if (asFacilitator && !secretMatches(msg.facilitatorSecret!, meta.secretHash)) {
    throw new ServiceError('forbidden', 'The facilitator link is not valid for this session.');
  }
  const token = newSecret();
  const { result, events } = await deps.writer.submit({
    sessionId: msg.sessionId,
    writes: true,
    run: async ({ tx, board, now }): Promise<Decided<Me>> => {
      const resumed =
        msg.participantId && msg.participantToken ? await resume(tx, board, msg.participantId, msg.participantToken) : undefined;
      if (resumed) {
        const events: BoardEvent[] = [];
        if (msg.name && msg.name !== resumed.name) events.push({ type: 'person.renamed', personId: resumed.id, name: msg.name });
        if (asFacilitator && resumed.role !== 'facilitator')
          events.push({ type: 'person.roleChanged', personId: resumed.id, role: 'facilitator' });
        // asynchronous sorting: someone who was never dealt a card gets a share on arrival
        events.push(...dealOnArrival(board, resumed.id));
        const role: Role = asFacilitator ? 'facilitator' : resumed.role;
        return {
          events,
          by: resumed.id,
          result: { participantId: resumed.id, participantToken: msg.participantToken!, name: msg.name ?? resumed.name, role },
        };
      }
      if (!opts.mayCreate) throw new ServiceError('not_joined', 'You are no longer in this session. Join again.');
      if (!asFacilitator && board.phase === 'locked') {
        const lockedAt = await tx.lockedAt(msg.sessionId);
        if (lockedAt !== undefined && now - lockedAt > deps.quotas.joinAfterLockMs) {
          throw new ServiceError(
            'forbidden',
            'This session was locked a while ago and takes no new participants. Ask the facilitator for a new session.',
          );
        }
      }
      if (!msg.name) throw new ServiceError('bad_request', 'A display name is required to join.', [{ path: 'name', message: 'required' }]);
      if (!asFacilitator && Object.keys(board.people).length >= LIMITS.participantsPerRoom) {
        throw new ServiceError('forbidden', `This room is full (${LIMITS.participantsPerRoom} people).`);
      }
      const role: Role = asFacilitator ? 'facilitator' : msg.observer ? 'observer' : 'participant';
      const person = { id: newId(), name: msg.name, role };
      await tx.insertCredential({ id: person.id, sessionId: msg.sessionId, tokenHash: sha256(token), createdAt: now });
      const joined: BoardEvent = { type: 'person.joined', person };
      return {
        events: [joined, ...dealOnArrival(apply(board, joined), person.id)],
        by: person.id,
        result: { participantId: person.id, participantToken: token, name: person.name, role },
      };
    },
  });
  return { me: result, events };
}

async function resume(tx: Tx, b: BoardState, id: string, token: string) {
  const cred = await tx.getCredential(b.sessionId, id);
  if (!cred || !secretMatches(token, cred.tokenHash)) return undefined;
  // removed people keep no identity
  return personOf(b, id);
}

/** Inside a write job: one command decided against the board, with the workshop's items kept in step. */
export async function decideIn(
  tx: Tx,
  board: BoardState,
  actor: Actor,
  cmd: BoardCommand,
  now: number,
  online: string[],
  quotas: Quotas,
): Promise<BoardEvent[]> {
  const { cmd: resolved, keyOnBoard } = await withItemIdentity(tx, board, cmd);
  const d = decide(board, resolved, actor, { now, online });
  if (!d.ok) {
    if (keyOnBoard !== undefined && d.error.code === 'invalid')
      throw new ServiceError('invalid', `An item with the key ${keyOnBoard} is already on this board.`);
    throw new ServiceError(d.error.code, d.error.message);
  }
  await projectBacklog(tx, board.sessionId, d.value, now, quotas);
  return d.value;
}

/** Decide, persist, then report: the events are durable before anyone hears of them. */
async function run(
  deps: RoomDeps,
  sessionId: string,
  actorOf: (b: BoardState) => Actor,
  cmd: BoardCommand,
  online: string[],
): Promise<VersionedEvent[]> {
  const { events } = await deps.writer.submit({
    sessionId,
    // adding or editing cards writes the workshop's items too
    writes: cmd.type === 'card.add' || cmd.type === 'card.edit',
    run: async ({ tx, board, now }): Promise<Decided<null>> => {
      const actor = actorOf(board);
      const events = await decideIn(tx, board, actor, cmd, now, online, deps.quotas);
      return { events, by: actor.personId === API_ACTOR ? null : actor.personId, result: null };
    },
  });
  return events;
}

export const API_ACTOR = 'api';
export const API_FACILITATOR: Actor = { personId: API_ACTOR, role: 'facilitator' };

export function execute(deps: RoomDeps, m: Member, cmd: BoardCommand, online: string[]): Promise<VersionedEvent[]> {
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
export function executeAsFacilitator(deps: RoomDeps, sessionId: string, cmd: BoardCommand, online: string[]): Promise<VersionedEvent[]> {
  return run(deps, sessionId, () => API_FACILITATOR, cmd, online);
}

/**
 * A key names one item of the workshop: adding a card with a key the workshop already has puts
 * that item on the board (a later session re-estimating it) instead of a second item.
 */
async function withItemIdentity(tx: Tx, b: BoardState, cmd: BoardCommand): Promise<{ cmd: BoardCommand; keyOnBoard?: string }> {
  if (cmd.type !== 'card.add' || cmd.key === null) return { cmd };
  const meta = await tx.getSessionMeta(b.sessionId);
  const item = meta ? await tx.itemByKey(meta.workshopId, cmd.key) : undefined;
  if (!item) return { cmd };
  return { cmd: { ...cmd, cardId: item.id }, ...(hasCard(b, item.id) ? { keyOnBoard: cmd.key } : {}) };
}

/** Cards added or renamed in a session are the workshop's backlog items too. */
async function projectBacklog(tx: Tx, sessionId: string, events: BoardEvent[], now: number, quotas: Quotas) {
  // the hot path (moves) touches no item: skip the session lookup
  if (!events.some((e) => e.type === 'card.added' || e.type === 'card.edited')) return;
  const meta = await tx.getSessionMeta(sessionId);
  if (!meta) return;
  for (const e of events) {
    if (e.type === 'card.added') {
      if (await tx.hasItem(e.card.id)) await tx.renameItem(e.card.id, e.card.title);
      else {
        if ((await tx.countItems(meta.workshopId)) >= quotas.itemsPerWorkshop) throw quotaExceeded('items', quotas.itemsPerWorkshop);
        await tx.insertItems(meta.workshopId, [e.card], now);
      }
    }
    if (e.type === 'card.edited') await tx.renameItem(e.cardId, e.title);
  }
}

/** Events as a viewer may see them (anonymous sessions hide movers until lock; BOARD-ANON-*). */
export const seenBy = (board: BoardState | undefined, events: VersionedEvent[], viewer: Viewer): VersionedEvent[] =>
  board ? redactEvents(board, events, viewer) : events;

export interface PageQuery {
  before?: number | undefined;
  limit?: number | undefined;
}

async function page(deps: RoomDeps, board: BoardState, viewer: Viewer, q: PageQuery, itemId?: string): Promise<EventPage> {
  const { events, more } = await deps.store.read.eventsPage(board.sessionId, { itemId, before: q.before, limit: q.limit ?? PAGE.default });
  return { events: seenBy(board, events, viewer), more };
}

/** A card's move log, a page at a time, with its key and description from the workshop's items (fetched on demand, not in snapshots). */
export async function cardHistory(deps: RoomDeps, sessionId: string, viewer: Viewer, cardId: string, q: PageQuery = {}) {
  const board = await currentBoard(deps, sessionId);
  const card = board.cards.find((c) => c.id === cardId);
  const item = card ? (await deps.store.read.itemsByIds([card.id]))[0] : undefined;
  return { ...(await page(deps, board, viewer, q, cardId)), key: card?.key ?? null, description: item?.description ?? '' };
}

/** The session's timeline, a page at a time. */
export const timeline = async (deps: RoomDeps, sessionId: string, viewer: Viewer, q: PageQuery = {}) =>
  page(deps, await currentBoard(deps, sessionId), viewer, q);
