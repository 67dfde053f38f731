import { apply, type BoardState, type Placement, type VersionedEvent } from '../board';

export interface PendingMove {
  clientMoveId: string;
  cardId: string;
  /** where the card was (as this client saw it) when the move was made */
  from: Placement;
  to: Placement;
}

/**
 * A client's copy of a board: what the server confirmed, plus this client's
 * own moves that are sent but not yet acknowledged. The server's order wins:
 * pending moves only overlay the confirmed board until they are acked or refused.
 */
export interface Replica {
  confirmed: BoardState;
  pending: PendingMove[];
  /**
   * Events that arrived before one they follow (SYNC-4: with several server processes, a room's
   * events reach a connection through different paths). Held in version order, applied as soon
   * as the missing one arrives.
   */
  early: VersionedEvent[];
}

export const replicaOf = (board: BoardState): Replica => ({ confirmed: board, pending: [], early: [] });

/** Events held at most; past that, the client asks for a snapshot at once. */
export const MAX_EARLY = 500;

/** gap: events are held for a missing one; give it a moment (SYNC_WAIT_MS), then ask for a snapshot. */
export type Receive = { replica: Replica; gap: boolean };

/** How long a client waits for a missing event before it asks for a snapshot. */
export const SYNC_WAIT_MS = 400;

/** Applies what follows the confirmed version, in order, from the held events. */
function drain(confirmed: BoardState, early: VersionedEvent[]): { confirmed: BoardState; early: VersionedEvent[] } {
  let i = 0;
  for (; i < early.length && early[i]!.version <= confirmed.version + 1; i++) {
    if (early[i]!.version === confirmed.version + 1) confirmed = apply(confirmed, early[i]!.event);
  }
  return { confirmed, early: i === 0 ? early : early.slice(i) };
}

/** Applies a broadcast event in version order; one that comes early waits for the ones before it. */
export function receive(r: Replica, ve: VersionedEvent): Receive {
  if (ve.version <= r.confirmed.version) return { replica: r, gap: r.early.length > 0 };
  if (ve.version !== r.confirmed.version + 1) {
    if (r.early.some((e) => e.version === ve.version)) return { replica: r, gap: true };
    const early = [...r.early, ve].sort((a, b) => a.version - b.version);
    return { replica: { ...r, early: early.length > MAX_EARLY ? early.slice(-MAX_EARLY) : early }, gap: true };
  }
  const next = drain(apply(r.confirmed, ve.event), r.early);
  return { replica: { ...r, ...next }, gap: next.early.length > 0 };
}

export const addPending = (r: Replica, m: PendingMove): Replica => ({ ...r, pending: [...r.pending, m] });

/** Ack or refusal: either way the move stops overlaying; the confirmed board has the truth. */
export const settle = (r: Replica, clientMoveId: string): Replica => ({
  ...r,
  pending: r.pending.filter((p) => p.clientMoveId !== clientMoveId),
});

/** A fresh snapshot from the server replaces the confirmed board; pending moves still overlay it; held events after it apply. */
export const resync = (r: Replica, board: BoardState): Replica => ({
  ...r,
  ...drain(
    board,
    r.early.filter((e) => e.version > board.version),
  ),
});

/**
 * After a reconnect: which offline moves still make sense? A move whose card someone else
 * moved meanwhile is discarded (the server's board wins, and the user is told); a move that
 * already happened is dropped; the rest is sent again in order.
 */
export function reconcile(r: Replica): { replica: Replica; resend: PendingMove[]; discarded: PendingMove[] } {
  const first = new Map<string, Placement>();
  const last = new Map<string, Placement>();
  for (const p of r.pending) {
    if (!first.has(p.cardId)) first.set(p.cardId, p.from);
    last.set(p.cardId, p.to);
  }
  const resend: PendingMove[] = [];
  const discarded: PendingMove[] = [];
  for (const p of r.pending) {
    const now = Object.hasOwn(r.confirmed.placement, p.cardId) ? r.confirmed.placement[p.cardId] : undefined;
    if (now === undefined) discarded.push(p);
    else if (now === last.get(p.cardId))
      continue; // already where this client wanted it
    else if (now === first.get(p.cardId)) resend.push(p);
    else discarded.push(p);
  }
  return { replica: { ...r, pending: resend }, resend, discarded };
}

/** What the user sees. */
export function view(r: Replica): BoardState {
  if (r.pending.length === 0) return r.confirmed;
  const placement = { ...r.confirmed.placement };
  for (const p of r.pending) if (Object.hasOwn(placement, p.cardId)) placement[p.cardId] = p.to;
  return { ...r.confirmed, placement };
}
