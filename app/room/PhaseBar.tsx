'use client';
import { useTranslations } from 'use-intl';
import { PHASES, type BoardState, type Phase } from '../../domain/board';
import type { RoomApi } from './useRoom';
import { TimerControl, TimerDisplay } from './Timer';

export function PhaseBar({ board, facilitator, api }: { board: BoardState; facilitator: boolean; api: RoomApi }) {
  const t = useTranslations('room');
  const i = PHASES.indexOf(board.phase);
  const prev: Phase | undefined = PHASES[i - 1];
  const next: Phase | undefined = PHASES[i + 1];
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
                <TimerControl running={!!board.timer} defaultSeconds={board.settings.timebox[board.phase] ?? 600} onStart={(seconds) => void api.command({ type: 'timer.start', seconds })} onStop={() => void api.command({ type: 'timer.stop' })} />
              )}
              {board.phase === 'sorting' && (
                <button type="button" title={t('dealHint')} onClick={() => void api.command({ type: 'cards.deal' })} className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100">
                  {t('deal')}
                </button>
              )}
              {prev && (
                <button type="button" onClick={() => void api.command({ type: 'phase.set', phase: prev })} className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100">
                  {t('back', { phase: t(`phase.${prev}`) })}
                </button>
              )}
              {next && (
                <button type="button" onClick={() => void api.command({ type: 'phase.set', phase: next })} className="rounded bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700">
                  {t('next', { phase: t(`phase.${next}`) })}
                </button>
              )}
            </>
          )}
        </div>
      </div>
      <p className="text-sm text-slate-700">{t(`phaseHint.${board.phase}`)}</p>
    </div>
  );
}
