'use client';
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'use-intl';
import { checkUrl } from '../../../domain/integrations/url';
import type { ActionResult, IntegrationsStatus, JiraConnectBody, JiraConnectionInfo, JiraKind } from '../../../domain/integrations/wire';
import { Panel } from '../../plan/panels';
import { buttonClass, ErrorNote, Field, inputClass, quietButtonClass } from './ui';

type Props = {
  status: IntegrationsStatus;
  connection: JiraConnectionInfo | null;
  onConnect: (body: JiraConnectBody) => Promise<ActionResult<JiraConnectionInfo>>;
  onDisconnect: () => Promise<ActionResult<null>>;
};

/** Connect a workshop to Jira Cloud (site, e-mail, API token) or Data Center (base URL, personal access token). */
export function JiraConnect({ status, connection, onConnect, onDisconnect }: Props) {
  const t = useTranslations('integrations');
  const [editing, setEditing] = useState(connection === null);
  const [kind, setKind] = useState<JiraKind>(connection?.kind ?? 'cloud');
  const [url, setUrl] = useState(connection?.url ?? '');
  const [email, setEmail] = useState(connection?.email ?? '');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<Parameters<typeof ErrorNote>[0]['error']>(null);

  if (!status.enabled) {
    return (
      <Panel title={t('connect.title')} testId="jira-connect">
        <p className="text-slate-700" data-testid="integrations-off">
          {t('off', { reason: t.has(`offReason.${status.reason}`) ? t(`offReason.${status.reason}`) : '' })}
        </p>
      </Panel>
    );
  }

  const checked = checkUrl(url, 'jira');
  const urlError = touched && url.trim() !== '' && !checked.ok ? t(`url.${checked.code}`) : null;
  const ready = checked.ok && token.trim() !== '' && (kind === 'datacenter' || /^\S+@\S+\.\S+$/.test(email.trim()));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!ready || !checked.ok) return;
    setBusy(true);
    setError(null);
    const body: JiraConnectBody =
      kind === 'cloud'
        ? { kind, siteUrl: checked.url, email: email.trim(), apiToken: token.trim() }
        : { kind, baseUrl: checked.url, token: token.trim() };
    const r = await onConnect(body);
    setBusy(false);
    if (r.ok) {
      setToken('');
      setEditing(false);
    } else setError(r.error);
  }

  if (connection && !editing) {
    return (
      <Panel title={t('connect.title')} testId="jira-connect">
        <div className="flex flex-col gap-2 2xl:text-lg">
          <p className="font-medium text-slate-900" data-testid="jira-connected">
            {t('connect.connected', { url: connection.url, name: connection.account.displayName ?? connection.email ?? '—' })}
          </p>
          <p className="text-sm text-slate-600">
            {t('connect.server', { product: t(`connect.${connection.kind}`), version: connection.server.version ?? '—' })}
          </p>
          <p className="text-sm text-slate-700" data-testid="jira-field">
            {connection.field ? t('connect.field', { name: connection.field.name, id: connection.field.id }) : t('connect.noField')}
            {connection.field?.viaBoard && connection.boardId !== null && <> {t('connect.fieldViaBoard', { board: connection.boardId })}</>}
          </p>
          <div className="flex flex-wrap gap-2 pt-1">
            <button type="button" className={quietButtonClass} onClick={() => setEditing(true)}>
              {t('connect.change')}
            </button>
            <button
              type="button"
              className={quietButtonClass}
              onClick={async () => {
                if (!window.confirm(t('connect.disconnectConfirm'))) return;
                const r = await onDisconnect();
                if (!r.ok) setError(r.error);
              }}
            >
              {t('connect.disconnect')}
            </button>
          </div>
          <ErrorNote error={error} testId="jira-error" />
        </div>
      </Panel>
    );
  }

  return (
    <Panel title={t('connect.title')} testId="jira-connect">
      <form className="flex max-w-xl flex-col gap-3" onSubmit={submit} aria-label={t('connect.title')}>
        <p className="text-sm text-slate-600 2xl:text-base">{t('connect.intro')}</p>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1 text-sm font-medium text-slate-700">{t('connect.kind')}</legend>
          {(['cloud', 'datacenter'] as const).map((k) => (
            <label key={k} className="flex items-center gap-2 2xl:text-lg">
              <input type="radio" name="jira-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`connect.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field
          id="jira-url"
          label={t(kind === 'cloud' ? 'connect.siteUrl' : 'connect.baseUrl')}
          hint={t(kind === 'cloud' ? 'connect.siteUrlHint' : 'connect.baseUrlHint')}
          error={urlError}
        >
          <input
            id="jira-url"
            className={inputClass}
            type="url"
            inputMode="url"
            autoComplete="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            onBlur={() => setTouched(true)}
          />
        </Field>
        {kind === 'cloud' && (
          <Field id="jira-email" label={t('connect.email')}>
            <input
              id="jira-email"
              className={inputClass}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
        )}
        <Field
          id="jira-token"
          label={t(kind === 'cloud' ? 'connect.apiToken' : 'connect.token')}
          hint={t(kind === 'cloud' ? 'connect.apiTokenHint' : 'connect.tokenHint')}
        >
          <input
            id="jira-token"
            className={inputClass}
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </Field>
        <ErrorNote error={error} testId="jira-error" />
        <div>
          <button type="submit" className={buttonClass} disabled={busy || !ready} data-testid="jira-submit">
            {busy ? t('connect.checking') : t('connect.submit')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
