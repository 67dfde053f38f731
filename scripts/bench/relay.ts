// The baseline for `npm run bench`: a bare socket.io relay with the same server options as the
// app (websocket, 64 KB buffer) and no validation, no database, no domain. A "move" is acked
// and broadcast to its room (the sender included, as the app does), nothing else. Prints its port on stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 64 * 1024 });
io.on('connection', (socket) => {
  socket.on('join', (room: string, ack: (r: unknown) => void) => {
    void socket.join(room);
    ack({ ok: true });
  });
  // the memory shape measures after a full collection (the relay runs with --expose-gc)
  socket.on('gc', (ack: (r: unknown) => void) => {
    (globalThis as { gc?: () => void }).gc?.();
    ack({ ok: true });
  });
  socket.on('move', (move: { room: string; cardId: string; to: string }, ack: (r: unknown) => void) => {
    io.to(move.room).emit('moved', move);
    ack({ ok: true });
  });
});
http.listen(0, '127.0.0.1', () => console.log(String((http.address() as AddressInfo).port)));
process.on('SIGTERM', () => process.exit(0));
