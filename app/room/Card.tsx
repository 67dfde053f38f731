'use client';
import { useDraggable } from '@dnd-kit/core';
import type { Card as CardModel } from '../../domain/board';

export function CardView({ card, moves, dragging }: { card: CardModel; moves: number; dragging?: boolean }) {
  return (
    <div
      className={`rounded-md border bg-white px-3 py-2 text-left text-sm shadow-sm ${dragging ? 'border-indigo-500 shadow-lg ring-2 ring-indigo-300' : 'border-slate-300'}`}
    >
      {card.key && <span className="mr-1 font-mono text-xs text-slate-500">{card.key}</span>}
      <span className="hyphens-auto break-words">{card.title}</span>
      {moves > 1 && <span className="ml-1 text-xs text-slate-400" aria-hidden="true">↻{moves}</span>}
    </div>
  );
}

export function DraggableCard({ card, moves, disabled }: { card: CardModel; moves: number; disabled: boolean }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: card.id, disabled });
  return (
    <li
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      data-card-id={card.id}
      aria-label={card.title}
      className={`cursor-grab touch-none list-none select-none ${isDragging ? 'opacity-30' : ''}`}
    >
      <CardView card={card} moves={moves} />
    </li>
  );
}
