'use client';
import { useTranslations } from 'use-intl';
import { Header } from './components/Header';
import { CreateWorkshop } from './components/CreateWorkshop';
import { JoinByCode } from './components/JoinByCode';

export default function Home() {
  const t = useTranslations('home');
  return (
    <>
      <Header />
      <main className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-10">
        <div>
          <h1 className="text-3xl font-bold">{t('title')}</h1>
          <p className="mt-2 text-slate-700">{t('lead')}</p>
        </div>
        <CreateWorkshop />
        <JoinByCode />
      </main>
    </>
  );
}
