import { describe, expect, it } from 'vitest';
import { sessionLockedMessage, sprintRecordedMessage } from '../../../domain/integrations/events';
import type { PlanSettings, SprintEntry, WorkshopPlanning } from '../../../domain/workshop';

const ref = { id: 'w1', name: 'Shop', url: 'https://me.example.com/workshop/w1' };

/** one locked session: a 3, b 5, c 8 AP, d in "?" (16 AP sized) */
const data = (settings: PlanSettings | null, sprints: SprintEntry[]): WorkshopPlanning => ({
  id: 'w1',
  name: 'Shop',
  createdAt: 1,
  readOnly: false,
  settings,
  sessions: [
    {
      id: 's1',
      name: 'Session 1',
      createdAt: 2,
      phase: 'locked',
      counted: true,
      joinCode: 'ABCDEF',
      cards: 4,
      references: [],
      placements: { a: { label: '3', value: 3 }, b: { label: '5', value: 5 }, c: { label: '8', value: 8 }, d: { label: '?', value: null } },
    },
  ],
  items: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, key: null, title: id, position: i, storyPoints: null })),
  sprints,
});

const sprint1: SprintEntry = {
  index: 1,
  doneAp: 3,
  doneItemIds: ['a'],
  costMinor: null,
  scopeAddedAp: 0,
  scopeRemovedAp: 0,
  addedItemIds: [],
  droppedItemIds: [],
  recordedAt: 10,
};

describe('webhook messages from the app’s data', () => {
  it('INT-HOOK-9 a locked session: its items’ sizes and the session’s factor', () => {
    const session = { id: 's1', name: 'Session 1', url: null };
    expect(sessionLockedMessage(ref, session, [3, 5, null, null], 8)).toEqual({
      event: 'session.locked',
      workshop: ref,
      session,
      totals: { items: 4, sized: 2, ap: 8, sp: 64, factor: 8 },
    });
    expect(sessionLockedMessage(ref, session, [], null).totals).toEqual({ items: 0, sized: 0, ap: 0, sp: null, factor: null });
  });

  it('INT-HOOK-10 a sprint record: the latest sprint, what is left and the forecast from the workshop’s plan', () => {
    // 16 AP sized, 3 done: 13 left at 3 AP per sprint = 5 sprints
    expect(sprintRecordedMessage(ref, data(null, [sprint1]))).toEqual({
      event: 'sprint.recorded',
      workshop: ref,
      sprint: { index: 1, doneAp: 3, scopeAddedAp: 0, scopeRemovedAp: 0 },
      remaining: { ap: 13, sp: null },
      sprintsNeeded: 5,
      budgetSprintsLeft: null,
    });
    // a budget of 50,000 EUR at 2 people x 500 EUR x 10 days = 10,000 per sprint: one spent, 4 left
    const budget: PlanSettings = {
      velocity: { unit: 'AP' },
      team: { people: 2, dayRateMinor: 50_000, daysPerSprint: 10 },
      currency: 'EUR',
      budget: { amountMinor: 5_000_000 },
    };
    expect(sprintRecordedMessage(ref, data(budget, [sprint1]))?.budgetSprintsLeft).toBe(4);
    // the latest record is the one told, whatever the order given
    const sprint2: SprintEntry = { ...sprint1, index: 2, doneAp: 5, doneItemIds: ['b'], recordedAt: 20 };
    expect(sprintRecordedMessage(ref, data(null, [sprint2, sprint1]))).toMatchObject({
      sprint: { index: 2, doneAp: 5 },
      remaining: { ap: 8 },
      sprintsNeeded: 2,
    });
  });

  it('INT-HOOK-10 without a plan (an SP velocity and no calibration) the remaining AP are still told, the forecast is left out; no record, no message', () => {
    expect(sprintRecordedMessage(ref, data({ velocity: { unit: 'SP' } }, [sprint1]))).toMatchObject({
      remaining: { ap: 13, sp: null },
      sprintsNeeded: null,
      budgetSprintsLeft: null,
    });
    expect(sprintRecordedMessage(ref, data(null, []))).toBeNull();
  });
});
