'use client';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { cardsIn, totals } from '../../domain/board';
import { TimerDisplay } from './Timer';
import { useRoom } from './useRoom';

/** Read-only presentation for a room's projector: large type, high contrast, a QR code to join. */
export function Projector({ sessionId }: { sessionId: string }) {
  const t = useTranslations('room');
  const { state, board } = useRoom(sessionId, 'watch');
  const [qr, setQr] = useState<string | null>(null);
  const [sound, setSound] = useState(false);
  const code = state.meta?.joinCode;
  const joinUrl = code && typeof window !== 'undefined' ? `${window.location.origin}/j/${code}` : null;
  useEffect(() => {
    if (joinUrl) void QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(setQr);
  }, [joinUrl]);

  if (!board || !state.meta) {
    return (
      <main className="flex h-screen items-center justify-center bg-slate-950 text-4xl text-white" role="status">
        {state.status === 'failed' ? t('unknownSession') : t('connecting')}
      </main>
    );
  }
  const sum = totals(board);
  return (
    <main className="flex h-screen flex-col gap-4 overflow-hidden bg-slate-950 p-6 text-white" data-testid="projector">
      <header className="flex items-center gap-8">
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-4xl font-bold">{state.meta.workshopName}</h1>
          <p className="text-3xl font-semibold text-amber-300" data-testid="projector-phase">
            {t(`phase.${board.phase}`)}
          </p>
        </div>
        <dl className="flex gap-8 text-center">
          <div>
            <dt className="text-xl text-slate-300">{t('placed')}</dt>
            <dd className="text-5xl font-bold tabular-nums" data-testid="projector-placed">
              {sum.placed}
            </dd>
          </div>
          <div>
            <dt className="text-xl text-slate-300">{t('unplaced')}</dt>
            <dd className="text-5xl font-bold tabular-nums" data-testid="projector-unplaced">
              {sum.unplaced}
            </dd>
          </div>
          <div>
            <dt className="text-xl text-slate-300">{t('flagged')}</dt>
            <dd className={`text-5xl font-bold tabular-nums ${sum.flagged > 0 ? 'text-rose-400' : 'text-white'}`} data-testid="projector-flagged">
              {sum.flagged}
            </dd>
          </div>
          <div>
            <dt className="text-xl text-slate-300">{t('total', { total: '' }).trim()}</dt>
            <dd className="text-5xl font-bold tabular-nums">{sum.total}</dd>
          </div>
        </dl>
        <TimerDisplay timer={board.timer} clockOffset={state.clockOffset} big sound={sound} />
        <button type="button" onClick={() => setSound((s) => !s)} className="rounded border border-slate-600 px-3 py-2 text-lg text-slate-300" aria-pressed={sound}>
          {sound ? t('projectorSoundOn') : t('projectorSoundOff')}
        </button>
      </header>
      <div className="flex min-h-0 flex-1 gap-4">
        <div className="grid min-h-0 flex-1 gap-2" style={{ gridTemplateColumns: `repeat(${board.scale.buckets.length}, minmax(0, 1fr))` }}>
          {board.scale.buckets.map((b) => {
            const cards = cardsIn(board, b.id);
            const tot = sum.byBucket[b.id];
            return (
              <section key={b.id} className="flex min-h-0 flex-col rounded-lg bg-slate-800 p-2" aria-label={b.label} data-bucket={b.id}>
                <h2 className="text-center text-5xl font-black">{b.label}</h2>
                <p className="text-center text-xl text-slate-300">{b.value === null ? t('count', { count: tot?.count ?? 0 }) : `${t('count', { count: tot?.count ?? 0 })} · ${tot?.sum ?? 0}`}</p>
                <ul className="mt-2 flex min-h-0 flex-col gap-1 overflow-hidden">
                  {cards.map((c) => (
                    <li key={c.id} data-card-id={c.id} className={`line-clamp-2 rounded px-2 py-1 text-lg leading-tight font-medium ${board.flags[c.id] ? 'bg-rose-600 text-white' : 'bg-white text-slate-950'}`}>
                      {c.title}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
        <aside className="flex w-72 shrink-0 flex-col items-center gap-3 rounded-lg bg-white p-4 text-slate-950">
          <p className="text-2xl font-bold">{t('scanToJoin')}</p>
          {qr && <img alt={joinUrl ?? ''} src={`data:image/svg+xml;utf8,${encodeURIComponent(qr)}`} className="w-full" />}
          <p className="text-center text-lg">{t('joinCodeLabel', { url: typeof window !== 'undefined' ? window.location.host + '/j' : '' })}</p>
          <p className="font-mono text-5xl font-black tracking-widest" data-testid="join-code">
            {code}
          </p>
          <p className="mt-auto text-center text-xl">{t('pile')}</p>
          <p className="text-5xl font-bold tabular-nums">{cardsIn(board, null).length}</p>
        </aside>
      </div>
    </main>
  );
}
