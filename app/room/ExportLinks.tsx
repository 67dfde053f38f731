'use client';
import { useTranslations } from 'use-intl';
import { facilitatorSecretFor } from './identity';

/** The result as CSV or JSON. The API wants the facilitator secret as a bearer token, so fetch and save a blob. */
export function ExportLinks({ sessionId }: { sessionId: string }) {
  const t = useTranslations('room.export');
  async function download(format: 'csv' | 'json') {
    const res = await fetch(`/api/sessions/${sessionId}/result?format=${format}`, {
      headers: { authorization: `Bearer ${facilitatorSecretFor(sessionId) ?? ''}` },
    });
    if (!res.ok) return;
    const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `result.${format}`;
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: name });
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <span className="flex items-center gap-2 text-sm">
      {t('label')}
      <button type="button" className="text-indigo-700 underline" onClick={() => void download('csv')}>
        {'CSV'}
      </button>
      <button type="button" className="text-indigo-700 underline" onClick={() => void download('json')}>
        {'JSON'}
      </button>
    </span>
  );
}
