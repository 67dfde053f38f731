import type { Metadata } from 'next';
import { catalogs } from '../../i18n/messages';
import { requestLocale } from '../../i18n/server';
import { SharedView } from '../../workshop/SharedView';
import '../../plan/print.css';

export async function generateMetadata(): Promise<Metadata> {
  const locale = await requestLocale();
  return { title: catalogs[locale].workshop.meta.shared, referrer: 'no-referrer', robots: { index: false } };
}

/** A stakeholder's read-only view of a workshop's forecast and budget (revocable share link). */
export default async function SharedPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <SharedView token={token} />;
}
