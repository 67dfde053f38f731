'use client';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { participantPath } from '../../domain/protocol';
import { CopyField } from '../components/CopyField';

/** How people get in, on the facilitator's own screen: join code, participant link, QR code. */
export function InvitePanel({ sessionId, joinCode, open }: { sessionId: string; joinCode: string; open: boolean }) {
  const t = useTranslations('room.invite');
  const [origin, setOrigin] = useState('');
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => setOrigin(window.location.origin), []);
  const link = origin ? origin + participantPath(sessionId) : '';
  useEffect(() => {
    if (origin) void QRCode.toString(`${origin}/j/${joinCode}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(setQr);
  }, [origin, joinCode]);
  return (
    <details open={open} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="invite-panel">
      <summary className="cursor-pointer font-semibold">{t('title')}</summary>
      <div className="mt-2 flex gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <p className="text-sm">
            {t('code')}{' '}
            <span className="font-mono text-2xl font-bold tracking-widest" data-testid="invite-code">
              {joinCode}
            </span>
          </p>
          <p className="text-sm text-slate-600">{t('codeHint', { url: origin.replace(/^https?:\/\//, '') + '/j' })}</p>
        </div>
        {qr && (
          <img
            alt={t('qr')}
            src={`data:image/svg+xml;utf8,${encodeURIComponent(qr)}`}
            className="h-28 w-28 shrink-0"
            data-testid="invite-qr"
          />
        )}
      </div>
      {link && (
        <div className="mt-2">
          <CopyField label={t('link')} value={link} testId="invite-link" />
        </div>
      )}
    </details>
  );
}
