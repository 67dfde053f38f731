// What Jira answers, as zod schemas (Cloud REST v3, Data Center REST v2, Agile 1.0). Loose on
// purpose: Jira adds properties all the time, and only the ones read here are checked.
import { z } from 'zod';

/** GET /rest/api/{2,3}/myself. Cloud names people by accountId, Data Center by name and key. */
export const jiraMyselfSchema = z.looseObject({
  accountId: z.string().optional(),
  name: z.string().optional(),
  key: z.string().optional(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  active: z.boolean().optional(),
});

/** GET /rest/api/{2,3}/serverInfo. deploymentType: "Cloud", or "Server" / "DataCenter" on Data Center. */
export const jiraServerInfoSchema = z.looseObject({
  baseUrl: z.string().optional(),
  version: z.string().optional(),
  versionNumbers: z.array(z.number()).optional(),
  deploymentType: z.string().optional(),
  buildNumber: z.number().optional(),
  serverTitle: z.string().optional(),
});

/** One entry of GET /rest/api/{2,3}/field. */
export const jiraFieldSchema = z.looseObject({
  id: z.string(),
  key: z.string().optional(),
  name: z.string(),
  custom: z.boolean().optional(),
  schema: z
    .looseObject({
      type: z.string().optional(),
      custom: z.string().optional(),
      customId: z.number().optional(),
    })
    .optional(),
});
export const jiraFieldsSchema = z.array(jiraFieldSchema);
export type JiraField = z.infer<typeof jiraFieldSchema>;

/** An issue in a search answer; `fields` holds only what was asked for. */
export const jiraIssueSchema = z.looseObject({
  id: z.string().optional(),
  key: z.string().min(1),
  fields: z.record(z.string(), z.unknown()).default({}),
});
export type JiraIssue = z.infer<typeof jiraIssueSchema>;

/** Cloud: POST /rest/api/3/search/jql (token paging; the last page has no nextPageToken). */
export const jiraCloudSearchSchema = z.looseObject({
  issues: z.array(jiraIssueSchema).default([]),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** Data Center: POST /rest/api/2/search, and the Agile board/sprint issue lists (offset paging). */
export const jiraOffsetPageSchema = z.looseObject({
  issues: z.array(jiraIssueSchema).default([]),
  startAt: z.number().int().min(0).optional(),
  maxResults: z.number().int().min(0).optional(),
  total: z.number().int().min(0).optional(),
  isLast: z.boolean().optional(),
});

/** GET /rest/agile/1.0/board/{id}/configuration */
export const jiraBoardConfigSchema = z.looseObject({
  id: z.number().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  estimation: z
    .looseObject({
      type: z.string().optional(),
      field: z.looseObject({ fieldId: z.string(), displayName: z.string().optional() }).optional(),
    })
    .optional(),
  ranking: z.looseObject({ rankCustomFieldId: z.number().optional() }).optional(),
});
export type JiraBoardConfig = z.infer<typeof jiraBoardConfigSchema>;

/**
 * GET and PUT /rest/agile/1.0/issue/{key}/estimation?boardId=. Cloud documents `value` as a number,
 * Data Center's specification as an object; it is read by `estimateNumber`.
 */
export const jiraEstimationSchema = z.looseObject({
  fieldId: z.string().optional(),
  value: z.unknown().optional(),
});

/** A number from Jira: a number, a numeric string ("8.0"), or an object holding one as `value`; else null. */
export function estimateNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'value' in v) return estimateNumber((v as { value: unknown }).value);
  return null;
}

/** Jira's error body: { errorMessages: [...], errors: { field: message } } (some proxies answer text). */
export const jiraErrorBodySchema = z.looseObject({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
  message: z.string().optional(),
});

/** Jira's own words from an error body, one string per message, at most a few hundred characters. */
export function jiraMessages(body: unknown): string[] {
  const parsed = jiraErrorBodySchema.safeParse(body);
  if (!parsed.success) return typeof body === 'string' && body.trim() !== '' && !/^\s*</.test(body) ? [clip(body.trim())] : [];
  const { errorMessages = [], errors = {}, message } = parsed.data;
  const out = [...errorMessages, ...Object.entries(errors).map(([field, m]) => `${field}: ${m}`)];
  if (message) out.push(message);
  return out.filter((m) => m.trim() !== '').map(clip);
}

const clip = (s: string) => (s.length > 300 ? `${s.slice(0, 299)}…` : s);
