'use client';
import { useEffect, useRef, useState } from 'react';
import type { Measure } from './projectorLayout';

/** The projector's chip font: condensed, so long titles need fewer lines (a self-hosted woff2, no network). */
export const CHIP_FONT = '"Roboto Condensed Variable", "Roboto Condensed", "Arial Narrow", sans-serif';
export const CHIP_WEIGHT = 500;

/** A text measurer on a canvas with the chip font, once that font has loaded; word widths are cached. */
export function useTextMeasure(): Measure | null {
  const [measure, setMeasure] = useState<Measure | null>(null);
  useEffect(() => {
    let live = true;
    const make = () => {
      const ctx = document.createElement('canvas').getContext('2d');
      if (!ctx || !live) return;
      const cache = new Map<string, number>();
      setMeasure(() => (text: string, px: number) => {
        const k = `${px}|${text}`;
        let w = cache.get(k);
        if (w === undefined) {
          ctx.font = `${CHIP_WEIGHT} ${px}px ${CHIP_FONT}`;
          w = ctx.measureText(text).width;
          cache.set(k, w);
        }
        return w;
      });
    };
    document.fonts.load(`${CHIP_WEIGHT} 100px ${CHIP_FONT}`).then(make, make);
    return () => {
      live = false;
    };
  }, []);
  return measure;
}

/** The size of an element, kept current with a ResizeObserver. */
export function useSize<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((s) => (s && Math.abs(s.width - width) < 0.5 && Math.abs(s.height - height) < 0.5 ? s : { width, height }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, size };
}
