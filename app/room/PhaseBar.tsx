'use client';
import { useState } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import { moveOnNudge, PHASES, type BoardState, type Phase } from '../../domain/board';
import type { RoomApi } from './useRoom';
import { TimerControl, TimerDisplay } from './Timer';

const button = 'rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100';

/** "2026-12-04T17:00" in this browser's time zone, for a datetime-local input. */
const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/** Asynchronous silent sorting: open until a deadline days ahead (BOARD-ASYNC-1). */
function DeadlineControl({ board, api }: { board: BoardState; api: RoomApi }) {
  const t = useTranslations('room.deadline');
  const [value, setValue] = useState(() => localInput((board.deadline ?? Date.now() + 3 * 86_400_000) + 0));
  return (
    <form
      className="flex flex-wrap items-center gap-1 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const at = new Date(value).getTime();
        if (Number.isFinite(at)) void api.command({ type: 'deadline.set', at });
      }}
    >
      <label className="flex items-center gap-1">
        {t('label')}
        <input
          type="datetime-local"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="rounded border border-slate-300 px-1 py-0.5"
          data-testid="deadline-input"
        />
      </label>
      <button type="submit" className={button}>
        {board.deadline === null ? t('set') : t('change')}
      </button>
      {board.deadline !== null && (
        <button type="button" className={button} onClick={() => void api.command({ type: 'deadline.set', at: null })}>
          {t('clear')}
        </button>
      )}
    </form>
  );
}

export function PhaseBar({ board, facilitator, api }: { board: BoardState; facilitator: boolean; api: RoomApi }) {
  const t = useTranslations('room');
  const f = useFormatter();
  const [nudging, setNudging] = useState(false);
  const i = PHASES.indexOf(board.phase);
  const prev: Phase | undefined = PHASES[i - 1];
  const next: Phase | undefined = PHASES[i + 1];
  const nudge = moveOnNudge(board);
  const go = (phase: Phase) => {
    setNudging(false);
    void api.command({ type: 'phase.set', phase });
  };
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-2">
      <div className="flex flex-wrap items-center gap-2">
        <ol className="flex flex-wrap gap-1" aria-label={t('phase.' + board.phase)}>
          {PHASES.map((p, j) => (
            <li
              key={p}
              aria-current={p === board.phase ? 'step' : undefined}
              data-testid={p === board.phase ? 'current-phase' : undefined}
              className={`rounded-full px-3 py-1 text-sm ${p === board.phase ? 'bg-indigo-600 font-semibold text-white' : j < i ? 'bg-indigo-100 text-indigo-900' : 'bg-slate-100 text-slate-500'}`}
            >
              {t(`phase.${p}`)}
            </li>
          ))}
        </ol>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <TimerDisplay timer={board.timer} clockOffset={api.state.clockOffset} />
          {facilitator && (
            <>
              {board.phase !== 'locked' && board.phase !== 'setup' && (
                <TimerControl
                  running={!!board.timer}
                  defaultSeconds={board.settings.timebox[board.phase] ?? 600}
                  onStart={(seconds) => void api.command({ type: 'timer.start', seconds })}
                  onStop={() => void api.command({ type: 'timer.stop' })}
                />
              )}
              {board.phase === 'sorting' && (
                <button type="button" title={t('dealHint')} onClick={() => void api.command({ type: 'cards.deal' })} className={button}>
                  {t('deal')}
                </button>
              )}
              {prev && (
                <button type="button" onClick={() => go(prev)} className={button}>
                  {t('back', { phase: t(`phase.${prev}`) })}
                </button>
              )}
              {next && (
                <button
                  type="button"
                  onClick={() => (nudge && !nudging ? setNudging(true) : go(next))}
                  className="rounded bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700"
                >
                  {t('next', { phase: t(`phase.${next}`) })}
                </button>
              )}
            </>
          )}
        </div>
      </div>
      {facilitator && nudging && nudge && next && (
        <div
          role="alertdialog"
          aria-label={t('nudge.title')}
          className="flex flex-wrap items-center gap-2 rounded bg-amber-100 px-3 py-2 text-amber-950"
          data-testid="nudge"
        >
          <span className="font-medium">{t('nudge.text', { count: nudge.stillSorting, cards: nudge.cardsLeft })}</span>
          <button type="button" className="rounded bg-indigo-600 px-3 py-1 text-sm text-white" onClick={() => go(next)}>
            {t('nudge.moveOn')}
          </button>
          <button type="button" className={button} onClick={() => setNudging(false)}>
            {t('nudge.wait')}
          </button>
        </div>
      )}
      {board.deadline !== null && (
        <p className="text-sm font-medium text-indigo-900" data-testid="deadline">
          {t('deadline.open', {
            date: f.dateTime(new Date(board.deadline), {
              weekday: 'short',
              day: 'numeric',
              month: 'short',
              hour: '2-digit',
              minute: '2-digit',
            }),
          })}
        </p>
      )}
      {facilitator && (board.phase === 'setup' || board.phase === 'sorting') && <DeadlineControl board={board} api={api} />}
      <p className="text-sm text-slate-700">
        {t(board.deadline !== null && board.phase === 'sorting' ? 'phaseHint.sortingAsync' : `phaseHint.${board.phase}`)}
      </p>
    </div>
  );
}
