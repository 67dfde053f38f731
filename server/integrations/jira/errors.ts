// Everything that can go wrong talking to Jira, as one error type with a clear message (rules JIRA-ERR-*).
import { ZodError } from 'zod';
import { jiraMessages } from '../../../domain/integrations/jira';
import { RefusedTarget } from '../net';
import { parseRetryAfter } from '../retry';

export type JiraErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'conflict'
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'unreachable'
  | 'refused_address'
  | 'redirect'
  | 'bad_response'
  | 'changed_in_jira';

export interface JiraErrorDetails {
  status?: number | null;
  /** Jira's own messages */
  jira?: string[];
  retryAfterMs?: number | null;
  /** may succeed when tried again: 429, 5xx, a timeout, a dropped connection */
  retryable?: boolean;
}

export class JiraError extends Error {
  readonly status: number | null;
  readonly jira: string[];
  readonly retryAfterMs: number | null;
  readonly retryable: boolean;
  /** requests made before giving up (set by the client after its retries) */
  attempts = 1;

  constructor(
    readonly code: JiraErrorCode,
    message: string,
    details: JiraErrorDetails = {},
  ) {
    super(message);
    this.name = 'JiraError';
    this.status = details.status ?? null;
    this.jira = details.jira ?? [];
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.retryable = details.retryable ?? false;
  }
}

/** What failed, for the message: an issue key ("SHOP-3") or an operation ("reading the fields"). */
export interface ErrorContext {
  subject: string;
  kind: 'cloud' | 'datacenter';
  /** the thing a 404 means is missing, e.g. "the issue" or "the board 12" */
  missing?: string;
}

interface HttpLike {
  status: number;
  data: unknown;
  headers: Record<string, unknown> | { get?: (name: string) => unknown };
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function header(headers: HttpLike['headers'] | undefined, name: string): string | null {
  if (!headers) return null;
  const getter = (headers as { get?: unknown }).get;
  const v =
    typeof getter === 'function' ? (getter as (n: string) => unknown).call(headers, name) : (headers as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

/** The HTTP answer inside a jira.js HttpException (its cause is the AxiosError) or an AxiosError. */
function httpOf(e: unknown): HttpLike | null {
  for (let cur: unknown = e, depth = 0; isObject(cur) && depth < 4; cur = cur.cause, depth++) {
    const res = cur.response;
    if (isObject(res) && typeof res.status === 'number' && 'headers' in res)
      return { status: res.status, data: res.data, headers: res.headers as HttpLike['headers'] };
  }
  return null;
}

/** The first error code in the cause chain (ECONNREFUSED, ECONNABORTED, ...), and our own refusal. */
function transportOf(e: unknown): { code: string | null; refused: RefusedTarget | null } {
  let code: string | null = null;
  for (let cur: unknown = e, depth = 0; isObject(cur) && depth < 6; cur = cur.cause, depth++) {
    if (cur instanceof RefusedTarget) return { code: cur.code, refused: cur };
    if (code === null && typeof cur.code === 'string' && cur.code !== 'INTERNAL_SERVER_ERROR') code = cur.code;
  }
  return { code, refused: null };
}

const withJira = (message: string, jira: string[]) => (jira.length > 0 ? `${message} (Jira: ${jira.join('; ')})` : message);

/**
 * JIRA-ERR-1: every failure becomes a JiraError whose message starts with the subject (the issue
 * key or the operation) and says the cause in words, with Jira's own messages when it sent any:
 * 401 credentials, 403 permission, 404 missing (deleted or not visible), 400 Jira's reason (e.g.
 * the field is not on the edit screen), 429 rate limit, 5xx, a timeout, an unreachable host, a
 * refused address, a redirect (a wrong address), an answer that is not Jira's.
 */
export function toJiraError(e: unknown, ctx: ErrorContext, now: number = Date.now()): JiraError {
  if (e instanceof JiraError) return e;
  const s = ctx.subject;
  if (e instanceof ZodError) {
    return new JiraError(
      'bad_response',
      `${s}: the answer does not look like Jira's REST API; is the address the Jira ${ctx.kind === 'cloud' ? 'site' : 'base URL'}?`,
    );
  }
  const http = httpOf(e);
  if (http) {
    const jira = jiraMessages(http.data);
    const st = http.status;
    if (st === 401) {
      const what = ctx.kind === 'cloud' ? 'the e-mail address and API token' : 'the personal access token';
      return new JiraError('unauthorized', withJira(`${s}: Jira did not accept the credentials (401); check ${what}`, jira), {
        status: st,
        jira,
      });
    }
    if (st === 403)
      return new JiraError('forbidden', withJira(`${s}: the Jira account is not allowed to do this (403)`, jira), { status: st, jira });
    if (st === 404) {
      const missing = ctx.missing ?? 'it';
      return new JiraError('not_found', withJira(`${s}: ${missing} does not exist in Jira, or the account cannot see it (404)`, jira), {
        status: st,
        jira,
      });
    }
    if (st === 409) return new JiraError('conflict', withJira(`${s}: Jira reported a conflict (409)`, jira), { status: st, jira });
    const retryAfterMs = parseRetryAfter(header(http.headers, 'retry-after'), now);
    if (st === 429) {
      const wait = retryAfterMs === null ? '' : `; it asks to wait ${Math.ceil(retryAfterMs / 1000)} s`;
      return new JiraError('rate_limited', withJira(`${s}: Jira is limiting requests (429)${wait}`, jira), {
        status: st,
        jira,
        retryAfterMs,
        retryable: true,
      });
    }
    if (st >= 500)
      return new JiraError('server_error', withJira(`${s}: Jira had an error (${st})`, jira), {
        status: st,
        jira,
        retryAfterMs,
        retryable: true,
      });
    if (st >= 300 && st < 400) {
      const to = header(http.headers, 'location');
      return new JiraError(
        'redirect',
        `${s}: the address redirects${to ? ` to ${to.slice(0, 200)}` : ''} (${st}); enter the address Jira itself uses`,
        { status: st },
      );
    }
    return new JiraError('bad_request', withJira(`${s}: Jira refused the request (${st})`, jira), { status: st, jira });
  }
  const { code, refused } = transportOf(e);
  if (refused) return new JiraError('refused_address', `${s}: ${refused.message}`);
  if (code !== null && TIMEOUT_CODES.has(code)) return new JiraError('timeout', `${s}: Jira did not answer in time`, { retryable: true });
  if (code !== null && (UNREACHABLE_CODES.has(code) || code.startsWith('ERR_TLS') || code.includes('CERT'))) {
    const why =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'the host name is unknown'
        : code.includes('CERT') || code.startsWith('ERR_TLS')
          ? `its TLS certificate is not valid (${code})`
          : `the connection failed (${code})`;
    // a dropped connection may work again; a bad name or certificate will not
    const permanent = code === 'ENOTFOUND' || code.includes('CERT') || code.startsWith('ERR_TLS');
    return new JiraError('unreachable', `${s}: Jira cannot be reached: ${why}`, { retryable: !permanent });
  }
  const detail = e instanceof Error && e.message ? `: ${e.message.slice(0, 200)}` : '';
  return new JiraError('unreachable', `${s}: the request to Jira failed${detail}`);
}
