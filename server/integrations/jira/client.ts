// One facade over jira.js for Jira Cloud (REST v3 + Agile) and Data Center (REST v2 + Agile).
import { AgileClient, Version2Client, Version3Client, type Config } from 'jira.js';
import { z } from 'zod';
import {
  jiraBoardConfigSchema,
  jiraCloudSearchSchema,
  estimateNumber,
  jiraEstimationSchema,
  jiraFieldsSchema,
  jiraIssueSchema,
  jiraMyselfSchema,
  jiraOffsetPageSchema,
  jiraServerInfoSchema,
  type JiraBoardConfig,
  type JiraField,
  type JiraIssue,
} from '../../../domain/integrations/jira';
import { checkTarget, guardedLookup, type NetPolicy } from '../net';
import { backoffDelay, JIRA_RETRY, realSleep, type RetryPolicy, type Sleep } from '../retry';
import { JiraError, toJiraError, type ErrorContext } from './errors';

export type JiraCredentials =
  { kind: 'cloud'; url: string; email: string; apiToken: string } | { kind: 'datacenter'; url: string; token: string };

export interface JiraDeps {
  policy: NetPolicy;
  /** per request; Jira Cloud answers a search in well under a second */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** waiting between attempts; tests pass a recorder instead of really waiting */
  sleep?: Sleep;
  now?: () => number;
}

export type Myself = z.infer<typeof jiraMyselfSchema>;
export type ServerInfo = z.infer<typeof jiraServerInfoSchema>;

/** A page of issues and where the next one starts (null: this was the last). */
export type Cursor = { token: string } | { startAt: number };
export interface IssuePage {
  issues: JiraIssue[];
  next: Cursor | null;
}

/** A call's value and the number of requests it took (retries included). */
export interface Attempted<T> {
  value: T;
  attempts: number;
}

export interface JiraApi {
  readonly kind: JiraCredentials['kind'];
  readonly url: string;
  myself(): Promise<Myself>;
  serverInfo(): Promise<ServerInfo>;
  fields(): Promise<JiraField[]>;
  boardConfiguration(boardId: number): Promise<JiraBoardConfig>;
  search(jql: string, fields: string[], cursor: Cursor | null, pageSize: number): Promise<IssuePage>;
  boardIssues(boardId: number, jql: string | undefined, fields: string[], cursor: Cursor | null, pageSize: number): Promise<IssuePage>;
  sprintIssues(sprintId: number, fields: string[], cursor: Cursor | null, pageSize: number): Promise<IssuePage>;
  /** the field's current number (null when empty) */
  fieldValue(key: string, fieldId: string): Promise<Attempted<number | null>>;
  setFieldValue(key: string, fieldId: string, value: number): Promise<Attempted<void>>;
  boardEstimate(key: string, boardId: number): Promise<Attempted<number | null>>;
  setBoardEstimate(key: string, boardId: number, value: number): Promise<Attempted<void>>;
}

/** Jira answers larger than this are refused (a 500-issue page with descriptions is far smaller). */
const MAX_ANSWER_BYTES = 20 * 1024 * 1024;

/**
 * JIRA-CLIENT-1: Cloud uses jira.js's Version3Client (basic auth: e-mail + API token; search via
 * POST /rest/api/3/search/jql with nextPageToken), Data Center its Version2Client (bearer personal
 * access token; POST /rest/api/2/search with startAt); both use AgileClient for boards, sprints
 * and the board estimation. Requests follow no redirects, time out, resolve host names through the
 * address guard (net.ts), and never use a proxy from the environment.
 * JIRA-CLIENT-2: 429, 5xx, timeouts and dropped connections are retried with exponential backoff,
 * honouring Retry-After up to RetryPolicy.maxRetryAfterMs (a longer wait fails at once, saying how
 * long Jira asked for); other errors are not retried.
 */
export function createJiraApi(creds: JiraCredentials, deps: JiraDeps): JiraApi {
  const target = checkTarget(creds.url, 'jira', deps.policy);
  if (!target.ok) throw new JiraError('refused_address', `${creds.url}: ${target.error.message}`);
  const host = target.url;
  const retry = deps.retry ?? JIRA_RETRY;
  const sleep = deps.sleep ?? realSleep;
  const now = deps.now ?? Date.now;

  const baseRequestConfig = {
    timeout: deps.timeoutMs ?? 15_000,
    maxRedirects: 0,
    proxy: false as const,
    lookup: guardedLookup(deps.policy),
    maxContentLength: MAX_ANSWER_BYTES,
    maxBodyLength: MAX_ANSWER_BYTES,
    headers: { 'User-Agent': 'magic-estimation' },
  };
  const config: Config =
    creds.kind === 'cloud'
      ? { host, authentication: { basic: { email: creds.email, apiToken: creds.apiToken } }, baseRequestConfig }
      : { host, authentication: { oauth2: { accessToken: creds.token } }, baseRequestConfig };
  const agile = new AgileClient(config);
  const v3 = creds.kind === 'cloud' ? new Version3Client(config) : null;
  const platform = platformOf(v3 ?? new Version2Client(config));

  /** One call with retries; the answer is checked against its schema (not retried: a wrong shape stays wrong). */
  async function call<T>(ctx: Omit<ErrorContext, 'kind'>, schema: z.ZodType<T>, send: () => Promise<unknown>): Promise<Attempted<T>> {
    const context: ErrorContext = { ...ctx, kind: creds.kind };
    for (let attempt = 1; ; attempt++) {
      let answer: unknown;
      try {
        answer = await send();
      } catch (e) {
        const err = toJiraError(e, context, now());
        err.attempts = attempt;
        if (!err.retryable || attempt >= retry.maxAttempts) throw err;
        if (err.retryAfterMs !== null && err.retryAfterMs > retry.maxRetryAfterMs) throw err;
        await sleep(err.retryAfterMs ?? backoffDelay(attempt, retry));
        continue;
      }
      const parsed = schema.safeParse(answer);
      if (!parsed.success) {
        const err = toJiraError(parsed.error, context);
        err.attempts = attempt;
        throw err;
      }
      return { value: parsed.data, attempts: attempt };
    }
  }
  const value = async <T>(p: Promise<Attempted<T>>) => (await p).value;

  const offsetPage = (page: z.infer<typeof jiraOffsetPageSchema>, startAt: number): IssuePage => {
    const seen = startAt + page.issues.length;
    const more = page.issues.length > 0 && page.isLast !== true && (page.total === undefined || seen < page.total);
    return { issues: page.issues, next: more ? { startAt: seen } : null };
  };
  const startOf = (cursor: Cursor | null) => (cursor && 'startAt' in cursor ? cursor.startAt : 0);
  /** edits answer 204 without a body (or something we do not read) */
  const anyAnswer = z.unknown();
  const issueFields = (fieldId: string) => jiraIssueSchema.transform((i) => i.fields[fieldId]);

  return {
    kind: creds.kind,
    url: host,
    myself: () => value(call({ subject: 'checking the credentials', missing: 'the REST API' }, jiraMyselfSchema, () => platform.myself())),
    serverInfo: () =>
      value(
        call({ subject: 'reading the server information', missing: 'the REST API' }, jiraServerInfoSchema, () => platform.serverInfo()),
      ),
    fields: () => value(call({ subject: 'reading the fields' }, jiraFieldsSchema, () => platform.fields())),
    boardConfiguration: (boardId) =>
      value(
        call({ subject: `board ${boardId}`, missing: 'the board' }, jiraBoardConfigSchema, () => agile.board.getConfiguration({ boardId })),
      ),

    async search(jql, fields, cursor, pageSize) {
      if (v3) {
        const token = cursor && 'token' in cursor ? cursor.token : undefined;
        const page = await value(
          call({ subject: 'the JQL search' }, jiraCloudSearchSchema, () =>
            v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
              jql,
              fields,
              maxResults: pageSize,
              ...(token ? { nextPageToken: token } : {}),
            }),
          ),
        );
        const next = page.nextPageToken && page.isLast !== true && page.issues.length > 0 ? { token: page.nextPageToken } : null;
        return { issues: page.issues, next };
      }
      const startAt = startOf(cursor);
      const page = await value(
        call({ subject: 'the JQL search' }, jiraOffsetPageSchema, () =>
          platform.searchByOffset({ jql, fields, startAt, maxResults: pageSize }),
        ),
      );
      return offsetPage(page, startAt);
    },

    async boardIssues(boardId, jql, fields, cursor, pageSize) {
      const startAt = startOf(cursor);
      const page = await value(
        call({ subject: `board ${boardId}`, missing: 'the board' }, jiraOffsetPageSchema, () =>
          agile.board.getIssuesForBoard({ boardId, ...(jql ? { jql } : {}), fields, startAt, maxResults: pageSize }),
        ),
      );
      return offsetPage(page, startAt);
    },

    async sprintIssues(sprintId, fields, cursor, pageSize) {
      const startAt = startOf(cursor);
      const page = await value(
        call({ subject: `sprint ${sprintId}`, missing: 'the sprint' }, jiraOffsetPageSchema, () =>
          agile.sprint.getIssuesForSprint({ sprintId, fields, startAt, maxResults: pageSize }),
        ),
      );
      return offsetPage(page, startAt);
    },

    async fieldValue(key, fieldId) {
      const r = await call({ subject: key, missing: 'the issue' }, issueFields(fieldId), () =>
        platform.getIssue({ issueIdOrKey: key, fields: [fieldId] }),
      );
      return { value: estimateNumber(r.value), attempts: r.attempts };
    },

    async setFieldValue(key, fieldId, v) {
      const r = await call({ subject: key, missing: 'the issue' }, anyAnswer, () =>
        platform.editIssue({ issueIdOrKey: key, fields: { [fieldId]: v } }),
      );
      return { value: undefined, attempts: r.attempts };
    },

    async boardEstimate(key, boardId) {
      const r = await call({ subject: key, missing: 'the issue or the board' }, jiraEstimationSchema, () =>
        agile.issue.getIssueEstimationForBoard({ issueIdOrKey: key, boardId }),
      );
      return { value: estimateNumber(r.value.value), attempts: r.attempts };
    },

    async setBoardEstimate(key, boardId, v) {
      const r = await call({ subject: key, missing: 'the issue or the board' }, anyAnswer, () =>
        agile.issue.estimateIssueForBoard({ issueIdOrKey: key, boardId, value: String(v) }),
      );
      return { value: undefined, attempts: r.attempts };
    },
  };
}

/** The platform calls used here, for either REST version (jira.js has one client class per version). */
interface Platform {
  myself(): Promise<unknown>;
  serverInfo(): Promise<unknown>;
  fields(): Promise<unknown>;
  searchByOffset(p: { jql: string; fields: string[]; startAt: number; maxResults: number }): Promise<unknown>;
  getIssue(p: { issueIdOrKey: string; fields: string[] }): Promise<unknown>;
  editIssue(p: { issueIdOrKey: string; fields: Record<string, unknown> }): Promise<unknown>;
}

function platformOf(c: Version3Client | Version2Client): Platform {
  if (c instanceof Version3Client) {
    return {
      myself: () => c.myself.getCurrentUser(),
      serverInfo: () => c.serverInfo.getServerInfo(),
      fields: () => c.issueFields.getFields(),
      // Cloud removed offset search; the token search is used instead (search() above)
      searchByOffset: () => Promise.reject(new Error('offset search is for Data Center')),
      getIssue: (p) => c.issues.getIssue(p),
      editIssue: (p) => c.issues.editIssue(p),
    };
  }
  return {
    myself: () => c.myself.getCurrentUser(),
    serverInfo: () => c.serverInfo.getServerInfo(),
    fields: () => c.issueFields.getFields(),
    searchByOffset: (p) => c.issueSearch.searchForIssuesUsingJqlPost(p),
    getIssue: (p) => c.issues.getIssue(p),
    editIssue: (p) => c.issues.editIssue(p),
  };
}
