import { describe, expect, it } from 'vitest';
import { GEOMETRY, linesFor, projectorLayout, type Layout, type Measure } from '../../../app/room/projectorLayout';
import { realisticBacklog, realisticSpread } from '../../support/backlog';

// a fixed text model a little wider than the projector's font (Roboto Condensed, medium, measured in Chromium:
// lowercase 0.432 em, uppercase 0.545 em, space 0.230 em)
const measure: Measure = (text, px) => [...text].reduce((w, ch) => w + (ch === ' ' ? 0.23 : /[A-Z]/.test(ch) ? 0.56 : 0.44) * px, 0);

// the projector's board area at 1920x1080: below the header and the buckets' labels (app/room/Projector.tsx)
const AREA = { width: 1896, height: 870 };
const SCALE = ['v1', 'v2', 'v3', 'v5', 'v8', 'v13', 'v20', 'v40', 'v100', 'unsure'];

function board(count: number, seed = 11) {
  const items = realisticBacklog(count);
  const spread = realisticSpread(count, seed);
  return SCALE.map((id) => ({ id, titles: items.filter((_, i) => spread[i] === id).map((x) => x.title) }));
}

/** Checks a layout against the geometry: widths add up, no word is cut, every lane's chips fit the height. */
function assertFits(l: Layout, buckets: { id: string; titles: string[] }[], area = AREA) {
  const g = GEOMETRY;
  const total = l.buckets.reduce((a, b) => a + b.width, 0) + (l.buckets.length - 1) * g.bucketGap;
  expect(total).toBeLessThanOrEqual(area.width + 0.01);
  buckets.forEach((b, i) => {
    const lanes = l.buckets[i]!.lanes;
    const textWidth = l.buckets[i]!.laneWidth - 2 * g.chipPadX - g.slack;
    let lane = 1;
    let used = 0;
    for (const t of b.titles) {
      const lines = linesFor(
        (t.match(/\S+/g) ?? []).map((w) => measure(w, l.fontPx)),
        measure(' ', l.fontPx),
        textWidth,
      );
      expect(Number.isFinite(lines)).toBe(true);
      const h = lines * l.lineHeightPx + 2 * g.chipPadY;
      if (used > 0 && used + g.chipGap + h > area.height) {
        lane++;
        used = h;
      } else used = used === 0 ? h : used + g.chipGap + h;
      expect(used).toBeLessThanOrEqual(area.height);
    }
    expect(lane).toBeLessThanOrEqual(lanes);
  });
}

describe('projector layout', () => {
  it('PROJ-1 every title fits in full, by words, and the type is the largest that does', () => {
    const buckets = board(150);
    const l = projectorLayout({ ...AREA, buckets, measure });
    expect(l.fits).toBe(true);
    assertFits(l, buckets);
    // half a pixel more does not fit
    const bigger = projectorLayout({ ...AREA, buckets, measure, minFont: l.fontPx + 0.5, maxFont: l.fontPx + 0.5 });
    expect(bigger.fits).toBe(false);
  });

  it('PROJ-1 the fullest bucket gets the most lanes; empty buckets keep one', () => {
    const buckets = board(150);
    const l = projectorLayout({ ...AREA, buckets, measure });
    const fullest = buckets.reduce((a, b, i) => (b.titles.length > buckets[a]!.titles.length ? i : a), 0);
    expect(l.buckets[fullest]!.lanes).toBe(Math.max(...l.buckets.map((b) => b.lanes)));
    expect(l.buckets[fullest]!.lanes).toBeGreaterThan(1);
    const empty = projectorLayout({ ...AREA, buckets: SCALE.map((id) => ({ id, titles: [] })), measure });
    expect(empty.buckets.every((b) => b.lanes === 1)).toBe(true);
    expect(empty.fontPx).toBe(28);
  });

  it('PROJ-1 a word too long for any lane is never cut: the layout says it does not fit', () => {
    const l = projectorLayout({ ...AREA, buckets: [{ id: 'v1', titles: ['x'.repeat(1000)] }], measure });
    expect(l.fits).toBe(false);
  });

  it.each([
    [30, 22],
    [60, 18],
    [100, 15],
    [150, 14],
  ])('PROJ-2 at 1920x1080 %i realistic cards get at least %i px type', (count, min) => {
    for (const seed of [11, 12, 13]) {
      const l = projectorLayout({ ...AREA, buckets: board(count, seed), measure });
      expect(l.fits).toBe(true);
      expect(l.fontPx).toBeGreaterThanOrEqual(min);
    }
  });

  it('PROJ-2 titles of 300 characters still fit at 30 cards, in smaller type', () => {
    const long = SCALE.map((id, i) => ({
      id,
      titles: Array.from({ length: 3 }, (_, j) => `Card ${i}-${j} ` + 'with a very long description of the work '.repeat(7)),
    }));
    const l = projectorLayout({ ...AREA, buckets: long, measure });
    expect(l.fits).toBe(true);
    assertFits(l, long);
  });
});
