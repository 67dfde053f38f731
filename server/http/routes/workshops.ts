import { authorizeWorkshop, bearer } from '../auth';
import { setStoryPoints } from '../../services/backlog';
import { announceSession, createSession, createWorkshop, workshopOverview } from '../../services/workshops';
import { readJson, sendJson } from '../respond';
import type { Route } from '../router';

const ID = '[A-Za-z0-9_-]{1,64}';

export const workshopRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/api\/workshops$/,
    handle: async ({ req, res, deps }) => sendJson(res, 201, createWorkshop(deps, await readJson(req))),
  },
  {
    method: 'GET',
    path: new RegExp(`^/api/workshops/(?<workshopId>${ID})$`),
    handle: async ({ req, res, params, deps }) => {
      const w = authorizeWorkshop(deps.db, req, params.workshopId!);
      sendJson(res, 200, workshopOverview(deps, w));
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^/api/workshops/(?<workshopId>${ID})/sessions$`),
    handle: async ({ req, res, params, deps }) => {
      const w = authorizeWorkshop(deps.db, req, params.workshopId!);
      const created = createSession(deps, w.id, bearer(req), await readJson(req));
      // the people in the workshop's other rooms are offered the way in
      for (const a of announceSession(deps, w.id, created.sessionId)) deps.publish(a.sessionId, a.events);
      sendJson(res, 201, created);
    },
  },
  {
    method: 'PUT',
    path: new RegExp(`^/api/workshops/(?<workshopId>${ID})/items/(?<itemId>${ID})/story-points$`),
    handle: async ({ req, res, params, deps }) => {
      const w = authorizeWorkshop(deps.db, req, params.workshopId!);
      sendJson(res, 200, setStoryPoints(deps, w.id, params.itemId!, await readJson(req)));
    },
  },
];
