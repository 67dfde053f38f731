import { describe, expect, it } from 'vitest';
import { BACKLOG_LIMITS, formatRowReason, previewImport, previewInputSchema } from '../../../domain/backlog';
import { fixture, ok } from './support';

const csvOf = (n: number, offset = 0) =>
  ['Key,Title', ...Array.from({ length: n }, (_, i) => `K-${i + 1 + offset},Item ${i + 1 + offset}`)].join('\n');

describe('limits', () => {
  it('IMP-LIM-1 IMP-LIM-3 the limits', () => {
    expect(BACKLOG_LIMITS).toMatchObject({ itemsPerSession: 500, titleLength: 300, descriptionLength: 5000, fileChars: 2 * 1024 * 1024 });
  });

  it('IMP-LIM-1 a text over 2 MB is refused before parsing; an empty file too', () => {
    const big = 'x'.repeat(BACKLOG_LIMITS.fileChars + 1);
    const p = previewImport({ text: big });
    expect(p.ok || p.error.code).toBe('too_large');
    expect(p.ok || p.error.message).toMatch(/larger than 2 MB/);
    expect(previewImport({ text: '\uFEFF  \r\n\n' })).toEqual({ ok: false, error: { code: 'empty', message: 'the file is empty' } });
    expect(previewImport({ text: 'Key,Title\r\n\r\n' })).toEqual({
      ok: false,
      error: { code: 'empty', message: 'the file has a header row but no items' },
    });
  });

  it('IMP-LIM-2 more than 500 rows is an error; 500 is fine', () => {
    expect(ok(previewImport({ text: csvOf(500) })).accepted).toBe(500);
    expect(previewImport({ text: csvOf(501) })).toEqual({
      ok: false,
      error: { code: 'too_many_rows', message: 'the file has 501 rows; at most 500 items can be imported into a session' },
    });
  });

  it('IMP-LIM-3 description, key and priority lengths', () => {
    const text = JSON.stringify([
      { key: 'K-1', title: 'ok', description: 'd'.repeat(5000) },
      { key: 'K-2', title: 'long', description: 'd'.repeat(5001) },
      { key: 'K'.repeat(65), title: 'key' },
      { key: 'K-4', title: 'prio', priority: 'p'.repeat(61) },
      { key: 'K'.repeat(65), title: '', storyPoints: 'x' },
    ]);
    const p = ok(previewImport({ text }));
    expect(p.rows.map((r) => r.reason ?? r.status)).toEqual([
      'new',
      'description longer than 5000 characters',
      'key longer than 64 characters',
      'priority longer than 60 characters',
      "key longer than 64 characters; title is empty; story points 'x' is not a number",
    ]);
    expect(p.rows[4]?.reasonCode).toBe('key_too_long');
  });

  it('IMP-ROW-2 story point formats', () => {
    const text = ['Title;SP', 'a;2,5', 'b;2.5', 'c;.5', 'd;3.0', 'e;1.000,5', 'f;?', 'g;20000', 'h;10000', 'i;+1'].join('\n');
    const p = ok(previewImport({ text }));
    expect(p.rows.map((r) => r.item?.storyPoints ?? r.reason)).toEqual([
      2.5,
      2.5,
      0.5,
      3,
      "story points '1.000,5' is not a number",
      "story points '?' is not a number",
      "story points '20000' is more than 10000",
      10000,
      1,
    ]);
  });

  it('IMP-LIM-4 new rows beyond the session capacity are rejected, in import order; updates need no room', () => {
    const existing = { keys: Array.from({ length: 498 }, (_, i) => `K-${i + 1}`) };
    const text = ['Key,Title,Rank', 'K-1,Update me,5', 'N-1,Third,4', 'N-2,First,1', 'N-3,Second,2'].join('\n');
    const p = ok(previewImport({ text }, existing));
    expect(p.rows.map((r) => [r.item?.key ?? null, r.status])).toEqual([
      ['N-2', 'new'],
      ['N-3', 'new'],
      [null, 'rejected'],
      ['K-1', 'update'],
    ]);
    expect(formatRowReason(p.format, p.rows[2]!)).toBe('row 3: the session is full: at most 500 items per session (it already has 498)');
    expect(p.rows[2]?.reasonCode).toBe('session_full');
    expect(p.rows[2]?.excerpt).toBe('Third');
    expect([p.accepted, p.updates, p.rejected]).toEqual([3, 1, 1]);
  });

  it('IMP-LIM-4 itemCount overrides the count from keys and titles', () => {
    const p = ok(previewImport({ text: 'A\nB' }, { keys: [], itemCount: 499 }));
    expect(p.rows.map((r) => r.status)).toEqual(['new', 'rejected']);
  });
});

describe('duplicates and re-import', () => {
  it('IMP-DUP-1 only a row without other problems claims a key; keys are case-sensitive', () => {
    const text = ['Key,Title', 'A-1,', 'A-1,Second', 'A-1,Third', 'a-1,Lower'].join('\n');
    const p = ok(previewImport({ text }));
    expect(p.rows.map((r) => r.reason ?? r.status)).toEqual([
      'title is empty',
      'new',
      'duplicate key A-1 in this file (first in row 3)',
      'new',
    ]);
  });

  it('IMP-DUP-2 keyless rows may share a title with a keyed row', () => {
    const p = ok(previewImport({ text: 'Key,Title\nA-1,Login\n,Login\n,Login' }));
    expect(p.rows.map((r) => r.reasonCode ?? r.status)).toEqual(['new', 'new', 'duplicate_title']);
  });

  it('IMP-MATCH-1 a known key is an update; unchanged only when every provided field is equal', () => {
    const text = ['Key;Title;Description;Story Points', 'A-1;Login;SSO;3', 'A-2;Logout;;1', 'A-3;Profile;Avatar;', 'B-1;Login;SSO;3'].join(
      '\n',
    );
    const existing = {
      keys: ['A-1', 'A-2', 'A-3'],
      items: [
        { key: 'A-1', title: 'Login', description: 'SSO', storyPoints: 3 },
        { key: 'A-2', title: 'Logout', description: 'old text', storyPoints: 1 },
        { key: 'A-3', title: 'Profile' },
      ],
    };
    const p = ok(previewImport({ text }, existing));
    expect(p.rows.map((r) => [r.item?.key, r.status])).toEqual([
      ['A-1', 'unchanged'],
      ['A-2', 'update'],
      ['A-3', 'unchanged'],
      ['B-1', 'new'],
    ]);
    expect([p.accepted, p.updates, p.unchanged, p.rejected]).toEqual([2, 1, 2, 0]);
    // without item details a key match is always an update
    expect(ok(previewImport({ text }, { keys: ['A-1'] })).rows[0]?.status).toBe('update');
  });

  it('IMP-MATCH-1 fields the file does not have are not compared', () => {
    const existing = { keys: ['A-1'], items: [{ key: 'A-1', title: 'Login', description: 'kept', storyPoints: 8, priority: 'High' }] };
    expect(ok(previewImport({ text: 'Key,Title\nA-1,Login' }, existing)).rows[0]?.status).toBe('unchanged');
    expect(ok(previewImport({ text: 'Key,Title\nA-1,Login v2' }, existing)).rows[0]?.status).toBe('update');
  });

  it('IMP-MATCH-2 keyless rows match existing titles exactly and are unchanged', () => {
    const p = ok(previewImport({ text: 'Login\nlogin\nLogout' }, { keys: [], titles: ['Login', 'Logout'] }));
    expect(p.rows.map((r) => [r.item?.title, r.status])).toEqual([
      ['Login', 'unchanged'],
      ['login', 'new'],
      ['Logout', 'unchanged'],
    ]);
  });

  it('IMP-MATCH-3 re-importing the Jira file into the session it created adds nothing', () => {
    const text = fixture('jira-export.csv');
    const first = ok(previewImport({ text }));
    const items = first.rows.flatMap((r) => (r.item ? [r.item] : []));
    const existing = {
      keys: items.flatMap((i) => (i.key ? [i.key] : [])),
      titles: items.map((i) => i.title),
      items: items.map((i) => ({
        key: i.key ?? '',
        title: i.title,
        description: i.description,
        storyPoints: i.storyPoints,
        priority: i.priority,
      })),
    };
    const again = ok(previewImport({ text }, existing));
    expect(again.rows.map((r) => r.status)).toEqual(first.rows.map((r) => (r.status === 'new' ? 'unchanged' : r.status)));
    expect([again.accepted, again.unchanged, again.rejected]).toEqual([0, 7, 1]);
  });
});

describe('request schema', () => {
  it('IMP-API-1 previewInputSchema accepts a preview request and rejects a bad mapping', () => {
    expect(previewInputSchema.safeParse({ text: 'a', format: 'csv', mapping: { title: 1, key: null } }).success).toBe(true);
    expect(previewInputSchema.safeParse({ text: 'a' }).success).toBe(true);
    expect(previewInputSchema.safeParse({ text: 'a', format: 'xlsx' }).success).toBe(false);
    expect(previewInputSchema.safeParse({ text: 'a', mapping: { title: -1 } }).success).toBe(false);
    expect(previewInputSchema.safeParse({ text: 'a', mapping: { sprint: 2 } }).success).toBe(false);
    expect(previewInputSchema.safeParse({ text: 'a', extra: 1 }).success).toBe(false);
  });
});
