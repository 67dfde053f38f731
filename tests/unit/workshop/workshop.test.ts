import { describe, expect, it } from 'vitest';
import { computePlan, type Plan } from '../../../domain/planning';
import { defaultScale } from '../../../domain/board';
import {
  backlogRows,
  burnUp,
  calibrationHistory,
  calibrationDrift,
  compareSessions,
  currentCalibration,
  deriveSizes,
  placeReferences,
  placementsOf,
  recordFigures,
  sprintScopes,
  addableIds,
  sprintBody,
  planSettingsBody,
  workshopPlanInput,
  settingsToForm,
  formToSettings,
  type PlanSettings,
  type PlanningSession,
  type SprintEntry,
  type WorkshopData,
} from '../../../domain/workshop';

const p = (value: number | null) => ({ label: value === null ? '?' : String(value), value });

function session(id: string, placements: Record<string, number | null>, opts: Partial<PlanningSession> = {}): PlanningSession {
  return {
    id,
    name: id,
    createdAt: 0,
    phase: 'locked',
    counted: true,
    joinCode: null,
    cards: Object.keys(placements).length,
    placements: Object.fromEntries(Object.entries(placements).map(([k, v]) => [k, p(v)])),
    references: [],
    ...opts,
  };
}

const items = (ids: string[]) => ids.map((id, position) => ({ id, key: null, title: `Item ${id}`, position, storyPoints: null }));

function sprint(index: number, doneAp: number, doneItemIds: string[], extra: Partial<SprintEntry> = {}): SprintEntry {
  return {
    index,
    doneAp,
    doneItemIds,
    costMinor: null,
    scopeAddedAp: 0,
    scopeRemovedAp: 0,
    addedItemIds: [],
    droppedItemIds: [],
    recordedAt: index * 1000,
    ...extra,
  };
}

const plan = (input: unknown): Plan => {
  const r = computePlan(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
};

describe('sizes', () => {
  it('WS-SIZE-1 an item is sized by the bucket value of the most recent counted session that placed it', () => {
    const sizes = deriveSizes([session('s1', { a: 3, b: 5 }), session('s2', { a: 8 })]);
    expect(sizes.get('a')).toEqual({ sizeAp: 8, sessionId: 's2', label: '8' });
    expect(sizes.get('b')).toEqual({ sizeAp: 5, sessionId: 's1', label: '5' });
  });

  it('WS-SIZE-2 "?" in a later session unsizes an item; a later session that leaves it unplaced keeps the size', () => {
    const sizes = deriveSizes([session('s1', { a: 3, b: 5 }), session('s2', { a: null })]);
    expect(sizes.get('a')?.sizeAp).toBeNull();
    expect(sizes.get('b')?.sizeAp).toBe(5);
  });

  it('WS-SIZE-3 only locked sessions count', () => {
    const sizes = deriveSizes([session('s1', { a: 3 }), session('s2', { a: 13 }, { phase: 'review', counted: false })]);
    expect(sizes.get('a')?.sizeAp).toBe(3);
  });

  it('WS-SIZE-4 a board\'s placements leave out the unsorted pile and keep "?" as null', () => {
    const scale = defaultScale();
    const board = {
      scale,
      cards: [
        { id: 'a', title: 'A', key: null, position: 0 },
        { id: 'b', title: 'B', key: null, position: 1 },
        { id: 'c', title: 'C', key: null, position: 2 },
      ],
      placement: { a: 'v5', b: null, c: 'unsure' },
    };
    expect(placementsOf(board)).toEqual({ a: { label: '5', value: 5 }, c: { label: '?', value: null } });
  });
});

describe('calibration', () => {
  it('WS-CAL-1 a reference counts when the item is sized in its session: f = sum SP / sum AP', () => {
    const s1 = session(
      's1',
      { a: 3, b: 5, c: null },
      {
        references: [
          { itemId: 'a', storyPoints: 24, updatedAt: 1 },
          { itemId: 'c', storyPoints: 10, updatedAt: 1 },
        ],
      },
    );
    const [h] = calibrationHistory([s1]);
    expect(h?.own.factor).toBe(8);
    expect(h?.own.refs.map((r) => r.itemId)).toEqual(['a']);
  });

  it('WS-CAL-2 every session keeps its factor; a later reference of the same item replaces the earlier one in the cumulative factor', () => {
    const s1 = session('s1', { a: 3, b: 5 }, { references: [{ itemId: 'a', storyPoints: 24, updatedAt: 1 }] });
    const s2 = session(
      's2',
      { a: 5, d: 2 },
      {
        references: [
          { itemId: 'a', storyPoints: 30, updatedAt: 2 },
          { itemId: 'd', storyPoints: 12, updatedAt: 2 },
        ],
      },
    );
    const open = session(
      's3',
      { a: 1 },
      { counted: false, phase: 'review', references: [{ itemId: 'a', storyPoints: 100, updatedAt: 3 }] },
    );
    const history = calibrationHistory([s1, s2, open]);
    expect(history.map((h) => h.sessionId)).toEqual(['s1', 's2']);
    expect(history[0]?.cumulative.factor).toBe(8);
    expect(history[1]?.own.factor).toBe(6); // (30 + 12) / (5 + 2)
    expect(history[1]?.cumulative.factor).toBe(6);
    expect(currentCalibration([s1, s2, open]).factor).toBe(6);
  });

  it('WS-CAL-3 without references the workshop is not calibrated', () => {
    expect(currentCalibration([session('s1', { a: 3 })]).factor).toBeNull();
  });
});

describe('calibration drift', () => {
  const refs = (list: [string, number][]) => list.map(([itemId, storyPoints]) => ({ itemId, storyPoints, updatedAt: 0 }));

  it("WS-CAL-4 each session's spread of reference ratios", () => {
    const s1 = session(
      's1',
      { a: 2, b: 5, c: 3 },
      {
        references: refs([
          ['a', 16],
          ['b', 35],
        ]),
      },
    );
    const [d] = calibrationDrift([s1]);
    expect(d).toMatchObject({ own: 51 / 7, spread: { min: 7, max: 8 }, outliers: [], moved: null, flagged: false });
  });

  it('WS-CAL-5 a reference far off the others is an outlier; with two references nothing is', () => {
    // ratios 8, 8, 8 and 30: the last is more than twice the others' factor
    const s1 = session(
      's1',
      { a: 2, b: 5, c: 3, d: 1 },
      {
        references: refs([
          ['a', 16],
          ['b', 40],
          ['c', 24],
          ['d', 30],
        ]),
      },
    );
    expect(calibrationDrift([s1])[0]!.outliers).toEqual(['d']);
    const two = session(
      's1',
      { a: 2, d: 1 },
      {
        references: refs([
          ['a', 16],
          ['d', 30],
        ]),
      },
    );
    expect(calibrationDrift([two])[0]!.outliers).toEqual([]);
  });

  it('WS-CAL-6 the workshop factor moving by more than the threshold (default 20 %) is flagged', () => {
    const s1 = session('s1', { a: 2, b: 4 }, { references: refs([['a', 16]]) });
    const s2 = session('s2', { b: 4 }, { references: refs([['b', 44]]) }); // cumulative (16 + 44) / 6 = 10: +25 %
    const s3 = session('s3', { c: 2 }, { references: refs([['c', 22]]) }); // (16 + 44 + 22) / 8 = 10.25: +2.5 %
    const drift = calibrationDrift([s1, s2, s3]);
    expect(drift.map((d) => [d.cumulative, d.moved, d.flagged])).toEqual([
      [8, null, false],
      [10, 0.25, true],
      [10.25, 0.025, false],
    ]);
    expect(calibrationDrift([s1, s2, s3], 0.3)[1]!.flagged).toBe(false);
  });
});

describe('compare', () => {
  it('WS-CMP-1 moved items first, biggest change first, then sized/unsized, one-sided and unchanged', () => {
    const a = session('a', { x: 3, y: 5, z: 8, u: null, only: 2 });
    const b = session('b', { x: 5, y: 5, z: 2, u: 3, w: 1 });
    const c = compareSessions(a, b, ['x', 'y', 'z', 'u', 'only', 'w']);
    expect(c.rows.map((r) => [r.itemId, r.kind, r.delta])).toEqual([
      ['z', 'down', -6],
      ['x', 'up', 2],
      ['u', 'sized', null],
      ['w', 'onlyB', null],
      ['only', 'onlyA', null],
      ['y', 'same', 0],
    ]);
    expect(c.moved).toBe(2);
  });

  it('WS-CMP-2 the headline compares like with like: only the items both sessions sized', () => {
    const a = session('a', { x: 3, y: 5, z: 8, u: null, only: 2 });
    const b = session('b', { x: 5, y: 5, z: 2, u: 3, w: 1 });
    // x, y, z are sized in both (u is "?" in a; only and w are in one session)
    expect(compareSessions(a, b, ['x', 'y', 'z', 'u', 'only', 'w']).both).toEqual({ count: 3, sumA: 16, sumB: 12 });
  });
});

describe('plan input', () => {
  const data: WorkshopData = {
    items: items(['a', 'b', 'c', 'd']),
    sessions: [session('s1', { a: 3, b: 5, c: 8 }, { references: [{ itemId: 'a', storyPoints: 24, updatedAt: 1 }] })],
    sprints: [],
  };

  it('WS-PLAN-1 the backlog is the sized items in priority order, without dropped ones', () => {
    const input = workshopPlanInput(
      { ...data, sprints: [sprint(1, 3, ['a'], { droppedItemIds: ['c'], scopeRemovedAp: 8 })] },
      { velocity: { unit: 'AP', assumed: 3 } },
    );
    expect(input.backlog.items?.map((i) => [i.id, i.sizeAp])).toEqual([
      ['a', 3],
      ['b', 5],
    ]);
    expect(backlogRows(data).find((r) => r.id === 'd')?.size.sizeAp).toBeNull();
  });

  it('WS-PLAN-2 the worked example: 47 AP, 3 AP = 24 SP, 24 SP per sprint: 376 SP, 16 sprints, 24,000 EUR per sprint', () => {
    const worked: WorkshopData = {
      items: items(['ref', 'x', 'y', 'z']),
      sessions: [session('s1', { ref: 3, x: 20, y: 20, z: 4 }, { references: [{ itemId: 'ref', storyPoints: 24, updatedAt: 1 }] })],
      sprints: [],
    };
    worked.sessions[0]!.placements.z = { label: '4', value: 4 };
    const result = plan(
      workshopPlanInput(worked, {
        velocity: { unit: 'SP', assumed: 24 },
        sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
        team: { people: 3, dayRateMinor: 80000, daysPerSprint: 10 },
        currency: 'EUR',
      }),
    );
    expect(result.scope.total).toEqual({ ap: 47, sp: 376 });
    expect(result.forecast.sprintsNeeded).toBe(16);
    expect(result.budget?.costPerSprintMinor).toBe(2_400_000);
    expect(result.budget?.costOfSprintsNeededMinor).toBe(38_400_000);
  });

  it('WS-PLAN-3 a reference made after a sprint record re-calibrates in the next record', () => {
    const refs = [
      { itemId: 'a', sessionId: 's1', ap: 3, sp: 24, updatedAt: 500 },
      { itemId: 'b', sessionId: 's2', ap: 5, sp: 30, updatedAt: 1500 },
      { itemId: 'a', sessionId: 's2', ap: 3, sp: 30, updatedAt: 2500 },
    ];
    const placed = placeReferences(refs, [1000, 2000], (id) => id);
    expect(placed.initial.map((r) => r.id)).toEqual(['a']);
    expect(placed.perSprint[0]).toEqual([]);
    expect(placed.perSprint[1]?.map((r) => r.id)).toEqual(['b', 'a']);
    // no records: everything is initial
    expect(placeReferences(refs, [], (id) => id).initial).toHaveLength(2);
  });

  it('WS-PLAN-4 without saved settings the velocity is AP and the engine asks for one', () => {
    const r = computePlan(workshopPlanInput(data, null));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toContain('velocity_required');
  });
});

describe('tracking', () => {
  const sizes = deriveSizes([session('s1', { a: 3, b: 5, c: 8 })]);

  it('WS-TRK-1 a record without AP figures takes the sizes of its listed items', () => {
    expect(recordFigures({ doneItemIds: ['a', 'b'], addedItemIds: ['c'], droppedItemIds: [] }, sizes)).toEqual({
      doneAp: 8,
      scopeAddedAp: 8,
      scopeRemovedAp: 0,
    });
    expect(recordFigures({ doneItemIds: ['a'], doneAp: 4, addedItemIds: [], droppedItemIds: [] }, sizes).doneAp).toBe(4);
  });

  it('WS-TRK-2 the scope line steps where scope was added or dropped; done accumulates', () => {
    const data: WorkshopData = {
      items: items(['a', 'b', 'c', 'd']),
      sessions: [session('s1', { a: 3, b: 5, c: 8, d: 2 })],
      sprints: [sprint(1, 3, ['a']), sprint(2, 5, ['b'], { addedItemIds: ['d'], scopeAddedAp: 2 })],
    };
    const result = plan(workshopPlanInput(data, { velocity: { unit: 'AP' } }));
    const points = burnUp(result, data);
    expect(points.slice(0, 3).map((x) => [x.sprint, x.done, x.scope])).toEqual([
      [0, 0, 16],
      [1, 3, 16],
      [2, 8, 18],
    ]);
  });

  it('WS-TRK-3 the forecast starts at the done scope and reaches the total at the mean, low and high velocity', () => {
    const data: WorkshopData = {
      items: items(['a', 'b', 'c', 'd', 'e']),
      sessions: [session('s1', { a: 4, b: 3, c: 2, d: 8, e: 5 })],
      sprints: [sprint(1, 4, ['a']), sprint(2, 3, ['b']), sprint(3, 2, ['c'])],
    };
    const result = plan(workshopPlanInput(data, { velocity: { unit: 'AP' } }));
    const points = burnUp(result, data);
    const last = points.at(-1)!;
    expect(points[3]).toMatchObject({ done: 9, mean: 9, low: 9, high: 9 });
    expect(last.low).toBe(22); // 13 AP left at 2 AP per sprint: 7 sprints ahead
    expect(last.sprint).toBe(3 + 7);
    expect(points.find((x) => x.sprint === 5)?.mean).toBe(15);
  });
});

describe('scope changes counted once', () => {
  const data: WorkshopData = {
    items: items(['a', 'b', 'c', 'd', 'e']),
    sessions: [session('s1', { a: 3, b: 5, c: 8, d: 2, e: 1 })],
    sprints: [
      // d came in during sprint 1; sprint 2 lists it again (and e, new); sprint 3 finished no item but reports 2 AP of work
      sprint(1, 3, ['a'], { addedItemIds: ['d'], scopeAddedAp: 2 }),
      sprint(2, 5, ['b'], { addedItemIds: ['d', 'e'], scopeAddedAp: 3 }),
      sprint(3, 2, []),
    ],
  };

  it("WS-TRK-4 an item listed as added twice counts once, at today's size", () => {
    expect(sprintScopes(data.sprints, deriveSizes(data.sessions)).map((x) => [x.index, x.addedAp, x.doneAp])).toEqual([
      [1, 2, 3],
      [2, 1, 5],
      [3, 0, 0],
    ]);
    // a record that lists nothing keeps its figure
    expect(sprintScopes([sprint(1, 0, [], { scopeAddedAp: 4 })], deriveSizes(data.sessions))[0]!.addedAp).toBe(4);
    // a new record may not list items added, done or dropped before
    const free = addableIds(data);
    expect(['a', 'b', 'c', 'd', 'e'].filter(free)).toEqual(['c']);
  });

  it('WS-TRK-5 the burn-up, the scope left and the waterline agree: done after the last record = total - remaining', () => {
    const result = plan(workshopPlanInput(data, { velocity: { unit: 'AP' }, budget: { sprints: 10 } }));
    const points = burnUp(result, data);
    const last = points[3]!;
    expect(last.scope).toBe(result.scope.total.ap); // 19
    expect(last.done).toBe(result.scope.total.ap - result.scope.remaining.ap); // 8: a and b, not the 2 AP of work in sprint 3
    expect(last.mean).toBe(last.done);
    expect(points[0]!.scope).toBe(19 - 3); // before d (2) and e (1) came in
    const open = result.waterline!.items.filter((i) => !i.done);
    expect(open.reduce((s, i) => s + i.sizeAp, 0)).toBe(result.scope.remaining.ap);
    expect(result.scope.addedAp).toBe(3);
  });

  it('WS-SIZE-5 a size typed with a new item counts until a session places the item', () => {
    const typed = [...items(['a']), { id: 'n', key: null, title: 'New', position: 1, storyPoints: null, typedSizeAp: 5 }];
    expect(deriveSizes([session('s1', { a: 3 })], typed).get('n')).toEqual({ sizeAp: 5, sessionId: null, label: null, typed: true });
    expect(deriveSizes([session('s1', { a: 3 }), session('s2', { n: 8 })], typed).get('n')).toEqual({
      sizeAp: 8,
      sessionId: 's2',
      label: '8',
    });
    expect(backlogRows({ items: typed, sessions: [session('s1', { a: 3 })], sprints: [] }).map((r) => r.size.sizeAp)).toEqual([3, 5]);
  });

  it('WS-TRK-6 a new item typed while recording: a title and a size, strict', () => {
    expect(sprintBody.parse({ newItems: [{ title: ' Retry payments ', sizeAp: 5 }] }).newItems).toEqual([
      { title: 'Retry payments', sizeAp: 5 },
    ]);
    expect(sprintBody.safeParse({ newItems: [{ title: '', sizeAp: 5 }] }).success).toBe(false);
    expect(sprintBody.safeParse({ newItems: [{ title: 'x', sizeAp: -1 }] }).success).toBe(false);
    expect(sprintBody.safeParse({ newItems: [{ title: 'x', sizeAp: 1, extra: true }] }).success).toBe(false);
    expect(sprintBody.parse({}).newItems).toEqual([]);
  });

  it('WS-PLAN-1 reference items are refined: a split leaves them alone', () => {
    const refs = session('s1', { a: 3, b: 5 }, { references: [{ itemId: 'a', storyPoints: 24, updatedAt: 0 }] });
    const input = workshopPlanInput({ items: items(['a', 'b']), sessions: [refs], sprints: [] }, { velocity: { unit: 'AP', assumed: 2 } });
    expect(input.backlog.items).toEqual([
      { id: 'a', title: 'Item a', sizeAp: 3, refined: true },
      { id: 'b', title: 'Item b', sizeAp: 5 },
    ]);
  });

  it('WS-PLAN-5 saved uncertainty settings reach the engine', () => {
    const settings = {
      velocity: { unit: 'AP' as const, history: [3, 4], window: 2, multipliers: [{ sprint: 2, factor: 0.5 }] },
      scopeGrowth: { low: 0, high: 5 },
      split: { low: 1, high: 1.2 },
      risks: [{ title: 'Audit', likelihoodPercent: 20, impact: { unit: 'AP' as const, low: 1, high: 3 } }],
      throughput: {},
      questions: { finishBy: '2025-06-30' },
    };
    expect(planSettingsBody.safeParse(settings).success).toBe(true);
    const input = workshopPlanInput(data, settings);
    expect(input).toMatchObject({
      scopeGrowth: settings.scopeGrowth,
      split: settings.split,
      risks: settings.risks,
      throughput: {},
      questions: settings.questions,
    });
    expect(plan(input).throughput?.history).toEqual([1, 1, 0].slice(-2));
  });
});

describe('settings form', () => {
  it('WS-FORM-1 saved uncertainty settings come back as form text and go out unchanged (WS-FORM-2)', () => {
    const saved: PlanSettings = {
      velocity: { unit: 'AP', history: [3, 4], window: 2, multipliers: [{ sprint: 5, factor: 0.5 }] },
      scopeGrowth: { low: 0, high: 2.5 },
      split: { low: 1, high: 1.5 },
      risks: [{ title: 'Audit', likelihoodPercent: 20, impact: { unit: 'sprints', low: 1, high: 2 } }],
      throughput: {},
      questions: { finishBy: '2025-06-30' },
    };
    const form = settingsToForm(saved, 'de', '2025-01-06');
    expect(form).toMatchObject({ velocityWindow: '2', growthHigh: '2,5', splitHigh: '1,5', throughput: true, finishBy: '2025-06-30' });
    expect(form.risks[0]).toMatchObject({ title: 'Audit', likelihood: '20', unit: 'sprints', low: '1', high: '2' });
    const out = formToSettings(form, 'de');
    expect(out).toMatchObject({ scopeGrowth: saved.scopeGrowth, split: saved.split, throughput: {}, questions: saved.questions });
    expect(out.velocity).toMatchObject({ window: 2, multipliers: [{ sprint: 5, factor: 0.5 }] });
    expect(planSettingsBody.safeParse(out).success).toBe(true);
  });

  it('WS-FORM-1 a workshop without settings starts in AP, like the what-if page', () => {
    expect(settingsToForm(null, 'en', '2025-01-06').velocityUnit).toBe('AP');
  });
});

describe('velocity', () => {
  it('WS-PLAN-2 the assumed velocity stands in only until a sprint is recorded', () => {
    const data: WorkshopData = { items: items(['a', 'b']), sessions: [session('s1', { a: 3, b: 5 })], sprints: [] };
    expect(workshopPlanInput(data, { velocity: { unit: 'AP', assumed: 3 } }).velocity).toEqual({ unit: 'AP', assumed: 3 });
    const recorded = { ...data, sprints: [sprint(1, 3, ['a'])] };
    expect(workshopPlanInput(recorded, { velocity: { unit: 'AP', assumed: 3 } }).velocity).toEqual({ unit: 'AP' });
    expect(plan(workshopPlanInput(recorded, { velocity: { unit: 'AP', assumed: 3 } })).warnings.map((w) => w.code)).not.toContain(
      'assumed_velocity_ignored',
    );
  });
});
