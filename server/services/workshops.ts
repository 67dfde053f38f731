import {
  createSessionBody,
  createWorkshopBody,
  facilitatorPath,
  workshopFacilitatorPath,
  participantPath,
  LIMITS,
  type CreateSessionResult,
  type CreateWorkshopResult,
  type WorkshopItem,
  type WorkshopOverview,
} from '../../domain/protocol';
import {
  defaultScale,
  DEFAULT_SETTINGS,
  emptyBoard,
  replayOwned,
  totals,
  type BoardEvent,
  type BoardState,
  type Card,
} from '../../domain/board';
import type { Item, Store, Tx } from '../../db';
import { newId, newJoinCode, newSecret, sha256 } from '../ids';
import type { BoardCache } from './boards';
import { badRequest, ServiceError } from './errors';
import { quotaExceeded, type Quotas } from './quotas';
import type { Writer } from './writer';

export interface WorkshopDeps {
  store: Store;
  boards: BoardCache;
  now: () => number;
  quotas: Quotas;
  /** draws a join code (tests force collisions) */
  joinCode?: () => string;
}

/** Creates a workshop, its backlog and a first estimation session (in setup), in one transaction. */
export async function createWorkshop(deps: WorkshopDeps, body: unknown): Promise<CreateWorkshopResult> {
  const parsed = createWorkshopBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'workshop');
  const { name, items } = parsed.data;
  const now = deps.now();
  const workshopId = newId();
  const secret = newSecret();
  const cards = items.map((title, position) => ({ id: newId(), key: null, title, position }));
  const { board, ...session } = await deps.store.transaction(async (tx) => {
    await tx.insertWorkshop({ id: workshopId, name, secretHash: sha256(secret), createdAt: now });
    await tx.insertItems(workshopId, cards, now);
    return openSession(tx, workshopId, 'Session 1', cards, now, deps.joinCode);
  });
  deps.boards.adopt(board);
  return {
    workshopId,
    ...session,
    facilitatorSecret: secret,
    links: { ...links(session.sessionId, secret), workshop: workshopFacilitatorPath(workshopId, secret) },
  };
}

const links = (sessionId: string, secret: string) => ({
  participant: participantPath(sessionId),
  facilitator: facilitatorPath(sessionId, secret),
});

/** Join codes are short: on the rare collision, draw again. */
const JOIN_CODE_TRIES = 8;

/** A new session in setup with these cards (ids = item ids): `session.created` and one `card.added` each. */
async function openSession(tx: Tx, workshopId: string, name: string, cards: Card[], now: number, draw: () => string = newJoinCode) {
  const sessionId = newId();
  let joinCode = '';
  for (let i = 0; ; i++) {
    joinCode = draw();
    const code = joinCode;
    try {
      await tx.savepoint(() => tx.insertSession({ id: sessionId, workshopId, name, joinCode: code, createdAt: now }));
      break;
    } catch (err) {
      if (i + 1 >= JOIN_CODE_TRIES || !(await tx.sessionByJoinCode(code))) throw err;
    }
  }
  const events: BoardEvent[] = [
    { type: 'session.created', name, scale: defaultScale(), settings: DEFAULT_SETTINGS, phase: 'setup' },
    ...cards.map((card): BoardEvent => ({ type: 'card.added', card })),
  ];
  await tx.lockSessions([sessionId]);
  await tx.appendEvents([{ sessionId, events: events.map((event, i) => ({ version: i + 1, by: null, at: now, event })) }]);
  // a new board of its own: built in place (a copying replay of 500 cards costs 25 ms)
  const board: BoardState = replayOwned(emptyBoard(sessionId, defaultScale(), DEFAULT_SETTINGS), events);
  return { sessionId, joinCode, board };
}

/**
 * Another estimation session in the same workshop (a revisit): the chosen items, or all of them,
 * in backlog order. The secret is the caller's bearer token, already checked.
 */
export async function createSession(deps: WorkshopDeps, workshopId: string, secret: string, body: unknown): Promise<CreateSessionResult> {
  const parsed = createSessionBody.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'session');
  const now = deps.now();
  const { board, ...session } = await deps.store.transaction(async (tx) => {
    // the workshop's row lock makes "Session N" unique when two requests race
    if (!(await tx.lockWorkshop(workshopId))) throw new ServiceError('not_found', 'This workshop does not exist.');
    const backlog = await tx.listItems(workshopId);
    const chosen = pick(backlog, parsed.data.itemIds);
    if (chosen.length > LIMITS.itemsPerSession) {
      throw new ServiceError(
        'bad_request',
        `The workshop has ${chosen.length} items; a session holds at most ${LIMITS.itemsPerSession}. Choose them with itemIds.`,
        [{ path: 'itemIds', message: `required when the workshop has more than ${LIMITS.itemsPerSession} items` }],
      );
    }
    const existing = (await tx.listSessions(workshopId)).length;
    if (existing >= deps.quotas.sessionsPerWorkshop) throw quotaExceeded('sessions', deps.quotas.sessionsPerWorkshop);
    const name = parsed.data.name ?? `Session ${existing + 1}`;
    const cards = chosen.map((item, position): Card => ({ id: item.id, key: item.key, title: item.title, position }));
    return openSession(tx, workshopId, name, cards, now, deps.joinCode);
  });
  deps.boards.adopt(board);
  return { ...session, links: links(session.sessionId, secret) };
}

/**
 * People still in the workshop's other sessions are told that a new one started, so they can
 * follow (BOARD-NEXT-1): a `session.next` event appended to each of them, through the writer
 * (which publishes it to those rooms after the commit).
 */
export async function announceSession(deps: WorkshopDeps & { writer: Writer }, workshopId: string, sessionId: string): Promise<void> {
  const all = await deps.store.read.listSessions(workshopId);
  const created = all.find((s) => s.id === sessionId);
  if (!created) return;
  const next = { sessionId, name: created.name };
  await Promise.all(
    all
      .filter((s) => s.id !== sessionId)
      .map((s) =>
        deps.writer
          .submit({
            sessionId: s.id,
            run: async () => ({ events: [{ type: 'session.next', next } satisfies BoardEvent], by: null, result: null }),
          })
          // a session deleted meanwhile needs no news
          .catch(() => undefined),
      ),
  );
}

function pick(backlog: Item[], ids: string[] | undefined): Item[] {
  if (ids === undefined) return backlog;
  const known = new Set(backlog.map((i) => i.id));
  const unknown = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `itemIds.${i}`, message: 'not an item of this workshop' }]));
  if (unknown.length > 0) throw new ServiceError('bad_request', `Invalid session: ${unknown[0]!.path}: ${unknown[0]!.message}`, unknown);
  const wanted = new Set(ids);
  return backlog.filter((i) => wanted.has(i.id));
}

export const toWorkshopItem = (i: Item): WorkshopItem => ({
  id: i.id,
  key: i.key,
  title: i.title,
  description: i.description,
  position: i.position,
  storyPoints: i.storyPoints,
});

/** The workshop, its sessions (phase and totals from each board) and its backlog. */
export async function workshopOverview(
  deps: WorkshopDeps,
  workshop: { id: string; name: string; createdAt: number },
): Promise<WorkshopOverview> {
  const q = deps.store.read;
  const sessions = await Promise.all(
    (await q.listSessions(workshop.id)).map(async (s) => {
      const board = await deps.boards.at(q, s.id, s.version);
      const t = totals(board);
      return {
        id: s.id,
        name: s.name,
        joinCode: s.joinCode,
        phase: board.phase,
        version: board.version,
        createdAt: s.createdAt,
        totals: { cards: board.cards.length, placed: t.placed, unplaced: t.unplaced, flagged: t.flagged, total: t.total },
      };
    }),
  );
  return {
    id: workshop.id,
    name: workshop.name,
    createdAt: workshop.createdAt,
    sessions,
    items: (await q.listItems(workshop.id)).map(toWorkshopItem),
  };
}
