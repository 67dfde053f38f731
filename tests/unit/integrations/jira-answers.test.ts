import { describe, expect, it } from 'vitest';
import { estimateNumber, jiraCloudSearchSchema, jiraMessages } from '../../../domain/integrations';

describe("Jira's answers", () => {
  it('INT-JIRA-1 Jira’s words from its error bodies; HTML pages are not words', () => {
    expect(jiraMessages({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} })).toEqual([
      'Issue does not exist or you do not have permission to see it.',
    ]);
    expect(jiraMessages({ errorMessages: [], errors: { customfield_10016: 'Operation value must be a number' } })).toEqual([
      'customfield_10016: Operation value must be a number',
    ]);
    expect(jiraMessages('Client must be authenticated to access this resource.')).toEqual([
      'Client must be authenticated to access this resource.',
    ]);
    expect(jiraMessages('<html><body>Login</body></html>')).toEqual([]);
    expect(jiraMessages({ message: 'x'.repeat(400) })[0]).toHaveLength(300);
    expect(jiraMessages(null)).toEqual([]);
  });

  it('INT-JIRA-1 a Cloud search page without nextPageToken (the last one) and with unknown properties is read', () => {
    const page = jiraCloudSearchSchema.parse({
      issues: [{ id: '1', key: 'A-1', fields: { summary: 'x' }, self: 'u', expand: 'e' }],
      isLast: true,
      names: {},
    });
    expect(page.nextPageToken).toBeUndefined();
    expect(page.issues[0]?.key).toBe('A-1');
  });

  it('INT-JIRA-2 estimation values as numbers, numeric strings or { value }', () => {
    expect(estimateNumber(8)).toBe(8);
    expect(estimateNumber('8.0')).toBe(8);
    expect(estimateNumber({ value: '13' })).toBe(13);
    expect(estimateNumber(null)).toBeNull();
    expect(estimateNumber('')).toBeNull();
    expect(estimateNumber('abc')).toBeNull();
    expect(estimateNumber(Number.NaN)).toBeNull();
    expect(estimateNumber([5])).toBeNull();
  });
});
