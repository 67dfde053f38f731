'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { MAPPED_FIELDS, type ColumnMapping, type ImportPreview } from '../../domain/backlog';
import { useRefusal } from '../components/refusal';
import { facilitatorSecretFor } from './identity';

/** Paste or pick a file (lines, CSV incl. Jira exports, JSON), see every row's fate, then import. Uses the HTTP API. */
export function ImportPanel({ sessionId }: { sessionId: string }) {
  const t = useTranslations('room.import');
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // null: let the server detect the columns; set once the user changes one
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const refusal = useRefusal();

  type Answer = ImportPreview & { imported?: number; updated?: number; preview?: ImportPreview; error?: { message: string } };
  async function call(path: string, override: ColumnMapping | null = mapping) {
    const res = await fetch(`/api/sessions/${sessionId}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitatorSecretFor(sessionId) ?? ''}` },
      body: JSON.stringify(override ? { text, mapping: override } : { text }),
    });
    // 413 (file over 2 MB) and 429 (too many previews) in the reader's words (docs/hardening.md RATE-UI-1)
    const refused = refusal(res);
    if (refused) return { ok: false, refused };
    return { ok: res.ok, body: (await res.json()) as Answer };
  }

  const runPreview = (override: ColumnMapping | null) =>
    void call('import/preview', override).then(({ ok, body, refused }) => {
      setMessage(refused ?? (ok ? null : (body?.error?.message ?? null)));
      setPreview(ok && body ? body : (body?.preview ?? null));
    });
  const reset = (s: string) => {
    setText(s);
    setPreview(null);
    setMapping(null);
  };

  return (
    <details className="rounded-lg border border-indigo-200 bg-white p-3">
      <summary className="cursor-pointer font-semibold">{t('title')}</summary>
      <div className="mt-2 flex flex-col gap-2 text-sm">
        <p className="text-slate-600">{t('hint')}</p>
        <input
          type="file"
          accept=".csv,.txt,.json,text/csv,application/json"
          aria-label={t('file')}
          onChange={(e) => void e.target.files?.[0]?.text().then(reset)}
        />
        <textarea
          rows={5}
          aria-label={t('paste')}
          placeholder={t('paste')}
          className="rounded border border-slate-300 p-2 font-mono text-xs"
          value={text}
          onChange={(e) => reset(e.target.value)}
        />
        <div className="flex gap-2">
          <button
            type="button"
            className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100"
            disabled={!text.trim()}
            onClick={() => runPreview(mapping)}
          >
            {t('preview')}
          </button>
          {preview?.ok && preview.accepted > 0 && (
            <button
              type="button"
              className="rounded bg-indigo-600 px-3 py-1 text-white hover:bg-indigo-700"
              onClick={() =>
                void call('import').then(({ ok, body, refused }) => {
                  setMessage(
                    refused ??
                      (ok ? t('done', { imported: body?.imported ?? 0, updated: body?.updated ?? 0 }) : (body?.error?.message ?? null)),
                  );
                  if (ok) setPreview(null);
                })
              }
            >
              {t('importN', { count: preview.accepted })}
            </button>
          )}
        </div>
        {message && <p role="status">{message}</p>}
        {preview && !preview.ok && (
          <p role="alert" className="text-red-800">
            {preview.error.message}
          </p>
        )}
        {preview?.ok && preview.columns.length > 0 && (
          <fieldset className="grid grid-cols-2 gap-1 sm:grid-cols-3" data-testid="import-mapping">
            <legend className="font-medium">{t('mapping')}</legend>
            {MAPPED_FIELDS.map((field) => (
              <label key={field} className="flex flex-col text-xs">
                {t(`field.${field}`)}
                <select
                  className="rounded border border-slate-300 px-1 py-0.5"
                  value={preview.mapping[field] ?? ''}
                  onChange={(e) => {
                    const next = { ...preview.mapping, [field]: e.target.value === '' ? null : Number(e.target.value) };
                    setMapping(next);
                    runPreview(next);
                  }}
                >
                  <option value="">{t('notMapped')}</option>
                  {preview.columns.map((c, i) => (
                    <option key={i} value={i}>
                      {c || `#${i + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
        )}
        {preview?.ok && (
          <table className="w-full text-left text-xs" data-testid="import-preview">
            <caption className="text-left text-slate-700">
              {t('summary', { accepted: preview.accepted, rejected: preview.rejected, updates: preview.updates })}
            </caption>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} className={r.status === 'rejected' ? 'text-red-800' : ''}>
                  <td className="pr-2 font-mono">{r.line}</td>
                  <td className="pr-2">{t(`status.${r.status}`)}</td>
                  <td>{r.item?.title ?? r.excerpt ?? ''}</td>
                  <td className="text-slate-600">{r.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </details>
  );
}
