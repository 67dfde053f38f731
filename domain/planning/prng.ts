// Small seeded PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from
// PractRand): 128-bit state, passes PractRand, a few integer ops per draw. Same seed -> same
// stream on every JS engine, which Math.random() cannot give.
//
// Every Monte Carlo trial gets its own stream, keyed by (seed, stream id, trial number).
// Trial t then sees the same draws whatever the other trials did ("common random numbers"):
// with a higher velocity history and the same seed no trial needs more sprints.

/** PractRand seeds sfc32 and discards 12 outputs so nearby keys give unrelated streams. */
const WARMUP = 12;

/** One sfc32 step on the state [a, b, c, d]; returns a uniform uint32. */
export function sfc32Step(s: Int32Array): number {
  const a = s[0]!;
  const b = s[1]!;
  const c = s[2]!;
  const d = s[3]!;
  const t = (((a + b) | 0) + d) | 0;
  s[0] = b ^ (b >>> 9);
  s[1] = (c + (c << 3)) | 0;
  s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  s[3] = (d + 1) | 0;
  return t >>> 0;
}

/** Seed `s` (length 4) for one trial's stream. */
export function seedStream(s: Int32Array, seed: number, stream: number, trial: number): void {
  s[0] = seed | 0;
  s[1] = trial | 0;
  s[2] = (0xb7e15162 ^ stream) | 0;
  s[3] = 1;
  for (let i = 0; i < WARMUP; i++) sfc32Step(s);
}

/** A plain stream of uint32 for one (seed, stream), e.g. for tests. */
export function sfc32(seed: number, stream = 0): () => number {
  const s = new Int32Array(4);
  seedStream(s, seed, stream, 0);
  return () => sfc32Step(s);
}
