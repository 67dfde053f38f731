import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
  EXPORT_CSV_COLUMNS,
  exportSession,
  previewImport,
  storyPointsOf,
  type ExportInput,
  type ExportItem,
} from '../../../domain/backlog';
import { ok } from './support';

const item = (over: Partial<ExportItem>): ExportItem => ({
  key: null,
  title: 'T',
  description: '',
  bucketLabel: null,
  effortPoints: null,
  flagged: false,
  moves: 0,
  ...over,
});

/** Titles and descriptions that break naive CSV writers and readers (normalized, as every edge stores them). */
const tricky: ExportItem[] = [
  item({
    key: 'SHOP-1',
    title: 'Größentabelle für Schuhe',
    description: 'EU/UK/US, mit "Umrechnung"\nund Fußnoten; bitte prüfen',
    bucketLabel: '5',
    effortPoints: 5,
    storyPoints: 40,
    moves: 3,
  }),
  item({
    key: null,
    title: 'Warenkorb, Kasse und "Express"-Checkout',
    description: 'Zeile 1\n\nZeile 3, mit Komma',
    bucketLabel: '13',
    effortPoints: 13,
    flagged: true,
    moves: 7,
  }),
  item({ key: 'SHOP-3', title: 'Rückgabe; Etikett, "als" PDF', description: '', bucketLabel: '?', effortPoints: null, moves: 1 }),
  item({
    key: 'SHOP-4',
    title: '=SUMME(A1:A9) als Titel',
    description: '-5 % Rabatt\n@alle informieren',
    bucketLabel: '2',
    effortPoints: 2,
    storyPoints: 13,
  }),
  item({ key: null, title: '+1 für Dunkelmodus', description: "'Zitat' am Anfang", bucketLabel: null, effortPoints: null }),
  item({ key: 'SHOP-6', title: 'Emoji 🚀 und ß', description: 'Tabs\tim Text', bucketLabel: '100', effortPoints: 100 }),
];

const session: ExportInput = { workshopName: 'Webshop Relaunch', sessionName: 'Backlog März', factor: 7.3, items: tricky };

describe('export', () => {
  it('EXP-1 CSV: BOM, header, comma, CRLF, RFC 4180 quoting', () => {
    const csv = exportSession(session, 'csv');
    expect(csv.startsWith('\uFEFFKey,Title,Description,Bucket,Effort points,Story points,Calibrated story points,Flagged,Moves\r\n')).toBe(
      true,
    );
    const parsed = Papa.parse<string[]>(csv.slice(1), { header: false, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual([...EXPORT_CSV_COLUMNS]);
    expect(parsed.data[1]).toEqual([
      'SHOP-1',
      'Größentabelle für Schuhe',
      'EU/UK/US, mit "Umrechnung"\nund Fußnoten; bitte prüfen',
      '5',
      '5',
      '40',
      '36.5',
      'no',
      '3',
    ]);
    expect(parsed.data[2]).toEqual([
      '',
      'Warenkorb, Kasse und "Express"-Checkout',
      'Zeile 1\n\nZeile 3, mit Komma',
      '13',
      '13',
      '',
      '94.9',
      'yes',
      '7',
    ]);
    expect(parsed.data[3]?.slice(3, 7)).toEqual(['?', '', '', '']);
    expect(parsed.data[5]?.slice(3, 7)).toEqual(['', '', '', '']);
    expect(csv).toContain('"Warenkorb, Kasse und ""Express""-Checkout"');
    expect(csv.endsWith('no,0\r\n')).toBe(true);
  });

  it('EXP-2 calibrated story points = effort points x factor, rounded to 1 decimal; none without a factor', () => {
    expect(storyPointsOf(3, 8)).toBe(24);
    expect(storyPointsOf(5, 7.3)).toBe(36.5);
    expect(storyPointsOf(3, 24 / 7)).toBe(10.3);
    expect(storyPointsOf(1, 1.05)).toBe(1.1);
    expect(storyPointsOf(1, 0.25)).toBe(0.3);
    expect(storyPointsOf(null, 8)).toBeNull();
    expect(storyPointsOf(5, null)).toBeNull();
    const uncalibrated = exportSession({ ...session, factor: null }, 'csv');
    const rows = Papa.parse<string[]>(uncalibrated.slice(1), { header: false, skipEmptyLines: true }).data;
    expect(rows[0]?.[6]).toBe('Calibrated story points');
    expect(rows.slice(1).map((r) => r[6])).toEqual(['', '', '', '', '', '']);
    // the items' own story points do not depend on the factor
    expect(rows.slice(1).map((r) => r[5])).toEqual(['40', '', '', '13', '', '']);
  });

  it('EXP-3 JSON: metadata and items; null key; no BOM', () => {
    const json = exportSession(session, 'json');
    expect(json.startsWith('{')).toBe(true);
    const doc = JSON.parse(json);
    expect(doc).toMatchObject({
      format: 'magic-estimation/session-export',
      version: 2,
      workshopName: 'Webshop Relaunch',
      sessionName: 'Backlog März',
      factor: 7.3,
    });
    expect(doc.items[1]).toEqual({
      key: null,
      title: 'Warenkorb, Kasse und "Express"-Checkout',
      description: 'Zeile 1\n\nZeile 3, mit Komma',
      bucketLabel: '13',
      effortPoints: 13,
      storyPoints: null,
      calibratedStoryPoints: 94.9,
      flagged: true,
      moves: 7,
    });
    expect(doc.items[0]).toMatchObject({ storyPoints: 40, calibratedStoryPoints: 36.5 });
    expect(doc.items[2]).toMatchObject({ bucketLabel: '?', effortPoints: null, storyPoints: null, calibratedStoryPoints: null });
  });

  it('EXP-4 formula-like cells are escaped with a leading apostrophe in the CSV', () => {
    const csv = exportSession(session, 'csv');
    const rows = Papa.parse<string[]>(csv.slice(1), { header: false, skipEmptyLines: true }).data;
    expect(rows[4]?.[1]).toBe("'=SUMME(A1:A9) als Titel");
    // a line break starts a new cell for readers that ignore quotes: escaped there too (EXP-5)
    expect(rows[4]?.[2]).toBe("'-5 % Rabatt\n'@alle informieren");
    expect(rows[5]?.[1]).toBe("'+1 für Dunkelmodus");
    expect(rows[5]?.[2]).toBe("'Zitat' am Anfang");
    // papaparse's default pattern would miss a formula in a multi-line cell
    const multi = exportSession({ ...session, items: [item({ title: '=HYPERLINK("http://x")\nklick' })] }, 'csv');
    expect(multi).toContain('"\'=HYPERLINK(""http://x"")\nklick"');
  });

  it('EXP-4 the apostrophe is kept in files that are not this export', () => {
    const p = ok(previewImport({ text: "Key,Title\nA-1,'+' button misaligned\nA-2,'=x" }));
    expect(p.rows.map((r) => r.item?.title)).toEqual(["'+' button misaligned", "'=x"]);
  });
});

describe('round trip: an export imports back unchanged', () => {
  const expected = tricky.map((i) => ({ key: i.key, title: i.title, description: i.description }));

  for (const format of ['csv', 'json'] as const) {
    it(`EXP-RT-1 ${format}: same keys, titles and descriptions, in the same order`, () => {
      const p = ok(previewImport({ text: exportSession(session, format) }));
      expect(p.format).toBe(format);
      expect(p.rejected).toBe(0);
      expect(p.rows.map((r) => r.status)).toEqual(tricky.map(() => 'new'));
      expect(p.rows.map((r) => ({ key: r.item?.key, title: r.item?.title, description: r.item?.description }))).toEqual(expected);
      // the items' own story points, not the calibrated ones (EXP-RT-3)
      expect(p.rows.map((r) => r.item?.storyPoints)).toEqual([40, null, null, 13, null, null]);
      const cols = p.columns;
      const name = (field: keyof typeof p.mapping) => (p.mapping[field] === null ? null : cols[p.mapping[field]]);
      expect([name('key'), name('title'), name('description'), name('storyPoints'), name('priority'), name('rank')]).toEqual(
        format === 'csv'
          ? ['Key', 'Title', 'Description', 'Story points', null, null]
          : ['key', 'title', 'description', 'storyPoints', null, null],
      );
    });

    it(`EXP-RT-1 ${format}: a second export of the re-imported items is identical`, () => {
      const first = exportSession(session, format);
      const p = ok(previewImport({ text: first }));
      const again: ExportInput = {
        ...session,
        items: p.rows.map((r, i) => ({
          ...tricky[i]!,
          key: r.item?.key ?? null,
          title: r.item?.title ?? '',
          description: r.item?.description ?? '',
          storyPoints: r.item?.storyPoints ?? null,
        })),
      };
      expect(exportSession(again, format)).toBe(first);
    });

    it(`EXP-RT-2 ${format}: re-importing into the session it came from creates nothing`, () => {
      const existing = {
        keys: tricky.flatMap((i) => (i.key ? [i.key] : [])),
        titles: tricky.map((i) => i.title),
        items: tricky.flatMap((i) => (i.key ? [{ key: i.key, title: i.title, description: i.description }] : [])),
      };
      const p = ok(previewImport({ text: exportSession(session, format) }, existing));
      expect(p.rows.map((r) => r.status)).toEqual(tricky.map(() => 'unchanged'));
      expect([p.accepted, p.updates, p.unchanged]).toEqual([0, 0, 6]);
    });
  }

  it('EXP-RT-1 an empty session exports a header only, which imports as an empty file', () => {
    const csv = exportSession({ ...session, items: [] }, 'csv');
    expect(csv).toBe('\uFEFFKey,Title,Description,Bucket,Effort points,Story points,Calibrated story points,Flagged,Moves\r\n');
    expect(previewImport({ text: csv }).ok).toBe(false);
  });
});
