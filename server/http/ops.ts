import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../../db';
import { secretMatches, sha256 } from '../ids';
import type { Metrics } from '../metrics';
import type { Cluster } from '../realtime/cluster';
import type { BoardCache } from '../services/boards';
import { sendJson } from './respond';

export interface OpsDeps {
  store: Store;
  cluster: Cluster | undefined;
  metrics: Metrics;
  boards: BoardCache;
  draining: () => boolean;
  metricsToken: string | undefined;
}

/**
 * For the operator and the load balancer:
 * - GET /healthz: the process and its database answer (liveness);
 * - GET /readyz: ready for traffic: database and Redis reachable, not stopping (503 otherwise);
 * - GET /metrics: Prometheus text; with METRICS_TOKEN set, only with that bearer token.
 */
export async function handleOps(req: IncomingMessage, res: ServerResponse, deps: OpsDeps): Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/healthz') {
    const ok = await deps.store.ping();
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'database unreachable' });
    return true;
  }
  if (path === '/readyz') {
    const [database, redis] = await Promise.all([deps.store.ping(), deps.cluster ? deps.cluster.ping() : Promise.resolve(null)]);
    const ready = database && redis !== false && !deps.draining();
    sendJson(res, ready ? 200 : 503, {
      status: ready ? 'ready' : deps.draining() ? 'stopping' : 'not ready',
      database: database ? 'ok' : 'unreachable',
      redis: redis === null ? 'not used' : redis ? 'ok' : 'unreachable',
    });
    return true;
  }
  if (path === '/metrics') {
    if (deps.metricsToken) {
      const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!secretMatches(presented, sha256(deps.metricsToken))) {
        sendJson(res, 401, { error: { code: 'unauthorized', message: 'Send METRICS_TOKEN as "Authorization: Bearer <token>".' } });
        return true;
      }
    }
    deps.metrics.boards.set(deps.boards.size);
    const body = await deps.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': deps.metrics.registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
    return true;
  }
  return false;
}
