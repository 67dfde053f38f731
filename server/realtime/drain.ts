import type { Io } from './hub';

/**
 * A graceful stop sends every client elsewhere, spread over `spreadMs` so that a process with
 * hundreds of clients does not send them all to the next process in the same instant. Each
 * client hears `server:draining` first, then its transport closes; socket.io-client reconnects
 * by itself (through the reverse proxy, to another process) and the room page joins again.
 */
export async function drainSockets(io: Io, spreadMs: number): Promise<void> {
  const sockets = [...io.of('/').sockets.values()];
  await Promise.all(
    sockets.map(
      (socket, i) =>
        new Promise<void>((resolve) => {
          // evenly spread, in the order they connected
          const at = sockets.length > 1 ? Math.round((spreadMs * i) / (sockets.length - 1)) : 0;
          setTimeout(() => {
            socket.emit('server:draining', { reconnect: true });
            socket.conn.close();
            resolve();
          }, at);
        }),
    ),
  );
}
