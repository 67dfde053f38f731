import { authorizeWorkshop } from '../auth';
import {
  createShareLink,
  deleteLastSprint,
  planningData,
  recordSprint,
  revokeShare,
  savePlanSettings,
  setReference,
  shareLinks,
  sharedData,
} from '../../services/planning';
import { readJson, sendJson } from '../respond';
import type { Route, RouteContext } from '../router';

const ID = '[A-Za-z0-9_-]{1,64}';
const workshop = (pattern = '') => new RegExp(`^/api/workshops/(?<workshopId>${ID})${pattern}$`);
const auth = (ctx: RouteContext) => authorizeWorkshop(ctx.deps.store, ctx.req, ctx.params.workshopId!);

/** Workshop planning (docs/api.md): calibration per session, plan settings, sprints, share links. */
export const planningRoutes: Route[] = [
  {
    method: 'GET',
    path: workshop('/planning'),
    handle: async (ctx) => sendJson(ctx.res, 200, await planningData(ctx.deps, await auth(ctx))),
  },
  {
    method: 'PUT',
    path: workshop(`/sessions/(?<sessionId>${ID})/references/(?<itemId>${ID})`),
    handle: async (ctx) => {
      const w = await auth(ctx);
      sendJson(ctx.res, 200, await setReference(ctx.deps, w, ctx.params.sessionId!, ctx.params.itemId!, await readJson(ctx.req)));
    },
  },
  {
    method: 'PUT',
    path: workshop('/plan-settings'),
    handle: async (ctx) => {
      const w = await auth(ctx);
      sendJson(ctx.res, 200, await savePlanSettings(ctx.deps, w, await readJson(ctx.req)));
    },
  },
  {
    method: 'POST',
    path: workshop('/sprints'),
    handle: async (ctx) => {
      const w = await auth(ctx);
      const data = await recordSprint(ctx.deps, w, await readJson(ctx.req));
      sendJson(ctx.res, 201, data);
      // after the commit, without waiting: the webhook hears of the new sprint
      ctx.deps.integrations.sprintRecorded(w, data);
    },
  },
  {
    method: 'DELETE',
    path: workshop('/sprints/(?<index>[0-9]{1,6})'),
    handle: async (ctx) => sendJson(ctx.res, 200, await deleteLastSprint(ctx.deps, await auth(ctx), Number(ctx.params.index))),
  },
  {
    method: 'GET',
    path: workshop('/share-links'),
    handle: async (ctx) => sendJson(ctx.res, 200, await shareLinks(ctx.deps, await auth(ctx))),
  },
  {
    method: 'POST',
    path: workshop('/share-links'),
    handle: async (ctx) => sendJson(ctx.res, 201, await createShareLink(ctx.deps, await auth(ctx))),
  },
  {
    method: 'DELETE',
    path: workshop(`/share-links/(?<linkId>${ID})`),
    handle: async (ctx) => sendJson(ctx.res, 200, await revokeShare(ctx.deps, await auth(ctx), ctx.params.linkId!)),
  },
  {
    method: 'GET',
    path: new RegExp(`^/api/shared/(?<token>${ID})$`),
    handle: async (ctx) => sendJson(ctx.res, 200, await sharedData(ctx.deps, ctx.params.token!)),
  },
];
