'use client';
import { useTranslations } from 'use-intl';
import { totals } from '../../domain/board';
import { Header } from '../components/Header';
import { Board } from './Board';
import { JoinForm } from './JoinForm';
import { useRoom } from './useRoom';

export function Room({ sessionId }: { sessionId: string }) {
  const t = useTranslations('room');
  const { state, board, join, move, dismissError } = useRoom(sessionId);

  if (state.status === 'failed') {
    return (
      <>
        <Header />
        <p role="alert" className="mx-auto mt-16 max-w-md rounded bg-red-50 p-4 text-red-800">
          {state.error?.code === 'unknown_session' ? t('unknownSession') : t('joinFailed', { message: state.error?.message ?? '' })}
        </p>
      </>
    );
  }
  if (state.status === 'needName') {
    return (
      <>
        <Header />
        <JoinForm workshop={state.snapshot?.workshopName ?? ''} onJoin={join} />
      </>
    );
  }
  if (!board || !state.snapshot) {
    return (
      <>
        <Header />
        <p className="mt-16 text-center text-slate-600" role="status">
          {t('connecting')}
        </p>
      </>
    );
  }

  const sum = totals(board);
  const nameOf = (id: string | null) => state.participants.find((p) => p.id === id)?.name ?? '?';
  const titleOf = (id: string) => board.cards.find((c) => c.id === id)?.title ?? id;
  const bucketLabel = (id: string | null) => (id === null ? t('pile') : (board.scale.buckets.find((b) => b.id === id)?.label ?? id));
  const role = state.me?.role ?? 'participant';

  return (
    <>
      <Header>
        <span className="text-sm text-slate-700" data-testid="online">
          {t('participants', { count: state.online.length })}
        </span>
      </Header>
      <main className="flex flex-col gap-3 p-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-xl font-semibold">
            {state.snapshot.workshopName} <span className="font-normal text-slate-500">· {state.snapshot.sessionName}</span>
          </h1>
          <p className="flex gap-4 text-sm">
            <span>{t(role)}: {state.me?.name}</span>
            <span data-testid="placed">{t('placedOf', { placed: sum.placed, all: board.cards.length })}</span>
            <strong data-testid="total">{t('total', { total: sum.total })}</strong>
          </p>
        </div>
        {state.status === 'offline' && (
          <p role="status" className="rounded bg-amber-100 px-3 py-2 text-amber-900">
            {t('offline')}
          </p>
        )}
        {state.error && (
          <p role="alert" className="flex justify-between rounded bg-red-50 px-3 py-2 text-red-800">
            {t('moveFailed', { message: state.error.message })}
            <button type="button" onClick={dismissError} aria-label="×" className="px-2">
              ×
            </button>
          </p>
        )}
        <p className="text-sm text-slate-600">{t('dragHint')}</p>
        <Board board={board} canMove={role !== 'observer' && board.phase !== 'locked'} onMove={move} />
        <p className="sr-only" aria-live="polite">
          {state.remote ? t('announce.remoteMove', { name: nameOf(state.remote.by), card: titleOf(state.remote.cardId), target: bucketLabel(state.remote.to) }) : ''}
        </p>
      </main>
    </>
  );
}
