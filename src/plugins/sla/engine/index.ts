/**
 * Pure SLA calendar engine: working time on wall-clock opening hours of an IANA
 * time zone, Italian holidays, and SLA evaluation. No Strapi import here, so it
 * is unit-tested alone and usable from scripts and reports.
 */
export { WEEKDAYS } from './types';
export type {
  Weekday,
  CalendarSpec,
  WorkingInterval,
  Suspension,
  EvaluateInput,
  EvaluateResult,
  TakeChargeResult,
  RestoreResult,
} from './types';
export { CalendarSpecError } from './errors';
export type { CalendarSpecProblem } from './errors';
export { validateCalendarSpec, assertValidCalendarSpec } from './validate';
export { italianHolidays, easterSunday, SAINT_FRANCIS_FIRST_YEAR } from './holidays';
export { DEFAULT_24X7, isClosedDay } from './calendar';
export { openIntervals, workingIntervalsBetween } from './intervals';
export { workingMinutesBetween } from './working-minutes';
export { addWorkingMinutes, SCAN_HORIZON_DAYS } from './add-working-minutes';
export { evaluate } from './evaluate';
