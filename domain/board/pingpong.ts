import type { SessionSettings } from './settings';
import type { FlagReason, Placement } from './state';

/**
 * Ping-pong rule (review only): a card moved back to a bucket it left before, or moved more
 * than `maxMoves` times, needs a discussion. The "?" bucket always needs one.
 */
export function flagFor(
  args: { to: Placement; trail: readonly Placement[]; reviewMoves: number; unsure: boolean; inReview: boolean },
  settings: SessionSettings['pingPong'],
): FlagReason | null {
  if (args.unsure) return 'unsure';
  if (!args.inReview) return null;
  const left = args.trail.slice(0, -1);
  if (settings.backAndForth && left.includes(args.to)) return 'returned';
  if (args.reviewMoves + 1 > settings.maxMoves) return 'tooManyMoves';
  return null;
}
