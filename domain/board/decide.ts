import type { Actor, BoardCommand, DecideContext } from './commands';
import { dealees, dealHands } from './deal';
import { accept, fail, type Decision } from './errors';
import type { BoardEvent } from './events';
import { own } from './ids';
import { flagFor } from './pingpong';
import { findBucket, scaleFrom, type Scale } from './scale';
import { sameSettings, withDefaults } from './settings';
import { flagOf, handOf, hasCard, personOf, placementOf, type BoardState } from './state';
import { LIMITS } from '../protocol/limits';

type Cmd<T extends BoardCommand['type']> = Extract<BoardCommand, { type: T }>;
type Rule<T extends BoardCommand['type']> = (b: BoardState, c: Cmd<T>, actor: Actor, ctx: DecideContext) => Decision<BoardEvent[]>;

/** How far ahead an asynchronous sorting deadline may lie (BOARD-ASYNC-1). */
export const MAX_DEADLINE_MS = 30 * 24 * 3600 * 1000;

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
  'card.spotlight',
  'deadline.set',
]);
const SETUP_ONLY = new Set<BoardCommand['type']>(['card.add', 'card.edit', 'card.remove', 'scale.set']);

function needCard(b: BoardState, cardId: string): Decision<never> | null {
  return hasCard(b, cardId) ? null : fail('unknown_card', `Card ${cardId} is not on this board.`);
}

const unchanged = (what: string): Decision<never> => fail('no_change', what);

/** Whether this actor may move this card in the current phase (the UI disables what this refuses). */
export function movePermission(b: BoardState, actor: Actor, cardId: string): Decision<never> | null {
  if (actor.role === 'observer') return fail('not_allowed', 'Observers watch; they do not change the board.');
  if (b.phase === 'locked') return fail('session_locked', 'The session is locked; go back a phase to change it.');
  const facilitator = actor.role === 'facilitator';
  if (b.phase === 'setup' && !facilitator) return fail('wrong_phase', 'Sorting has not started yet.');
  if (b.phase === 'sorting' && !facilitator) {
    const hand = handOf(b, cardId);
    if (hand !== undefined && hand !== actor.personId)
      return fail('not_your_card', 'In silent sorting you place your own cards; this one was dealt to someone else.');
  }
  if (b.phase === 'discussion') {
    if (!facilitator) return fail('wrong_phase', 'During discussion the facilitator places the cards.');
    if (!flagOf(b, cardId)) return fail('wrong_phase', 'Only flagged cards are moved during discussion.');
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
  if (from === c.to) return unchanged('The card is already there.');
  const events: BoardEvent[] = [{ type: 'card.moved', cardId: c.cardId, from, to: c.to }];
  if (!flagOf(b, c.cardId) && b.phase !== 'setup' && b.phase !== 'discussion') {
    const reason = flagFor(
      {
        to: c.to,
        trail: own(b.trail, c.cardId) ?? [from],
        reviewMoves: own(b.reviewMoves, c.cardId) ?? 0,
        unsure: bucket?.value === null,
        inReview: b.phase === 'review',
      },
      b.settings.pingPong,
    );
    if (reason) events.push({ type: 'card.flagged', cardId: c.cardId, reason });
  }
  return accept(events);
}

const sameScale = (a: Scale, b: Scale) =>
  a.kind === b.kind &&
  a.buckets.length === b.buckets.length &&
  a.buckets.every((x, i) => x.id === b.buckets[i]?.id && x.label === b.buckets[i]?.label && x.value === b.buckets[i]?.value);

const sameHands = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => own(b, k) === a[k]);
};

function deal(b: BoardState, online: string[]): Decision<BoardEvent[]> {
  const hands = dealHands(b, dealees(b, online));
  return sameHands(hands, b.hands)
    ? unchanged('Dealing again would give everyone the same cards.')
    : accept([{ type: 'cards.dealt', hands }]);
}

const rules: { [T in BoardCommand['type']]: Rule<T> } = {
  'card.move': (b, c, actor) => move(b, c, actor),
  'card.flag': (b, c) =>
    needCard(b, c.cardId) ??
    (flagOf(b, c.cardId)
      ? unchanged('The card is already flagged.')
      : accept([{ type: 'card.flagged', cardId: c.cardId, reason: 'manual' }])),
  'card.unflag': (b, c) =>
    needCard(b, c.cardId) ??
    (flagOf(b, c.cardId) ? accept([{ type: 'card.unflagged', cardId: c.cardId }]) : unchanged('The card is not flagged.')),
  'card.add': (b, c) => {
    if (hasCard(b, c.cardId)) return fail('invalid', 'A card with this id exists.');
    if (b.cards.length >= LIMITS.itemsPerSession)
      return fail('invalid', `A session holds at most ${LIMITS.itemsPerSession} items. Nothing was added.`);
    const position = b.cards.reduce((max, card) => Math.max(max, card.position + 1), 0);
    return accept([{ type: 'card.added', card: { id: c.cardId, title: c.title, key: c.key, position } }]);
  },
  'card.edit': (b, c) => {
    const missing = needCard(b, c.cardId);
    if (missing) return missing;
    if (b.cards.find((card) => card.id === c.cardId)?.title === c.title) return unchanged('The card already has this title.');
    return accept([{ type: 'card.edited', cardId: c.cardId, title: c.title }]);
  },
  'card.remove': (b, c) => needCard(b, c.cardId) ?? accept([{ type: 'card.removed', cardId: c.cardId }]),
  'scale.set': (b, c) => {
    if (c.scale.kind === 'custom' && new Set(c.scale.values).size < 2)
      return fail('invalid', 'A custom scale needs at least two different values.');
    const scale = scaleFrom(c.scale);
    return sameScale(scale, b.scale) ? unchanged('The board already has this scale.') : accept([{ type: 'scale.changed', scale }]);
  },
  'settings.set': (b, c) => {
    if (!Number.isInteger(c.pingPong.maxMoves) || c.pingPong.maxMoves < 1)
      return fail('invalid', 'The move limit must be a whole number of at least 1.');
    const settings = withDefaults({
      pingPong: c.pingPong,
      timebox: c.timebox ?? b.settings.timebox,
      anonymous: c.anonymous ?? b.settings.anonymous,
    });
    return sameSettings(settings, b.settings)
      ? unchanged('The settings are already these.')
      : accept([{ type: 'settings.changed', settings }]);
  },
  'phase.set': (b, c, _a, ctx) => {
    if (b.phase === c.phase) return unchanged(`The session is already in ${c.phase}.`);
    const events: BoardEvent[] = [{ type: 'phase.changed', from: b.phase, to: c.phase }];
    if (c.phase === 'sorting') events.push({ type: 'cards.dealt', hands: dealHands(b, dealees(b, ctx.online)) });
    return accept(events);
  },
  'cards.deal': (b, _c, _a, ctx) => {
    if (b.phase !== 'sorting' && b.phase !== 'setup') return fail('wrong_phase', 'Cards are dealt for silent sorting.');
    return deal(b, ctx.online);
  },
  'person.rename': (b, c, actor) => {
    if (actor.role !== 'facilitator' && actor.personId !== c.personId)
      return fail('not_allowed', 'Only the facilitator can rename other people.');
    const person = personOf(b, c.personId);
    if (!person) return fail('unknown_person', 'No such person in this session.');
    if (person.name === c.name) return unchanged('The person already has this name.');
    return accept([{ type: 'person.renamed', personId: c.personId, name: c.name }]);
  },
  'person.setRole': (b, c, actor) => {
    const person = personOf(b, c.personId);
    if (!person) return fail('unknown_person', 'No such person in this session.');
    if (c.personId === actor.personId) return fail('not_allowed', 'You cannot change your own role.');
    if (person.role === c.role) return unchanged('The person already has this role.');
    return accept([{ type: 'person.roleChanged', personId: c.personId, role: c.role }]);
  },
  'person.remove': (b, c, actor) => {
    if (!personOf(b, c.personId)) return fail('unknown_person', 'No such person in this session.');
    if (c.personId === actor.personId) return fail('not_allowed', 'You cannot remove yourself.');
    return accept([{ type: 'person.removed', personId: c.personId }]);
  },
  'timer.start': (b, c, _a, ctx) => {
    if (!(c.seconds > 0)) return fail('invalid', 'A timebox needs a positive number of seconds.');
    return accept([{ type: 'timer.started', phase: b.phase, seconds: c.seconds, endsAt: ctx.now + c.seconds * 1000 }]);
  },
  'timer.stop': (b) => (b.timer ? accept([{ type: 'timer.stopped' }]) : unchanged('No timer is running.')),
  'card.spotlight': (b, c) => {
    if (b.phase !== 'discussion') return fail('wrong_phase', 'A card is spotlighted during discussion.');
    if (c.cardId !== null && !hasCard(b, c.cardId)) return fail('unknown_card', `Card ${c.cardId} is not on this board.`);
    if (b.spotlight === c.cardId) return unchanged(c.cardId === null ? 'No card is spotlighted.' : 'This card is already spotlighted.');
    return accept([{ type: 'card.spotlighted', cardId: c.cardId }]);
  },
  'deadline.set': (b, c, _a, ctx) => {
    if (b.phase !== 'setup' && b.phase !== 'sorting')
      return fail('wrong_phase', 'A deadline is set for silent sorting, before review starts.');
    if (c.at !== null && !(Number.isInteger(c.at) && c.at > ctx.now && c.at <= ctx.now + MAX_DEADLINE_MS)) {
      return fail('invalid', 'The deadline must lie in the future, at most 30 days ahead.');
    }
    if (b.deadline === c.at) return unchanged('The deadline is already this.');
    return accept([{ type: 'deadline.set', at: c.at }]);
  },
};

/** Pure decision: may this actor do this now, and which events follow? */
export function decide(b: BoardState, cmd: BoardCommand, actor: Actor, ctx: DecideContext): Decision<BoardEvent[]> {
  if (actor.role === 'observer') return fail('not_allowed', 'Observers watch; they do not change the board.');
  if (FACILITATOR_ONLY.has(cmd.type) && actor.role !== 'facilitator') return fail('not_allowed', 'Only the facilitator can do this.');
  if (b.phase === 'locked' && cmd.type !== 'phase.set')
    return fail('session_locked', 'The session is locked; go back a phase to change it.');
  if (SETUP_ONLY.has(cmd.type) && b.phase !== 'setup') return fail('wrong_phase', 'Items and the scale are edited in setup.');
  const rule = rules[cmd.type] as Rule<typeof cmd.type>;
  return rule(b, cmd as never, actor, ctx);
}
