import { createWorkshop } from '../../services/workshops';
import { readJson, sendJson } from '../respond';
import type { Route } from '../router';

export const workshopRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/api\/workshops$/,
    handle: async ({ req, res, deps }) => sendJson(res, 201, createWorkshop(deps, await readJson(req))),
  },
];
