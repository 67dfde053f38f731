/**
 * Text that people type or import (display names, titles, workshop and session names, keys,
 * descriptions) is normalized once, at the edge, so the board, the backlog table and the
 * exports all show the same characters (docs/hardening.md TEXT-*).
 *
 * - Unicode NFC (a decomposed "ü" from a macOS export equals the typed one).
 * - Control characters go; the whitespace ones (tab, line breaks, NEL) count as spaces.
 * - Invisible characters go: every Default_Ignorable_Code_Point (zero-width space, word joiner,
 *   soft hyphen, BOM, bidi marks, overrides and isolates, Hangul fillers, tag characters, ...)
 *   and the interlinear annotation controls, with three exceptions that keep real text intact:
 *   a zero-width joiner between two emoji (family, rainbow flag), ZWJ/ZWNJ between two letters
 *   of a script that needs them (Arabic, Persian, Indic), a variation selector right after a
 *   visible character (the emoji "❤️" vs the text "❤"), and a subdivision flag's tag sequence
 *   (🏴 + tags + cancel tag).
 * - At most MAX_MARKS combining marks on one character (no "Zalgo" text spilling over the board).
 * - Runs of white space (any Unicode space, and the blank-looking braille pattern U+2800)
 *   become one space; the ends are trimmed. `normalizeBlock` keeps line breaks and tabs instead.
 */

export const MAX_MARKS = 4;

const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\uFFF9-\uFFFB]/u;
const CONTROL = /\p{Cc}/u;
const SPACE = /[\p{White_Space}\u2800]/u;
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
const MARK = /\p{M}/u;
const VARIATION_SELECTOR = /\p{Variation_Selector}/u;
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}]/u;
const LETTER = /\p{L}/u;
/** scripts written without joiners: a ZWJ/ZWNJ between their letters is only a way to hide something */
const NO_JOINER_SCRIPT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}]/u;
const ZWNJ = '\u200C';
const ZWJ = '\u200D';
const BLACK_FLAG = '\u{1F3F4}';
const CANCEL_TAG = '\u{E007F}';
const TAG_SPEC = /^[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]$/u;

export interface NormalizeOptions {
  /** keep line breaks (as \n) and the spacing inside lines: descriptions */
  block?: boolean;
  /** drop every joiner and variation selector too: keys are identifiers, not prose */
  identifier?: boolean;
}

const needsJoiner = (c: string | undefined) => c !== undefined && LETTER.test(c) && !MARK.test(c) && !NO_JOINER_SCRIPT.test(c);

/** The last kept character that is not a combining mark: the letter a virama or vowel sign belongs to. */
function baseOf(kept: readonly string[]): string | undefined {
  for (let i = kept.length - 1; i >= 0; i--) if (!MARK.test(kept[i]!)) return kept[i];
  return undefined;
}

/** Whether the invisible character at `i` is part of real text and stays (see the exceptions above). */
function keepInvisible(chars: readonly string[], i: number, kept: readonly string[], opts: NormalizeOptions): boolean {
  if (opts.identifier) return false;
  const c = chars[i]!;
  const prev = kept.at(-1);
  const next = chars[i + 1];
  if (c === ZWJ || c === ZWNJ) {
    const emojiBefore = prev !== undefined && (EMOJI.test(prev) || VARIATION_SELECTOR.test(prev));
    if (c === ZWJ && emojiBefore && next !== undefined && EMOJI.test(next)) return true;
    return needsJoiner(baseOf(kept)) && needsJoiner(next);
  }
  if (VARIATION_SELECTOR.test(c)) return prev !== undefined && !SPACE.test(prev) && !VARIATION_SELECTOR.test(prev) && !MARK.test(prev);
  return false;
}

/** The tag sequence of a subdivision flag starting at `i` (🏴 + 2-7 tag letters/digits + cancel tag), or 0. */
function flagTagLength(chars: readonly string[], i: number): number {
  if (chars[i] !== BLACK_FLAG) return 0;
  let j = i + 1;
  while (j < chars.length && TAG_SPEC.test(chars[j]!)) j++;
  const tags = j - i - 1;
  return tags >= 2 && tags <= 7 && chars[j] === CANCEL_TAG ? j - i + 1 : 0;
}

/**
 * Words of visible ASCII and Latin-1 (German included), single spaces between them: already
 * normal in every mode. Most titles are, and a backlog of 500 skips the per-character walk.
 */
const PLAIN = /^(?:[!-~\u00A1-\u00AC\u00AE-\u00FF]+ )*[!-~\u00A1-\u00AC\u00AE-\u00FF]+$/;

function clean(text: string, opts: NormalizeOptions): string {
  if (PLAIN.test(text)) return text;
  const chars = [...text.normalize('NFC')];
  const out: string[] = [];
  let marks = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const flag = flagTagLength(chars, i);
    if (flag > 0 && !opts.identifier) {
      out.push(...chars.slice(i, i + flag));
      i += flag - 1;
      marks = 0;
      continue;
    }
    if ((c === '\n' || c === '\t') && opts.block) {
      out.push(c);
      marks = 0;
      continue;
    }
    if (CONTROL.test(c)) {
      // tab and the line breaks are white space; the other controls are noise
      if (SPACE.test(c)) out.push(' ');
      continue;
    }
    if (INVISIBLE.test(c)) {
      if (keepInvisible(chars, i, out, opts)) out.push(c);
      continue;
    }
    if (MARK.test(c)) {
      if (++marks > MAX_MARKS) continue;
    } else marks = 0;
    out.push(SPACE.test(c) ? ' ' : c);
  }
  // removing a character can bring a letter and a mark together: compose again
  return out.join('').normalize('NFC');
}

/** One line: names, titles, keys. May be '' (the schemas refuse that with a clear message). */
export function normalizeLine(text: string, opts: Omit<NormalizeOptions, 'block'> = {}): string {
  return clean(text, opts).replace(/ {2,}/g, ' ').trim();
}

/** Several lines (descriptions): line breaks become \n, tabs and other spacing stay as typed, the whole is trimmed. */
export function normalizeBlock(text: string): string {
  return clean(text.replace(LINE_BREAK, '\n'), { block: true })
    .replace(/[ ]+\n/g, '\n')
    .trim();
}

/** Keys (issue keys, ids from a spreadsheet): one line, no joiners or variation selectors. */
export const normalizeKey = (text: string): string => normalizeLine(text, { identifier: true });
