'use client';
import { useDraggable } from '@dnd-kit/core';
import { memo } from 'react';
import { useTranslations } from 'use-intl';
import type { Card as CardModel, FlagReason } from '../../domain/board';

export interface CardInfo {
  card: CardModel;
  moves: number;
  flag?: FlagReason;
  /** name of the person whose hand it is in (sorting), null for mine, '' for someone unnamed (anonymous) */
  handOf?: string | null;
  /** who drags it now; '' for someone unnamed */
  draggingBy?: string;
}

const sameInfo = (a: CardInfo, b: CardInfo) =>
  a.card === b.card && a.moves === b.moves && a.flag === b.flag && a.handOf === b.handOf && a.draggingBy === b.draggingBy;

/**
 * Memoized separately from the draggable shell: dnd-kit re-renders every useDraggable
 * consumer when any card mounts or unmounts (a move between buckets does both), so the
 * shell stays tiny and the card's content is skipped when nothing about it changed.
 */
export const CardView = memo(
  function CardView({ info, dragging, big, compact }: { info: CardInfo; dragging?: boolean; big?: boolean; compact?: boolean }) {
    const t = useTranslations('room');
    const { card, flag, handOf, draggingBy } = info;
    const mine = handOf === null;
    return (
      <div
        data-overlay={dragging ? 'true' : undefined}
        className={`relative rounded-md border-2 bg-white text-left shadow-sm ${big ? 'px-3 py-2 text-xl leading-snug' : compact ? 'px-1 py-0.5 text-xs leading-snug' : 'px-2 py-1.5 text-sm'} ${
          dragging
            ? 'border-indigo-500 shadow-lg ring-2 ring-indigo-300'
            : flag
              ? 'border-rose-500'
              : mine
                ? 'border-indigo-400'
                : 'border-slate-300'
        } ${handOf !== undefined && handOf !== null ? 'opacity-60' : ''}`}
      >
        {flag && (
          <span
            className="absolute -top-2 -right-2 flex h-5 w-5 items-center justify-center rounded-full bg-rose-600 text-xs font-bold text-white"
            title={t(`flagReason.${flag}`)}
            aria-label={`${t('flagged')}: ${t(`flagReason.${flag}`)}`}
          >
            !
          </span>
        )}
        {card.key && <span className="font-mono text-xs whitespace-nowrap text-slate-500">{card.key}</span>}
        {/* a real space after the key: the title may start on the next line, whole */}
        {card.key && ' '}
        {/* wrapped by words; only a single word wider than the card may break */}
        <span className="break-words">{card.title}</span>
        {handOf !== undefined && handOf !== null && (
          <span className="block text-xs text-slate-500">{handOf ? t('handOf', { name: handOf }) : t('handOfSomeone')}</span>
        )}
        {draggingBy !== undefined && (
          <span className="block text-xs font-medium text-amber-700">
            {draggingBy ? t('draggingBy', { name: draggingBy }) : t('draggingBySomeone')}
          </span>
        )}
      </div>
    );
  },
  (a, b) => a.dragging === b.dragging && a.big === b.big && a.compact === b.compact && sameInfo(a.info, b.info),
);

type DraggableProps = { info: CardInfo; disabled: boolean; compact?: boolean; onOpen?: (cardId: string) => void };

const same = (a: DraggableProps, b: DraggableProps) =>
  a.disabled === b.disabled && a.compact === b.compact && a.onOpen === b.onOpen && sameInfo(a.info, b.info);

/** Memoized: with 200 cards a move should re-render one card, not the board. */
export const DraggableCard = memo(function DraggableCard({ info, disabled, compact, onOpen }: DraggableProps) {
  const t = useTranslations('room');
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: info.card.id, disabled });
  return (
    <li
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      data-card-id={info.card.id}
      data-flagged={info.flag ? 'true' : undefined}
      data-hand={info.handOf === undefined ? undefined : info.handOf === null ? 'mine' : 'other'}
      data-key={info.card.key ?? undefined}
      aria-label={info.card.title + (info.flag ? ` (${t('flagged')})` : '')}
      // off-screen cards of a long board are not laid out or painted until scrolled to
      style={{ contentVisibility: 'auto', containIntrinsicSize: 'auto 3.5rem' }}
      className={`group relative list-none select-none ${disabled ? '' : 'cursor-grab touch-none'} ${isDragging ? 'opacity-30' : ''}`}
    >
      <CardView info={info} compact={compact ?? false} />
      {onOpen && (
        <button
          type="button"
          className="absolute right-0.5 bottom-0.5 rounded px-1 text-xs text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus:text-slate-700"
          aria-label={t('historyOf', { card: info.card.title })}
          onPointerDown={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
          onClick={() => onOpen(info.card.id)}
        >
          ⋯
        </button>
      )}
    </li>
  );
}, same);
