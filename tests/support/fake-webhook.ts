// A local receiver (port 0) for webhook tests: records each request and answers from a queue.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceiverAnswer = { status: number; headers?: Record<string, string> } | { hang: true };

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeReceiver {
  url: string;
  received: Received[];
  /** answers for the next requests, in order; afterwards 200 */
  answer(...a: ReceiverAnswer[]): void;
  close(): Promise<void>;
}

export async function startFakeReceiver(): Promise<FakeReceiver> {
  const received: Received[] = [];
  const queue: ReceiverAnswer[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const a = queue.shift() ?? { status: 200 };
      if ('hang' in a) {
        hanging.add(res);
        return;
      }
      res.writeHead(a.status, a.headers ?? {});
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answer: (...a) => void queue.push(...a),
    async close() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
