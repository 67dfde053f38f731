import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * GET /metrics (Prometheus text format, prom-client): what an operator needs to see a room
 * slow down before the facilitator does. One registry per app, so tests can start several.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'me_' });
  const ms = [0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
  const metrics = {
    registry,
    connections: new Gauge({ name: 'me_socket_connections', help: 'Open socket.io connections on this process', registers: [registry] }),
    rooms: new Gauge({ name: 'me_rooms', help: 'Sessions with at least one connection on this process', registers: [registry] }),
    commands: new Counter({
      name: 'me_commands_total',
      help: 'Socket commands handled, by event',
      labelNames: ['event'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'me_errors_total',
      help: 'Refused or failed commands and requests, by error code',
      labelNames: ['code'],
      registers: [registry],
    }),
    moveAck: new Histogram({
      name: 'me_move_ack_ms',
      help: 'Time from a card:move arriving to its ack, in milliseconds',
      buckets: ms,
      registers: [registry],
    }),
    dbBatch: new Histogram({
      name: 'me_db_batch_ms',
      help: 'Time of one group-commit transaction, in milliseconds',
      buckets: ms,
      registers: [registry],
    }),
    batchSize: new Histogram({
      name: 'me_db_batch_commands',
      help: 'Commands per group-commit transaction',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers: [registry],
    }),
    boards: new Gauge({ name: 'me_board_cache_size', help: 'Boards held in memory', registers: [registry] }),
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
