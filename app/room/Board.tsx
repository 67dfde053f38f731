'use client';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';
import { cardsIn, flagOf, handOf, personOf, placementOf, totals, type BoardState, type Card, type Placement } from '../../domain/board';
import { DropZone } from './Bucket';
import { CardView, DraggableCard, type CardInfo } from './Card';
import { bucketJumps } from './keyboard';

export const PILE_ID = 'pile';

// drop where the pointer is; keyboard moves have no pointer, so fall back to overlap
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

// module constants: new option objects on every render would give dnd-kit new sensors, a new
// context value, and so re-render every card on every event
const POINTER = { activationConstraint: { distance: 4 } };
// a short press on phones, so scrolling the board still works
const TOUCH = { activationConstraint: { delay: 150, tolerance: 8 } };
const KEYBOARD = { coordinateGetter: bucketJumps };

export interface BoardProps {
  board: BoardState;
  myId: string | null;
  /** person id -> card id being dragged */
  dragging: Record<string, string>;
  canMove: (cardId: string) => boolean;
  onMove: (cardId: string, to: Placement) => void;
  onHover?: (cardId: string | null) => void;
  onOpen?: (cardId: string) => void;
  /** hide whose hand a card is in and who drags it (BOARD-ANON-3) */
  anonymous?: boolean;
}

export function Board({ board, myId, dragging, canMove, onMove, onHover, onOpen, anonymous = false }: BoardProps) {
  const t = useTranslations('room');
  const [active, setActive] = useState<string | null>(null);
  const [showOthers, setShowOthers] = useState(false);
  const sensors = useSensors(useSensor(PointerSensor, POINTER), useSensor(TouchSensor, TOUCH), useSensor(KeyboardSensor, KEYBOARD));
  const sums = useMemo(() => totals(board), [board]);
  const draggedBy = useMemo(() => {
    const m: Record<string, string> = {};
    // an anonymous session's drags come under opaque keys: nobody's name
    for (const [personId, cardId] of Object.entries(dragging))
      if (personId !== myId) m[cardId] = Object.hasOwn(board.people, personId) ? board.people[personId]!.name : '';
    return m;
  }, [dragging, myId, board.people]);

  const titleOf = (id: string | number) => board.cards.find((c) => c.id === id)?.title ?? String(id);
  const labelOf = (id: string | number | undefined) =>
    id === undefined ? '' : id === PILE_ID ? t('pile') : (board.scale.buckets.find((b) => b.id === id)?.label ?? String(id));
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => t('announce.pickedUp', { card: titleOf(a.id) }),
    onDragOver: ({ active: a, over }) => (over ? t('announce.over', { card: titleOf(a.id), target: labelOf(over.id) }) : undefined),
    onDragEnd: ({ active: a, over }) =>
      over ? t('announce.dropped', { card: titleOf(a.id), target: labelOf(over.id) }) : t('announce.cancelled', { card: titleOf(a.id) }),
    onDragCancel: ({ active: a }) => t('announce.cancelled', { card: titleOf(a.id) }),
  };

  const info = (card: Card): CardInfo => {
    // whose hand: only while the card still waits on the pile
    const hand = board.phase === 'sorting' && placementOf(board, card.id) === null ? handOf(board, card.id) : undefined;
    const flag = flagOf(board, card.id);
    const dragger = Object.hasOwn(draggedBy, card.id) ? draggedBy[card.id] : undefined;
    return {
      card,
      moves: board.moveCount[card.id] ?? 0,
      ...(flag ? { flag } : {}),
      ...(hand !== undefined ? { handOf: hand === myId ? null : anonymous ? '' : (personOf(board, hand)?.name ?? '') } : {}),
      ...(dragger !== undefined ? { draggingBy: dragger } : {}),
    };
  };

  function end(e: DragEndEvent) {
    setActive(null);
    onHover?.(null);
    if (!e.over) return;
    onMove(String(e.active.id), e.over.id === PILE_ID ? null : String(e.over.id));
  }

  const activeCard = active ? board.cards.find((c) => c.id === active) : undefined;
  // in sorting my own hand comes first in the pile
  const pile = cardsIn(board, null).sort((a, b) => Number(handOf(board, b.id) === myId) - Number(handOf(board, a.id) === myId));
  // in sorting, other people's hands are folded away: a long pile of cards nobody here may move helps no one
  const isOthers = (c: Card) => board.phase === 'sorting' && handOf(board, c.id) !== undefined && handOf(board, c.id) !== myId;
  const others = pile.filter(isOthers).length;
  const shownPile = showOthers || others <= 8 ? pile : pile.filter((c) => !isOthers(c));
  // big boards get compact cards, so 200 cards stay a board and not a long scroll
  const compact = board.cards.length > 60;
  const card = (c: Card) => (
    <DraggableCard key={c.id} info={info(c)} compact={compact} disabled={!canMove(c.id)} {...(onOpen ? { onOpen } : {})} />
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('announce.instructions') } }}
      onDragStart={(e) => {
        setActive(String(e.active.id));
        onHover?.(String(e.active.id));
      }}
      onDragCancel={() => {
        setActive(null);
        onHover?.(null);
      }}
      onDragEnd={end}
    >
      <div className="flex flex-col gap-2 select-none lg:flex-row">
        <DropZone
          id={PILE_ID}
          label={t('pile')}
          className="lg:w-48 lg:shrink-0"
          header={
            <h2 className="flex items-baseline justify-between px-1 font-semibold">
              {t('pile')} <span className="text-sm font-normal text-slate-600">{t('count', { count: pile.length })}</span>
            </h2>
          }
        >
          {pile.length === 0 && <li className="px-1 text-sm text-slate-500">{t('pileEmpty')}</li>}
          {shownPile.map(card)}
          {others > 8 && (
            <li className="list-none">
              <button
                type="button"
                className="w-full rounded px-1 py-1 text-left text-sm text-indigo-700 underline"
                onClick={() => setShowOthers((v) => !v)}
                data-testid="toggle-others"
              >
                {showOthers ? t('hideOthers') : t('showOthers', { count: others })}
              </button>
            </li>
          )}
        </DropZone>
        <div className="grid flex-1 grid-cols-2 gap-1.5 sm:grid-cols-3 md:grid-cols-5 xl:grid-cols-10">
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
                {cardsIn(board, b.id).map(card)}
              </DropZone>
            );
          })}
        </div>
      </div>
      <DragOverlay>{activeCard ? <CardView info={info(activeCard)} compact={compact} dragging /> : null}</DragOverlay>
    </DndContext>
  );
}
