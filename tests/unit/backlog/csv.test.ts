import { describe, expect, it } from 'vitest';
import { detectDelimiter, formatRowReason, previewImport } from '../../../domain/backlog';
import { byLine, fixture, ok } from './support';

describe('CSV import: Jira export (tests/fixtures/import/jira-export.csv)', () => {
  const p = ok(previewImport({ text: fixture('jira-export.csv') }));

  it('IMP-FMT-1 IMP-CSV-1 a Jira export is detected as comma CSV', () => {
    expect(p.format).toBe('csv');
    expect(p.delimiter).toBe(',');
  });

  it('IMP-MAP-1 IMP-MAP-2 maps Jira columns by index, with two "Sprint" columns kept apart', () => {
    expect(p.columns.filter((c) => c === 'Sprint')).toHaveLength(2);
    expect(p.columns).toHaveLength(13);
    expect(p.mapping).toEqual({
      key: p.columns.indexOf('Issue key'),
      title: p.columns.indexOf('Summary'),
      description: p.columns.indexOf('Description'),
      storyPoints: p.columns.indexOf('Custom field (Story Points)'),
      priority: p.columns.indexOf('Priority'),
      rank: p.columns.indexOf('Custom field (Rank)'),
    });
  });

  it('IMP-CSV-2 reads quoted multi-line descriptions with umlauts and "" quotes; rows are spreadsheet rows', () => {
    const sso = byLine(p, 2).item;
    expect(sso?.key).toBe('SHOP-101');
    expect(sso?.description).toBe(
      'Als Nutzerin möchte ich mich über unser Firmen-SSO anmelden,\ndamit ich kein weiteres Passwort brauche.\n\n* Okta und Azure AD\n* Fallback: Login per E-Mail',
    );
    // row 3 starts on physical line 7 of the file: the multi-line field does not shift row numbers
    expect(byLine(p, 3).item?.description).toBe(
      'Menge im Warenkorb ändern -> sofort speichern.\nFehlerfall: Hinweis "Bitte erneut versuchen".',
    );
    expect(byLine(p, 7).item?.title).toBe('Suche: Umlaute & ß finden ("Strasse" = "Straße")');
    expect(byLine(p, 9).item?.title).toBe('Lieferstatus per E-Mail, inkl. Sendungsnummer');
  });

  it('IMP-ROW-2 story points with a decimal comma, a dot, and empty', () => {
    expect(byLine(p, 3).item?.storyPoints).toBe(2.5);
    expect(byLine(p, 4).item?.storyPoints).toBe(3);
    expect(byLine(p, 9).item?.storyPoints).toBeNull();
    expect(byLine(p, 2).item?.priority).toBe('High');
  });

  it('IMP-ROW-1 IMP-ROW-3 the row with an empty summary is rejected and shown', () => {
    const row = byLine(p, 5);
    expect(row).toMatchObject({ status: 'rejected', reasonCode: 'title_empty', reason: 'title is empty' });
    expect(row.item).toBeUndefined();
    expect(row.excerpt).toContain('SHOP-104');
    expect(formatRowReason(p.format, row)).toBe('row 5: title is empty');
    expect([p.accepted, p.rejected, p.updates, p.unchanged]).toEqual([7, 1, 0, 0]);
    expect(p.rows).toHaveLength(8);
  });

  it('IMP-ORD-1 rows follow the LexoRank order; the row without a rank comes last', () => {
    expect(p.rows.map((r) => r.line)).toEqual([6, 3, 7, 2, 4, 8, 5, 9]);
    expect(p.rows.map((r) => r.item?.rank ?? null)).toEqual([1, 2, 3, 4, 5, 6, null, null]);
    expect(p.rows.map((r) => r.item?.key ?? null)).toEqual([
      'SHOP-105',
      'SHOP-102',
      'SHOP-106',
      'SHOP-101',
      'SHOP-103',
      'SHOP-107',
      null,
      'SHOP-108',
    ]);
  });
});

describe('CSV import: German spreadsheet, semicolons (tests/fixtures/import/german-spreadsheet.csv)', () => {
  const text = fixture('german-spreadsheet.csv');
  const p = ok(previewImport({ text }));

  it('IMP-FMT-2 the fixture has a BOM and CRLF; both are handled', () => {
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    expect(p.columns[0]).toBe('Schlüssel');
  });

  it('IMP-CSV-1 IMP-MAP-1 semicolon delimiter and German headers', () => {
    expect(p.format).toBe('csv');
    expect(p.delimiter).toBe(';');
    expect(p.mapping).toEqual({ key: 0, title: 1, description: 2, storyPoints: 3, priority: 4, rank: null });
  });

  it('IMP-ROW-2 decimal comma "2,5"; a semicolon and a CRLF inside quoted fields', () => {
    expect(byLine(p, 2).item).toEqual({
      key: 'WEB-1',
      title: 'Startseite überarbeiten',
      description: 'Neues Layout; mobil zuerst',
      storyPoints: 2.5,
      priority: 'Hoch',
      rank: null,
    });
    expect(byLine(p, 10).item?.description).toBe('Kontraste,\nTastaturbedienung');
    expect(byLine(p, 4).item?.key).toBeNull();
  });

  it('IMP-ROW-3 IMP-DUP-1 IMP-DUP-2 IMP-LIM-3 every rejected row says why, exactly as shown in the preview', () => {
    const rejected = p.rows.filter((r) => r.status === 'rejected').map((r) => formatRowReason(p.format, r));
    expect(rejected).toEqual([
      "row 6: story points 'abc' is not a number",
      'row 7: title is empty',
      'row 8: duplicate key WEB-1 in this file (first in row 2)',
      'row 9: title longer than 300 characters',
      "row 11: duplicate title 'Kontaktformular mit Captcha' in this file (first in row 4)",
      "row 12: story points '-2' must not be negative",
    ]);
    expect(p.rows.map((r) => r.reasonCode ?? r.status)).toEqual([
      'new',
      'new',
      'new',
      'story_points_not_a_number',
      'title_empty',
      'duplicate_key',
      'title_too_long',
      'new',
      'duplicate_title',
      'story_points_negative',
    ]);
  });

  it('IMP-CSV-2 IMP-ORD-2 the blank line 5 is skipped but counted; rows stay in file order', () => {
    expect(p.rows.map((r) => r.line)).toEqual([2, 3, 4, 6, 7, 8, 9, 10, 11, 12]);
    expect([p.accepted, p.rejected]).toEqual([4, 6]);
  });
});

describe('CSV import: broken files', () => {
  it('IMP-CSV-3 an unterminated quote fails with the row where it starts', () => {
    const p = previewImport({ text: fixture('broken-unterminated-quote.csv') });
    expect(p).toEqual({
      ok: false,
      error: {
        code: 'csv_unterminated_quote',
        message: 'row 3: a quoted field is never closed (a closing " is missing), so the rest of the file cannot be read',
      },
    });
  });

  it('IMP-CSV-3 text after a closing quote fails as malformed', () => {
    const p = previewImport({ text: 'Key,Title\nA-1,"Login"page\nA-2,Logout\n', format: 'csv' });
    expect(p.ok || p.error.code).toBe('csv_malformed_quotes');
    expect(p.ok || p.error.message).toMatch(/^row 2: /);
  });

  it('IMP-CSV-4 rows with the wrong number of fields are rejected; extra empty cells at the end are ignored', () => {
    const p = ok(previewImport({ text: fixture('inconsistent-fields.csv') }));
    expect(p.rows.map((r) => [r.line, r.status, r.reason])).toEqual([
      [2, 'new', undefined],
      [3, 'rejected', 'the row has 4 fields, the header has 3'],
      [4, 'rejected', 'the row has 2 fields, the header has 3'],
      [5, 'new', undefined],
    ]);
    expect(byLine(p, 5).item).toMatchObject({ key: 'ABC-4', title: 'Logout', storyPoints: 1 });
  });
});

describe('CSV details', () => {
  it('IMP-CSV-1 the delimiter comes from the header, not from decimal commas in the data', () => {
    expect(detectDelimiter('Key;Title;Points\nA;B;"2,5"\nC;D;3,5')).toBe(';');
    expect(detectDelimiter('Key,Title\nA;B,x')).toBe(',');
    expect(detectDelimiter('Key\tTitle\tPoints\nA\tB\t1,5')).toBe('\t');
    expect(detectDelimiter('"Key;with;semicolons",Title')).toBe(',');
    expect(detectDelimiter('Title')).toBe(',');
  });

  it('IMP-CSV-1 tab-separated text pasted from a spreadsheet is CSV too', () => {
    const p = ok(previewImport({ text: 'ID\tName\tPoints\n1\tLogin\t3\n2\tLogout\t1' }));
    expect(p.delimiter).toBe('\t');
    expect(p.rows.map((r) => r.item)).toEqual([
      { key: '1', title: 'Login', description: '', storyPoints: 3, priority: null, rank: null },
      { key: '2', title: 'Logout', description: '', storyPoints: 1, priority: null, rank: null },
    ]);
  });

  it('IMP-MAP-2 story points come from the filled one of "Story Points" and "Story point estimate"', () => {
    const text = 'Issue key,Summary,Custom field (Story Points),Custom field (Story point estimate)\nT-1,A,,3\nT-2,B,,5\nT-3,C,2,';
    const p = ok(previewImport({ text }));
    expect(p.mapping.storyPoints).toBe(3);
    expect(p.rows.map((r) => r.item?.storyPoints)).toEqual([3, 5, null]);
  });

  it('IMP-MAP-2 among repeated column names the first is used', () => {
    const p = ok(previewImport({ text: 'Key,Title,Description,Description\nA-1,Login,first,second' }));
    expect(p.mapping.description).toBe(2);
    expect(p.rows[0]?.item?.description).toBe('first');
  });

  it('IMP-MAP-1 header normalization covers spelling variants', () => {
    const p = ok(
      previewImport({ text: 'issue_key;TITEL;story-points;Prio;Reihenfolge;Benutzerdefiniertes Feld (Beschreibung)\nA;B;1;hoch;1;text' }),
    );
    expect(p.mapping).toEqual({ key: 0, title: 1, description: 5, storyPoints: 2, priority: 3, rank: 4 });
  });

  it('IMP-MAP-3 a given mapping replaces detection; an index outside the columns is an error', () => {
    const text = 'Ticket,Text,Notes\nA-1,Login,with SSO';
    const given = ok(previewImport({ text, format: 'csv', mapping: { key: 0, title: 2, description: 1 } }));
    expect(given.rows[0]?.item).toMatchObject({ key: 'A-1', title: 'with SSO', description: 'Login' });
    const bad = previewImport({ text, format: 'csv', mapping: { title: 3 } });
    expect(bad.ok || bad.error.code).toBe('mapping_invalid');
  });

  it('IMP-MAP-3 without a title column every row is rejected, and the columns are there to map', () => {
    const p = ok(previewImport({ text: 'Key,Text\nA-1,Login\nA-2,Logout', format: 'csv' }));
    expect(p.columns).toEqual(['Key', 'Text']);
    expect(p.mapping.title).toBeNull();
    expect(p.rows.map((r) => r.reasonCode)).toEqual(['no_title_column', 'no_title_column']);
    expect(p.rows[0]?.excerpt).toBe('A-1 | Login');
  });

  it('IMP-ORD-1 numeric ranks sort as numbers, with a decimal comma', () => {
    const p = ok(previewImport({ text: 'Rank;Title\n10;C\n9;B\n1,5;A\n;D' }));
    expect(p.rows.map((r) => [r.item?.title, r.item?.rank])).toEqual([
      ['A', 1.5],
      ['B', 9],
      ['C', 10],
      ['D', null],
    ]);
  });
});
