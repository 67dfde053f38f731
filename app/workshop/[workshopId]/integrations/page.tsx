import type { Metadata } from 'next';
import { nextMonday } from '../../../../domain/planning/view';
import { catalogs } from '../../../i18n/messages';
import { requestLocale } from '../../../i18n/server';
import { WorkshopApp } from '../../../workshop/WorkshopApp';

export async function generateMetadata(): Promise<Metadata> {
  const locale = await requestLocale();
  return { title: catalogs[locale].integrations.view.meta };
}

export default async function Page({ params }: { params: Promise<{ workshopId: string }> }) {
  const { workshopId } = await params;
  return <WorkshopApp workshopId={workshopId} view="integrations" defaultStart={nextMonday(new Date())} />;
}
