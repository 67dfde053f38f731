import type { Metadata } from 'next';
import { nextMonday } from '../../domain/planning/view';
import { catalogs } from '../i18n/messages';
import { requestLocale } from '../i18n/server';
import { PlanView } from './PlanView';
import './print.css';

export async function generateMetadata(): Promise<Metadata> {
  const locale = await requestLocale();
  return { title: catalogs[locale].plan.metaTitle };
}

/** `?ap=47` prefills the total effort, so a locked session can link here. */
export default async function PlanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [params, locale] = await Promise.all([searchParams, requestLocale()]);
  const raw = typeof params.ap === 'string' ? params.ap.trim() : '';
  const ap = /^\d{1,10}(\.\d{1,6})?$/.test(raw)
    ? new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }).format(Number(raw))
    : '';
  return <PlanView initialAp={ap} defaultStart={nextMonday(new Date())} />;
}
