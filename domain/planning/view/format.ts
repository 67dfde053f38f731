// Display rounding for the /plan page. The engine never rounds for display; these do,
// with one rule each, so every figure on the page is rounded the same way.
import { isCurrencyCode, minorDigits } from '../currencies';
import { parseIsoDate } from '../dates';

/** Fraction digits for points (AP, SP, velocities): one below 100, none from 100 on. */
export function pointsDigits(x: number): number {
  return Math.abs(x) >= 100 ? 0 : 1;
}

/** Round half away from zero to `digits` decimals, ignoring binary noise (1.05 -> 1.1). */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = Number((Math.abs(x) * f).toPrecision(12));
  const r = Math.floor(scaled + 0.5) / f;
  return (x < 0 ? -r : r) + 0;
}

/** Sums of at least this many major units are shown without cents. */
export const WHOLE_MONEY_FROM = 1000;

/**
 * Minor units as the decimal string to display and its fraction digits: whole units (half up)
 * for large sums or when the cents are 0, else exact. String arithmetic: no float division.
 */
export function moneyForDisplay(amountMinor: number, currency: string): { decimal: string; digits: number } {
  const digits = isCurrencyCode(currency) ? minorDigits(currency) : 2;
  const sign = amountMinor < 0 ? '-' : '';
  const abs = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? abs : abs.slice(0, -digits);
  const frac = digits === 0 ? '' : abs.slice(-digits);
  if (digits === 0) return { decimal: sign + whole, digits: 0 };
  const cents = Number(frac);
  if (cents === 0) return { decimal: sign + whole, digits: 0 };
  if (Number(whole) >= WHOLE_MONEY_FROM) {
    const up = cents * 2 >= 10 ** digits;
    return { decimal: sign + (up ? (BigInt(whole) + 1n).toString() : whole), digits: 0 };
  }
  return { decimal: `${sign}${whole}.${frac}`, digits };
}

/** e.g. formatMoneyRounded(38400000, 'EUR', 'en') -> "€384,000"; 1250 EUR cents -> "€12.50". */
export function formatMoneyRounded(amountMinor: number, currency: string, locale: string): string {
  const { decimal, digits } = moneyForDisplay(amountMinor, currency);
  const code = isCurrencyCode(currency) ? currency : 'EUR';
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(decimal as Intl.StringNumericLiteral);
}

/** A plan date 'YYYY-MM-DD' as a Date at UTC midnight (format it with timeZone 'UTC'); null if not a date. */
export function isoDateToUtc(iso: string): Date | null {
  const days = parseIsoDate(iso);
  return days === null ? null : new Date(days * 86_400_000);
}

/** The Monday on or after a day (YYYY-MM-DD of a Date in UTC), the default sprint start. */
export function nextMonday(now: Date): string {
  const day = now.getUTCDay(); // 0 Sunday .. 6 Saturday
  const add = (8 - day) % 7;
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + add));
  return d.toISOString().slice(0, 10);
}

/**
 * The last working day (Monday to Friday) on or before a date. Sprints are calendar blocks, so a
 * two-week sprint that starts on a Monday ends on a Sunday; the work is delivered on the Friday.
 */
export function lastWorkingDay(iso: string): string | null {
  const days = parseIsoDate(iso);
  if (days === null) return null;
  const weekday = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  const back = weekday === 0 ? 2 : weekday === 6 ? 1 : 0;
  return new Date((days - back) * 86_400_000).toISOString().slice(0, 10);
}
