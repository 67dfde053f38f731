import type { Actor, BoardCommand, DecideContext } from './commands';
import { dealees, dealHands } from './deal';
import { accept, fail, type Decision } from './errors';
import type { BoardEvent } from './events';
import { flagFor } from './pingpong';
import { findBucket, scaleFrom } from './scale';
import { hasCard, placementOf, type BoardState } from './state';
import { LIMITS } from '../protocol/limits';

type Cmd<T extends BoardCommand['type']> = Extract<BoardCommand, { type: T }>;
type Rule<T extends BoardCommand['type']> = (b: BoardState, c: Cmd<T>, actor: Actor, ctx: DecideContext) => Decision<BoardEvent[]>;

const FACILITATOR_ONLY = new Set<BoardCommand['type']>([
  'card.flag',
  'card.unflag',
  'card.add',
  'card.edit',
  'card.remove',
  'scale.set',
  'settings.set',
  'phase.set',
  'cards.deal',
  'person.setRole',
  'person.remove',
  'timer.start',
  'timer.stop',
]);
const SETUP_ONLY = new Set<BoardCommand['type']>(['card.add', 'card.edit', 'card.remove', 'scale.set']);

function needCard(b: BoardState, cardId: string): Decision<never> | null {
  return hasCard(b, cardId) ? null : fail('unknown_card', `Card ${cardId} is not on this board.`);
}

/** Whether this actor may move this card in the current phase (the UI disables what this refuses). */
export function movePermission(b: BoardState, actor: Actor, cardId: string): Decision<never> | null {
  if (actor.role === 'observer') return fail('not_allowed', 'Observers watch; they do not change the board.');
  if (b.phase === 'locked') return fail('session_locked', 'The session is locked; go back a phase to change it.');
  const facilitator = actor.role === 'facilitator';
  if (b.phase === 'setup' && !facilitator) return fail('wrong_phase', 'Sorting has not started yet.');
  if (b.phase === 'sorting' && !facilitator) {
    const hand = b.hands[cardId];
    if (hand !== undefined && hand !== actor.personId) return fail('not_your_card', 'In silent sorting you place your own cards; this one was dealt to someone else.');
  }
  if (b.phase === 'discussion') {
    if (!facilitator) return fail('wrong_phase', 'During discussion the facilitator places the cards.');
    if (!b.flags[cardId]) return fail('wrong_phase', 'Only flagged cards are moved during discussion.');
  }
  return null;
}

function move(b: BoardState, c: Cmd<'card.move'>, actor: Actor): Decision<BoardEvent[]> {
  const missing = needCard(b, c.cardId);
  if (missing) return missing;
  const bucket = c.to === null ? null : findBucket(b.scale, c.to);
  if (c.to !== null && !bucket) return fail('unknown_bucket', `Bucket ${c.to} is not on this board's scale.`);
  const refused = movePermission(b, actor, c.cardId);
  if (refused) return refused;
  const from = placementOf(b, c.cardId);
  if (from === c.to) return fail('no_change', 'The card is already there.');
  const events: BoardEvent[] = [{ type: 'card.moved', cardId: c.cardId, from, to: c.to }];
  if (!b.flags[c.cardId] && b.phase !== 'setup' && b.phase !== 'discussion') {
    const reason = flagFor(
      {
        to: c.to,
        trail: b.trail[c.cardId] ?? [from],
        reviewMoves: b.reviewMoves[c.cardId] ?? 0,
        unsure: bucket?.value === null,
        inReview: b.phase === 'review',
      },
      b.settings.pingPong,
    );
    if (reason) events.push({ type: 'card.flagged', cardId: c.cardId, reason });
  }
  return accept(events);
}

const rules: { [T in BoardCommand['type']]: Rule<T> } = {
  'card.move': (b, c, actor) => move(b, c, actor),
  'card.flag': (b, c) => needCard(b, c.cardId) ?? (b.flags[c.cardId] ? fail('no_change', 'The card is already flagged.') : accept([{ type: 'card.flagged', cardId: c.cardId, reason: 'manual' }])),
  'card.unflag': (b, c) => needCard(b, c.cardId) ?? (b.flags[c.cardId] ? accept([{ type: 'card.unflagged', cardId: c.cardId }]) : fail('no_change', 'The card is not flagged.')),
  'card.add': (b, c) => {
    if (hasCard(b, c.cardId)) return fail('invalid', 'A card with this id exists.');
    if (b.cards.length >= LIMITS.itemsPerSession) return fail('invalid', `A session holds at most ${LIMITS.itemsPerSession} items. Nothing was added.`);
    const position = b.cards.reduce((max, card) => Math.max(max, card.position + 1), 0);
    return accept([{ type: 'card.added', card: { id: c.cardId, title: c.title, key: c.key, position } }]);
  },
  'card.edit': (b, c) => needCard(b, c.cardId) ?? accept([{ type: 'card.edited', cardId: c.cardId, title: c.title }]),
  'card.remove': (b, c) => needCard(b, c.cardId) ?? accept([{ type: 'card.removed', cardId: c.cardId }]),
  'scale.set': (_b, c) => {
    if (c.scale.kind === 'custom' && new Set(c.scale.values).size < 2) return fail('invalid', 'A custom scale needs at least two different values.');
    return accept([{ type: 'scale.changed', scale: scaleFrom(c.scale) }]);
  },
  'settings.set': (b, c) => {
    if (!Number.isInteger(c.pingPong.maxMoves) || c.pingPong.maxMoves < 1) return fail('invalid', 'The move limit must be a whole number of at least 1.');
    return accept([{ type: 'settings.changed', settings: { pingPong: c.pingPong, timebox: c.timebox ?? b.settings.timebox } }]);
  },
  'phase.set': (b, c, _a, ctx) => {
    if (b.phase === c.phase) return fail('no_change', `The session is already in ${c.phase}.`);
    const events: BoardEvent[] = [{ type: 'phase.changed', from: b.phase, to: c.phase }];
    if (c.phase === 'sorting') events.push({ type: 'cards.dealt', hands: dealHands(b, dealees(b, ctx.online)) });
    return accept(events);
  },
  'cards.deal': (b, _c, _a, ctx) => {
    if (b.phase !== 'sorting' && b.phase !== 'setup') return fail('wrong_phase', 'Cards are dealt for silent sorting.');
    return accept([{ type: 'cards.dealt', hands: dealHands(b, dealees(b, ctx.online)) }]);
  },
  'person.rename': (b, c, actor) => {
    if (actor.role !== 'facilitator' && actor.personId !== c.personId) return fail('not_allowed', 'Only the facilitator can rename other people.');
    if (!b.people[c.personId]) return fail('unknown_person', 'No such person in this session.');
    return accept([{ type: 'person.renamed', personId: c.personId, name: c.name }]);
  },
  'person.setRole': (b, c, actor) => {
    if (!b.people[c.personId]) return fail('unknown_person', 'No such person in this session.');
    if (c.personId === actor.personId) return fail('not_allowed', 'You cannot change your own role.');
    if (b.people[c.personId]?.role === c.role) return fail('no_change', 'The person already has this role.');
    return accept([{ type: 'person.roleChanged', personId: c.personId, role: c.role }]);
  },
  'person.remove': (b, c, actor) => {
    if (!b.people[c.personId]) return fail('unknown_person', 'No such person in this session.');
    if (c.personId === actor.personId) return fail('not_allowed', 'You cannot remove yourself.');
    return accept([{ type: 'person.removed', personId: c.personId }]);
  },
  'timer.start': (b, c, _a, ctx) => {
    if (!(c.seconds > 0)) return fail('invalid', 'A timebox needs a positive number of seconds.');
    return accept([{ type: 'timer.started', phase: b.phase, seconds: c.seconds, endsAt: ctx.now + c.seconds * 1000 }]);
  },
  'timer.stop': (b) => (b.timer ? accept([{ type: 'timer.stopped' }]) : fail('no_change', 'No timer is running.')),
};

/** Pure decision: may this actor do this now, and which events follow? */
export function decide(b: BoardState, cmd: BoardCommand, actor: Actor, ctx: DecideContext): Decision<BoardEvent[]> {
  if (actor.role === 'observer') return fail('not_allowed', 'Observers watch; they do not change the board.');
  if (FACILITATOR_ONLY.has(cmd.type) && actor.role !== 'facilitator') return fail('not_allowed', 'Only the facilitator can do this.');
  if (b.phase === 'locked' && cmd.type !== 'phase.set') return fail('session_locked', 'The session is locked; go back a phase to change it.');
  if (SETUP_ONLY.has(cmd.type) && b.phase !== 'setup') return fail('wrong_phase', 'Items and the scale are edited in setup.');
  const rule = rules[cmd.type] as Rule<typeof cmd.type>;
  return rule(b, cmd as never, actor, ctx);
}
