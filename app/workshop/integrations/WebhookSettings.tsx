'use client';
import { useState, type FormEvent } from 'react';
import { useFormatter, useLocale, useTranslations } from 'use-intl';
import { checkUrl } from '../../../domain/integrations/url';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEvent, type WebhookFormat } from '../../../domain/integrations/webhook';
import type { ActionResult, WebhookConfigBody, WebhookDeliveryInfo, WebhookInfo } from '../../../domain/integrations/wire';
import { Panel } from '../../plan/panels';
import { buttonClass, ErrorNote, Field, inputClass, quietButtonClass } from './ui';

type Props = {
  webhook: WebhookInfo | null;
  deliveries: WebhookDeliveryInfo[];
  onSave: (body: WebhookConfigBody) => Promise<ActionResult<WebhookInfo>>;
  onRemove: () => Promise<ActionResult<null>>;
};

/** message keys cannot hold dots */
const EVENT_KEY: Record<WebhookEvent, string> = { 'session.locked': 'event.sessionLocked', 'sprint.recorded': 'event.sprintRecorded' };

const DELIVERY_STYLE: Record<WebhookDeliveryInfo['status'], string> = {
  pending: 'text-slate-700',
  delivered: 'text-emerald-800',
  failed: 'font-semibold text-red-800',
  dropped: 'font-semibold text-amber-800',
};

/** The workshop's outgoing webhook (address and secret are write-only) and its recent deliveries. */
export function WebhookSettings({ webhook, deliveries, onSave, onRemove }: Props) {
  const t = useTranslations('integrations.webhook');
  const tUrl = useTranslations('integrations.url');
  const format = useFormatter();
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [fmt, setFmt] = useState<WebhookFormat>(webhook?.format ?? 'slack');
  const locale = useLocale();
  const [language, setLanguage] = useState<'en' | 'de'>(webhook?.language ?? (locale === 'de' ? 'de' : 'en'));
  const [events, setEvents] = useState<WebhookEvent[]>(webhook?.events ?? [...WEBHOOK_EVENTS]);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Parameters<typeof ErrorNote>[0]['error']>(null);

  const checked = checkUrl(url, 'webhook');
  const urlError = touched && !checked.ok ? tUrl(checked.code) : null;
  const secretError = touched && secret.length < 16 ? t('secretShort') : null;
  const eventsError = events.length === 0 ? t('noEvents') : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!checked.ok || secret.length < 16 || events.length === 0) return;
    setBusy(true);
    const r = await onSave({ url: checked.url, secret, format: fmt, language, events });
    setBusy(false);
    if (r.ok) {
      setUrl('');
      setSecret('');
      setTouched(false);
      setError(null);
    } else setError(r.error);
  }

  return (
    <Panel title={t('title')} testId="webhook-settings">
      <form className="flex max-w-xl flex-col gap-3" onSubmit={submit} aria-label={t('title')}>
        <p className="text-sm text-slate-600 2xl:text-base">{t('intro')}</p>
        {webhook && (
          <p className="font-medium" data-testid="webhook-saved">
            {t('saved', { hint: webhook.urlHint })}
          </p>
        )}
        <Field id="hook-url" label={t('url')} hint={t('urlHint')} error={urlError}>
          <input
            id="hook-url"
            className={inputClass}
            type="url"
            inputMode="url"
            autoComplete="off"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </Field>
        <Field id="hook-secret" label={t('secret')} hint={t('secretHint')} error={secretError}>
          <input
            id="hook-secret"
            className={inputClass}
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </Field>
        <div className="flex flex-wrap gap-4">
          <Field id="hook-format" label={t('format')}>
            <select
              id="hook-format"
              className={inputClass}
              value={fmt}
              onChange={(e) => setFmt(WEBHOOK_FORMATS.find((f) => f === e.target.value) ?? 'json')}
            >
              {WEBHOOK_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`formats.${f}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="hook-language" label={t('language')}>
            <select
              id="hook-language"
              className={inputClass}
              value={language}
              onChange={(e) => setLanguage(e.target.value === 'de' ? 'de' : 'en')}
            >
              {(['en', 'de'] as const).map((l) => (
                <option key={l} value={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium text-slate-700">{t('events')}</legend>
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={events.includes(ev)}
                onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))}
              />
              {t(EVENT_KEY[ev])}
            </label>
          ))}
          {eventsError && (
            <p className="text-sm font-medium text-red-700" role="alert">
              {eventsError}
            </p>
          )}
        </fieldset>
        <ErrorNote error={error} testId="webhook-error" />
        <div className="flex gap-2">
          <button type="submit" className={buttonClass} disabled={busy}>
            {t('save')}
          </button>
          {webhook && (
            <button
              type="button"
              className={quietButtonClass}
              onClick={async () => {
                const r = await onRemove();
                setError(r.ok ? null : r.error);
              }}
            >
              {t('remove')}
            </button>
          )}
        </div>
      </form>
      <h3 className="mt-5 mb-2 font-semibold text-slate-900">{t('deliveries')}</h3>
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">{t('noDeliveries')}</p>
      ) : (
        <ul className="flex flex-col gap-2 text-sm 2xl:text-base" data-testid="webhook-deliveries">
          {deliveries.map((d) => (
            <li key={d.id} className="rounded border border-slate-200 p-2" data-status={d.status}>
              <p>
                <span className="font-medium">{t(EVENT_KEY[d.event])}</span>
                {' · '}
                <span className={DELIVERY_STYLE[d.status]}>{t(`deliveryStatus.${d.status}`)}</span>
              </p>
              <ul className="text-xs text-slate-600">
                {d.attempts.map((a, i) => (
                  <li key={i}>
                    {t('attempt', {
                      time: format.dateTime(new Date(a.at), { timeStyle: 'medium' }),
                      result: a.code === null ? String(a.status) : t(`failure.${a.code}`, { status: a.status ?? 0 }),
                      ms: a.ms,
                    })}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
