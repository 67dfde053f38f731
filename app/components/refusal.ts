'use client';
import { useCallback } from 'react';
import { useTranslations } from 'use-intl';

/**
 * The reader's words for the edge's refusals (docs/hardening.md RATE-UI-1): 429 with the wait
 * from Retry-After, and 413; null for any other answer (the server's message is shown then).
 */
export function useRefusal() {
  const t = useTranslations('limits');
  return useCallback(
    (res: Response): string | null => {
      if (res.status === 429) {
        const seconds = Math.max(1, Number(res.headers.get('retry-after')) || 60);
        return seconds < 90 ? t('tooMany', { seconds }) : t('tooManyMinutes', { minutes: Math.ceil(seconds / 60) });
      }
      if (res.status === 413) return t('tooLarge');
      return null;
    },
    [t],
  );
}
