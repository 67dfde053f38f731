import { describe, expect, it } from 'vitest';
import { detectFormat, formatRowReason, previewImport } from '../../../domain/backlog';
import { ok, titles } from './support';

describe('pasted lines', () => {
  it('IMP-LINES-1 one title per non-blank line; bullets and numbers removed; line numbers in the text', () => {
    const p = ok(previewImport({ text: '- Login mit SSO\n\n* Warenkorb, Kasse\r\n• Größentabelle\n3. Rückgabe\n   Suche   \n' }));
    expect(p.format).toBe('lines');
    expect(p.columns).toEqual(['title']);
    expect(p.mapping).toEqual({ key: null, title: 0, description: null, storyPoints: null, priority: null, rank: null });
    expect(titles(p)).toEqual(['Login mit SSO', 'Warenkorb, Kasse', 'Größentabelle', 'Rückgabe', 'Suche']);
    expect(p.rows.map((r) => r.line)).toEqual([1, 3, 4, 5, 6]);
    expect(p.rows[0]?.item).toEqual({ key: null, title: 'Login mit SSO', description: '', storyPoints: null, priority: null, rank: null });
  });

  it('IMP-LINES-1 IMP-DUP-2 IMP-LIM-3 duplicate and over-long lines are rejected with the line number', () => {
    const p = ok(previewImport({ text: `Login\nLogout\nLogin\n${'x'.repeat(301)}\n${'y'.repeat(300)}` }));
    expect(p.rows.filter((r) => r.status === 'rejected').map((r) => formatRowReason(p.format, r))).toEqual([
      "line 3: duplicate title 'Login' in this file (first in line 1)",
      'line 4: title longer than 300 characters',
    ]);
    expect(p.accepted).toBe(3);
  });

  it('IMP-FMT-1 auto detection: JSON by its first character, CSV only with a known title header in two or more cells', () => {
    expect(detectFormat('  [{"title":"a"}]')).toBe('json');
    expect(detectFormat('{"items":[]}')).toBe('json');
    expect(detectFormat('Key,Title\nA-1,Login')).toBe('csv');
    expect(detectFormat('Schlüssel;Zusammenfassung\nA-1;Login')).toBe('csv');
    expect(detectFormat('Login, with SSO\nLogout')).toBe('lines');
    expect(detectFormat('Title\nLogin')).toBe('lines');
    expect(detectFormat('Key,Owner\nA-1,Eva')).toBe('lines');
    expect(detectFormat('"unterminated, Title\nLogin')).toBe('lines');
  });

  it('IMP-FMT-1 an explicit format is used as given', () => {
    const p = ok(previewImport({ text: 'Title\nLogin', format: 'csv' }));
    expect(titles(p)).toEqual(['Login']);
    const q = ok(previewImport({ text: 'Key,Title\nA-1,Login', format: 'lines' }));
    expect(titles(q)).toEqual(['Key,Title', 'A-1,Login']);
  });

  it('IMP-FMT-2 NFC: a decomposed umlaut is stored composed', () => {
    const p = ok(previewImport({ text: 'Gro\u0308ße' }));
    expect(titles(p)).toEqual(['Größe']);
  });
});
