import { describe, expect, it } from 'vitest';
import { chooseField, discoverStoryPointFields, JSW_STORY_POINTS, type JiraField } from '../../../domain/integrations';

const num = (id: string, name: string, custom?: string): JiraField => ({
  id,
  name,
  custom: true,
  schema: { type: 'number', ...(custom ? { custom } : {}) },
});
const cloudFields: JiraField[] = [
  { id: 'summary', name: 'Summary', custom: false, schema: { type: 'string' } },
  num('customfield_10016', 'Story point estimate', JSW_STORY_POINTS),
  num('customfield_10028', 'Story Points', 'com.atlassian.jira.plugin.system.customfieldtypes:float'),
  num('customfield_10050', 'Business value', 'com.atlassian.jira.plugin.system.customfieldtypes:float'),
  { id: 'timeoriginalestimate', name: 'Original estimate', custom: false, schema: { type: 'number' } },
  { id: 'customfield_10090', name: 'Story Points', custom: true, schema: { type: 'string' } },
];
const dcFields: JiraField[] = [
  { id: 'summary', name: 'Summary', custom: false, schema: { type: 'string' } },
  num('customfield_10002', 'Story Points', 'com.atlassian.jira.plugin.system.customfieldtypes:float'),
  num('customfield_10106', 'Storypunkte', 'com.atlassian.jira.plugin.system.customfieldtypes:float'),
];

describe('Story-point field discovery', () => {
  it('INT-FIELD-1 INT-FIELD-2 Cloud: the story-point type first, then names; text fields are never offered', () => {
    const d = discoverStoryPointFields(cloudFields);
    expect(d.candidates).toEqual([
      { id: 'customfield_10016', name: 'Story point estimate', reason: 'story_point_type' },
      { id: 'customfield_10028', name: 'Story Points', reason: 'name' },
    ]);
    expect(d.suggested).toBe('customfield_10016');
    expect(d.numberFields.map((f) => f.id)).toEqual(['customfield_10050', 'customfield_10016', 'customfield_10028']);
  });

  it('INT-FIELD-1 Data Center: the custom "Story Points" field and a German name', () => {
    const d = discoverStoryPointFields(dcFields);
    expect(d.candidates.map((c) => c.id)).toEqual(['customfield_10002', 'customfield_10106']);
    expect(d.suggested).toBe('customfield_10002');
  });

  it('INT-FIELD-2 the board’s estimation field comes first', () => {
    const board = { estimation: { type: 'field', field: { fieldId: 'customfield_10028', displayName: 'Story Points' } } };
    const d = discoverStoryPointFields(cloudFields, board);
    expect(d.candidates[0]).toEqual({ id: 'customfield_10028', name: 'Story Points', reason: 'board' });
    expect(d.boardField).toEqual({ id: 'customfield_10028', name: 'Story Points' });
    expect(d.boardNote).toBeNull();
  });

  it('INT-FIELD-4 a board estimating time or issue count is noted and its field not offered', () => {
    const time = discoverStoryPointFields(cloudFields, { estimation: { type: 'field', field: { fieldId: 'timeoriginalestimate' } } });
    expect(time.boardNote).toBe('board_estimates_time');
    expect(time.candidates.map((c) => c.id)).not.toContain('timeoriginalestimate');
    expect(discoverStoryPointFields(cloudFields, { estimation: { type: 'issueCount' } }).boardNote).toBe('board_estimates_count');
  });

  it('INT-FIELD-3 any number field may be chosen; others are refused with a reason', () => {
    expect(chooseField('customfield_10050', cloudFields)).toEqual({
      ok: true,
      field: { id: 'customfield_10050', name: 'Business value' },
      viaBoard: false,
    });
    expect(chooseField('customfield_99999', cloudFields)).toMatchObject({
      ok: false,
      code: 'unknown_field',
      message: 'Jira has no field customfield_99999',
    });
    expect(chooseField('customfield_10090', cloudFields)).toMatchObject({ ok: false, code: 'not_a_number' });
    expect(chooseField('timeoriginalestimate', cloudFields)).toMatchObject({ ok: false, code: 'not_a_number' });
  });

  it('INT-FIELD-4 writes go through the board only when the board estimates with the chosen field', () => {
    const board = { estimation: { type: 'field', field: { fieldId: 'customfield_10016' } } };
    expect(chooseField('customfield_10016', cloudFields, board)).toMatchObject({ ok: true, viaBoard: true });
    expect(chooseField('customfield_10028', cloudFields, board)).toMatchObject({ ok: true, viaBoard: false });
  });
});
