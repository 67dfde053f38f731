// A local HTTP server (port 0) that answers as Jira Cloud (REST v3) or Data Center (REST v2) do,
// plus the Agile 1.0 endpoints both share. Shapes follow Atlassian's REST reference for Jira Cloud
// (2026, search/jql with nextPageToken) and Jira Data Center 10.x (REST v2, Agile 1.0); see
// docs/integrations.md. Faults (401, 403, 404, 429 with Retry-After, 5xx, hanging) are queued per route.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Flavour = 'cloud' | 'datacenter';

export interface FakeIssue {
  key: string;
  summary: string;
  /** Cloud: an ADF document; Data Center: wiki markup */
  description?: unknown;
  priority?: string | null;
  rank: string;
  /** custom field values by field id */
  values?: Record<string, number | string | null | Record<string, unknown>>;
  /** the account may read but not edit it (403 on edit) */
  readOnly?: boolean;
  sprintId?: number;
}

export interface FakeBoard {
  id: number;
  /** the board's estimation field; null: issue count */
  estimationField: { fieldId: string; displayName: string } | null;
  /** issue keys on the board */
  keys?: string[];
}

export type FaultResponse = { status: number; body?: unknown; headers?: Record<string, string> } | { hang: true };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | null;
}

export interface FakeJiraOptions {
  flavour: Flavour;
  /** Cloud: e-mail and API token; Data Center: the personal access token */
  email?: string;
  apiToken?: string;
  token?: string;
  issues?: FakeIssue[];
  fields?: { id: string; name: string; custom: boolean; schema?: { type: string; custom?: string; customId?: number } }[];
  boards?: FakeBoard[];
  /** the most issues one page returns, whatever maxResults asks (Jira caps it too) */
  pageCap?: number;
  /** fields that are not on the edit screen: editing them is a 400 */
  notOnScreen?: string[];
}

export interface FakeJira {
  url: string;
  flavour: Flavour;
  issues: Map<string, FakeIssue>;
  requests: RecordedRequest[];
  /** queue answers for the next requests matching method and path (a RegExp on the path) */
  fail(method: string, path: RegExp, ...responses: FaultResponse[]): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
};
const jiraError = (res: ServerResponse, status: number, messages: string[], errors: Record<string, string> = {}) =>
  json(res, status, { errorMessages: messages, errors });

export const CLOUD_FIELDS: NonNullable<FakeJiraOptions['fields']> = [
  { id: 'summary', name: 'Summary', custom: false, schema: { type: 'string' } },
  { id: 'description', name: 'Description', custom: false, schema: { type: 'string' } },
  { id: 'priority', name: 'Priority', custom: false, schema: { type: 'priority' } },
  { id: 'timeoriginalestimate', name: 'Original estimate', custom: false, schema: { type: 'number' } },
  {
    id: 'customfield_10016',
    name: 'Story point estimate',
    custom: true,
    schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 },
  },
  {
    id: 'customfield_10028',
    name: 'Story Points',
    custom: true,
    schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: 10028 },
  },
  {
    id: 'customfield_10019',
    name: 'Rank',
    custom: true,
    schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank', customId: 10019 },
  },
];

export const DC_FIELDS: NonNullable<FakeJiraOptions['fields']> = [
  { id: 'summary', name: 'Summary', custom: false, schema: { type: 'string' } },
  { id: 'description', name: 'Description', custom: false, schema: { type: 'string' } },
  { id: 'priority', name: 'Priority', custom: false, schema: { type: 'priority' } },
  {
    id: 'customfield_10002',
    name: 'Story Points',
    custom: true,
    schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: 10002 },
  },
  {
    id: 'customfield_10005',
    name: 'Rank',
    custom: true,
    schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank', customId: 10005 },
  },
];

export async function startFakeJira(opts: FakeJiraOptions): Promise<FakeJira> {
  const cloud = opts.flavour === 'cloud';
  const api = cloud ? '/rest/api/3' : '/rest/api/2';
  const issues = new Map((opts.issues ?? []).map((i) => [i.key, structuredClone(i)]));
  const fields = opts.fields ?? (cloud ? CLOUD_FIELDS : DC_FIELDS);
  const boards = new Map((opts.boards ?? []).map((b) => [b.id, b]));
  const pageCap = opts.pageCap ?? 100;
  const faults: { method: string; path: RegExp; queue: FaultResponse[] }[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let origin = '';

  const authorized = (auth: string | null): boolean => {
    if (cloud) return auth === `Basic ${Buffer.from(`${opts.email}:${opts.apiToken}`).toString('base64')}`;
    return auth === `Bearer ${opts.token}`;
  };

  const ranked = () => [...issues.values()].sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));

  const issueJson = (i: FakeIssue, want: string[] | null) => {
    const all: Record<string, unknown> = {
      summary: i.summary,
      description: i.description ?? null,
      priority: i.priority ? { name: i.priority, id: '3' } : null,
      [cloud ? 'customfield_10019' : 'customfield_10005']: i.rank,
      ...i.values,
    };
    for (const f of fields) if (f.custom && !(f.id in all)) all[f.id] = null;
    const out = want === null || want.includes('*all') ? all : Object.fromEntries(want.filter((f) => f in all).map((f) => [f, all[f]]));
    return { id: String(10000 + [...issues.keys()].indexOf(i.key)), key: i.key, self: `${origin}${api}/issue/${i.key}`, fields: out };
  };

  /** The JQL this fake understands: "project = X", "key in (A-1, B-2)", "sprint = N", joined by AND, ORDER BY Rank. */
  const runJql = (jql: string): FakeIssue[] | string => {
    const [where = '', order] = jql.split(/\s+ORDER\s+BY\s+/i);
    if (order !== undefined && !/^rank(\s+asc)?$/i.test(order.trim()))
      return `Error in the JQL Query: ordering by '${order.trim()}' is not supported here`;
    let list = ranked();
    for (const clause of where
      .split(/\s+AND\s+/i)
      .map((c) => c.trim())
      .filter((c) => c !== '')) {
      let m: RegExpExecArray | null;
      if ((m = /^project\s*=\s*"?([A-Z][A-Z0-9_]*)"?$/i.exec(clause))) {
        const p = m[1]!.toUpperCase();
        list = list.filter((i) => i.key.startsWith(`${p}-`));
      } else if ((m = /^key\s+in\s*\(([^)]*)\)$/i.exec(clause))) {
        const keys = m[1]!.split(',').map((k) => k.trim().replace(/^"|"$/g, ''));
        const missing = keys.find((k) => !issues.has(k));
        if (missing) return `An issue with key '${missing}' does not exist for field 'key'.`;
        list = list.filter((i) => keys.includes(i.key));
      } else if ((m = /^sprint\s*=\s*(\d+)$/i.exec(clause))) {
        const id = Number(m[1]);
        list = list.filter((i) => i.sprintId === id);
      } else {
        return `Error in the JQL Query: Expecting operator but got '${clause.slice(0, 40)}'.`;
      }
    }
    return list;
  };

  const offsetPage = (res: ServerResponse, list: FakeIssue[], startAt: number, maxResults: number, want: string[] | null) => {
    const size = Math.min(maxResults, pageCap);
    json(res, 200, {
      expand: 'schema,names',
      startAt,
      maxResults: size,
      total: list.length,
      issues: list.slice(startAt, startAt + size).map((i) => issueJson(i, want)),
    });
  };

  const fieldList = (raw: unknown): string[] | null => {
    if (Array.isArray(raw)) return raw.map(String);
    if (typeof raw === 'string' && raw !== '') return raw.split(',');
    return null;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', origin);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        return jiraError(res, 400, ['Unexpected character in the request body']);
      }
    }
    const method = req.method ?? 'GET';
    const path = u.pathname;
    const authorization = req.headers.authorization ?? null;
    requests.push({ method, path, query: Object.fromEntries(u.searchParams), body, authorization });

    const fault = faults.find((f) => f.method === method && f.path.test(path) && f.queue.length > 0);
    if (fault) {
      const r = fault.queue.shift()!;
      if ('hang' in r) {
        hanging.add(res);
        return;
      }
      if (r.body === undefined) {
        res.writeHead(r.status, r.headers ?? {});
        res.end();
        return;
      }
      return typeof r.body === 'string'
        ? (res.writeHead(r.status, { 'content-type': 'text/plain', ...r.headers }), void res.end(r.body))
        : json(res, r.status, r.body, r.headers);
    }

    if (!authorized(authorization)) {
      if (cloud) {
        res.writeHead(401, { 'content-type': 'text/plain;charset=UTF-8', 'www-authenticate': 'Basic realm="protected-area"' });
        return void res.end('Client must be authenticated to access this resource.');
      }
      return jiraError(res, 401, ['You are not authenticated. Authentication required to perform this operation.']);
    }

    let m: RegExpExecArray | null;
    if (method === 'GET' && path === `${api}/myself`) {
      return json(
        res,
        200,
        cloud
          ? {
              self: `${origin}${api}/user?accountId=5b10a2844c20165700ede21g`,
              accountId: '5b10a2844c20165700ede21g',
              accountType: 'atlassian',
              emailAddress: opts.email,
              displayName: 'Mia Krystof',
              active: true,
              timeZone: 'Europe/Berlin',
              locale: 'de_DE',
            }
          : {
              self: `${origin}${api}/user?username=mia`,
              key: 'JIRAUSER10100',
              name: 'mia',
              emailAddress: 'mia@example.com',
              displayName: 'Mia Krystof',
              active: true,
              timeZone: 'Europe/Berlin',
              locale: 'de_DE',
            },
      );
    }
    if (method === 'GET' && path === `${api}/serverInfo`) {
      return json(
        res,
        200,
        cloud
          ? {
              baseUrl: origin,
              displayUrl: origin,
              version: '1001.0.0-SNAPSHOT',
              versionNumbers: [1001, 0, 0],
              deploymentType: 'Cloud',
              buildNumber: 100284,
              serverTitle: 'Jira',
            }
          : {
              baseUrl: origin,
              version: '10.3.1',
              versionNumbers: [10, 3, 1],
              deploymentType: 'Server',
              buildNumber: 10030001,
              serverTitle: 'Jira',
              scmInfo: 'abc',
            },
      );
    }
    if (method === 'GET' && path === `${api}/field`)
      return json(
        res,
        200,
        fields.map((f) => ({ ...f, key: f.id, orderable: true, navigable: true, searchable: true, clauseNames: [f.name] })),
      );

    if (cloud && method === 'POST' && path === `${api}/search/jql`) {
      const b = (body ?? {}) as { jql?: string; fields?: string[]; maxResults?: number; nextPageToken?: string };
      if (!b.jql || !/\S/.test(b.jql.replace(/ORDER\s+BY.*$/i, ''))) {
        return jiraError(res, 400, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
      }
      const list = runJql(b.jql);
      if (typeof list === 'string') return jiraError(res, 400, [list]);
      const start = b.nextPageToken ? Number(Buffer.from(b.nextPageToken, 'base64url').toString()) : 0;
      const size = Math.min(b.maxResults ?? 50, pageCap);
      const page = list.slice(start, start + size).map((i) => issueJson(i, fieldList(b.fields)));
      const more = start + size < list.length;
      return json(res, 200, {
        issues: page,
        ...(more ? { nextPageToken: Buffer.from(String(start + size)).toString('base64url') } : {}),
        isLast: !more,
      });
    }
    if (!cloud && method === 'POST' && path === `${api}/search`) {
      const b = (body ?? {}) as { jql?: string; fields?: string[]; maxResults?: number; startAt?: number };
      const list = runJql(b.jql ?? '');
      if (typeof list === 'string') return jiraError(res, 400, [list]);
      return offsetPage(res, list, b.startAt ?? 0, b.maxResults ?? 50, fieldList(b.fields));
    }
    if ((m = new RegExp(`^${api}/issue/([A-Z][A-Z0-9_]*-\\d+)$`).exec(path))) {
      const issue = issues.get(m[1]!);
      if (!issue) return jiraError(res, 404, ['Issue does not exist or you do not have permission to see it.']);
      if (method === 'GET') return json(res, 200, issueJson(issue, fieldList(u.searchParams.get('fields'))));
      if (method === 'PUT') {
        if (issue.readOnly) return jiraError(res, 403, ['You do not have permission to edit issues in this project.']);
        const set = ((body ?? {}) as { fields?: Record<string, unknown> }).fields ?? {};
        const errors: Record<string, string> = {};
        for (const [id, v] of Object.entries(set)) {
          const f = fields.find((x) => x.id === id);
          if (!f || opts.notOnScreen?.includes(id))
            errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
          else if (f.schema?.type === 'number' && v !== null && typeof v !== 'number') errors[id] = 'Operation value must be a number';
        }
        if (Object.keys(errors).length > 0) return jiraError(res, 400, [], errors);
        issue.values = { ...issue.values, ...(set as Record<string, number | null>) };
        res.writeHead(204);
        return void res.end();
      }
    }

    if ((m = /^\/rest\/agile\/1\.0\/board\/(\d+)\/configuration$/.exec(path)) && method === 'GET') {
      const b = boards.get(Number(m[1]));
      if (!b) return jiraError(res, 404, [`Board does not exist or you do not have permission to see it.`]);
      return json(res, 200, {
        id: b.id,
        name: `Board ${b.id}`,
        type: 'scrum',
        self: `${origin}/rest/agile/1.0/board/${b.id}/configuration`,
        filter: { id: '10000', self: `${origin}${api}/filter/10000` },
        columnConfig: { columns: [], constraintType: 'none' },
        estimation: b.estimationField ? { type: 'field', field: b.estimationField } : { type: 'issueCount' },
        ranking: { rankCustomFieldId: cloud ? 10019 : 10005 },
      });
    }
    if ((m = /^\/rest\/agile\/1\.0\/board\/(\d+)\/issue$/.exec(path)) && method === 'GET') {
      const b = boards.get(Number(m[1]));
      if (!b) return jiraError(res, 404, ['Board does not exist or you do not have permission to see it.']);
      const list = ranked().filter((i) => !b.keys || b.keys.includes(i.key));
      return offsetPage(
        res,
        list,
        Number(u.searchParams.get('startAt') ?? 0),
        Number(u.searchParams.get('maxResults') ?? 50),
        fieldList(u.searchParams.get('fields')),
      );
    }
    if ((m = /^\/rest\/agile\/1\.0\/sprint\/(\d+)\/issue$/.exec(path)) && method === 'GET') {
      const id = Number(m[1]);
      const list = ranked().filter((i) => i.sprintId === id);
      if (list.length === 0 && ![...issues.values()].some((i) => i.sprintId === id))
        return jiraError(res, 404, [`Sprint with id ${id} does not exist.`]);
      return offsetPage(
        res,
        list,
        Number(u.searchParams.get('startAt') ?? 0),
        Number(u.searchParams.get('maxResults') ?? 50),
        fieldList(u.searchParams.get('fields')),
      );
    }
    if ((m = /^\/rest\/agile\/1\.0\/issue\/([A-Z][A-Z0-9_]*-\d+)\/estimation$/.exec(path))) {
      const issue = issues.get(m[1]!);
      const b = boards.get(Number(u.searchParams.get('boardId')));
      if (!b) return jiraError(res, 400, ['boardId is required and must name a board.']);
      if (!issue) return jiraError(res, 404, ['Issue does not exist or you do not have permission to see it.']);
      if (!b.estimationField) return jiraError(res, 400, ['The board does not estimate with a field.']);
      const fid = b.estimationField.fieldId;
      if (method === 'GET') return json(res, 200, { fieldId: fid, value: issue.values?.[fid] ?? null });
      if (method === 'PUT') {
        if (issue.readOnly) return jiraError(res, 403, ['You do not have permission to edit issues in this project.']);
        const raw = ((body ?? {}) as { value?: unknown }).value;
        const n = typeof raw === 'string' ? Number(raw) : raw;
        if (typeof n !== 'number' || !Number.isFinite(n)) return jiraError(res, 400, ['The estimation value must be a number.']);
        issue.values = { ...issue.values, [fid]: n };
        return json(res, 200, { fieldId: fid, value: n });
      }
    }
    return jiraError(res, 404, [`No REST resource at ${method} ${path}`]);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) jiraError(res, 500, [String(e)]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    flavour: opts.flavour,
    issues,
    requests,
    fail(method, path, ...responses) {
      faults.push({ method, path, queue: [...responses] });
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
