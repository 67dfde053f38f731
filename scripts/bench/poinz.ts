// Poinz (github.com/Zuehlke/poinz), the open-source planning-poker server issue #15 compares
// with, as a third side of the latency shapes. Its server runs from a checkout outside this
// repository (`npm run bench:poinz-setup` makes one; POINZ_DIR points elsewhere), as it runs by
// default: rooms in memory, nothing persisted, commands validated and queued one at a time.
// A "move" is an estimate (giveStoryEstimate); every socket of the room gets the event, the
// sender included, which stands in for the app's ack.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../tests/e2e/support/server';
import { closeAll, connect, sleep, type Sock } from './util';

export const POINZ_DIR = process.env.POINZ_DIR ?? join(homedir(), '.cache', 'magic-estimation', 'poinz');

export interface PoinzTarget {
  url: string;
  pid: number;
  stop(): void;
}

export interface PoinzEvent {
  name: string;
  correlationId?: string;
  payload: Record<string, unknown>;
}

export interface PoinzRoom {
  roomId: string;
  storyId: string;
  sockets: Sock[];
  userIds: string[];
}

/** null when there is no set-up checkout: the bench then runs without this side and says so */
export async function startPoinz(): Promise<PoinzTarget | null> {
  const server = join(POINZ_DIR, 'server');
  if (!existsSync(join(server, 'node_modules', 'socket.io'))) return null;
  const port = await freePort();
  // NODE_ENV=test: warnings only in its log (its info lines would cost it a write per command)
  const child = spawn(process.execPath, ['src/server.js'], {
    cwd: server,
    env: { ...process.env, PORT: String(port), NODE_ENV: 'test', NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/api/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 100 || child.exitCode !== null) throw new Error(`Poinz did not start in ${POINZ_DIR}`);
    await sleep(100);
  }
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

/** sends a command and resolves with its first event (or rejects with Poinz's reason) */
export function command(s: Sock, roomId: string, userId: string, name: string, payload: object): Promise<PoinzEvent> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const on = (e: PoinzEvent) => {
      if (e.correlationId !== id) return;
      s.off('event', on);
      if (e.name === 'commandRejected') reject(new Error(`Poinz refused ${name}: ${String(e.payload.reason)}`));
      else resolve(e);
    };
    s.on('event', on);
    s.emit('command', { id, roomId, userId, name, payload });
  });
}

/** the estimate, fire and forget: its event reaches every socket of the room, the sender's too */
export function estimate(s: Sock, room: PoinzRoom, i: number, value: number, id: string = randomUUID()): string {
  s.emit('command', {
    id,
    roomId: room.roomId,
    userId: room.userIds[i],
    name: 'giveStoryEstimate',
    payload: { storyId: room.storyId, value },
  });
  return id;
}

let rooms = 0;

/** n users in one room with one selected story; automatic reveal off, so estimates never close it */
export async function openPoinzRoom(poinz: PoinzTarget, n: number): Promise<PoinzRoom> {
  const roomId = `bench-${process.pid}-${++rooms}`;
  const sockets: Sock[] = [];
  const userIds: string[] = [];
  let storyId = '';
  for (let i = 0; i < n; i++) {
    const s = await connect(poinz.url);
    const userId = randomUUID();
    await command(s, roomId, userId, 'joinRoom', { username: `user${i + 1}` });
    sockets.push(s);
    userIds.push(userId);
    if (i === 0) {
      await command(s, roomId, userId, 'setRoomConfig', { autoReveal: false });
      const added = await command(s, roomId, userId, 'addStory', { title: 'Backlog item 1 with a realistic title' });
      storyId = String(added.payload.storyId);
      // a new room starts with a sample story selected
      await command(s, roomId, userId, 'selectStory', { storyId });
    }
  }
  // a rejected estimate would leave a receiver waiting for ever: fail loudly instead
  for (const s of sockets)
    s.on('event', (e: PoinzEvent) => {
      if (e.name === 'commandRejected') throw new Error(`Poinz refused a command: ${String(e.payload.reason)}`);
    });
  return { roomId, storyId, sockets, userIds };
}

export const closePoinzRoom = (r: PoinzRoom) => closeAll(r.sockets);
