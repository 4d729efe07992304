import { compileCalendar, type CompiledCalendar } from './calendar';
import { CalendarSpecError } from './errors';
import { workingIntervals } from './intervals';
import { minutesToMs, toEpochMs } from './time';
import type { CalendarSpec } from './types';

/**
 * How far ahead addWorkingMinutes looks before giving up: ten years of days
 * (with leap days). No SLA target is that long; hitting it means a calendar
 * that is (almost) never open, and looping forever would hang a request.
 */
export const SCAN_HORIZON_DAYS = 3653;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** The instant at which `amountMs` of working time since `start` is reached. */
export function addWorkingMs(cal: CompiledCalendar, start: number, amountMs: number): number {
  if (amountMs === 0) return start;
  if (!cal.hasOpenings) {
    throw new CalendarSpecError([{ field: 'hours', message: 'the calendar has no opening hours, so no working time can ever accrue' }]);
  }
  let remaining = amountMs;
  // Iterates opening by opening (a few per day), never minute by minute.
  for (const piece of workingIntervals(cal, start, start + SCAN_HORIZON_DAYS * MS_PER_DAY)) {
    const length = piece.end - piece.start;
    // `<=` so that a target ending exactly at closing time is that closing time, not the next opening.
    if (remaining <= length) return piece.start + remaining;
    remaining -= length;
  }
  if (remaining === amountMs) {
    throw new CalendarSpecError([{ field: 'hours', message: `the calendar has no working time in the ${SCAN_HORIZON_DAYS} days after ${new Date(start).toISOString()}` }]);
  }
  throw new RangeError(`${amountMs / 60_000} working minutes are not reached within ${SCAN_HORIZON_DAYS} days of ${new Date(start).toISOString()}`);
}

/**
 * For minutes > 0, the instant at which that much working time since `start`
 * is reached; for 0, `start` itself (even when the calendar is closed then).
 */
export function addWorkingMinutes(cal: CalendarSpec, start: Date, minutes: number): Date {
  const compiled = compileCalendar(cal);
  return new Date(addWorkingMs(compiled, toEpochMs(start, 'start'), minutesToMs(minutes, 'minutes')));
}
