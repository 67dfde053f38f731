'use client';
import { useTranslations } from 'use-intl';
import { flagOf, placementOf, type BoardState } from '../../domain/board';
import type { RoomApi } from './useRoom';

/** The discussion queue: flagged cards in priority order, why they were flagged; the facilitator spotlights one at a time. */
export function DiscussionPanel({
  board,
  api,
  facilitator,
  onOpen,
}: {
  board: BoardState;
  api: RoomApi;
  facilitator: boolean;
  onOpen: (cardId: string) => void;
}) {
  const t = useTranslations('room');
  const flagged = board.cards.filter((c) => flagOf(board, c.id));
  const where = (cardId: string) => {
    const at = placementOf(board, cardId);
    return at === null ? t('pile') : (board.scale.buckets.find((b) => b.id === at)?.label ?? '?');
  };
  const discussing = board.phase === 'discussion';
  return (
    <section aria-labelledby="discussion-h" className="rounded-lg border border-rose-200 bg-white p-3" data-testid="discussion-queue">
      <h2 id="discussion-h" className="mb-2 font-semibold text-rose-900">
        {t('discussionQueue')} <span className="font-normal text-slate-600">({flagged.length})</span>
      </h2>
      {flagged.length === 0 && <p className="text-sm text-slate-600">{t('discussionEmpty')}</p>}
      <ol className="flex max-h-96 flex-col gap-2 overflow-y-auto">
        {flagged.map((c) => (
          <li
            key={c.id}
            className={`flex items-center justify-between gap-2 rounded border px-2 py-1 text-sm ${board.spotlight === c.id ? 'border-amber-400 bg-amber-50' : 'border-slate-200'}`}
          >
            <button type="button" className="min-w-0 text-left break-words underline decoration-dotted" onClick={() => onOpen(c.id)}>
              {c.key && <span className="font-mono text-xs whitespace-nowrap text-slate-500">{c.key}</span>}
              {c.key && ' '}
              <span className="font-medium">{c.title}</span>{' '}
              <span className="text-slate-600">
                {'→ '}
                {where(c.id)} · {t(`flagReason.${flagOf(board, c.id)!}`)}
              </span>
            </button>
            {facilitator && discussing && (
              <span className="flex shrink-0 gap-1">
                {board.spotlight !== c.id && (
                  <button
                    type="button"
                    className="rounded bg-amber-400 px-2 py-0.5 text-slate-950"
                    onClick={() => void api.command({ type: 'card.spotlight', cardId: c.id })}
                  >
                    {t('spotlight.show')}
                  </button>
                )}
                <button
                  type="button"
                  className="rounded bg-emerald-600 px-2 py-0.5 text-white"
                  onClick={() => void api.command({ type: 'card.unflag', cardId: c.id })}
                >
                  {t('unflag')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
