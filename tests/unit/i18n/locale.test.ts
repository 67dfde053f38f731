import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../../app/i18n/locales';
import { catalogs } from '../../../app/i18n/messages';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('locale', () => {
  it.each([
    [undefined, 'de-DE,de;q=0.9,en;q=0.8', 'de'],
    [undefined, 'fr-FR,fr;q=0.9,en;q=0.5', 'en'],
    [undefined, 'fr-FR, de;q=0.7, en;q=0.3', 'de'],
    [undefined, 'en;q=0.2, de;q=0.8', 'de'],
    [undefined, '', 'en'],
    [undefined, null, 'en'],
    ['de', 'en-US', 'de'],
    ['xx', 'de', 'de'],
  ] as const)('I18N-1 cookie %s with Accept-Language %s gives %s', (cookie, accept, want) => {
    expect(pickLocale(cookie, accept)).toBe(want);
  });

  it('I18N-2 the German and English catalogs have the same keys', () => {
    expect(keys(catalogs.de).sort()).toEqual(keys(catalogs.en).sort());
  });
});
