// Outgoing webhook messages: the JSON payload and the chat text (rules INT-HOOK-1..6).
import { roundTo1 } from '../backlog/export';
import type { Plan } from '../planning';

export const WEBHOOK_EVENTS = ['session.locked', 'sprint.recorded'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** json: the payload below; slack / mattermost: { text }; teams: an Adaptive Card message (Workflows webhook). */
export const WEBHOOK_FORMATS = ['json', 'slack', 'teams', 'mattermost'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export type HookLanguage = 'en' | 'de';

interface Ref {
  id: string;
  name: string;
  /** absolute link to the page, when the server knows its public address */
  url: string | null;
}

export interface SessionLockedData {
  workshop: Ref;
  session: Ref;
  totals: {
    items: number;
    /** items in a bucket with a value */
    sized: number;
    ap: number;
    /** ap x factor, rounded to 0.1; null without a factor */
    sp: number | null;
    factor: number | null;
  };
}

export interface SprintRecordedData {
  workshop: Ref;
  sprint: { index: number; doneAp: number; scopeAddedAp: number; scopeRemovedAp: number };
  remaining: { ap: number; sp: number | null };
  /** sprints still needed at the mean velocity; null = not known; 'never' = velocity cannot finish */
  sprintsNeeded: number | 'never' | null;
  /** sprints the budget still pays for; null without a budget */
  budgetSprintsLeft: number | null;
}

export type WebhookMessage = ({ event: 'session.locked' } & SessionLockedData) | ({ event: 'sprint.recorded' } & SprintRecordedData);

/** INT-HOOK-1: the JSON payload: event, delivery id, time, the event's data, and the plain text. */
export type WebhookPayload = WebhookMessage & { version: 1; deliveryId: string; occurredAt: string; text: string };

/** The words of the chat text; the server passes the catalog of the chosen language (messages/integrations.*.json). */
export type HookTexts = Record<
  | 'sessionLocked'
  | 'sized'
  | 'storyPoints'
  | 'unsized'
  | 'unsizedOne'
  | 'sprintRecorded'
  | 'done'
  | 'scope'
  | 'remaining'
  | 'remainingSp'
  | 'forecast'
  | 'forecastNever'
  | 'budget'
  | 'open',
  string
>;

/** "{name}" placeholders; an unknown name stays as it is. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : m));
}

const num = (n: number, lang: HookLanguage) =>
  new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-US', { maximumFractionDigits: 1 }).format(roundTo1(n));

type Style = { bold: (s: string) => string; link: (label: string, url: string) => string; esc: (s: string) => string };

const markdown: Style = {
  esc: (s) => s.replace(/([\\`*_[\]<>~|#])/g, '\\$1'),
  bold: (s) => `**${s}**`,
  link: (label, url) => `[${label}](${url})`,
};
const slack: Style = {
  esc: (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  bold: (s) => `*${s}*`,
  link: (label, url) => `<${url}|${label}>`,
};

/**
 * INT-HOOK-2: the text names the workshop (and session), says what happened and gives the figures:
 * locked: items sized of all, total AP, SP and factor when calibrated, unsized items; sprint: done,
 * scope change, remaining, forecast ("never" said as such), budget; numbers in the language's
 * format, at most one decimal. Names from users are escaped for the target's markup.
 */
export function messageLines(msg: WebhookMessage, t: HookTexts, lang: HookLanguage, style: Style = markdown): string[] {
  const n = (x: number) => num(x, lang);
  const name = (r: Ref) => style.esc(r.name);
  if (msg.event === 'session.locked') {
    const { totals } = msg;
    const title = `${name(msg.workshop)} · ${name(msg.session)}`;
    const lines = [
      `${style.bold(t.sessionLocked)}: ${msg.session.url ? style.link(title, msg.session.url) : title}`,
      fill(t.sized, { sized: totals.sized, items: totals.items, ap: n(totals.ap) }),
    ];
    if (totals.sp !== null && totals.factor !== null) lines.push(fill(t.storyPoints, { sp: n(totals.sp), factor: n(totals.factor) }));
    const unsized = totals.items - totals.sized;
    if (unsized > 0) lines.push(unsized === 1 ? t.unsizedOne : fill(t.unsized, { count: unsized }));
    return lines;
  }
  const s = msg.sprint;
  const title = name(msg.workshop);
  const lines = [
    `${style.bold(fill(t.sprintRecorded, { index: s.index }))}: ${msg.workshop.url ? style.link(title, msg.workshop.url) : title}`,
    fill(t.done, { ap: n(s.doneAp) }),
  ];
  if (s.scopeAddedAp !== 0 || s.scopeRemovedAp !== 0) lines.push(fill(t.scope, { added: n(s.scopeAddedAp), removed: n(s.scopeRemovedAp) }));
  lines.push(
    msg.remaining.sp === null
      ? fill(t.remaining, { ap: n(msg.remaining.ap) })
      : fill(t.remainingSp, { ap: n(msg.remaining.ap), sp: n(msg.remaining.sp) }),
  );
  if (msg.sprintsNeeded === 'never') lines.push(t.forecastNever);
  else if (msg.sprintsNeeded !== null) lines.push(fill(t.forecast, { sprints: msg.sprintsNeeded }));
  if (msg.budgetSprintsLeft !== null) lines.push(fill(t.budget, { sprints: msg.budgetSprintsLeft }));
  return lines;
}

/**
 * INT-HOOK-3: the request body per format. json: the payload (with `text` in Markdown); slack: `{ text }`
 * in Slack's mrkdwn; mattermost: `{ text }` in Markdown; teams: a message with one Adaptive Card
 * (version 1.4, wrapped TextBlocks, the first one bold), which Teams' Workflows webhooks show.
 */
export function webhookRequestBody(
  msg: WebhookMessage,
  format: WebhookFormat,
  meta: { deliveryId: string; occurredAt: number },
  t: HookTexts,
  lang: HookLanguage,
): unknown {
  if (format === 'slack') return { text: messageLines(msg, t, lang, slack).join('\n') };
  const lines = messageLines(msg, t, lang, markdown);
  if (format === 'mattermost') return { text: lines.join('\n') };
  if (format === 'teams') {
    return {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: lines.map((text, i) => ({ type: 'TextBlock', text, wrap: true, ...(i === 0 ? { weight: 'Bolder' } : {}) })),
          },
        },
      ],
    };
  }
  const payload: WebhookPayload = {
    version: 1,
    deliveryId: meta.deliveryId,
    occurredAt: new Date(meta.occurredAt).toISOString(),
    ...msg,
    text: lines.join('\n'),
  };
  return payload;
}

/**
 * INT-HOOK-4: what is signed: "<unix seconds>.<raw body>". The signature header is
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of that with the shared secret>`.
 */
export const signatureBase = (unixSeconds: number, body: string) => `${unixSeconds}.${body}`;
export const SIGNATURE_HEADER = 'x-magic-estimation-signature';
export const EVENT_HEADER = 'x-magic-estimation-event';
export const DELIVERY_HEADER = 'x-magic-estimation-delivery';

/** INT-HOOK-5: reads a signature header; null when it is malformed. */
export function parseSignatureHeader(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)) v1.push(v);
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

/** INT-HOOK-6: a receiver refuses a signature older or newer than this (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * INT-HOOK-7: a locked session's totals from its items' sizes (AP; null = unplaced or "?"): sized
 * items are those with a number, AP is their sum, SP = AP x factor rounded to 0.1 (null without).
 */
export function lockedTotals(sizes: readonly (number | null)[], factor: number | null): SessionLockedData['totals'] {
  const sized = sizes.filter((s): s is number => s !== null && Number.isFinite(s));
  const ap = roundTo1(sized.reduce((a, b) => a + b, 0));
  const f = factor !== null && Number.isFinite(factor) && factor > 0 ? factor : null;
  return { items: sizes.length, sized: sized.length, ap, sp: f === null ? null : roundTo1(ap * f), factor: f };
}

/**
 * INT-HOOK-8: a recorded sprint's message from the workshop's plan after the record (computePlan):
 * remaining scope, the sprints still needed at the mean velocity (0 when done), and the sprints
 * the remaining budget pays for (null without a budget).
 */
export function sprintRecordedData(
  workshop: Ref,
  sprint: SprintRecordedData['sprint'],
  plan: Pick<Plan, 'scope' | 'forecast' | 'budget'>,
): SprintRecordedData {
  const needed = plan.forecast.complete ? 0 : plan.forecast.sprintsNeeded;
  return {
    workshop,
    sprint,
    remaining: { ap: roundTo1(plan.scope.remaining.ap), sp: plan.scope.remaining.sp === null ? null : roundTo1(plan.scope.remaining.sp) },
    sprintsNeeded: Number.isFinite(needed) ? needed : 'never',
    budgetSprintsLeft: plan.budget?.sprintsCovered ?? null,
  };
}
