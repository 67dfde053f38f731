import { z } from 'zod';
import { normalizeBlock, normalizeKey, normalizeLine } from './normalize';

/**
 * zod strings that are normalized first (normalize.ts), then checked: the length limit counts
 * the normalized text, and text that is empty afterwards (only spaces, invisible or control
 * characters) gets the given message. Use these at every edge: socket messages, HTTP bodies.
 */
export interface TextFieldOptions {
  max: number;
  /** the message for text that is empty after normalization */
  empty: string;
}

const check = (max: number, empty: string) =>
  z.string().min(1, `${empty} (spaces, invisible and control characters do not count)`).max(max, `at most ${max} characters`);

/** A single line: display names, titles, workshop and session names. */
export const lineText = ({ max, empty }: TextFieldOptions) =>
  z
    .string()
    .transform((s) => normalizeLine(s))
    .pipe(check(max, empty));

/** An identifier such as an issue key: a single line without joiners or variation selectors. */
export const keyText = ({ max, empty }: TextFieldOptions) => z.string().transform(normalizeKey).pipe(check(max, empty));

/** Several lines (descriptions); may be empty. */
export const blockText = ({ max }: { max: number }) =>
  z
    .string()
    .transform(normalizeBlock)
    .pipe(z.string().max(max, `at most ${max} characters`));
