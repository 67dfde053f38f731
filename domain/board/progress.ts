import { handOf, placementOf, type BoardState, type Person } from './state';

export interface PersonProgress {
  person: Person;
  /** cards dealt to this person in this sorting */
  dealt: number;
  /** of those, still on the unsorted pile */
  left: number;
}

export interface SortingProgress {
  /** everyone who was dealt cards, most cards left first */
  people: PersonProgress[];
  /** people who still hold unplaced cards */
  sorting: number;
  /** unplaced cards nobody holds */
  undealt: number;
  /** every dealt card is placed */
  everyoneDone: boolean;
}

/** Silent sorting progress per person: who still holds how many cards (BOARD-PROG-1). */
export function sortingProgress(board: BoardState): SortingProgress {
  const byPerson = new Map<string, PersonProgress>();
  let undealt = 0;
  for (const card of board.cards) {
    const holder = handOf(board, card.id);
    const person = holder === undefined ? undefined : Object.hasOwn(board.people, holder) ? board.people[holder] : undefined;
    const placed = placementOf(board, card.id) !== null;
    if (!person) {
      if (!placed) undealt++;
      continue;
    }
    const p = byPerson.get(person.id) ?? { person, dealt: 0, left: 0 };
    p.dealt++;
    if (!placed) p.left++;
    byPerson.set(person.id, p);
  }
  const people = [...byPerson.values()].sort((a, b) => b.left - a.left || a.person.name.localeCompare(b.person.name));
  const sorting = people.filter((p) => p.left > 0).length;
  return { people, sorting, undealt, everyoneDone: sorting === 0 };
}

/**
 * Before the facilitator leaves silent sorting: how many people still sort, so the board can
 * nudge ("3 people still sorting") instead of cutting them off. Null when nothing is pending.
 */
export function moveOnNudge(board: BoardState): { stillSorting: number; cardsLeft: number } | null {
  if (board.phase !== 'sorting') return null;
  const p = sortingProgress(board);
  const cardsLeft = p.people.reduce((n, x) => n + x.left, 0);
  return p.sorting > 0 ? { stillSorting: p.sorting, cardsLeft } : null;
}
