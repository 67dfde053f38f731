'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { Timer as TimerModel } from '../../domain/board';

const fmt = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** A short triple beep; browsers allow it once the page has had a user gesture, projectors usually have. */
function beep() {
  try {
    const ctx = new AudioContext();
    [0, 0.35, 0.7].forEach((at) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.3, ctx.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + at + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + 0.3);
    });
  } catch {
    // no audio device: the visual signal remains
  }
}

export function TimerDisplay({
  timer,
  clockOffset,
  big,
  sound,
}: {
  timer: TimerModel | null;
  clockOffset: number;
  big?: boolean;
  sound?: boolean;
}) {
  const t = useTranslations('room.timer');
  const [now, setNow] = useState(() => Date.now());
  const rang = useRef<number | null>(null);
  useEffect(() => {
    if (!timer) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [timer]);
  const left = timer ? timer.endsAt - (now + clockOffset) : 0;
  const up = !!timer && left <= 0;
  useEffect(() => {
    if (up && sound && timer && rang.current !== timer.endsAt) {
      rang.current = timer.endsAt;
      beep();
    }
  }, [up, sound, timer]);
  if (!timer) return null;
  return (
    <div
      role="timer"
      aria-live={up ? 'assertive' : 'off'}
      data-testid="timer"
      className={`rounded-lg font-mono font-bold tabular-nums ${big ? 'px-6 py-2 text-6xl' : 'px-3 py-1 text-xl'} ${up ? 'animate-pulse bg-rose-600 text-white' : left < 60_000 ? 'bg-amber-200 text-amber-950' : 'bg-slate-800 text-white'}`}
    >
      {up ? t('up') : big ? fmt(left) : t('remaining', { time: fmt(left) })}
    </div>
  );
}

export function TimerControl({
  running,
  defaultSeconds,
  onStart,
  onStop,
}: {
  running: boolean;
  defaultSeconds: number;
  onStart: (s: number) => void;
  onStop: () => void;
}) {
  const t = useTranslations('room.timer');
  const [minutes, setMinutes] = useState(Math.round(defaultSeconds / 60));
  if (running) {
    return (
      <button type="button" onClick={onStop} className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100">
        {t('stop')}
      </button>
    );
  }
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        onStart(Math.max(10, Math.round(minutes * 60)));
      }}
    >
      <label className="sr-only" htmlFor="timer-minutes">
        {t('minutes')}
      </label>
      <input
        id="timer-minutes"
        type="number"
        min={1}
        max={120}
        value={minutes}
        onChange={(e) => setMinutes(Number(e.target.value))}
        className="w-16 rounded border border-slate-300 px-2 py-1 text-sm"
        aria-label={t('minutes')}
      />
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100">
        {t('start')}
      </button>
    </form>
  );
}
