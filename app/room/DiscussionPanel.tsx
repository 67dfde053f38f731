'use client';
import { useTranslations } from 'use-intl';
import type { BoardState } from '../../domain/board';
import type { RoomApi } from './useRoom';

/** The discussion queue: flagged cards in priority order, with why they were flagged. */
export function DiscussionPanel({ board, api, facilitator, onOpen }: { board: BoardState; api: RoomApi; facilitator: boolean; onOpen: (cardId: string) => void }) {
  const t = useTranslations('room');
  const flagged = board.cards.filter((c) => board.flags[c.id]);
  const where = (cardId: string) => {
    const at = board.placement[cardId] ?? null;
    return at === null ? t('pile') : (board.scale.buckets.find((b) => b.id === at)?.label ?? '?');
  };
  return (
    <section aria-labelledby="discussion-h" className="rounded-lg border border-rose-200 bg-white p-3" data-testid="discussion-queue">
      <h2 id="discussion-h" className="mb-2 font-semibold text-rose-900">
        {t('discussionQueue')} <span className="font-normal text-slate-600">({flagged.length})</span>
      </h2>
      {flagged.length === 0 && <p className="text-sm text-slate-600">{t('discussionEmpty')}</p>}
      <ol className="flex flex-col gap-2">
        {flagged.map((c) => (
          <li key={c.id} className="flex items-center justify-between gap-2 rounded border border-slate-200 px-2 py-1 text-sm">
            <button type="button" className="text-left underline decoration-dotted" onClick={() => onOpen(c.id)}>
              <span className="font-medium">{c.title}</span>{' '}
              <span className="text-slate-600">
                {'→ '}
                {where(c.id)} · {t(`flagReason.${board.flags[c.id]!}`)}
              </span>
            </button>
            {facilitator && board.phase === 'discussion' && (
              <button type="button" className="shrink-0 rounded bg-emerald-600 px-2 py-0.5 text-white" onClick={() => void api.command({ type: 'card.unflag', cardId: c.id })}>
                {t('unflag')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
