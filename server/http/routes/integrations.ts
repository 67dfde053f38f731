import type { ZodType } from 'zod';
import {
  jiraConnectBody,
  jiraFieldBody,
  jiraImportBody,
  webhookConfigBody,
  writeBackPreviewBody,
  writeBackRunBody,
  type IntegrationWireError,
} from '../../../domain/integrations/wire';
import { IntegrationError } from '../../integrations/jira/service';
import { importIntoSession } from '../../services/backlog';
import { badRequest } from '../../services/errors';
import { authorizeSession, authorizeWorkshop } from '../auth';
import { readJson, sendJson } from '../respond';
import type { Route, RouteContext } from '../router';

/*
 * Jira and webhooks (docs/api.md "Jira and webhooks"). Bodies are parsed with the wire schemas of
 * domain/integrations; a refusal of the integrations (IntegrationError) answers with its status,
 * code and message, Jira's side in `jira`, and for `plan_changed` the new `preview`.
 */

const ID = '[A-Za-z0-9_-]{1,64}';
const workshop = (pattern = '') => new RegExp(`^/api/workshops/(?<workshopId>${ID})/integrations${pattern}$`);
const session = (pattern: string) => new RegExp(`^/api/sessions/(?<sessionId>${ID})/jira${pattern}$`);

async function parse<T>(ctx: RouteContext, schema: ZodType<T>, what: string): Promise<T> {
  const parsed = schema.safeParse(await readJson(ctx.req));
  if (!parsed.success) throw badRequest(parsed.error, what);
  return parsed.data;
}

/** The route's work; an IntegrationError becomes its answer, anything else goes to the API's error handling. */
const guarded =
  (handle: (ctx: RouteContext) => Promise<void>) =>
  async (ctx: RouteContext): Promise<void> => {
    try {
      await handle(ctx);
    } catch (e) {
      if (!(e instanceof IntegrationError)) throw e;
      const error: IntegrationWireError = { code: e.code, message: e.message, ...(e.jira ? { jira: e.jira } : {}) };
      sendJson(ctx.res, e.status, { error, ...(e.preview ? { preview: e.preview } : {}) });
    }
  };

/** The workshop's facilitator, and the integrations switched on. */
async function workshopOf(ctx: RouteContext) {
  const w = await authorizeWorkshop(ctx.deps.store, ctx.req, ctx.params.workshopId!);
  ctx.deps.integrations.requireOn();
  return w;
}

async function sessionOf(ctx: RouteContext): Promise<string> {
  const s = await authorizeSession(ctx.deps.store, ctx.req, ctx.params.sessionId!);
  ctx.deps.integrations.requireOn();
  return s.id;
}

const route = (method: Route['method'], path: RegExp, handle: (ctx: RouteContext) => Promise<void>): Route => ({
  method,
  path,
  handle: guarded(handle),
});

export const integrationRoutes: Route[] = [
  // everything the workshop's integrations page shows at once; answers even when they are off, saying why
  route('GET', workshop(), async (ctx) => {
    const w = await authorizeWorkshop(ctx.deps.store, ctx.req, ctx.params.workshopId!);
    const { integrations } = ctx.deps;
    const on = integrations.status.enabled;
    sendJson(ctx.res, 200, {
      status: integrations.status,
      jira: on ? await integrations.jira.info(w.id) : null,
      webhook: on ? await integrations.webhooks().get(w.id) : null,
    });
  }),

  route('PUT', workshop('/jira'), async (ctx) => {
    const w = await workshopOf(ctx);
    const body = await parse(ctx, jiraConnectBody, 'Jira connection');
    sendJson(ctx.res, 200, await ctx.deps.integrations.jira.connect(w.id, body));
  }),
  route('GET', workshop('/jira'), async (ctx) => {
    const w = await workshopOf(ctx);
    sendJson(ctx.res, 200, await ctx.deps.integrations.jira.info(w.id));
  }),
  route('DELETE', workshop('/jira'), async (ctx) => {
    const w = await workshopOf(ctx);
    await ctx.deps.integrations.jira.disconnect(w.id);
    sendJson(ctx.res, 200, null);
  }),
  route('GET', workshop('/jira/fields'), async (ctx) => {
    const w = await workshopOf(ctx);
    const raw = ctx.url.searchParams.get('boardId');
    const boardId = raw === null || raw === '' ? null : Number(raw);
    if (boardId !== null && !(Number.isSafeInteger(boardId) && boardId > 0)) {
      sendJson(ctx.res, 400, {
        error: { code: 'bad_request', message: `Invalid boardId: must be a board's number, got "${String(raw).slice(0, 40)}"` },
      });
      return;
    }
    sendJson(ctx.res, 200, await ctx.deps.integrations.jira.fields(w.id, boardId));
  }),
  route('PUT', workshop('/jira/field'), async (ctx) => {
    const w = await workshopOf(ctx);
    const body = await parse(ctx, jiraFieldBody, 'story-point field');
    sendJson(ctx.res, 200, await ctx.deps.integrations.jira.chooseField(w.id, body));
  }),

  route('PUT', workshop('/webhook'), async (ctx) => {
    const w = await workshopOf(ctx);
    const body = await parse(ctx, webhookConfigBody, 'webhook');
    sendJson(ctx.res, 200, await ctx.deps.integrations.webhooks().save(w.id, body));
  }),
  route('GET', workshop('/webhook'), async (ctx) => {
    const w = await workshopOf(ctx);
    sendJson(ctx.res, 200, await ctx.deps.integrations.webhooks().get(w.id));
  }),
  route('DELETE', workshop('/webhook'), async (ctx) => {
    const w = await workshopOf(ctx);
    await ctx.deps.integrations.webhooks().remove(w.id);
    sendJson(ctx.res, 200, null);
  }),
  route('GET', workshop('/webhook/deliveries'), async (ctx) => {
    const w = await workshopOf(ctx);
    sendJson(ctx.res, 200, await ctx.deps.integrations.webhooks().deliveries(w.id));
  }),

  route('POST', session('/import/preview'), async (ctx) => {
    const id = await sessionOf(ctx);
    const body = await parse(ctx, jiraImportBody, 'Jira import');
    sendJson(ctx.res, 200, await ctx.deps.integrations.jira.importPreview(id, body));
  }),
  route('POST', session('/import'), async (ctx) => {
    const id = await sessionOf(ctx);
    const body = await parse(ctx, jiraImportBody, 'Jira import');
    const source = await ctx.deps.integrations.jira.importSource(id, body);
    if (!source.input) {
      sendJson(ctx.res, 422, {
        error: { code: 'invalid', message: 'Nothing was imported: the query found no issues.' },
        preview: { ok: false, error: { code: 'empty', message: 'the query found no issues' } },
      });
      return;
    }
    // the same path as a file import: the preview made again in the write, all or nothing, matched by key
    const outcome = await importIntoSession(ctx.deps, id, source.input, await ctx.deps.online(id));
    if (!outcome.ok) {
      sendJson(ctx.res, 422, {
        error: { code: 'invalid', message: `Nothing was imported: ${outcome.preview.error.message}.` },
        preview: outcome.preview,
      });
      return;
    }
    sendJson(ctx.res, 200, { ...outcome.result, keys: source.keys, truncated: source.truncated });
  }),

  route('POST', session('/write-back/preview'), async (ctx) => {
    const id = await sessionOf(ctx);
    const body = await parse(ctx, writeBackPreviewBody, 'write-back preview');
    sendJson(ctx.res, 200, await ctx.deps.integrations.jira.writeBackPreview(id, body));
  }),
  route('POST', session('/write-back'), async (ctx) => {
    const id = await sessionOf(ctx);
    const body = await parse(ctx, writeBackRunBody, 'write-back');
    const { run, done } = await ctx.deps.integrations.jira.startWriteBack(id, body);
    // the items are written in the background; GET .../write-back/runs shows them as they come
    void done.catch((err: unknown) => ctx.deps.log.error({ err, sessionId: id, runId: run.id }, 'write-back run failed'));
    sendJson(ctx.res, 202, { run, counts: { written: 0, unchanged: 0, failed: 0 } });
  }),
  route('GET', session('/write-back/runs'), async (ctx) => {
    const id = await sessionOf(ctx);
    sendJson(ctx.res, 200, await ctx.deps.integrations.jira.runs(id));
  }),
];
