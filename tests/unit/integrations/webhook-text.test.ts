import { describe, expect, it } from 'vitest';
import en from '../../../messages/integrations.en.json';
import de from '../../../messages/integrations.de.json';
import {
  fill,
  messageLines,
  parseSignatureHeader,
  signatureBase,
  webhookRequestBody,
  type HookTexts,
  type WebhookMessage,
  type WebhookPayload,
} from '../../../domain/integrations';

const tEn: HookTexts = en.integrations.hookText;
const tDe: HookTexts = de.integrations.hookText;
const meta = { deliveryId: 'd-1', occurredAt: Date.UTC(2026, 10, 2, 9, 30) };

const locked: WebhookMessage = {
  event: 'session.locked',
  workshop: { id: 'w1', name: 'Shop *relaunch*', url: 'https://me.example.com/workshop/w1' },
  session: { id: 's1', name: 'Session 1', url: 'https://me.example.com/room/s1' },
  totals: { items: 12, sized: 10, ap: 47, sp: 376, factor: 8 },
};
const sprint: WebhookMessage = {
  event: 'sprint.recorded',
  workshop: { id: 'w1', name: 'Shop <relaunch> & more', url: null },
  sprint: { index: 3, doneAp: 5.5, scopeAddedAp: 3, scopeRemovedAp: 0 },
  remaining: { ap: 17, sp: 136 },
  sprintsNeeded: 6,
  budgetSprintsLeft: 7,
};

describe('webhook messages', () => {
  it('INT-HOOK-1 the JSON payload: version, delivery id, time, the event’s data and the text', () => {
    const body = webhookRequestBody(locked, 'json', meta, tEn, 'en') as WebhookPayload;
    expect(body).toMatchObject({
      version: 1,
      event: 'session.locked',
      deliveryId: 'd-1',
      occurredAt: '2026-11-02T09:30:00.000Z',
      totals: locked.totals,
    });
    expect(body.text.split('\n')[0]).toBe('**Session locked**: [Shop \\*relaunch\\* · Session 1](https://me.example.com/room/s1)');
  });

  it('INT-HOOK-2 session locked: sized of all, AP, SP with factor, unsized; English and German number formats', () => {
    expect(messageLines(locked, tEn, 'en').slice(1)).toEqual([
      '10 of 12 items sized: 47 AP',
      '≈ 376 SP (factor 8 SP per AP)',
      '2 items without a size',
    ]);
    const big = { ...locked, totals: { items: 3, sized: 3, ap: 1234.56, sp: 2469.12, factor: 2 } };
    expect(messageLines(big, tDe, 'de').slice(1)).toEqual(['3 von 3 Einträgen geschätzt: 1.234,6 AP', '≈ 2.469,1 SP (Faktor 2 SP pro AP)']);
    expect(messageLines({ ...locked, totals: { ...locked.totals, sp: null, factor: null } }, tEn, 'en')).not.toContain(
      '≈ 376 SP (factor 8 SP per AP)',
    );
    expect(messageLines({ ...locked, totals: { ...locked.totals, sized: 11 } }, tDe, 'de').at(-1)).toBe('1 Eintrag ohne Größe');
  });

  it('INT-HOOK-2 sprint recorded: done, scope, remaining, forecast and budget; "never" said as such', () => {
    expect(messageLines(sprint, tEn, 'en')).toEqual([
      '**Sprint 3 recorded**: Shop \\<relaunch\\> & more',
      'Done: 5.5 AP',
      'Scope: +3 AP, −0 AP',
      'Remaining: 17 AP (≈ 136 SP)',
      'Forecast: about 6 more sprints at the mean velocity',
      'Budget left for 7 sprints',
    ]);
    const never = messageLines(
      {
        ...sprint,
        sprintsNeeded: 'never',
        budgetSprintsLeft: null,
        sprint: { ...(sprint as { sprint: { index: number; doneAp: number } }).sprint, scopeAddedAp: 0, scopeRemovedAp: 0 },
      } as WebhookMessage,
      tDe,
      'de',
    );
    expect(never).toContain('Prognose: bei der aktuellen Velocity wird der Umfang nie fertig');
    expect(never.some((l) => l.startsWith('Umfang'))).toBe(false);
    expect(never.some((l) => l.startsWith('Budget'))).toBe(false);
  });

  it('INT-HOOK-3 Slack gets mrkdwn with <url|label> links and &<> escaped; Mattermost gets Markdown', () => {
    const slack = webhookRequestBody(locked, 'slack', meta, tEn, 'en') as { text: string };
    expect(Object.keys(slack)).toEqual(['text']);
    expect(slack.text.split('\n')[0]).toBe('*Session locked*: <https://me.example.com/room/s1|Shop *relaunch* · Session 1>');
    expect((webhookRequestBody(sprint, 'slack', meta, tEn, 'en') as { text: string }).text).toContain('Shop &lt;relaunch&gt; &amp; more');
    const mm = webhookRequestBody(locked, 'mattermost', meta, tEn, 'en') as { text: string };
    expect(mm.text).toBe(messageLines(locked, tEn, 'en').join('\n'));
  });

  it('INT-HOOK-3 Teams gets one Adaptive Card with a bold first line', () => {
    const teams = webhookRequestBody(locked, 'teams', meta, tEn, 'en') as {
      type: string;
      attachments: {
        contentType: string;
        content: { type: string; version: string; body: { type: string; text: string; wrap: boolean; weight?: string }[] };
      }[];
    };
    expect(teams.type).toBe('message');
    expect(teams.attachments).toHaveLength(1);
    const card = teams.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.content.body[0]).toMatchObject({ type: 'TextBlock', weight: 'Bolder', wrap: true });
    expect(card.content.body.map((b) => b.text)).toEqual(messageLines(locked, tEn, 'en'));
  });

  it('INT-HOOK-4 INT-HOOK-5 the signed text and the signature header', () => {
    expect(signatureBase(1767225600, '{"a":1}')).toBe('1767225600.{"a":1}');
    const v = 'a'.repeat(64);
    expect(parseSignatureHeader(`t=1767225600,v1=${v}`)).toEqual({ t: 1767225600, v1: [v] });
    expect(parseSignatureHeader(`t=1767225600, v1=${v}, v1=${'b'.repeat(64)}`)?.v1).toHaveLength(2);
    expect(parseSignatureHeader('t=abc,v1=xyz')).toBeNull();
    expect(parseSignatureHeader(`v1=${v}`)).toBeNull();
  });

  it('INT-HOOK-2 the German and English catalogs have the same placeholders', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(tEn) as (keyof HookTexts)[]) expect(names(tDe[k])).toEqual(names(tEn[k]));
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('webhook data from the session and the plan', () => {
  it('INT-HOOK-7 locked totals: sized items, AP, SP with the factor', async () => {
    const { lockedTotals } = await import('../../../domain/integrations');
    expect(lockedTotals([3, 5, null, 8, null, 0.5], 8)).toEqual({ items: 6, sized: 4, ap: 16.5, sp: 132, factor: 8 });
    expect(lockedTotals([3], null)).toEqual({ items: 1, sized: 1, ap: 3, sp: null, factor: null });
    expect(lockedTotals([], 0)).toEqual({ items: 0, sized: 0, ap: 0, sp: null, factor: null });
  });

  it('INT-HOOK-8 from the worked example’s plan (47 AP, f = 8, 24 SP per sprint, 390,000 EUR)', async () => {
    const { sprintRecordedData } = await import('../../../domain/integrations');
    const { computePlan } = await import('../../../domain/planning');
    const { workedExample } = await import('../planning/fixtures');
    const r = computePlan(workedExample);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const d = sprintRecordedData(
      { id: 'w1', name: 'Shop', url: null },
      { index: 1, doneAp: 3, scopeAddedAp: 0, scopeRemovedAp: 0 },
      r.plan,
    );
    expect(d.remaining).toEqual({ ap: 47, sp: 376 });
    expect(d.sprintsNeeded).toBe(16);
    expect(d.budgetSprintsLeft).toBe(16); // 390,000 EUR at 24,000 EUR per sprint
  });
});
