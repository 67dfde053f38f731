import { formatIsoDate } from './dates';

// Sprints are back to back from the start date. A skipped slot (holiday sprint) is a
// sprint-length gap in which no sprint runs; worked sprints are numbered 1, 2, 3, ...
// across the gaps.
export type Calendar = {
  startDay: number;
  lengthDays: number;
  /** 0-based slot numbers that are skipped, ascending */
  skippedSlots: readonly number[];
};

function slotOf(cal: Calendar, sprint: number): number {
  let slot = sprint - 1;
  for (const s of cal.skippedSlots) {
    if (s <= slot) slot += 1;
    else break;
  }
  return slot;
}

/** First day of worked sprint `sprint` (1-based). */
export function sprintStartDate(cal: Calendar, sprint: number): string | null {
  return formatIsoDate(cal.startDay + slotOf(cal, sprint) * cal.lengthDays);
}

/** Last day of worked sprint `sprint` (1-based): the day before the next slot starts. */
export function sprintEndDate(cal: Calendar, sprint: number): string | null {
  return formatIsoDate(cal.startDay + (slotOf(cal, sprint) + 1) * cal.lengthDays - 1);
}

/** Day number of the last day of worked sprint `sprint` (1-based). */
export function sprintEndDay(cal: Calendar, sprint: number): number {
  return cal.startDay + (slotOf(cal, sprint) + 1) * cal.lengthDays - 1;
}

/** PLAN-ANS-2: how many sprints after sprint `after` end on or before `day` (0 when none). */
export function sprintsEndingBy(cal: Calendar, after: number, day: number, limit: number): number {
  let lo = 0;
  let hi = limit;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sprintEndDay(cal, after + mid) <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
