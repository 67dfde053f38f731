import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * How an HTTP server stops without hanging (DRAIN-2). `server.close()` alone leaves open a
 * kept-alive connection that was busy at that moment for as long as requests keep coming on it
 * (a browser retrying its socket, a proxy's keep-alive pool), so a stopping process never exited.
 */
export function closingHttp(http: Server) {
  const inFlight = new Set<ServerResponse>();
  let idle: (() => void) | undefined;
  let closing = false;
  const endsConnection = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  http.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) endsConnection(res);
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0) idle?.();
    });
  });
  return {
    /** stop listening; every answer not yet sent, and every one after, closes its connection */
    stopListening() {
      closing = true;
      // since Node 19 this also closes the idle connections
      http.close();
      for (const res of inFlight) endsConnection(res);
    },
    /** lets the requests in flight finish (at most `graceMs`), then cuts every connection left */
    async closeConnections(graceMs: number) {
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          idle = resolve;
          timer = setTimeout(resolve, graceMs);
        });
        clearTimeout(timer);
      }
      http.closeAllConnections();
    },
  };
}
