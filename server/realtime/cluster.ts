import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Logger } from '../log';

/**
 * REDIS_URL: the processes serving the same rooms share one Redis (or Valkey). socket.io's Redis
 * Streams adapter carries broadcasts, presence queries (fetchSockets) and connection-state
 * recovery between them; a Redis restart is survived (the stream is resumed where it stopped).
 */
export async function connectCluster(url: string, log: Logger) {
  const client = createClient({
    url,
    // keep trying: while Redis is away, commands wait in the offline queue
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) },
  });
  let lastError = 0;
  client.on('error', (err: Error) => {
    // a Redis outage reports on every retry: one line a few seconds is enough
    if (Date.now() - lastError > 5000) log.warn({ err: err.message }, 'redis unavailable');
    lastError = Date.now();
  });
  await client.connect();
  return {
    client,
    // a process that died is noticed within a few seconds (presence questions stop waiting for it)
    adapter: createAdapter(client, { streamName: 'magic-estimation', maxLen: 100_000, heartbeatInterval: 2000, heartbeatTimeout: 5000 }),
    async ping(): Promise<boolean> {
      if (!client.isReady) return false;
      try {
        return (await Promise.race([client.ping(), new Promise<string>((r) => setTimeout(() => r('timeout'), 1000))])) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await client.quit().catch(() => client.destroy());
    },
  };
}

export type Cluster = Awaited<ReturnType<typeof connectCluster>>;
