'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useRefusal } from './refusal';

/** Looks the code up first (GET /api/join-codes/<code>), so an unknown code or a 429 is said here, not on a blank page. */
export function JoinByCode() {
  const t = useTranslations('home');
  const tl = useTranslations('limits');
  const refusal = useRefusal();
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // a QR code's /j/<code> that matched nothing lands here with ?unknownCode=1
  useEffect(() => {
    if (new URLSearchParams(window.location.search).has('unknownCode')) setMessage(tl('unknownCodeLink'));
  }, [tl]);

  async function join(c: string) {
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch(`/api/join-codes/${encodeURIComponent(c)}`, { cache: 'no-store' });
      const refused = refusal(res);
      if (refused) return setMessage(refused);
      if (res.status === 404) return setMessage(tl('unknownCode', { code: c }));
      const body = (await res.json()) as { path?: string; error?: { message: string } };
      if (body.path) window.location.href = body.path;
      else setMessage(body.error?.message ?? res.statusText);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const c = code.trim().toUpperCase();
        if (/^[A-Z0-9]{4,12}$/.test(c)) void join(c);
        else if (c) setMessage(tl('unknownCode', { code: c }));
      }}
    >
      <div className="flex items-end gap-2">
        <label className="flex flex-col gap-1">
          <span className="text-sm font-medium">{t('joinWithCode')}</span>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            maxLength={12}
            autoCapitalize="characters"
            className="w-40 rounded border border-slate-300 px-3 py-2 font-mono tracking-widest uppercase"
            aria-label={t('code')}
          />
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-100 disabled:opacity-50"
        >
          {t('go')}
        </button>
      </div>
      {message && (
        <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="join-code-message">
          {message}
        </p>
      )}
    </form>
  );
}
