'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { spotlightOf, type BoardState } from '../../domain/board';
import type { CardLog } from './useRoom';

/** The description of a card, fetched on demand (it is not in snapshots) and kept while the card stays the same. */
export function useCardLog(cardId: string | null, history: (cardId: string) => Promise<CardLog>, version?: number): CardLog | null {
  const [log, setLog] = useState<{ cardId: string; log: CardLog } | null>(null);
  useEffect(() => {
    if (!cardId) return;
    let live = true;
    void history(cardId).then((l) => live && setLog({ cardId, log: l }));
    return () => {
      live = false;
    };
  }, [cardId, history, version]);
  return log && log.cardId === cardId ? log.log : null;
}

/** The card under discussion, large: key, title, where it is and where it moved, flag, description (BOARD-SPOT-3). */
export function Spotlight({
  board,
  history,
  big,
  onClose,
}: {
  board: BoardState;
  history: (cardId: string) => Promise<CardLog>;
  big?: boolean;
  onClose?: () => void;
}) {
  const t = useTranslations('room');
  const spot = spotlightOf(board);
  const log = useCardLog(spot?.card.id ?? null, history);
  if (!spot) return null;
  const where = (label: string | null) => label ?? t('pile');
  return (
    <section
      aria-label={t('spotlight.title')}
      data-testid="spotlight"
      className={`flex min-h-0 flex-col rounded-lg border-4 border-amber-400 ${big ? 'gap-3 bg-white p-5 text-slate-950' : 'sticky top-0 z-10 max-h-[45vh] gap-1.5 overflow-y-auto bg-amber-50 p-3 shadow-lg'}`}
    >
      <div className="flex items-start justify-between gap-2">
        <p className={`font-semibold tracking-wide text-amber-700 uppercase ${big ? 'text-2xl' : 'text-sm'}`}>{t('spotlight.title')}</p>
        {onClose && (
          <button
            type="button"
            className="rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-100"
            onClick={onClose}
          >
            {t('spotlight.end')}
          </button>
        )}
      </div>
      {spot.card.key && (
        <p className={`font-mono font-bold text-slate-600 ${big ? 'text-3xl' : 'text-sm'}`} data-testid="spotlight-key">
          {spot.card.key}
        </p>
      )}
      <h2 className={`font-bold break-words ${big ? 'text-[40px] leading-tight' : 'text-xl leading-snug'}`} data-testid="spotlight-title">
        {spot.card.title}
      </h2>
      <p className={big ? 'text-[32px] font-semibold' : 'text-base font-semibold'} data-testid="spotlight-where">
        {t('spotlight.now', { bucket: where(spot.at) })}
        {spot.flag && (
          <span className={`ml-3 inline-block rounded bg-rose-600 px-2 align-middle text-white ${big ? 'text-2xl' : 'text-sm'}`}>
            {t(`flagReason.${spot.flag}`)}
          </span>
        )}
      </p>
      {spot.path.length > 1 && (
        <p className={big ? 'text-[28px] text-slate-700' : 'text-sm text-slate-700'} data-testid="spotlight-path">
          {t('spotlight.path', { path: spot.path.map(where).join(' → ') })}
        </p>
      )}
      <div
        className={`min-h-0 overflow-y-auto whitespace-pre-line text-slate-800 ${big ? 'text-2xl leading-snug' : 'max-h-40 text-sm'}`}
        data-testid="spotlight-description"
      >
        {log === null ? '' : log.description || t('detail.noDescription')}
      </div>
    </section>
  );
}
