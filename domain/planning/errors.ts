import type { z } from 'zod';

/** A field-level input error. `code` is stable (for translation), `message` is English. */
export type PlanError = { path: string; code: ErrorCode; message: string };

export type ErrorCode =
  // shape (from the schema)
  | 'required'
  | 'not_a_number'
  | 'not_an_integer'
  | 'not_a_string'
  | 'not_an_object'
  | 'not_an_array'
  | 'invalid_type'
  | 'must_be_positive'
  | 'must_not_be_negative'
  | 'too_small'
  | 'too_big'
  | 'too_few'
  | 'too_many'
  | 'invalid_option'
  | 'invalid_date'
  | 'unknown_currency'
  | 'unknown_field'
  | 'invalid'
  // meaning (from validate.ts)
  | 'one_of_required'
  | 'conflict'
  | 'calibration_required'
  | 'velocity_required'
  | 'velocity_not_positive'
  | 'velocity_too_small'
  | 'duplicate_id'
  | 'sprint_index_order'
  | 'not_a_sprint_start'
  | 'team_required'
  | 'days_per_sprint_required'
  | 'cost_not_positive'
  | 'low_above_high'
  | 'duplicate_sprint'
  | 'throughput_history_required'
  | 'throughput_not_positive'
  | 'remaining_items_required';

/** PLAN-IO-5: at most this many errors are reported; a long list helps nobody and costs bytes. */
export const MAX_ERRORS = 20;

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

export function planError(path: readonly PropertyKey[] | string, code: ErrorCode, message: string): PlanError {
  return { path: typeof path === 'string' ? path : joinPath(path), code, message };
}

const TYPE_CODES: Record<string, ErrorCode> = {
  number: 'not_a_number',
  int: 'not_an_integer',
  string: 'not_a_string',
  object: 'not_an_object',
  array: 'not_an_array',
};

const TYPE_WORDS: Record<string, string> = {
  number: 'a finite number',
  int: 'a whole number',
  string: 'a string',
  object: 'an object',
  array: 'a list',
  boolean: 'true or false',
};

const KNOWN_CUSTOM = new Set<string>(['invalid_date', 'unknown_currency']);

/**
 * PLAN-IO-2 / PLAN-IO-5: one error per field, at most `limit`. Zod may report two issues at one
 * path (a string where a non-empty list is expected is "not a list" and "too short"); the first,
 * the more basic one, is kept.
 */
export function onePerField(errors: readonly PlanError[], limit = MAX_ERRORS): PlanError[] {
  const seen = new Set<string>();
  const out: PlanError[] = [];
  for (const e of errors) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    out.push(e);
    if (out.length >= limit) break;
  }
  return out;
}

/** Zod issues -> our errors: English message, stable code (onePerField keeps one per field). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): PlanError[] {
  const out: PlanError[] = [];
  for (const issue of issues) {
    if (out.length >= 4 * MAX_ERRORS) break; // the rest would be dropped anyway
    const path = issue.path;
    switch (issue.code) {
      case 'invalid_type': {
        // zod 4 leaves `input` out (or undefined) when the field is missing
        if (issue.input === undefined && !('received' in issue)) {
          out.push(planError(path, 'required', 'is required'));
        } else {
          const code = TYPE_CODES[issue.expected] ?? 'invalid_type';
          out.push(planError(path, code, `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`));
        }
        break;
      }
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'array') {
          out.push(planError(path, 'too_few', `needs at least ${min} ${min === 1 ? 'entry' : 'entries'}`));
        } else if (issue.origin === 'string') {
          out.push(planError(path, 'required', 'must not be empty'));
        } else if (min === 0 && !issue.inclusive) {
          out.push(planError(path, 'must_be_positive', 'must be greater than 0'));
        } else if (min === 0) {
          out.push(planError(path, 'must_not_be_negative', 'must not be negative'));
        } else {
          out.push(planError(path, 'too_small', `must be ${issue.inclusive ? 'at least' : 'greater than'} ${min}`));
        }
        break;
      }
      case 'too_big': {
        const max = Number(issue.maximum);
        if (issue.origin === 'array') {
          out.push(planError(path, 'too_many', `allows at most ${max} entries`));
        } else {
          out.push(planError(path, 'too_big', `must be ${issue.inclusive ? 'at most' : 'less than'} ${max}`));
        }
        break;
      }
      case 'invalid_value':
        if (issue.input === undefined) out.push(planError(path, 'required', 'is required'));
        else out.push(planError(path, 'invalid_option', `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`));
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push(planError([...path, key], 'unknown_field', `unknown field "${key}"`));
        break;
      case 'custom': {
        const code = typeof issue.params?.code === 'string' && KNOWN_CUSTOM.has(issue.params.code) ? issue.params.code : 'invalid';
        out.push(planError(path, code as ErrorCode, issue.message));
        break;
      }
      default:
        out.push(planError(path, 'invalid', issue.message));
    }
  }
  return out;
}

/** Something the user should know about a valid input; the plan is still computed. */
export type PlanWarning = { code: WarningCode; message: string; path?: string };

export type WarningCode =
  | 'not_calibrated'
  | 'assumed_velocity_ignored'
  | 'unknown_done_item'
  | 'scope_overdone'
  | 'no_calendar'
  | 'range_low_coverage'
  | 'range_needs_history'
  | 'monte_carlo_needs_history'
  | 'monte_carlo_capped'
  | 'monte_carlo_too_large'
  | 'budget_overspent'
  | 'money_overflow'
  | 'sprints_exceed_budget'
  | 'sprints_may_exceed_budget'
  | 'monte_carlo_limited'
  | 'multiplier_in_past'
  | 'finish_by_needs_calendar';
