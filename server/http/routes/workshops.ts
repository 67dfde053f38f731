import { authorizeWorkshop, bearer } from '../auth';
import { setStoryPoints } from '../../services/backlog';
import { deleteWorkshop, exportWorkshop } from '../../services/lifecycle';
import { announceSession, createSession, createWorkshop, workshopOverview } from '../../services/workshops';
import { readJson, sendDownload, sendJson } from '../respond';
import type { Route } from '../router';
import { itemCount } from '../items';
import { sizeCost } from '../../limits/rules';
import { LIMITS } from '../../../domain/protocol';

const ID = '[A-Za-z0-9_-]{1,64}';

export const workshopRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/api\/workshops$/,
    handle: async ({ req, res, deps, charge }) => {
      const body = await readJson(req);
      // a big backlog costs more of the budget, before anything is written (RATE-CREATE-3)
      await charge('createWorkshop', sizeCost(itemCount(body, 'items')));
      sendJson(res, 201, await createWorkshop(deps, body));
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^/api/workshops/(?<workshopId>${ID})$`),
    handle: async ({ req, res, params, deps }) => {
      const w = await authorizeWorkshop(deps.store, req, params.workshopId!);
      sendJson(res, 200, await workshopOverview(deps, w));
    },
  },
  {
    method: 'DELETE',
    path: new RegExp(`^/api/workshops/(?<workshopId>${ID})$`),
    handle: async ({ req, res, params, deps }) => {
      const w = await authorizeWorkshop(deps.store, req, params.workshopId!);
      sendJson(res, 200, await deleteWorkshop(deps, w));
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^/api/workshops/(?<workshopId>${ID})/export$`),
    handle: async ({ req, res, params, deps }) => {
      const w = await authorizeWorkshop(deps.store, req, params.workshopId!);
      sendDownload(
        res,
        'application/json; charset=utf-8',
        `${w.name}.workshop.json`,
        JSON.stringify(await exportWorkshop(deps, w), null, 2),
      );
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^/api/workshops/(?<workshopId>${ID})/sessions$`),
    handle: async ({ req, res, params, deps, charge }) => {
      const w = await authorizeWorkshop(deps.store, req, params.workshopId!);
      const body = await readJson(req);
      // the chosen items, or all of the workshop's (RATE-CREATE-3)
      const chosen = itemCount(body, 'itemIds');
      const items = chosen > 0 ? chosen : (await deps.store.read.listItems(w.id)).length;
      await charge('createSession', sizeCost(Math.min(items, LIMITS.itemsPerSession)));
      const created = await createSession(deps, w.id, bearer(req), body);
      // the people in the workshop's other rooms are offered the way in
      await announceSession(deps, w.id, created.sessionId);
      sendJson(res, 201, created);
    },
  },
  {
    method: 'PUT',
    path: new RegExp(`^/api/workshops/(?<workshopId>${ID})/items/(?<itemId>${ID})/story-points$`),
    handle: async ({ req, res, params, deps }) => {
      const w = await authorizeWorkshop(deps.store, req, params.workshopId!);
      sendJson(res, 200, await setStoryPoints(deps, w.id, params.itemId!, await readJson(req)));
    },
  },
];
