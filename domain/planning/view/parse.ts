// Turning what a user types into numbers for computePlan. Pure: no DOM, no React.
// A field that is not a number is passed on as the typed text, so computePlan reports it
// as `not_a_number` at the right path (one error path for every field).

export type Parsed = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid'; text: string };

/** The locale's decimal separator ('.' for en, ',' for de). */
export function decimalSeparator(locale: string): '.' | ',' {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

const SPACES = /[\s\u00a0\u202f'’]/g;
const SIGN = /^[-+\u2212]/;

function escape(c: string): string {
  return c === '.' ? '\\.' : c;
}

/**
 * A number as written in the locale: de "1.234,5", en "1,234.5". Forgiving where it is not
 * ambiguous: the other separator alone is a decimal point ("24.5" in German is 24.5) unless it
 * groups thousands ("390.000" in German is 390000, "390,000" in English too).
 */
export function parseDecimal(text: string, locale: string): Parsed {
  const raw = text.replace(SPACES, '');
  if (raw === '') return { kind: 'empty' };
  const invalid: Parsed = { kind: 'invalid', text };
  const signMatch = SIGN.exec(raw);
  const negative = signMatch !== null && signMatch[0] !== '+';
  const body = signMatch ? raw.slice(1) : raw;
  if (!/^[0-9.,]+$/.test(body) || !/[0-9]/.test(body)) return invalid;
  const dec = decimalSeparator(locale);
  const grp = dec === '.' ? ',' : '.';
  const count = (c: string) => body.split(c).length - 1;
  const grouped = new RegExp(`^\\d{1,3}(${escape(grp)}\\d{3})+$`);
  let normalized: string;
  if (count(dec) > 1) return invalid;
  if (count(grp) === 0) {
    normalized = body.replace(dec, '.');
  } else if (count(dec) === 1) {
    const [int = '', frac = ''] = body.split(dec);
    if (!grouped.test(int)) return invalid;
    normalized = `${int.split(grp).join('')}.${frac}`;
  } else if (grouped.test(body)) {
    normalized = body.split(grp).join('');
  } else if (count(grp) === 1) {
    normalized = body.replace(grp, '.'); // the other convention's decimal point
  } else {
    return invalid;
  }
  if (!/^\d*\.?\d*$/.test(normalized)) return invalid;
  const value = Number(normalized);
  if (!Number.isFinite(value)) return invalid;
  return { kind: 'number', value: negative ? -value : value + 0 };
}

/** A parsed number, the typed text when it is not one, or undefined when empty. */
export function numberOrText(text: string, locale: string): number | string | undefined {
  const p = parseDecimal(text, locale);
  return p.kind === 'empty' ? undefined : p.kind === 'number' ? p.value : text.trim();
}

/**
 * A list of past sprint velocities: "24, 22, 26" or "24 22 26" (decimals with a point), or
 * separated by semicolons, then each entry as written in the locale ("22,5; 24" in German).
 * Entries that are not numbers stay text (computePlan reports them by index).
 */
export function parseList(text: string, locale: string): (number | string)[] {
  const semicolons = text.includes(';');
  const tokens = semicolons ? text.split(';') : text.split(/[,\s]+/);
  return tokens
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => {
      const p = parseDecimal(t, semicolons ? locale : 'en');
      return p.kind === 'number' ? p.value : t;
    });
}

/** An amount in major units (800.5 EUR) as integer minor units (80050), half up; digits from the currency. */
export function toMinorUnits(value: number, digits: number): number {
  const scaled = Number((Math.abs(value) * 10 ** digits).toPrecision(15));
  const minor = Math.floor(scaled + 0.5);
  return value < 0 ? -minor : minor;
}
