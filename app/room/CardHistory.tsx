'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { flagOf, type BoardState, type VersionedEvent } from '../../domain/board';
import { Dialog } from './Dialog';
import { EventList } from './EventLine';
import type { RoomApi } from './useRoom';

const CARD_EVENTS = new Set(['card.moved', 'card.flagged', 'card.unflagged', 'card.spotlighted']);

/** A card's details: key, title, the description imported with it (fetched on demand), its move log a page at a time. */
export function CardHistory({
  board,
  cardId,
  api,
  facilitator,
  onClose,
}: {
  board: BoardState;
  cardId: string;
  api: RoomApi;
  facilitator: boolean;
  onClose: () => void;
}) {
  const t = useTranslations('room');
  const [log, setLog] = useState<{ events: VersionedEvent[]; more: boolean; description: string } | null>(null);
  const card = board.cards.find((c) => c.id === cardId);
  const version = board.version;
  const { history } = api;
  useEffect(() => {
    let live = true;
    // reload when the board moves on, so the log stays live while open
    void history(cardId).then((l) => live && setLog(l));
    return () => {
      live = false;
    };
  }, [history, cardId, version]);
  if (!card) return null;
  const flag = flagOf(board, cardId);
  const earlier = async () => {
    if (!log || log.events.length === 0) return;
    const page = await api.history(cardId, log.events[0]!.version);
    setLog({ ...log, events: [...page.events, ...log.events], more: page.more });
  };
  return (
    <Dialog title={t('detail.title', { card: card.title })} onClose={onClose}>
      <div className="flex flex-col gap-3" data-testid="card-detail">
        <div>
          {card.key && (
            <p className="font-mono text-sm font-semibold text-slate-600" data-testid="card-key">
              {card.key}
            </p>
          )}
          <p className="text-lg font-semibold break-words">{card.title}</p>
        </div>
        <div>
          <h3 className="text-sm font-semibold text-slate-600">{t('detail.description')}</h3>
          <p className="whitespace-pre-line break-words" data-testid="card-description">
            {log === null ? t('connecting') : log.description || t('detail.noDescription')}
          </p>
        </div>
        {flag && <p className="rounded bg-rose-50 px-3 py-2 text-rose-900">{`${t('flagged')}: ${t(`flagReason.${flag}`)}`}</p>}
        <div>
          <h3 className="mb-1 text-sm font-semibold text-slate-600">{t('history')}</h3>
          {log && <EventList board={board} events={log.events.filter((e) => CARD_EVENTS.has(e.event.type))} empty={t('historyEmpty')} />}
          {log?.more && (
            <button type="button" className="mt-2 text-sm text-indigo-700 underline" onClick={() => void earlier()}>
              {t('loadEarlier')}
            </button>
          )}
        </div>
        {facilitator && board.phase !== 'locked' && (
          <div className="flex flex-wrap gap-2">
            {flag ? (
              <button
                type="button"
                className="rounded bg-emerald-600 px-3 py-1 text-white"
                onClick={() => void api.command({ type: 'card.unflag', cardId })}
              >
                {t('unflag')}
              </button>
            ) : (
              <button
                type="button"
                className="rounded bg-rose-600 px-3 py-1 text-white"
                onClick={() => void api.command({ type: 'card.flag', cardId })}
              >
                {t('flag')}
              </button>
            )}
            {board.phase === 'discussion' && board.spotlight !== cardId && (
              <button
                type="button"
                className="rounded bg-amber-500 px-3 py-1 text-slate-950"
                onClick={() => void api.command({ type: 'card.spotlight', cardId }).then((a) => a.ok && onClose())}
              >
                {t('spotlight.show')}
              </button>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}

/** The session timeline, newest page first loaded, older pages on demand. */
export function Timeline({ board, api, onClose }: { board: BoardState; api: RoomApi; onClose: () => void }) {
  const t = useTranslations('room');
  const [page, setPage] = useState<{ events: VersionedEvent[]; more: boolean } | null>(null);
  const { timeline } = api;
  useEffect(() => {
    let live = true;
    void timeline().then((p) => live && setPage(p));
    return () => {
      live = false;
    };
  }, [timeline]);
  const earlier = async () => {
    if (!page || page.events.length === 0) return;
    const older = await api.timeline(page.events[0]!.version);
    setPage({ events: [...older.events, ...page.events], more: older.more });
  };
  return (
    <Dialog title={t('timeline')} onClose={onClose}>
      {page && (
        <>
          {page.more && (
            <button type="button" className="mb-2 text-sm text-indigo-700 underline" onClick={() => void earlier()}>
              {t('loadEarlier')}
            </button>
          )}
          <EventList
            board={board}
            events={page.events.filter((e) => e.event.type !== 'card.added' && e.event.type !== 'session.created')}
            empty={t('historyEmpty')}
          />
        </>
      )}
    </Dialog>
  );
}
