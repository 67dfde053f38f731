import { exportFormatQuery } from '../../../domain/protocol';
import { addItems, existingBacklogOf, importIntoSession } from '../../services/backlog';
import { badRequest, ServiceError } from '../../services/errors';
import { snapshot } from '../../services/rooms';
import { exportFile, runCommand } from '../../services/sessions';
import { authorizeSession } from '../auth';
import { BodyError, MAX_JSON_DEPTH, OFFLOAD_BODY_BYTES, readBody } from '../body';
import { previewFromBytes } from '../json-body';
import { IMPORT_BODY_BYTES, readJson, sendDownload, sendJson } from '../respond';
import type { Route, RouteContext } from '../router';
import { itemCount } from '../items';
import { sizeCost } from '../../limits/rules';

const session = (pattern = '') => new RegExp(`^/api/sessions/(?<sessionId>[A-Za-z0-9_-]{1,64})${pattern}$`);

/** Every session endpoint needs the workshop's facilitator secret as the bearer token. */
async function authorized(ctx: RouteContext): Promise<string> {
  return (await authorizeSession(ctx.deps.store, ctx.req, ctx.params.sessionId!)).id;
}

export const sessionRoutes: Route[] = [
  {
    method: 'GET',
    path: session(),
    handle: async (ctx) => {
      const id = await authorized(ctx);
      sendJson(ctx.res, 200, await snapshot(ctx.deps, id, await ctx.deps.online(id)));
    },
  },
  {
    method: 'POST',
    path: session('/items'),
    handle: async (ctx) => {
      const id = await authorized(ctx);
      const body = await readJson(ctx.req);
      // adding items is an import: its budget, one more point per 100 items (RATE-CREATE-3)
      await ctx.charge('importPreview', 1 + sizeCost(itemCount(body, 'items')));
      const result = await addItems(ctx.deps, id, body, await ctx.deps.online(id));
      sendJson(ctx.res, 201, result);
    },
  },
  {
    method: 'POST',
    path: session('/import/preview'),
    handle: async (ctx) => {
      const id = await authorized(ctx);
      const bytes = await readBody(ctx.req, IMPORT_BODY_BYTES);
      const existing = await existingBacklogOf(ctx.deps, id);
      // a large file is decoded and previewed in the offload thread (BODY-6)
      const r =
        bytes.length > OFFLOAD_BODY_BYTES
          ? await ctx.deps.offload.preview(bytes, MAX_JSON_DEPTH, existing)
          : previewFromBytes(bytes, MAX_JSON_DEPTH, existing);
      if (r.ok) return sendJson(ctx.res, 200, r.preview);
      if (r.fields) throw new ServiceError('bad_request', r.message, r.fields);
      throw new BodyError(r.status, r.message);
    },
  },
  {
    method: 'POST',
    path: session('/import'),
    handle: async (ctx) => {
      const id = await authorized(ctx);
      const body = await readJson(ctx.req, IMPORT_BODY_BYTES, ctx.deps.offload);
      const outcome = await importIntoSession(ctx.deps, id, body, await ctx.deps.online(id));
      if (!outcome.ok) {
        // the file cannot be read: nothing was imported; the preview says why
        sendJson(ctx.res, 422, {
          error: { code: 'invalid', message: `The file cannot be imported: ${outcome.preview.error.message}.` },
          preview: outcome.preview,
        });
        return;
      }
      sendJson(ctx.res, 200, outcome.result);
    },
  },
  {
    method: 'GET',
    path: session('/result'),
    handle: async (ctx) => {
      const id = await authorized(ctx);
      const format = exportFormatQuery.safeParse(ctx.url.searchParams.get('format') ?? 'json');
      if (!format.success) throw badRequest(format.error, 'format (json or csv)');
      const file = await exportFile(ctx.deps, id, format.data);
      sendDownload(ctx.res, file.contentType, file.filename, file.body);
    },
  },
  {
    method: 'POST',
    path: session('/commands'),
    handle: async (ctx) => {
      const id = await authorized(ctx);
      const body = await readJson(ctx.req);
      const result = await runCommand(ctx.deps, id, body, await ctx.deps.online(id));
      sendJson(ctx.res, 200, result);
    },
  },
];
