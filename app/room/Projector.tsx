'use client';
import '@fontsource-variable/roboto-condensed';
import QRCode from 'qrcode';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { flagOf, placementOf, sortingProgress, totals, type BoardState } from '../../domain/board';
import { GEOMETRY, projectorLayout, type Layout, type Measure } from './projectorLayout';
import { Spotlight } from './Spotlight';
import { TimerDisplay } from './Timer';
import { CHIP_FONT, CHIP_WEIGHT, useSize, useTextMeasure } from './useMeasure';
import { useRoom } from './useRoom';

/** px of a bucket's header: the value (48 px) and one line of count and sum (32 px); two lines while a spotlight takes room */
const HEADER = { label: 48, stats: 32, height: 86, twoLines: 122 };
const BUCKET_PAD_Y = 4;

function useQr(url: string | null) {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (url) void QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(setQr);
  }, [url]);
  return qr;
}

/** Read-only presentation for a room's projector: every title in full, large numbers, who is still sorting, the card under discussion. */
export function Projector({ sessionId }: { sessionId: string }) {
  const t = useTranslations('room');
  const { state, board, history } = useRoom(sessionId, 'watch');
  const [sound, setSound] = useState(false);
  const code = state.meta?.joinCode;
  const joinUrl = code && typeof window !== 'undefined' ? `${window.location.origin}/j/${code}` : null;
  const qr = useQr(joinUrl);

  if (!board || !state.meta) {
    return (
      <main className="flex h-screen items-center justify-center bg-slate-950 text-4xl text-white" role="status">
        {state.status === 'failed' ? t('unknownSession') : t('connecting')}
      </main>
    );
  }
  const sum = totals(board);
  const joined = Object.keys(board.people).length;
  const offline = state.status === 'offline';
  const qrImg = qr ? <img alt={joinUrl ?? ''} src={`data:image/svg+xml;utf8,${encodeURIComponent(qr)}`} className="h-full w-full" /> : null;
  const stat = (label: string, value: number | string, testId: string, tone = '') => (
    <div className="text-center">
      <dt className="text-base leading-tight text-slate-300">{label}</dt>
      <dd className={`text-[40px] leading-none font-bold tabular-nums ${tone}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <main
      className="relative flex h-screen flex-col gap-2 overflow-hidden bg-slate-950 p-3 text-white"
      data-testid="projector"
      data-status={state.status}
    >
      {offline && (
        <p
          role="alert"
          data-testid="projector-offline"
          className="absolute inset-x-0 top-0 z-10 bg-rose-600 py-2 text-center text-[32px] font-bold"
        >
          {t('projectorOffline')}
        </p>
      )}
      <header className="flex h-16 shrink-0 items-center gap-6">
        <div className="min-w-0 flex-1">
          <p className="truncate text-lg leading-tight text-slate-300">
            {state.meta.workshopName} · {state.meta.sessionName}
          </p>
          <p className="text-[36px] leading-tight font-bold text-amber-300" data-testid="projector-phase">
            {t(`phase.${board.phase}`)}
          </p>
        </div>
        <dl className="flex gap-6">
          {stat(t('joined'), joined, 'projector-joined')}
          {stat(t('unplaced'), sum.unplaced, 'projector-unplaced')}
          {stat(t('placed'), sum.placed, 'projector-placed')}
          {stat(t('flagged'), sum.flagged, 'projector-flagged', sum.flagged > 0 ? 'text-rose-400' : '')}
          {stat(t('total', { total: '' }).trim(), sum.total, 'projector-total')}
        </dl>
        <TimerDisplay timer={board.timer} clockOffset={state.clockOffset} big sound={sound} />
        {board.phase !== 'setup' && (
          <div className="flex items-center gap-2">
            <div className="text-right">
              <p className="text-base leading-tight text-slate-300">{t('joinCodeShort')}</p>
              <p className="font-mono text-[32px] leading-none font-black tracking-widest" data-testid="join-code">
                {code}
              </p>
            </div>
            <div className="h-16 w-16 rounded bg-white p-0.5">{qrImg}</div>
          </div>
        )}
        <button
          type="button"
          onClick={() => setSound((s) => !s)}
          className="rounded border border-slate-600 px-2 py-1 text-base text-slate-300"
          aria-pressed={sound}
        >
          {sound ? t('projectorSoundOn') : t('projectorSoundOff')}
        </button>
      </header>
      {board.phase === 'sorting' && <Progress board={board} />}
      <div className="flex min-h-0 flex-1 gap-3">
        <Buckets board={board} />
        {board.phase === 'setup' && (
          <aside className="flex w-[420px] shrink-0 flex-col items-center gap-3 rounded-lg bg-white p-5 text-slate-950">
            <p className="text-[32px] font-bold">{t('scanToJoin')}</p>
            <div className="w-full">{qrImg}</div>
            <p className="text-center text-2xl">
              {t('joinCodeLabel', { url: typeof window !== 'undefined' ? window.location.host + '/j' : '' })}
            </p>
            <p className="font-mono text-6xl font-black tracking-widest" data-testid="join-code">
              {code}
            </p>
          </aside>
        )}
        {board.phase === 'discussion' && board.spotlight && (
          <aside className="flex w-[440px] shrink-0 flex-col">
            <Spotlight board={board} history={history} big />
          </aside>
        )}
      </div>
    </main>
  );
}

/** Who still holds cards in silent sorting, or "everyone done" (PROJ-3). */
function Progress({ board }: { board: BoardState }) {
  const t = useTranslations('room');
  const p = sortingProgress(board);
  const busy = p.people.filter((x) => x.left > 0);
  return (
    <p className="shrink-0 text-[22px] leading-snug" data-testid="projector-progress">
      {p.everyoneDone ? (
        <strong className="text-emerald-300">{t('progress.everyoneDone')}</strong>
      ) : (
        <>
          <strong className="text-amber-300">{t('progress.stillSorting', { count: p.sorting })}</strong>
          {': '}
          {busy.map((x, i) => (
            <span key={x.person.id}>
              {i > 0 ? ' · ' : ''}
              <span className="whitespace-nowrap">
                {x.person.name} <span className="font-bold tabular-nums">{x.left}</span>
              </span>
            </span>
          ))}
          <span className="text-slate-400">{` · ${t('progress.done', { count: p.people.length - p.sorting })}`}</span>
        </>
      )}
    </p>
  );
}

/** What a bucket's header needs: its value and "count · sum" (one or two lines) must never be cut either. */
function headerWidth(measure: Measure, label: string, stats: string[]) {
  return Math.max(measure(label, HEADER.label), ...stats.map((s) => measure(s, HEADER.stats))) * 1.15 + 2 * GEOMETRY.bucketPadX + 4;
}

function Buckets({ board }: { board: BoardState }) {
  const t = useTranslations('room');
  const measure = useTextMeasure();
  const { ref, size } = useSize<HTMLDivElement>();
  const sum = useMemo(() => totals(board), [board]);
  // the spotlight takes width: the headers give up a line of height instead
  const narrow = board.phase === 'discussion' && board.spotlight !== null;
  const headerHeight = narrow ? HEADER.twoLines : HEADER.height;
  const statsOf = (id: string, value: number | null): string[] => {
    const tot = sum.byBucket[id] ?? { count: 0, sum: 0 };
    if (value === null) return [String(tot.count)];
    return narrow ? [String(tot.count), `Σ${tot.sum}`] : [`${tot.count} · Σ${tot.sum}`];
  };
  // only what the layout depends on: the titles per bucket (a stable key, so presence or timer events change nothing)
  const key = board.scale.buckets
    .map(
      (b) =>
        `${b.id}:${board.cards
          .filter((c) => placementOf(board, c.id) === b.id)
          .map((c) => c.id)
          .join(',')}`,
    )
    .join('|');
  const contents = useMemo(
    () =>
      board.scale.buckets.map((b) => ({
        id: b.id,
        label: b.label,
        stats: statsOf(b.id, b.value),
        cards: board.cards.filter((c) => placementOf(board, c.id) === b.id),
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, board.cards, narrow],
  );
  // a burst of moves is laid out once it settles; React renders the last layout meanwhile
  const deferred = useDeferredValue(contents);
  const cache = useRef(new Map<string, { lanes: number; lane: number } | null>());
  const layout: Layout | null = useMemo(() => {
    if (!measure || !size) return null;
    return projectorLayout({
      width: size.width,
      // the last chip of a lane keeps its bottom margin
      height: size.height - headerHeight - 2 * BUCKET_PAD_Y - GEOMETRY.chipGap,
      buckets: deferred.map((c) => ({ id: c.id, titles: c.cards.map((x) => x.title), minWidth: headerWidth(measure, c.label, c.stats) })),
      measure,
      cache: cache.current,
      // while a card is discussed the spotlight is what the room reads; the board may get smaller type
      minFont: 8,
    });
  }, [deferred, measure, size, headerHeight]);
  const shown = layout && layout.buckets.length === contents.length ? deferred : contents;

  return (
    <div
      ref={ref}
      className="flex min-h-0 min-w-0 flex-1"
      style={{ gap: GEOMETRY.bucketGap }}
      data-testid="projector-board"
      data-font={layout?.fontPx}
      data-fits={layout?.fits}
    >
      {layout &&
        shown.map((c, i) => {
          const l = layout.buckets[i]!;
          return (
            <section
              key={c.id}
              aria-label={c.label}
              data-bucket={c.id}
              className="flex min-h-0 shrink-0 flex-col rounded-lg bg-slate-800"
              style={{ width: l.width, padding: `${BUCKET_PAD_Y}px ${GEOMETRY.bucketPadX}px` }}
            >
              <div className="flex shrink-0 flex-col items-center justify-center" style={{ height: headerHeight }}>
                <h2 className="leading-none font-black" style={{ fontSize: HEADER.label }}>
                  {c.label}
                </h2>
                {c.stats.map((line, j) => (
                  <p
                    key={j}
                    className="leading-tight font-bold whitespace-nowrap text-slate-300 tabular-nums"
                    style={{ fontSize: HEADER.stats }}
                    data-testid={j === 0 ? `projector-stats-${c.id}` : undefined}
                  >
                    {line}
                  </p>
                ))}
              </div>
              <ul
                className="min-h-0 flex-1"
                aria-label={t('count', { count: c.cards.length })}
                style={{
                  columnCount: l.lanes,
                  columnGap: GEOMETRY.laneGap,
                  columnFill: 'auto',
                  fontFamily: CHIP_FONT,
                  fontWeight: CHIP_WEIGHT,
                }}
              >
                {c.cards.map((card) => (
                  <li
                    key={card.id}
                    data-card-id={card.id}
                    data-chip=""
                    className={`rounded break-inside-avoid ${flagOf(board, card.id) ? 'bg-rose-600 text-white' : board.spotlight === card.id ? 'bg-amber-300 text-slate-950' : 'bg-white text-slate-950'}`}
                    style={{
                      fontSize: layout.fontPx,
                      lineHeight: `${layout.lineHeightPx}px`,
                      padding: `${GEOMETRY.chipPadY}px ${GEOMETRY.chipPadX}px`,
                      marginBottom: GEOMETRY.chipGap,
                      overflowWrap: 'normal',
                    }}
                  >
                    {card.title}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
    </div>
  );
}
