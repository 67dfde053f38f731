'use client';
import { useTranslations } from 'use-intl';
import { Calibration } from './Calibration';
import { useWorkshop } from './client';
import { Compare } from './Compare';
import { IntegrationsView } from './integrations/IntegrationsView';
import { Overview } from './Overview';
import { PlanView } from './PlanViews';
import { Message, Shell, type View } from './Shell';
import { Tracking } from './Tracking';

/** A workshop view for the facilitator: loads the planning data with the secret and shows one view. */
export function WorkshopApp({ workshopId, view, defaultStart }: { workshopId: string; view: View; defaultStart: string }) {
  const t = useTranslations('workshop');
  const api = useWorkshop(workshopId);
  const s = api.state;
  return (
    <Shell
      workshopId={workshopId}
      name={s.status === 'ready' ? s.data.name : s.status === 'loading' ? null : t('state.unavailable')}
      view={view}
      printable={view !== 'overview' && view !== 'calibration' && view !== 'integrations'}
    >
      {s.status === 'loading' && <Message>{t('state.loading')}</Message>}
      {s.status === 'noSecret' && (
        <Message tone="error" testId="no-secret">
          {t('state.noSecret')}
        </Message>
      )}
      {s.status === 'failed' && (
        <Message tone="error" testId="load-failed">
          {s.code === 'forbidden' ? t('state.forbidden') : t('state.failed', { message: s.message })}
        </Message>
      )}
      {s.status === 'ready' &&
        (view === 'overview' ? (
          <Overview data={s.data} api={api} />
        ) : view === 'calibration' ? (
          <Calibration data={s.data} api={api} />
        ) : view === 'forecast' || view === 'budget' ? (
          <PlanView data={s.data} api={api} view={view} defaultStart={defaultStart} />
        ) : view === 'tracking' ? (
          <Tracking data={s.data} api={api} />
        ) : view === 'integrations' ? (
          <IntegrationsView data={s.data} secret={api.secret} />
        ) : (
          <Compare data={s.data} />
        ))}
    </Shell>
  );
}
