// The integrations API's bodies (zod) and answers (docs/api.md, "Jira and webhooks").
import { z } from 'zod';
import type { ImportPreview } from '../backlog';
import type { FieldDiscovery } from './fields';
import type { RunCounts, WriteBackRun } from './results';
import { checkUrl } from './url';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEvent, type WebhookFormat } from './webhook';
import type { WriteBackRow } from './writeback';

const url = (kind: 'jira' | 'webhook') =>
  z.string().transform((raw, ctx) => {
    const r = checkUrl(raw, kind);
    if (r.ok) return r.url;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });

const secret = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} is longer than ${max} characters`)
    .refine((s) => !/[\r\n]/.test(s), `${what} must be on one line`);

/** PUT /api/workshops/:id/integrations/jira: Cloud (site, e-mail, API token) or Data Center (base URL, personal access token). */
export const jiraConnectBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('cloud'),
    siteUrl: url('jira'),
    email: z.string().trim().email('not an e-mail address').max(254),
    apiToken: secret('the API token', 1000),
  }),
  z.strictObject({
    kind: z.literal('datacenter'),
    baseUrl: url('jira'),
    token: secret('the personal access token', 1000),
  }),
]);
export type JiraConnectBody = z.infer<typeof jiraConnectBody>;
export type JiraKind = JiraConnectBody['kind'];

const fieldId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be a Jira field id such as customfield_10016');
const boardId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** PUT /api/workshops/:id/integrations/jira/field: the story-point field, and the board whose estimation to use. */
export const jiraFieldBody = z.strictObject({ fieldId, boardId: boardId.nullable().optional() });

/** POST .../jira/import/preview and .../jira/import: by JQL, a board, or a sprint. */
export const jiraImportBody = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('jql'), jql: z.string().trim().min(1, 'the JQL is empty').max(4000) }),
  z.strictObject({ source: z.literal('board'), boardId, jql: z.string().trim().max(4000).optional() }),
  z.strictObject({ source: z.literal('sprint'), sprintId: boardId, boardId: boardId.optional() }),
]);
export type JiraImportBody = z.infer<typeof jiraImportBody>;

const mode = z.enum(['sp', 'ap']);
const rounding = z.enum(['one-decimal', 'whole']);

const runId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a run id');

/** POST /api/sessions/:id/jira/write-back/preview; `retryOf`: only the failed items of that run. */
export const writeBackPreviewBody = z.strictObject({ mode, rounding: rounding.default('one-decimal'), retryOf: runId.optional() });
export type WriteBackPreviewBody = z.infer<typeof writeBackPreviewBody>;

/**
 * POST /api/sessions/:id/jira/write-back: writes what the preview with this digest showed.
 * `retryOf`: write only the failed items of that run.
 */
export const writeBackRunBody = z.strictObject({
  mode,
  rounding: rounding.default('one-decimal'),
  digest: z.string().regex(/^[0-9a-f]{16}$/, 'must be the digest of a preview'),
  retryOf: runId.optional(),
});
export type WriteBackRunBody = z.infer<typeof writeBackRunBody>;

/** PUT /api/workshops/:id/integrations/webhook */
export const webhookConfigBody = z.strictObject({
  url: url('webhook'),
  secret: z
    .string()
    .min(16, 'at least 16 characters')
    .max(256)
    .refine((s) => !/[\r\n]/.test(s), 'must be on one line'),
  format: z.enum(WEBHOOK_FORMATS),
  language: z.enum(['en', 'de']).default('en'),
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1, 'choose at least one event')
    .refine((e) => new Set(e).size === e.length, 'an event is listed twice'),
});
export type WebhookConfigBody = z.infer<typeof webhookConfigBody>;

// ---- answers ----

/** Whether integrations can be used at all (SECRET_KEY set), and why not. */
export interface IntegrationsStatus {
  enabled: boolean;
  /** when disabled: 'no_secret_key' | 'bad_secret_key' */
  reason: string | null;
}

/** GET .../integrations/jira: never the credentials, only who they belong to. */
export interface JiraConnectionInfo {
  kind: JiraKind;
  url: string;
  /** Cloud: the e-mail; Data Center: null (a token has no name to show) */
  email: string | null;
  account: { displayName: string | null; id: string | null };
  server: { version: string | null; deploymentType: string | null };
  field: { id: string; name: string; viaBoard: boolean } | null;
  boardId: number | null;
  connectedAt: number;
}

export interface JiraFieldsAnswer extends FieldDiscovery {
  chosen: JiraConnectionInfo['field'];
}

export interface JiraImportPreviewAnswer {
  preview: ImportPreview;
  /** the issue key per preview line (line N is keys[N - 1]) */
  keys: string[];
  /** true when Jira had more issues than a session holds; only the first ones were read */
  truncated: boolean;
  fieldId: string | null;
}

export interface WriteBackPreviewAnswer {
  rows: WriteBackRow[];
  counts: { write: number; unchanged: number; skip: number };
  digest: string;
  field: { id: string; name: string };
  via: 'board' | 'issue';
  mode: 'sp' | 'ap';
  factor: number | null;
}

export interface WriteBackRunAnswer {
  run: WriteBackRun;
  counts: RunCounts;
}

export interface WebhookInfo {
  /** scheme, host and the last 4 characters: the full address is a credential too (Slack, Teams) */
  urlHint: string;
  format: WebhookFormat;
  language: 'en' | 'de';
  events: WebhookEvent[];
  /** never the secret itself */
  hasSecret: true;
  updatedAt: number;
}

export interface WebhookDeliveryInfo {
  id: string;
  event: WebhookEvent;
  createdAt: number;
  status: 'pending' | 'delivered' | 'failed' | 'dropped';
  attempts: {
    at: number;
    status: number | null;
    code: 'http' | 'redirect' | 'timeout' | 'network' | 'refused' | 'queue_full' | 'internal' | null;
    error: string | null;
    ms: number;
  }[];
}

/** An error answer of these routes: the conventions' `{ code, message, fields? }`, plus Jira's side for code `jira`. */
export interface IntegrationWireError {
  code: string;
  message: string;
  fields?: { path: string; message: string }[];
  jira?: { code: string; status: number | null; messages: string[] };
}

/** What a UI action gets back: the answer, or the error to show. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: IntegrationWireError };
