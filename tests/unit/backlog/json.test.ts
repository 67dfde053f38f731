import { describe, expect, it } from 'vitest';
import { formatRowReason, previewImport } from '../../../domain/backlog';
import { byLine, fixture, ok } from './support';

describe('JSON import', () => {
  const p = ok(previewImport({ text: fixture('backlog.json') }));

  it('IMP-FMT-1 IMP-JSON-1 an array of items is detected and mapped by property name', () => {
    expect(p.format).toBe('json');
    expect(p.delimiter).toBeUndefined();
    expect(p.columns).toEqual(['key', 'title', 'description', 'storyPoints', 'priority']);
    expect(p.mapping).toEqual({ key: 0, title: 1, description: 2, storyPoints: 3, priority: 4, rank: null });
    expect(byLine(p, 1).item).toEqual({
      key: 'APP-1',
      title: 'Onboarding-Tour für neue Nutzer',
      description: 'Drei Schritte:\n1. Profil\n2. Team einladen\n3. Erstes Board',
      storyPoints: 5,
      priority: null,
      rank: null,
    });
    expect(byLine(p, 3).item).toMatchObject({ key: null, title: 'Export als PDF, mit "Logo"', description: 'Kopf- und Fußzeile' });
  });

  it('IMP-JSON-3 story points as a string with a decimal comma; a numeric key; null fields', () => {
    expect(byLine(p, 2).item?.storyPoints).toBe(3.5);
    expect(byLine(p, 7).item).toEqual({
      key: '7',
      title: 'Zwei-Faktor-Anmeldung',
      description: '',
      storyPoints: null,
      priority: 'Hoch',
      rank: null,
    });
  });

  it('IMP-JSON-3 IMP-ROW-3 rejected items, with the reason the preview shows', () => {
    const rejected = p.rows.filter((r) => r.status === 'rejected');
    expect(rejected.map((r) => formatRowReason(p.format, r))).toEqual([
      'item 4: title is empty',
      'item 5: the item is a string, not an object',
      "item 6: story points 'viel' is not a number",
    ]);
    expect(byLine(p, 5).excerpt).toBe('"APP-5 Push-Benachrichtigungen"');
    expect([p.accepted, p.rejected]).toEqual([4, 3]);
  });

  it('IMP-JSON-1 an object with an "items" array', () => {
    const w = ok(previewImport({ text: fixture('wrapped.json') }));
    expect(w.rows.map((r) => r.item)).toEqual([
      { key: 'K-1', title: 'Erstes Item', description: '', storyPoints: null, priority: null, rank: null },
      { key: 'K-2', title: 'Zweites Item', description: '', storyPoints: 8, priority: null, rank: null },
    ]);
  });

  it('IMP-JSON-1 synonyms and a rank property work as in CSV', () => {
    const text = JSON.stringify([
      { summary: 'B', story_points: 2, rank: 2 },
      { summary: 'A', story_points: '1.5', rank: 1 },
    ]);
    const j = ok(previewImport({ text }));
    expect(j.rows.map((r) => [r.item?.title, r.item?.storyPoints, r.item?.rank])).toEqual([
      ['A', 1.5, 1],
      ['B', 2, 2],
    ]);
  });

  it('IMP-JSON-3 values of the wrong type are rejected', () => {
    const j = ok(
      previewImport({
        text: JSON.stringify([{ title: ['a'] }, { title: 'ok', description: { x: 1 } }, { title: 'sp', storyPoints: true }]),
      }),
    );
    expect(j.rows.map((r) => r.reason)).toEqual([
      'title must be text or a number, not an array',
      'description must be text or a number, not an object',
      'story points must be a number',
    ]);
    expect(j.rows.every((r) => r.reasonCode === 'wrong_type')).toBe(true);
  });

  it('IMP-JSON-2 invalid JSON and a wrong shape are file errors', () => {
    const invalid = previewImport({ text: '[{"title": "a",]' });
    expect(invalid.ok || invalid.error.code).toBe('json_invalid');
    expect(invalid.ok || invalid.error.message).toMatch(/^the file is not valid JSON/);
    for (const text of ['{"title": "a"}', '{"items": 3}']) {
      expect(previewImport({ text })).toEqual({
        ok: false,
        error: { code: 'json_shape', message: 'expected an array of items or an object with an "items" array' },
      });
    }
    const shape = previewImport({ text: '"just a string"', format: 'json' });
    expect(shape.ok || shape.error.code).toBe('json_shape');
  });

  it('IMP-LIM-1 an empty array is an empty file', () => {
    expect(previewImport({ text: '[]' })).toEqual({ ok: false, error: { code: 'empty', message: 'the file has no items' } });
    expect(previewImport({ text: '{"items": []}' }).ok).toBe(false);
  });
});

describe('nesting', () => {
  it('IMP-JSON-4 a file nested deeper than 32 levels is json_too_deep, not a stack overflow', () => {
    const deep = `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`;
    expect(previewImport({ text: deep })).toEqual({
      ok: false,
      error: { code: 'json_too_deep', message: 'the file nests deeper than 32 levels; a backlog file is a list of items' },
    });
    expect(ok(previewImport({ text: '[{"title":"a","x":[[[[1]]]]}]' })).accepted).toBe(1);
  });
});
