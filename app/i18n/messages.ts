import en from '../../messages/en.json';
import de from '../../messages/de.json';
import type { Locale } from './locales';

export type Messages = typeof en;
export const catalogs: Record<Locale, Messages> = { en, de };
