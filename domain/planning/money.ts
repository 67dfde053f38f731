import { minorDigits } from './currencies';

// Money is an integer count of minor units (cents for EUR, yen for JPY) plus an ISO code.
// Sums and products of safe integers are exact, so totals add up to the cent.

export type Money = { amountMinor: number; currency: string };

/** Round a non-negative amount half up to whole minor units, ignoring binary noise (2.4999999999999996 -> 3 is avoided: it is 2.5 -> 3). */
export function roundHalfUp(x: number): number {
  if (Number.isInteger(x)) return x;
  // below 1e14 snap to 15 significant digits first: 0.1 * 3 * 10 is 3.0000000000000004, meant 3
  const snapped = Math.abs(x) < 1e14 ? Number(x.toPrecision(15)) : x;
  return Math.floor(snapped + 0.5);
}

/** Product of integers, or null when it is not a safe integer (beyond 2^53 money is not exact). */
export function mulMinor(a: number, b: number): number | null {
  const p = a * b;
  return Number.isSafeInteger(p) ? p : null;
}

export function addMinor(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  const s = a + b;
  return Number.isSafeInteger(s) ? s : null;
}

/** Minor units as an exact decimal string: 38400000 EUR -> "384000.00", -5 EUR -> "-0.05". */
export function minorToDecimalString(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = String(Math.abs(amountMinor));
  if (digits === 0) return sign + abs;
  const padded = abs.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * PLAN-MON-4: display helper for the UI, e.g. formatMoney(38400000, 'EUR', 'de') -> "384.000,00 €".
 * Formats the exact decimal string, so large amounts never pass through a float division.
 */
export function formatMoney(amountMinor: number, currency = 'EUR', locale = 'en'): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError('amountMinor must be a safe integer');
  const digits = minorDigits(currency);
  const fmt = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return fmt.format(minorToDecimalString(amountMinor, currency) as Intl.StringNumericLiteral);
}
