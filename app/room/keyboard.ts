import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Arrow keys jump from bucket to bucket instead of nudging the card by pixels:
 * left/right pick the nearest drop zone in that direction, up/down too.
 */
export const bucketJumps: KeyboardCoordinateGetter = (event, { context: { droppableRects, collisionRect, over } }) => {
  if (!collisionRect) return undefined;
  const dir = { [KeyboardCode.Right]: [1, 0], [KeyboardCode.Left]: [-1, 0], [KeyboardCode.Down]: [0, 1], [KeyboardCode.Up]: [0, -1] }[
    event.code
  ];
  if (!dir) return undefined;
  event.preventDefault();
  const here = over ? droppableRects.get(over.id) : undefined;
  const cx = here ? here.left + here.width / 2 : collisionRect.left + collisionRect.width / 2;
  const cy = here ? here.top + Math.min(here.height / 2, 60) : collisionRect.top + collisionRect.height / 2;
  let best: { x: number; y: number; d: number } | undefined;
  for (const [id, rect] of droppableRects) {
    if (over && id === over.id) continue;
    const x = rect.left + rect.width / 2;
    const y = rect.top + Math.min(rect.height / 2, 60);
    const dx = x - cx;
    const dy = y - cy;
    const along = dx * dir[0]! + dy * dir[1]!;
    if (along <= 1) continue;
    const across = Math.abs(dir[0] ? dy : dx);
    const d = along + across * 3;
    if (!best || d < best.d) best = { x, y, d };
  }
  if (!best) return undefined;
  return { x: best.x - collisionRect.width / 2, y: best.y - collisionRect.height / 2 };
};
