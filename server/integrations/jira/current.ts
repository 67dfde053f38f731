// Jira's current values of the story-point field for the write-back preview (rule JIRA-CUR-1).
import { isJiraKey, keysJql } from '../../../domain/integrations/issues';
import { estimateNumber } from '../../../domain/integrations/jira';
import type { CurrentValue } from '../../../domain/integrations/writeback';
import type { Cursor, JiraApi } from './client';
import { JiraError } from './errors';

const BATCH = 50;

/**
 * JIRA-CUR-1: keys are read 50 at a time with one search (`key in (...)`, only the field); a key
 * missing from the answer is not found (deleted, moved, or not visible). Jira refuses a whole
 * search when one key does not exist (400), so such a batch is read issue by issue instead,
 * where a 404 means not found. Keys that are not Jira keys are not found without asking.
 * Other failures (401, 403, timeouts) end the preview with their message.
 */
export async function readCurrentValues(api: JiraApi, keys: readonly string[], fieldId: string): Promise<Record<string, CurrentValue>> {
  const out: Record<string, CurrentValue> = {};
  const valid = [...new Set(keys)].filter((k) => {
    if (isJiraKey(k)) return true;
    out[k] = { found: false };
    return false;
  });
  for (let i = 0; i < valid.length; i += BATCH) {
    const batch = valid.slice(i, i + BATCH);
    try {
      let cursor: Cursor | null = null;
      const seen = new Map<string, unknown>();
      do {
        const page = await api.search(keysJql(batch), [fieldId], cursor, BATCH);
        for (const issue of page.issues) seen.set(issue.key, issue.fields[fieldId]);
        cursor = page.next;
      } while (cursor !== null && seen.size < batch.length);
      for (const k of batch) out[k] = seen.has(k) ? { found: true, value: estimateNumber(seen.get(k)) } : { found: false };
    } catch (e) {
      if (!(e instanceof JiraError) || e.code !== 'bad_request') throw e;
      for (const k of batch) {
        try {
          out[k] = { found: true, value: (await api.fieldValue(k, fieldId)).value };
        } catch (err) {
          if (err instanceof JiraError && err.code === 'not_found') out[k] = { found: false };
          else throw err;
        }
      }
    }
  }
  return out;
}
