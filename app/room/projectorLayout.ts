/**
 * The projector's board layout, decided as a pure function (PROJ-1, PROJ-2): every card title in
 * full, wrapped by words (never mid-word, never clipped), at the largest type that fits.
 * Buckets get several lanes (columns of chips) and fuller buckets get more of them; the type
 * shrinks only as far as needed. Text widths come from an injected measurer (canvas
 * `measureText` in the browser, a fixed model in tests), so the function itself is pure.
 */

/** Width in px of `text` at a font size of `px` (same family and weight as the chips). */
export type Measure = (text: string, px: number) => number;

export interface LayoutInput {
  /** the area for the bucket columns, below their headers */
  width: number;
  height: number;
  /** minWidth: what the bucket's header (value, count, sum) needs */
  buckets: { id: string; titles: string[]; minWidth?: number }[];
  measure: Measure;
  maxFont?: number;
  minFont?: number;
  /**
   * Remembers each bucket's answer between calls (keyed by its titles and the constraints): a
   * move changes two buckets, so the projector recomputes two, not ten. Results do not depend on it.
   */
  cache?: Map<string, { lanes: number; lane: number } | null>;
}

export interface BucketLayout {
  id: string;
  /** chip columns inside the bucket */
  lanes: number;
  /** px of one lane (a chip's outer width) */
  laneWidth: number;
  /** px, bucket padding included */
  width: number;
}

export interface Layout {
  fontPx: number;
  /** px between the baselines of two lines of a chip */
  lineHeightPx: number;
  buckets: BucketLayout[];
  /** false: even the smallest type cannot show every title in full */
  fits: boolean;
}

/** The geometry the component renders with; the layout counts with the same numbers. */
export const GEOMETRY = {
  bucketGap: 6,
  bucketPadX: 4,
  laneGap: 4,
  chipPadX: 4,
  chipPadY: 2,
  chipGap: 3,
  lineHeight: 1.12,
  /** narrower lanes are unreadable */
  minLane: 72,
  /** px kept free in every line: word widths measured apart may sum a little short of the real line */
  slack: 3,
} as const;

const WORD = /\S+/g;

/** Lines a title takes at this text width, greedy by words like the browser; Infinity when a word alone is too wide. */
export function linesFor(words: readonly number[], space: number, textWidth: number): number {
  let lines = 1;
  let line = -1;
  for (const w of words) {
    if (w > textWidth) return Infinity;
    if (line < 0) line = w;
    else if (line + space + w <= textWidth) line += space + w;
    else {
      lines++;
      line = w;
    }
  }
  return lines;
}

/** Lanes a bucket needs so its chips, in order, fit the height: Infinity when one chip alone does not. */
function lanesNeeded(chips: readonly number[][], space: number, textWidth: number, font: number, height: number): number {
  const g = GEOMETRY;
  const line = font * g.lineHeight;
  let lanes = 1;
  let used = 0;
  for (const words of chips) {
    const h = linesFor(words, space, textWidth) * line + 2 * g.chipPadY;
    if (!Number.isFinite(h) || h > height) return Infinity;
    const next = used === 0 ? h : used + g.chipGap + h;
    if (next <= height) used = next;
    else {
      lanes++;
      used = h;
    }
  }
  return lanes;
}

const MAX_LANES = 12;
const laneFrame = 2 * GEOMETRY.chipPadX + GEOMETRY.slack;
const bucketWidth = (lanes: number, lane: number) => lanes * lane + (lanes - 1) * GEOMETRY.laneGap + 2 * GEOMETRY.bucketPadX;

/** The narrowest bucket (and its lanes) that holds these chips at this font: several lanes or wider ones, whichever is narrower. */
function narrowest(
  chips: readonly number[][],
  space: number,
  font: number,
  height: number,
  minWidth: number,
  maxWidth: number,
): { lanes: number; lane: number } | null {
  const g = GEOMETRY;
  const longest = Math.max(0, ...chips.map((ws) => Math.max(0, ...ws)));
  const floor = Math.max(g.minLane, longest + laneFrame);
  if (chips.length === 0) return { lanes: 1, lane: Math.max(floor, minWidth - 2 * g.bucketPadX) };
  let best: { lanes: number; lane: number } | null = null;
  for (let n = 1; n <= MAX_LANES; n++) {
    const widest = (maxWidth - 2 * g.bucketPadX - (n - 1) * g.laneGap) / n;
    if (widest < floor) break;
    // more lanes can only be wider than the best found so far
    if (best && bucketWidth(n, floor) >= bucketWidth(best.lanes, best.lane)) break;
    if (lanesNeeded(chips, space, widest - laneFrame, font, height) > n) continue;
    // the narrowest lane that still needs at most n lanes (binary search to a pixel)
    let lo = floor;
    let hi = widest;
    if (lanesNeeded(chips, space, lo - laneFrame, font, height) <= n) hi = lo;
    while (hi - lo > 1) {
      const mid = (lo + hi) / 2;
      if (lanesNeeded(chips, space, mid - laneFrame, font, height) <= n) hi = mid;
      else lo = mid;
    }
    const lane = Math.max(hi, (minWidth - 2 * g.bucketPadX - (n - 1) * g.laneGap) / n);
    if (!best || bucketWidth(n, lane) < bucketWidth(best.lanes, best.lane)) best = { lanes: n, lane };
  }
  return best;
}

function tryFont(input: LayoutInput, font: number, wordsAt: (px: number) => { chips: number[][]; space: number }[]): Layout | null {
  const g = GEOMETRY;
  const B = input.buckets.length;
  if (B === 0) return { fontPx: font, lineHeightPx: font * g.lineHeight, buckets: [], fits: true };
  const measured = wordsAt(font);
  const available = input.width - (B - 1) * g.bucketGap;
  // bucket by bucket, giving up as soon as the widths already exceed the screen
  const picks: ({ lanes: number; lane: number } | null)[] = [];
  let sum = 0;
  for (const [i, m] of measured.entries()) {
    const b = input.buckets[i]!;
    const minWidth = b.minWidth ?? 0;
    const key = `${font}|${input.height}|${minWidth}|${available}|${b.titles.join('\n')}`;
    let hit = input.cache?.get(key);
    if (hit === undefined) {
      hit = narrowest(m.chips, m.space, font, input.height, minWidth, available);
      if (input.cache) {
        if (input.cache.size > 5000) input.cache.clear();
        input.cache.set(key, hit);
      }
    }
    if (hit === null) return null;
    sum += bucketWidth(hit.lanes, hit.lane);
    if (sum > available) return null;
    picks.push(hit);
  }
  const chosen = picks as { lanes: number; lane: number }[];
  const used = chosen.reduce((a, p) => a + bucketWidth(p.lanes, p.lane), 0);
  if (used > available) return null;
  // the width left over goes to the buckets with cards, in proportion: wider lanes, fewer lines
  const spare = available - used;
  // (an empty board: every bucket alike)
  const filled = chosen.map((p, i) => (measured[i]!.chips.length > 0 ? p.lanes * p.lane : 0));
  const weights = filled.some((x) => x > 0) ? filled : chosen.map(() => 1);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const buckets = input.buckets.map((b, i) => {
    const p = chosen[i]!;
    const lane = p.lane + (spare * weights[i]!) / weightSum / p.lanes;
    return { id: b.id, lanes: p.lanes, laneWidth: lane, width: bucketWidth(p.lanes, lane) };
  });
  return { fontPx: font, lineHeightPx: font * g.lineHeight, buckets, fits: true };
}

/** The largest font (in half pixels) at which every title fits, with the lanes per bucket. */
export function projectorLayout(input: LayoutInput): Layout {
  const maxFont = input.maxFont ?? 28;
  const minFont = input.minFont ?? 10;
  // word widths scale with the font size: measure once at 100 px
  const REF = 100;
  const cache = new Map<string, number>();
  const at100 = (w: string) => {
    let v = cache.get(w);
    if (v === undefined) {
      v = input.measure(w, REF);
      cache.set(w, v);
    }
    return v;
  };
  const words = input.buckets.map((b) => b.titles.map((t) => (t.match(WORD) ?? []).map(at100)));
  const space100 = input.measure(' ', REF);
  const wordsAt = (px: number) =>
    words.map((chips) => ({ chips: chips.map((ws) => ws.map((w) => (w * px) / REF)), space: (space100 * px) / REF }));

  // feasibility grows as the type shrinks: binary search over half pixels
  let lo = Math.round(minFont * 2);
  let hi = Math.round(maxFont * 2);
  let best: Layout | null = tryFont(input, hi / 2, wordsAt);
  if (best) return best;
  best = tryFont(input, lo / 2, wordsAt);
  if (!best) {
    const g = GEOMETRY;
    const B = Math.max(input.buckets.length, 1);
    const lane = (input.width - (B - 1) * g.bucketGap - B * 2 * g.bucketPadX) / B;
    return {
      fontPx: minFont,
      lineHeightPx: minFont * g.lineHeight,
      buckets: input.buckets.map((b) => ({ id: b.id, lanes: 1, laneWidth: lane, width: lane + 2 * g.bucketPadX })),
      fits: false,
    };
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const l = tryFont(input, mid / 2, wordsAt);
    if (l) {
      lo = mid;
      best = l;
    } else hi = mid;
  }
  return best;
}
