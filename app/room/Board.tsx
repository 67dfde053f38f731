'use client';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
  pointerWithin,
  rectIntersection,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';
import { cardsIn, totals, type BoardState, type Placement } from '../../domain/board';
import { DropZone } from './Bucket';
import { CardView, DraggableCard } from './Card';

export const PILE_ID = 'pile';

// drop where the pointer is; keyboard moves have no pointer, so fall back to overlap
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

export function Board({ board, canMove, onMove }: { board: BoardState; canMove: boolean; onMove: (cardId: string, to: Placement) => void }) {
  const t = useTranslations('room');
  const [active, setActive] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    // a short press on phones, so scrolling the board still works
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  );
  const sums = useMemo(() => totals(board), [board]);
  const titleOf = (id: string | number) => board.cards.find((c) => c.id === id)?.title ?? String(id);
  const labelOf = (id: string | number | undefined) => {
    if (id === undefined) return '';
    if (id === PILE_ID) return t('pile');
    return board.scale.buckets.find((b) => b.id === id)?.label ?? String(id);
  };
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => t('announce.pickedUp', { card: titleOf(a.id) }),
    onDragOver: ({ active: a, over }) => (over ? t('announce.over', { card: titleOf(a.id), target: labelOf(over.id) }) : undefined),
    onDragEnd: ({ active: a, over }) => (over ? t('announce.dropped', { card: titleOf(a.id), target: labelOf(over.id) }) : t('announce.cancelled', { card: titleOf(a.id) })),
    onDragCancel: ({ active: a }) => t('announce.cancelled', { card: titleOf(a.id) }),
  };

  function onDragEnd(e: DragEndEvent) {
    setActive(null);
    if (!e.over) return;
    onMove(String(e.active.id), e.over.id === PILE_ID ? null : String(e.over.id));
  }

  const activeCard = active ? board.cards.find((c) => c.id === active) : undefined;
  const pile = cardsIn(board, null);

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('announce.instructions') } }}
      onDragStart={(e) => setActive(String(e.active.id))}
      onDragCancel={() => setActive(null)}
      onDragEnd={onDragEnd}
    >
      <div className="flex flex-col gap-3 lg:flex-row">
        <DropZone
          id={PILE_ID}
          label={t('pile')}
          className="lg:w-64 lg:shrink-0"
          header={
            <h2 className="flex items-baseline justify-between font-semibold">
              {t('pile')} <span className="text-sm font-normal text-slate-600">{t('count', { count: pile.length })}</span>
            </h2>
          }
        >
          {pile.length === 0 && <li className="text-sm text-slate-500">{t('pileEmpty')}</li>}
          {pile.map((c) => (
            <DraggableCard key={c.id} card={c} moves={board.moveCount[c.id] ?? 0} disabled={!canMove} />
          ))}
        </DropZone>
        <div className="grid flex-1 grid-cols-2 gap-2 sm:grid-cols-3 md:grid-cols-5 xl:grid-cols-10">
          {board.scale.buckets.map((b) => {
            const tot = sums.byBucket[b.id] ?? { count: 0, sum: 0 };
            return (
              <DropZone
                key={b.id}
                id={b.id}
                label={b.label}
                header={
                  <div className="text-center">
                    <h2 className="text-2xl font-bold">{b.label}</h2>
                    <p className="text-xs text-slate-600" data-testid={`bucket-stats-${b.id}`}>
                      {t('count', { count: tot.count })} · {b.value === null ? t('unsureHint') : t('sum', { sum: tot.sum })}
                    </p>
                  </div>
                }
              >
                {cardsIn(board, b.id).map((c) => (
                  <DraggableCard key={c.id} card={c} moves={board.moveCount[c.id] ?? 0} disabled={!canMove} />
                ))}
              </DropZone>
            );
          })}
        </div>
      </div>
      <DragOverlay>{activeCard ? <CardView card={activeCard} moves={board.moveCount[activeCard.id] ?? 0} dragging /> : null}</DragOverlay>
    </DndContext>
  );
}
