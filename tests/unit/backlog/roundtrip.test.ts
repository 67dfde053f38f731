import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportSession, previewImport, type ExistingBacklog } from '../../../domain/backlog';
import { escapeFormulae, unescapeFormulae } from '../../../domain/backlog/formula';
import { roundTripSession as session } from './roundtrip-session';
import { fixture, ok } from './support';

const files = { csv: 'session-export-v2.csv', json: 'session-export-v2.json' } as const;

/** What the session holds, as the server describes it for a re-import (services/backlog.ts#existingBacklog). */
const own: ExistingBacklog = {
  keys: session.items.flatMap((i) => (i.key ? [i.key] : [])),
  titles: session.items.map((i) => i.title),
  items: session.items.flatMap((i) =>
    i.key ? [{ key: i.key, title: i.title, description: i.description, storyPoints: i.storyPoints ?? null }] : [],
  ),
  itemCount: session.items.length,
};

/**
 * A spreadsheet reading CSV text with another separator: a field that starts with " is quoted
 * until a lone ", after which text is taken literally up to the separator (Excel and LibreOffice
 * behave so); `quotes: false` is a reader that splits at every separator and line break.
 */
function cellsAs(text: string, sep: string, quotes = true): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let cell = '';
    if (quotes && text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    }
    while (i < text.length && text[i] !== sep && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) cell += text[i++];
    cells.push(cell);
    if (text[i] === '\r') i++;
    i++;
  }
  return cells;
}

/** Would a spreadsheet run this cell? It trims spaces (and tabs/CRs) and looks at the first character. */
const runsAsFormula = (cell: string) => /^[\s]*[=+\-@]/.test(cell);

describe('round trip of the export (SPEC EXP-RT-*)', () => {
  it('EXP-RT-1 the fixtures are what the export writes today (format is stable)', () => {
    expect(exportSession(session, 'csv')).toBe(fixture(files.csv));
    expect(exportSession(session, 'json')).toBe(fixture(files.json));
  });

  for (const format of ['csv', 'json'] as const) {
    it(`EXP-RT-3 ${format}: into a new session every key, title, description and own story points come back`, () => {
      const p = ok(previewImport({ text: fixture(files[format]) }));
      expect(p.rejected).toBe(0);
      expect(p.rows.map((r) => r.status)).toEqual(session.items.map(() => 'new'));
      expect(
        p.rows.map(
          (r) => r.item && { key: r.item.key, title: r.item.title, description: r.item.description, storyPoints: r.item.storyPoints },
        ),
      ).toEqual(session.items.map((i) => ({ key: i.key, title: i.title, description: i.description, storyPoints: i.storyPoints ?? null })));
    });

    it(`EXP-RT-3 ${format}: the calibrated story points are never imported`, () => {
      const p = ok(previewImport({ text: fixture(files[format]) }));
      const spColumn = p.mapping.storyPoints === null ? null : p.columns[p.mapping.storyPoints];
      expect(spColumn).toBe(format === 'csv' ? 'Story points' : 'storyPoints');
      // R-2 has no own story points; its calibrated 12.5 must not become its value
      expect(p.rows[1]?.item?.storyPoints).toBeNull();
    });

    it(`EXP-RT-2 ${format}: into the session it came from nothing changes (stored story points included)`, () => {
      const p = ok(previewImport({ text: fixture(files[format]) }, own));
      expect(p.rows.map((r) => r.status)).toEqual(session.items.map(() => 'unchanged'));
      expect([p.accepted, p.updates]).toEqual([0, 0]);
    });

    it(`EXP-RT-5 ${format}: titles starting with ' (also before = or another ') survive`, () => {
      const p = ok(previewImport({ text: fixture(files[format]) }));
      expect(p.rows.map((r) => r.item?.title)).toEqual(expect.arrayContaining(["'Quoted' title", "'=1+1' is text", "''=doppelt"]));
      expect(p.rows.find((r) => r.item?.key === '-R-5')?.item?.description).toBe('" =quoted');
    });
  }

  it('IMP-MAP-4 a story points column without any value is not imported (it would only clear stored values)', () => {
    const noSp = { ...session, items: session.items.map((i) => ({ ...i, storyPoints: null })) };
    for (const format of ['csv', 'json'] as const) {
      const p = ok(previewImport({ text: exportSession(noSp, format) }, own));
      expect(p.mapping.storyPoints).toBeNull();
      expect(p.updates).toBe(0);
    }
    // the caller does not know the items' story points (undefined): same
    const unknown = { ...session, items: session.items.map(({ storyPoints: _sp, ...i }) => i) };
    expect(ok(previewImport({ text: exportSession(unknown, 'csv') }, own)).mapping.storyPoints).toBeNull();
    // an explicit mapping is taken as given
    expect(ok(previewImport({ text: exportSession(noSp, 'csv'), mapping: { title: 1, storyPoints: 5 } })).mapping.storyPoints).toBe(5);
  });

  it('EXP-RT-4 a version 1 export (derived "Story points") never writes story points', () => {
    for (const name of ['session-export-v1.csv', 'session-export-v1.json']) {
      const p = ok(previewImport({ text: fixture(name) }));
      expect(p.mapping.storyPoints, name).toBeNull();
      expect(
        p.rows.map((r) => r.item?.title),
        name,
      ).toEqual(['Login', '=SUM(A1)', 'No key']);
      expect(p.rows.map((r) => r.item?.storyPoints)).toEqual([null, null, null]);
    }
  });
});

describe('formula escaping (SPEC EXP-4, EXP-5)', () => {
  const pieces = ['a', ' ', '"', "'", '=', '+', '-', '@', '\t', '\r', '\n', ',', ';', 'ü', '1'];

  it('EXP-4 escaping is undone exactly, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const s = parts.join('');
        expect(unescapeFormulae(escapeFormulae(s))).toBe(s);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('EXP-5 no cell runs as a formula for readers that split on , ; or tab, or at every line break', () => {
    const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(texts, texts), { minLength: 1, maxLength: 4 }), (rows) => {
        const items = rows.map(([title, description]) => ({
          key: null,
          title,
          description,
          bucketLabel: null,
          effortPoints: null,
          flagged: false,
          moves: 0,
        }));
        const csv = exportSession({ workshopName: 'w', sessionName: 's', factor: null, items }, 'csv').slice(1);
        for (const sep of [',', ';', '\t']) {
          for (const quotes of [true, false]) {
            const bad = cellsAs(csv, sep, quotes).filter(runsAsFormula);
            expect(bad, `separator ${JSON.stringify(sep)}, quotes ${quotes}`).toEqual([]);
          }
        }
      }),
      { seed: 11, numRuns: 600 },
    );
  });

  it('EXP-5 the classic payloads, read by a German spreadsheet that splits on ;', () => {
    const items = [
      {
        key: null,
        title: 'Preis;=HYPERLINK("http://evil";"klick")',
        description: 'x;@SUM(1)',
        bucketLabel: null,
        effortPoints: null,
        flagged: false,
        moves: 0,
      },
      { key: null, title: "a, =cmd|' /C calc'!A0", description: '', bucketLabel: null, effortPoints: null, flagged: false, moves: 0 },
    ];
    const csv = exportSession({ workshopName: 'w', sessionName: 's', factor: null, items }, 'csv').slice(1);
    const semicolonCells = cellsAs(csv, ';');
    expect(semicolonCells.some((c) => c.includes("'=HYPERLINK"))).toBe(true);
    expect(semicolonCells.filter(runsAsFormula)).toEqual([]);
    expect(cellsAs(csv, ',').filter(runsAsFormula)).toEqual([]);
    // and the import gives the titles back
    expect(
      ok(previewImport({ text: exportSession({ workshopName: 'w', sessionName: 's', factor: null, items }, 'csv') })).rows.map(
        (r) => r.item?.title,
      ),
    ).toEqual(items.map((i) => i.title));
  });
});
