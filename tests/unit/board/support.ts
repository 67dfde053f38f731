import {
  decide,
  defaultScale,
  DEFAULT_SETTINGS,
  emptyBoard,
  replay,
  type Actor,
  type BoardEvent,
  type BoardState,
  type Phase,
} from '../../../domain/board';

const fac: Actor = { personId: 'f', role: 'facilitator' };
const people: Actor[] = [
  fac,
  { personId: 'a', role: 'participant' },
  { personId: 'b', role: 'participant' },
  { personId: 'o', role: 'observer' },
];

/** A board with cards c1..c4 and people f (facilitator), a, b (participants), o (observer), all online, in the given phase. */
export function boardWith(phase: Phase = 'review', cards = ['c1', 'c2', 'c3', 'c4']): BoardState {
  const events: BoardEvent[] = [
    { type: 'session.created', name: 'S', scale: defaultScale(), settings: DEFAULT_SETTINGS, phase: 'setup' },
    ...cards.map((id, position): BoardEvent => ({ type: 'card.added', card: { id, title: id.toUpperCase(), key: null, position } })),
    ...people.map((p): BoardEvent => ({ type: 'person.joined', person: { id: p.personId, name: p.personId, role: p.role } })),
  ];
  let b = replay(emptyBoard('s', defaultScale(), DEFAULT_SETTINGS), events);
  if (phase !== 'setup') {
    const d = decide(b, { type: 'phase.set', phase }, fac, { now: 1000, online: ['f', 'a', 'b', 'o'] });
    if (!d.ok) throw new Error(d.error.message);
    b = replay(b, d.value);
  }
  return b;
}
