// Memory per room: 40 rooms of 15 participants and a projector, 30 cards, 30 moves each.
// Resident memory of the server process(es) before and after, and the V8 heap after a full GC
// (BENCH_HOOKS), which is what the rooms really hold; RSS also counts heap the GC has not
// returned to the system. The bare relay with the same sockets is the floor.
import type { MoveAck } from '../../domain/protocol';
import { closeRoom, NUMERIC_BUCKETS, openRelayRoom, openRoom, type AppRoom, type RelayRoom } from './rooms';
import type { AppTarget, RelayTarget } from './targets';
import { emit, load1, round, rssKbOf, sleep } from './util';

const PEOPLE = 15;
const CARDS = 30;

export async function memory(app: AppTarget, relay: RelayTarget, rooms: number) {
  const l = load1();
  const heap = async () => (await app.hooks(true)).reduce((n, h) => n + h.heapUsedBytes + h.externalBytes, 0);
  const warm = await openRoom(app, { cards: CARDS, people: PEOPLE, projector: true });
  await sleep(500);
  const heap0 = await heap();
  const rss0 = rssKbOf(app.pids());
  const opened: AppRoom[] = [];
  for (let r = 0; r < rooms; r++) {
    const room = await openRoom(app, { cards: CARDS, people: PEOPLE, projector: true });
    for (let n = 0; n < CARDS; n++) {
      const a = await emit<MoveAck>(room.people[n % PEOPLE]!.s, 'card:move', { cardId: room.cards[n], to: NUMERIC_BUCKETS[n % 9] });
      if (!a.ok) throw new Error(`move refused: ${a.error.code}`);
    }
    opened.push(room);
  }
  await sleep(1000);
  const heap1 = await heap();
  const rss1 = rssKbOf(app.pids());
  for (const room of [warm, ...opened]) closeRoom(room);

  const relayWarm = await openRelayRoom(relay, PEOPLE + 2);
  const relayGc = () => new Promise((r) => relayWarm.sockets[0]!.emit('gc', r));
  await sleep(500);
  await relayGc();
  const relay0 = rssKbOf([relay.pid]);
  const relayRooms: RelayRoom[] = [];
  for (let r = 0; r < rooms; r++) {
    const room = await openRelayRoom(relay, PEOPLE + 2);
    for (let n = 0; n < CARDS; n++)
      await emit(room.sockets[1 + (n % PEOPLE)]!, 'move', { room: room.name, cardId: `card${n}`, to: NUMERIC_BUCKETS[n % 9] });
    relayRooms.push(room);
  }
  await sleep(1000);
  await relayGc();
  const relay1 = rssKbOf([relay.pid]);
  for (const room of [relayWarm, ...relayRooms]) closeRoom(room);
  return {
    rooms,
    participantsPerRoom: PEOPLE,
    projectorPerRoom: 1,
    cardsPerRoom: CARDS,
    movesPerRoom: CARDS,
    load1: l,
    appRssBeforeMb: round(rss0 / 1024, 1),
    appRssAfterMb: round(rss1 / 1024, 1),
    appRssPerRoomKb: Math.round((rss1 - rss0) / rooms),
    appHeapAfterGcPerRoomKb: Math.round((heap1 - heap0) / 1024 / rooms),
    relayRssPerRoomKb: Math.round((relay1 - relay0) / rooms),
  };
}
