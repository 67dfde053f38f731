'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { movePermission, totals } from '../../domain/board';
import { Header } from '../components/Header';
import { Board } from './Board';
import { CardHistory, Timeline } from './CardHistory';
import { DiscussionPanel } from './DiscussionPanel';
import { useDescribe } from './EventLine';
import { ExportLinks } from './ExportLinks';
import { ImportPanel } from './ImportPanel';
import { InvitePanel } from './InvitePanel';
import { JoinForm } from './JoinForm';
import { LockedNext } from './LockedNext';
import { PeoplePanel } from './PeoplePanel';
import { PhaseBar } from './PhaseBar';
import { SetupPanel } from './SetupPanel';
import { Spotlight } from './Spotlight';
import { useRoom } from './useRoom';
import { workshopLinkFor } from './identity';

function Notice({ tone, children, onClose }: { tone: 'warn' | 'error'; children: React.ReactNode; onClose?: () => void }) {
  const t = useTranslations('room');
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
      className={`flex items-center justify-between gap-2 rounded px-3 py-2 ${tone === 'error' ? 'bg-red-50 text-red-800' : 'bg-amber-100 text-amber-900'}`}
    >
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
  const [showTimeline, setShowTimeline] = useState(false);
  const describe = useDescribe(board ?? ({ people: {}, cards: [], scale: { buckets: [] } } as never));

  if (state.status === 'failed' || state.status === 'removed') {
    return (
      <>
        <Header />
        <p role="alert" className="mx-auto mt-16 max-w-md rounded bg-red-50 p-4 text-red-800">
          {state.status === 'removed'
            ? t('removed')
            : state.error?.code === 'unknown_session'
              ? t('unknownSession')
              : t('joinFailed', { message: state.error?.message ?? '' })}
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
  const calibrateLink = facilitator ? workshopLinkFor(sessionId, state.meta.workshopId, 'calibration') : null;
  const remote = state.remote && state.remote.event.type === 'card.moved' ? describe(state.remote) : '';

  return (
    <>
      <Header>
        {/* one planning entry: the workshop's own pages (the standalone what-if is offered after lock, to the facilitator) */}
        {facilitator && workshopLink && (
          <a href={workshopLink} className="text-sm text-indigo-700 underline" data-testid="workshop-link">
            {t('workshopLink')}
          </a>
        )}
        <a href={`/room/${sessionId}/projector`} target="_blank" rel="noreferrer" className="text-sm text-indigo-700 underline">
          {t('projector')}
        </a>
        {facilitator && <ExportLinks sessionId={sessionId} />}
        {facilitator && (
          <button type="button" className="text-sm text-indigo-700 underline" onClick={() => setShowTimeline(true)}>
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
        {board.next && board.next.sessionId !== sessionId && (
          <p
            role="status"
            className="flex flex-wrap items-center gap-3 rounded-lg bg-indigo-600 px-3 py-2 text-white"
            data-testid="next-session"
          >
            {t('nextSession.text', { name: board.next.name })}
            <a href={`/room/${board.next.sessionId}`} className="rounded bg-white px-3 py-1 font-medium text-indigo-700">
              {t('nextSession.join')}
            </a>
          </p>
        )}
        <PhaseBar board={board} facilitator={facilitator} api={api} />
        {board.settings.anonymous && board.phase !== 'locked' && (
          <p className="text-sm text-slate-600" data-testid="anonymous-note">
            {t('anonymousNote')}
          </p>
        )}
        {board.phase === 'locked' && <LockedNext facilitator={facilitator} calibrateLink={calibrateLink} total={sum.total} />}
        {board.phase === 'discussion' && board.spotlight && (
          <Spotlight
            board={board}
            history={api.history}
            {...(facilitator ? { onClose: () => void api.command({ type: 'card.spotlight', cardId: null }) } : {})}
          />
        )}
        {state.status === 'offline' && <Notice tone="warn">{t('offline')}</Notice>}
        {state.discarded.length > 0 && (
          <Notice tone="warn" onClose={api.dismissDiscarded}>
            {t('discarded', { count: state.discarded.length })}
          </Notice>
        )}
        {state.error && (
          <Notice tone="error" onClose={api.dismissError}>
            {t('moveFailed', {
              message: t.has(`errors.${state.error.code}`) ? t(`errors.${state.error.code}` as 'errors.internal') : state.error.message,
            })}
          </Notice>
        )}
        <div className="flex flex-col gap-2 2xl:flex-row">
          <div className="min-w-0 flex-1">
            <Board
              board={board}
              myId={me.participantId}
              dragging={state.dragging}
              anonymous={board.settings.anonymous && board.phase !== 'locked'}
              canMove={(cardId) => movePermission(board, actor, cardId) === null}
              onMove={api.move}
              onHover={api.hover}
              onOpen={setOpen}
            />
          </div>
          <aside className="grid gap-2 md:grid-cols-2 2xl:flex 2xl:w-80 2xl:shrink-0 2xl:flex-col">
            {facilitator && (
              <InvitePanel
                sessionId={sessionId}
                joinCode={state.meta.joinCode}
                open={board.phase === 'setup' || board.phase === 'sorting'}
              />
            )}
            {facilitator && board.phase === 'setup' && <SetupPanel board={board} api={api} />}
            {facilitator && board.phase === 'setup' && <ImportPanel sessionId={sessionId} />}
            {(board.phase === 'discussion' || sum.flagged > 0) && (
              <DiscussionPanel board={board} api={api} facilitator={facilitator} onOpen={setOpen} />
            )}
            <PeoplePanel board={board} online={state.online} myId={me.participantId} facilitator={facilitator} api={api} />
          </aside>
        </div>
        <p className="sr-only" aria-live="polite">
          {remote}
        </p>
      </main>
      {open && <CardHistory board={board} cardId={open} api={api} facilitator={facilitator} onClose={() => setOpen(null)} />}
      {showTimeline && <Timeline board={board} api={api} onClose={() => setShowTimeline(false)} />}
    </>
  );
}
