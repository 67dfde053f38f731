import { describe, expect, it } from 'vitest';
import { BACKLOG_LIMITS } from '../../../domain/backlog';
import { importFields, jiraImportItem, previewJiraImport, withRankOrder, type JiraIssue } from '../../../domain/integrations';

const SP = 'customfield_10016';
const issue = (key: string, fields: Record<string, unknown>): JiraIssue => ({ key, fields });
const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const issues: JiraIssue[] = [
  issue('SHOP-3', { summary: 'Checkout with PayPal', description: adf('Redirect and webhook'), priority: { name: 'High' }, [SP]: 5 }),
  issue('SHOP-1', { summary: 'Login with SSO', description: null, priority: { name: 'Medium' }, [SP]: null }),
  issue('SHOP-2', { summary: 'Search', description: 'h2. Wiki markup from Data Center', priority: null }),
];

describe('Jira issues to the import preview', () => {
  it('INT-MAP-1 key, summary, description as text, priority name and story points', () => {
    expect(jiraImportItem(issues[0]!, 1, SP)).toEqual({
      key: 'SHOP-3',
      title: 'Checkout with PayPal',
      description: 'Redirect and webhook',
      storyPoints: 5,
      priority: 'High',
      rank: 1,
    });
    expect(jiraImportItem(issues[2]!, 3, SP)).toMatchObject({
      description: 'Wiki markup from Data Center',
      priority: null,
      storyPoints: null,
    });
    expect(jiraImportItem(issues[0]!, 1, null).storyPoints).toBeNull();
    expect(importFields(SP)).toEqual(['summary', 'description', 'priority', SP]);
    expect(importFields(null)).toEqual(['summary', 'description', 'priority']);
  });

  it('INT-MAP-2 the preview keeps Jira’s order (rank = position), whatever the keys', () => {
    const { preview, keys } = previewJiraImport(issues, SP);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.rows.map((r) => r.item?.key)).toEqual(['SHOP-3', 'SHOP-1', 'SHOP-2']);
    expect(preview.rows.map((r) => r.item?.rank)).toEqual([1, 2, 3]);
    expect(keys).toEqual(['SHOP-3', 'SHOP-1', 'SHOP-2']);
    expect(preview.accepted).toBe(3);
  });

  it('INT-MAP-2 ORDER BY Rank is added to a JQL without ORDER BY, and only then', () => {
    expect(withRankOrder('project = SHOP')).toBe('project = SHOP ORDER BY Rank ASC');
    expect(withRankOrder('  project = SHOP  ')).toBe('project = SHOP ORDER BY Rank ASC');
    expect(withRankOrder('project = SHOP order by priority DESC')).toBe('project = SHOP order by priority DESC');
    expect(withRankOrder('summary ~ "order by" AND project = SHOP')).toBe('summary ~ "order by" AND project = SHOP ORDER BY Rank ASC');
  });

  it('INT-MAP-3 an over-long description is cut to the limit with an ellipsis instead of rejecting the issue', () => {
    const long = 'x'.repeat(BACKLOG_LIMITS.descriptionLength + 100);
    const { preview } = previewJiraImport([issue('A-1', { summary: 'Long', description: adf(long) })], null);
    expect(preview.ok && preview.rows[0]?.status).toBe('new');
    const d = preview.ok ? (preview.rows[0]?.item?.description ?? '') : '';
    expect(d).toHaveLength(BACKLOG_LIMITS.descriptionLength);
    expect(d.endsWith('…')).toBe(true);
  });

  it('INT-MAP-4 rows with problems are rejected with their reason; the others come in', () => {
    const bad = [
      issue('A-1', { summary: '', [SP]: 3 }),
      issue('A-2', { summary: 'Negative', [SP]: -2 }),
      issue('A-3', { summary: 'Object SP', [SP]: { value: 3 } }),
      issue('A-4', { summary: 'Fine', [SP]: 2.5 }),
    ];
    const { preview, keys } = previewJiraImport(bad, SP);
    if (!preview.ok) throw new Error('expected a preview');
    const byKey = (k: string) => preview.rows.find((r) => keys[r.line - 1] === k);
    expect(byKey('A-1')).toMatchObject({ status: 'rejected', reason: 'title is empty' });
    expect(byKey('A-2')).toMatchObject({ status: 'rejected', reason: "story points '-2' must not be negative" });
    expect(byKey('A-3')).toMatchObject({ status: 'rejected', reason: 'story points must be a number' });
    expect(byKey('A-4')).toMatchObject({ status: 'new', item: { storyPoints: 2.5 } });
    expect(preview.rejected).toBe(3);
  });

  it('INT-MAP-4 re-import matches by key: unchanged and update, nothing duplicated; a repeated issue is rejected', () => {
    const existing = {
      keys: ['SHOP-3', 'SHOP-1'],
      items: [
        { key: 'SHOP-3', title: 'Checkout with PayPal', description: 'Redirect and webhook', storyPoints: 5, priority: 'High' },
        { key: 'SHOP-1', title: 'Login (old title)', description: '', storyPoints: null, priority: 'Medium' },
      ],
    };
    const { preview } = previewJiraImport([...issues, issues[0]!], SP, existing);
    if (!preview.ok) throw new Error('expected a preview');
    expect(preview.rows.map((r) => [r.item?.key ?? r.excerpt, r.status])).toEqual([
      ['SHOP-3', 'unchanged'],
      ['SHOP-1', 'update'],
      ['SHOP-2', 'new'],
      ['Checkout with PayPal', 'rejected'],
    ]);
    expect(preview.rows[3]?.reasonCode).toBe('duplicate_key');
    expect(preview.accepted).toBe(2);
  });

  it('INT-MAP-5 no issues is the preview error "empty"', () => {
    expect(previewJiraImport([], SP).preview).toEqual({ ok: false, error: { code: 'empty', message: 'the query found no issues' } });
  });
});

describe('values the workshop wrote itself', () => {
  it('INT-MAP-7 INT-LOG-4 a re-import does not take our own calibrated values as detailed estimates', async () => {
    const { ownWrittenValues } = await import('../../../domain/integrations');
    const at = 1;
    const own = ownWrittenValues([
      {
        results: [
          { itemId: 'a', key: 'SHOP-3', status: 'written', before: null, after: 5, attempts: 1, at },
          { itemId: 'b', key: 'SHOP-1', status: 'written', before: null, after: 8, attempts: 1, at },
        ],
      },
      {
        results: [
          {
            itemId: 'b',
            key: 'SHOP-1',
            status: 'failed',
            before: 8,
            after: null,
            attempts: 1,
            at,
            error: { code: 'forbidden', message: 'x' },
          },
        ],
      },
    ]);
    expect([...own]).toEqual([['SHOP-3', 5]]);
    const refined = issue('SHOP-4', { summary: 'Refined in Jira', [SP]: 13 });
    const { preview } = previewJiraImport([issues[0]!, refined], SP, undefined, new Map([...own, ['SHOP-4', 8]]));
    if (!preview.ok) throw new Error('expected a preview');
    expect(preview.rows.map((r) => [r.item?.key, r.item?.storyPoints])).toEqual([
      ['SHOP-3', null], // 5 is what we wrote
      ['SHOP-4', 13], // someone changed our 8 to 13 in Jira: a real estimate
    ]);
  });
});
