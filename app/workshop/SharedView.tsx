'use client';
import { useTranslations } from 'use-intl';
import type { WorkshopPlanning } from '../../domain/workshop';
import { PlanningPage } from '../components/planning/PlanningPage';
import { RoughNote } from '../components/planning/RoughNote';
import { ForecastFigures } from '../plan/figures';
import { PlanHeadline } from '../plan/panels';
import { useFigures } from '../plan/useFigures';
import { useShared } from './client';
import { UnsizedNote } from './PlanViews';
import { Message } from './Shell';
import { BurnUpPanel, ReviewPanel } from './Tracking';
import { useWorkshopPlan } from './usePlan';
import { WaterlinePanel } from './WaterlinePanel';

/** What a stakeholder sees behind a share link: the saved forecast and budget, read-only. */
export function SharedView({ token }: { token: string }) {
  const t = useTranslations('workshop');
  const s = useShared(token);
  return (
    <PlanningPage printLabel={t('print')} narrow>
      <div>
        <p className="text-sm font-semibold tracking-wide text-indigo-700 uppercase print:text-xs">{t('shared.kicker')}</p>
        <h1 className="text-3xl font-bold 2xl:text-4xl print:text-2xl" data-testid="workshop-name">
          {s.status === 'ready' ? s.data.name : s.status === 'loading' ? t('loading') : t('state.unavailable')}
        </h1>
        <p className="mt-1 text-slate-600 print:hidden">{t('shared.lead')}</p>
      </div>
      {s.status === 'loading' && <Message>{t('state.loading')}</Message>}
      {s.status === 'failed' && (
        <Message tone="error" testId="shared-failed">
          {s.code === 'not_found' ? t('shared.gone') : t('state.failed', { message: s.message })}
        </Message>
      )}
      {s.status === 'ready' && <SharedPlan data={s.data} />}
    </PlanningPage>
  );
}

function SharedPlan({ data }: { data: WorkshopPlanning }) {
  const t = useTranslations('workshop.shared');
  const fig = useFigures();
  const { plan, refs } = useWorkshopPlan(data, data.settings);
  if (plan === null) return <Message testId="shared-no-plan">{t('noPlan')}</Message>;
  return (
    <div className="flex flex-col gap-4 print:gap-2" data-testid="plan-output">
      <RoughNote />
      <UnsizedNote data={data} />
      <PlanHeadline plan={plan} fig={fig} />
      <ForecastFigures plan={plan} refs={refs} />
      <div className="grid gap-4 xl:grid-cols-2 print:grid-cols-2 print:gap-2">
        <WaterlinePanel plan={plan} fig={fig} />
        {data.sprints.length > 0 && <BurnUpPanel plan={plan} data={data} fig={fig} />}
        {data.sprints.length > 0 && <ReviewPanel plan={plan} fig={fig} />}
      </div>
    </div>
  );
}
