'use client';
import { useFormatter, useTranslations } from 'use-intl';
import type { BoardState, Placement, VersionedEvent } from '../../domain/board';

// message keys cannot contain dots (they mean nesting)
const key = <T extends string>(type: T) => type.replace('.', '_') as T extends `${infer A}.${infer B}` ? `${A}_${B}` : T;

/** One line of the move log or timeline, in the reader's language. */
export function useDescribe(board: BoardState) {
  const t = useTranslations('room');
  const nameOf = (id: string | null) => (id ? nameOfOwn(id) : '—');
  const cardOf = (id: string) => board.cards.find((c) => c.id === id)?.title ?? '?';
  const nameOfOwn = (id: string) => (Object.hasOwn(board.people, id) ? board.people[id]!.name : '?');
  const where = (p: Placement) => (p === null ? t('pile') : (board.scale.buckets.find((b) => b.id === p)?.label ?? p));
  return (ve: VersionedEvent): string => {
    const e = ve.event;
    switch (e.type) {
      case 'card.moved':
        // anonymous sessions hide the mover until lock (BOARD-ANON-2)
        return ve.by === null
          ? t('event.card_moved_anon', { card: cardOf(e.cardId), from: where(e.from), to: where(e.to) })
          : t('event.card_moved', { name: nameOf(ve.by), card: cardOf(e.cardId), from: where(e.from), to: where(e.to) });
      case 'card.spotlighted':
        return e.cardId === null ? t('event.spotlight_ended') : t('event.card_spotlighted', { card: cardOf(e.cardId) });
      case 'session.next':
        return t('event.session_next', { name: e.next.name });
      case 'card.added':
        return t('event.card_added', { card: e.card.title });
      case 'card.edited':
      case 'card.removed':
      case 'card.unflagged':
        return t(`event.${key(e.type)}`, { card: cardOf(e.cardId) });
      case 'card.flagged':
        return t('event.card_flagged', { card: cardOf(e.cardId), reason: t(`flagReason.${e.reason}`) });
      case 'phase.changed':
        return t('event.phase_changed', { phase: t(`phase.${e.to}`) });
      case 'person.joined':
        return t('event.person_joined', { name: e.person.name });
      case 'person.renamed':
        return t('event.person_renamed', { name: e.name });
      case 'person.roleChanged':
        return t('event.person_roleChanged', { name: nameOf(e.personId), role: t(e.role) });
      case 'person.removed':
        return t('event.person_removed', { name: nameOf(e.personId) });
      default:
        return t(`event.${key(e.type)}`);
    }
  };
}

export function EventList({ board, events, empty }: { board: BoardState; events: VersionedEvent[]; empty: string }) {
  const describe = useDescribe(board);
  const f = useFormatter();
  if (events.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <ol className="flex flex-col gap-1 text-sm" data-testid="event-list">
      {events.map((ve) => (
        <li key={ve.version} className="flex gap-3">
          <time className="shrink-0 font-mono text-slate-500" dateTime={new Date(ve.at).toISOString()}>
            {f.dateTime(new Date(ve.at), { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
          </time>
          <span>{describe(ve)}</span>
        </li>
      ))}
    </ol>
  );
}
