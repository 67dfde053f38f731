import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockText, jsonTooDeep, keyText, lineText, MAX_MARKS, normalizeBlock, normalizeKey, normalizeLine } from '../../../domain/text';

const cp = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));

describe('text normalization (docs/hardening.md TEXT-*)', () => {
  it('TEXT-1 NFC: a decomposed umlaut equals the typed one', () => {
    expect(normalizeLine('Mu\u0308ller')).toBe('Müller');
    expect(normalizeLine('Mu\u0308ller')).toBe(normalizeLine('Müller'));
  });

  it('TEXT-2 control characters go; tab and line breaks count as spaces', () => {
    expect(normalizeLine('a\u0000b\u0007c\u001Bd\u007Fe\u0090f')).toBe('abcdef');
    expect(normalizeLine('Login\tSSO\r\nnext\u0085line\u2028end')).toBe('Login SSO next line end');
  });

  it('TEXT-3 bidi overrides, isolates and marks go: an RLO cannot turn "txt.exe" around', () => {
    expect(normalizeLine('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(normalizeLine('\u2067Anna\u2069 \u200Fadmin\u200E \u061C')).toBe('Anna admin');
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(normalizeLine(`a${c}b`), cp(c).join()).toBe('ab');
    }
  });

  it('TEXT-3 zero-width and other invisible characters go, also inside Latin words', () => {
    expect(normalizeLine('ad\u200Bmin')).toBe('admin');
    expect(normalizeLine('ad\u200Dmin')).toBe('admin');
    expect(normalizeLine('ad\u200Cmin')).toBe('admin');
    expect(normalizeLine('\uFEFFBOM\u2060word\u00ADbreak\u034F')).toBe('BOMwordbreak');
    expect(normalizeLine('hidden\u{E0041}\u{E0042}tags')).toBe('hiddentags');
    expect(normalizeLine('a\uFFF9b\uFFFAc\uFFFBd')).toBe('abcd');
  });

  it('TEXT-3 emoji stay whole: ZWJ sequences, skin tones, VS16, keycaps, flags, subdivision flags', () => {
    for (const emoji of ['👨‍👩‍👧‍👦', '🏳️‍🌈', '👩🏽‍💻', '❤️', '1️⃣', '🇩🇪', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🧑‍🤝‍🧑']) {
      expect(cp(normalizeLine(`Team ${emoji} ok`)), emoji).toEqual(cp(`Team ${emoji} ok`));
    }
  });

  it('TEXT-3 a ZWJ that joins nothing goes, also next to an emoji', () => {
    expect(normalizeLine('🙂\u200D')).toBe('🙂');
    expect(normalizeLine('\u200D🙂')).toBe('🙂');
    expect(normalizeLine('🙂\u200D\u200D🙂')).toBe('🙂\u200D🙂');
    expect(normalizeLine('🙂\u200Da')).toBe('🙂a');
  });

  it('TEXT-3 joiners stay between letters of scripts that need them (Persian, Devanagari)', () => {
    const persian = 'می\u200Cخواهم';
    expect(normalizeLine(persian)).toBe(persian);
    const devanagari = 'क्\u200Dष';
    expect(normalizeLine(devanagari)).toBe(devanagari);
  });

  it('TEXT-3 a variation selector stays after a visible character, not alone or repeated', () => {
    expect(normalizeLine('\uFE0F')).toBe('');
    expect(normalizeLine('❤\uFE0F\uFE0F')).toBe('❤\uFE0F');
    expect(normalizeLine('a \uFE0Fb')).toBe('a b');
  });

  it('TEXT-4 white space runs (any Unicode space, Hangul filler, braille blank) become one space; ends trimmed', () => {
    expect(normalizeLine('  Login \u00A0\u2003 with\u3000SSO  ')).toBe('Login with SSO');
    expect(normalizeLine('\u3164\u2800\u115F\u1160\uFFA0')).toBe('');
    expect(normalizeLine('a\u3164b')).toBe('ab');
  });

  it(`TEXT-5 at most ${MAX_MARKS} combining marks on one character (Zalgo)`, () => {
    const zalgo = `Z${'\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308'.repeat(4)}algo`;
    const out = normalizeLine(zalgo);
    expect([...out.normalize('NFD')].filter((c) => /\p{M}/u.test(c)).length).toBeLessThanOrEqual(MAX_MARKS + 1);
    expect(out.endsWith('algo')).toBe(true);
    // Vietnamese needs two marks on one letter; they stay
    expect(normalizeLine('Tiê\u0301ng Việt')).toBe('Tiếng Việt');
  });

  it('TEXT-6 keys lose every joiner and variation selector', () => {
    expect(normalizeKey(' ABC\u200D-1\uFE0F ')).toBe('ABC-1');
    expect(normalizeKey('ABC\u202E-12')).toBe('ABC-12');
  });

  it('TEXT-7 descriptions keep their line breaks, tabs and indentation; CRLF and U+2028 become \\n', () => {
    expect(normalizeBlock('  First line\r\n  - item\u2028\u202Enext\u200B  \n\n')).toBe('First line\n  - item\nnext');
    expect(normalizeBlock('tab\there\u0000\u000B')).toBe('tab\there');
  });

  it('TEXT-8 normalization is idempotent (any string)', () => {
    const alphabet = [
      'a',
      'ü',
      'u\u0308',
      ' ',
      '\t',
      '\n',
      '\u200B',
      '\u200D',
      '\u200C',
      '\u202E',
      '\uFE0F',
      '🙂',
      '👩',
      'ی',
      'क',
      '्',
      '\u0301',
      '\u0000',
      '\u00A0',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        const line = normalizeLine(s);
        const block = normalizeBlock(s);
        expect(normalizeLine(line)).toBe(line);
        expect(normalizeBlock(block)).toBe(block);
        expect(normalizeKey(normalizeKey(s))).toBe(normalizeKey(s));
        expect(line).toBe(line.trim());
        expect(line).not.toMatch(/ {2}|[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B]/u);
      }),
      { seed: 10, numRuns: 400 },
    );
  });

  it('TEXT-9 schemas: text empty after normalization is refused with a clear message; the limit counts normalized text', () => {
    const name = lineText({ max: 5, empty: 'a name is required' });
    const bad = name.safeParse('\u200B\u202E \u3164');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('a name is required (spaces, invisible and control characters do not count)');
    expect(name.parse(' A\u200Bnna ')).toBe('Anna');
    expect(name.parse('Ann\u200Ba\u200B\u200B\u200B')).toBe('Anna');
    expect(name.safeParse('Annabel').error?.issues[0]?.message).toBe('at most 5 characters');
    expect(keyText({ max: 64, empty: 'empty key' }).parse('K\u200D-1')).toBe('K-1');
    expect(blockText({ max: 100 }).parse('a\r\nb')).toBe('a\nb');
  });

  it('TEXT-10 plain text (visible ASCII and Latin-1, single spaces) is kept as it is; anything else still goes the whole way', () => {
    // the fast path: titles like these are returned untouched in every mode
    for (const t of ['Login mit SSO', 'Größe ändern (Übersicht) ×2', 'K-12: a/b "c" {d}', '¡Olé!']) {
      expect(normalizeLine(t)).toBe(t);
      expect(normalizeBlock(t)).toBe(t);
    }
    // one step outside it, and the full normalization runs
    expect(normalizeLine('a  b')).toBe('a b');
    expect(normalizeLine(' a')).toBe('a');
    expect(normalizeLine('a\u00A0b')).toBe('a b');
    expect(normalizeLine('Soft\u00ADhyphen')).toBe('Softhyphen');
    expect(normalizeLine('Cafe\u0301')).toBe('Café');
    expect(normalizeLine('tab\there')).toBe('tab here');
    // and on any string the two paths agree with what normalization means: idempotent, no doubled or edge spaces
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', 'ä', ' ', '-', '\u00A0', '\u00AD', '\u200B', '\u0301', '\t') }), (t) => {
        const n = normalizeLine(t);
        expect(normalizeLine(n)).toBe(n);
        expect(n).not.toMatch(/^ | $| {2}|\u00A0|\u00AD|\u200B|\t/);
      }),
      { seed: 20_261_202, numRuns: 500 },
    );
  });

  it('BODY-4 jsonTooDeep counts nesting outside strings only', () => {
    expect(jsonTooDeep('[[[1]]]', 3)).toBe(false);
    expect(jsonTooDeep('[[[[1]]]]', 3)).toBe(true);
    expect(jsonTooDeep('{"a":"[[[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonTooDeep('{"a":{"b":[{}]}}', 3)).toBe(true);
    expect(jsonTooDeep(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 64)).toBe(true);
  });
});
