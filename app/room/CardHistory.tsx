'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { BoardState, VersionedEvent } from '../../domain/board';
import { Dialog } from './Dialog';
import { EventList } from './EventLine';
import type { RoomApi } from './useRoom';

export function CardHistory({ board, cardId, api, facilitator, onClose }: { board: BoardState; cardId: string; api: RoomApi; facilitator: boolean; onClose: () => void }) {
  const t = useTranslations('room');
  const [events, setEvents] = useState<VersionedEvent[] | null>(null);
  const card = board.cards.find((c) => c.id === cardId);
  const version = board.version;
  useEffect(() => {
    void api.history(cardId).then(setEvents);
    // reload when the board moves on, so the log stays live while open
  }, [api, cardId, version]);
  if (!card) return null;
  const flag = board.flags[cardId];
  return (
    <Dialog title={t('historyOf', { card: card.title })} onClose={onClose}>
      {flag && <p className="mb-3 rounded bg-rose-50 px-3 py-2 text-rose-900">{`${t('flagged')}: ${t(`flagReason.${flag}`)}`}</p>}
      {events && <EventList board={board} events={events.filter((e) => e.event.type === 'card.moved' || e.event.type === 'card.flagged' || e.event.type === 'card.unflagged')} empty={t('historyEmpty')} />}
      {facilitator && board.phase !== 'locked' && (
        <div className="mt-4 flex gap-2">
          {flag ? (
            <button type="button" className="rounded bg-emerald-600 px-3 py-1 text-white" onClick={() => void api.command({ type: 'card.unflag', cardId })}>
              {t('unflag')}
            </button>
          ) : (
            <button type="button" className="rounded bg-rose-600 px-3 py-1 text-white" onClick={() => void api.command({ type: 'card.flag', cardId })}>
              {t('flag')}
            </button>
          )}
        </div>
      )}
    </Dialog>
  );
}
