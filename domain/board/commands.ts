import type { ScaleChoice } from './scale';
import type { SessionSettings } from './settings';
import type { Phase, Placement, Role } from './state';

/** What a client asks for. The server decides, and the answer is zero or more events. */
export type BoardCommand =
  | { type: 'card.move'; cardId: string; to: Placement }
  | { type: 'card.flag'; cardId: string }
  | { type: 'card.unflag'; cardId: string }
  | { type: 'card.add'; cardId: string; title: string; key: string | null }
  | { type: 'card.edit'; cardId: string; title: string }
  | { type: 'card.remove'; cardId: string }
  | { type: 'scale.set'; scale: ScaleChoice }
  | { type: 'settings.set'; pingPong: SessionSettings['pingPong']; timebox?: SessionSettings['timebox']; anonymous?: boolean }
  | { type: 'phase.set'; phase: Phase }
  | { type: 'cards.deal' }
  | { type: 'person.rename'; personId: string; name: string }
  | { type: 'person.setRole'; personId: string; role: Role }
  | { type: 'person.remove'; personId: string }
  | { type: 'timer.start'; seconds: number }
  | { type: 'timer.stop' }
  | { type: 'card.spotlight'; cardId: string | null }
  | { type: 'deadline.set'; at: number | null };

export type BoardCommandType = BoardCommand['type'];

/** Facts about the world the server adds to a decision: the clock and who is connected. */
export interface DecideContext {
  now: number;
  online: string[];
}

export interface Actor {
  personId: string;
  role: Role;
}
