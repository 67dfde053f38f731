'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { movePermission, totals } from '../../domain/board';
import { Header } from '../components/Header';
import { Board } from './Board';
import { CardHistory } from './CardHistory';
import { Dialog } from './Dialog';
import { DiscussionPanel } from './DiscussionPanel';
import { EventList, useDescribe } from './EventLine';
import { ExportLinks } from './ExportLinks';
import { ImportPanel } from './ImportPanel';
import { JoinForm } from './JoinForm';
import { PeoplePanel } from './PeoplePanel';
import { PhaseBar } from './PhaseBar';
import { SetupPanel } from './SetupPanel';
import { useRoom } from './useRoom';
import { workshopLinkFor } from './identity';
import type { VersionedEvent } from '../../domain/board';

function Notice({ tone, children, onClose }: { tone: 'warn' | 'error'; children: React.ReactNode; onClose?: () => void }) {
  const t = useTranslations('room');
  return (
    <p role={tone === 'error' ? 'alert' : 'status'} className={`flex items-center justify-between gap-2 rounded px-3 py-2 ${tone === 'error' ? 'bg-red-50 text-red-800' : 'bg-amber-100 text-amber-900'}`}>
      {children}
      {onClose && (
        <button type="button" onClick={onClose} className="rounded px-2 hover:bg-black/5">
          {t('ok')}
        </button>
      )}
    </p>
  );
}

export function Room({ sessionId }: { sessionId: string }) {
  const t = useTranslations('room');
  const api = useRoom(sessionId);
  const { state, board } = api;
  const [open, setOpen] = useState<string | null>(null);
  const [events, setEvents] = useState<VersionedEvent[] | null>(null);
  const describe = useDescribe(board ?? ({ people: {}, cards: [], scale: { buckets: [] } } as never));

  if (state.status === 'failed' || state.status === 'removed') {
    return (
      <>
        <Header />
        <p role="alert" className="mx-auto mt-16 max-w-md rounded bg-red-50 p-4 text-red-800">
          {state.status === 'removed' ? t('removed') : state.error?.code === 'unknown_session' ? t('unknownSession') : t('joinFailed', { message: state.error?.message ?? '' })}
        </p>
      </>
    );
  }
  if (state.status === 'needName') {
    return (
      <>
        <Header />
        <JoinForm onJoin={(name, observer) => api.join(name, observer)} />
      </>
    );
  }
  if (!board || !state.meta || !state.me) {
    return (
      <>
        <Header />
        <p className="mt-16 text-center text-slate-600" role="status">
          {t('connecting')}
        </p>
      </>
    );
  }

  const me = state.me;
  const role = board.people[me.participantId]?.role ?? me.role;
  const facilitator = role === 'facilitator';
  const actor = { personId: me.participantId, role };
  const sum = totals(board);
  const workshopLink = facilitator ? workshopLinkFor(sessionId, state.meta.workshopId) : null;
  const remote = state.remote && state.remote.event.type === 'card.moved' ? describe(state.remote) : '';

  return (
    <>
      <Header>
        <a href={`/plan?ap=${sum.total}`} className="text-sm text-indigo-700 underline" data-testid="plan-link">
          {t('planLink')}
        </a>
        <a href={`/room/${sessionId}/projector`} target="_blank" rel="noreferrer" className="text-sm text-indigo-700 underline">
          {t('projector')}
        </a>
        {facilitator && <ExportLinks sessionId={sessionId} />}
        {facilitator && workshopLink && (
          <a href={workshopLink} className="text-sm text-indigo-700 underline" data-testid="workshop-link">
            {t('workshopLink')}
          </a>
        )}
        {facilitator && (
          <button type="button" className="text-sm text-indigo-700 underline" onClick={() => void api.timeline().then(setEvents)}>
            {t('timeline')}
          </button>
        )}
      </Header>
      <main className="flex flex-col gap-2 p-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-xl font-semibold">
            {state.meta.workshopName} <span className="font-normal text-slate-500">· {state.meta.sessionName}</span>
          </h1>
          <p className="flex flex-wrap gap-4 text-sm">
            <span data-testid="me">
              {t(role)}: {board.people[me.participantId]?.name ?? me.name}
            </span>
            <span data-testid="placed">{t('placedOf', { placed: sum.placed, all: board.cards.length })}</span>
            <span data-testid="flagged-count">{t('flaggedCount', { count: sum.flagged })}</span>
            <strong data-testid="total">{t('total', { total: sum.total })}</strong>
          </p>
        </div>
        <PhaseBar board={board} facilitator={facilitator} api={api} />
        {state.status === 'offline' && <Notice tone="warn">{t('offline')}</Notice>}
        {state.discarded.length > 0 && (
          <Notice tone="warn" onClose={api.dismissDiscarded}>
            {t('discarded', { count: state.discarded.length })}
          </Notice>
        )}
        {state.error && (
          <Notice tone="error" onClose={api.dismissError}>
            {t('moveFailed', { message: t.has(`errors.${state.error.code}`) ? t(`errors.${state.error.code}` as 'errors.internal') : state.error.message })}
          </Notice>
        )}
        <div className="flex flex-col gap-2 2xl:flex-row">
          <div className="min-w-0 flex-1">
            <Board
              board={board}
              myId={me.participantId}
              dragging={state.dragging}
              canMove={(cardId) => movePermission(board, actor, cardId) === null}
              onMove={api.move}
              onHover={api.hover}
              onOpen={setOpen}
            />
          </div>
          <aside className="grid gap-2 md:grid-cols-2 2xl:flex 2xl:w-80 2xl:shrink-0 2xl:flex-col">
            {facilitator && board.phase === 'setup' && <SetupPanel board={board} api={api} />}
            {facilitator && board.phase === 'setup' && <ImportPanel sessionId={sessionId} />}
            {(board.phase === 'discussion' || sum.flagged > 0) && <DiscussionPanel board={board} api={api} facilitator={facilitator} onOpen={setOpen} />}
            <PeoplePanel board={board} online={state.online} myId={me.participantId} facilitator={facilitator} api={api} />
          </aside>
        </div>
        <p className="sr-only" aria-live="polite">
          {remote}
        </p>
      </main>
      {open && <CardHistory board={board} cardId={open} api={api} facilitator={facilitator} onClose={() => setOpen(null)} />}
      {events && (
        <Dialog title={t('timeline')} onClose={() => setEvents(null)}>
          <EventList board={board} events={events.filter((e) => e.event.type !== 'card.added' && e.event.type !== 'session.created')} empty={t('historyEmpty')} />
        </Dialog>
      )}
    </>
  );
}
