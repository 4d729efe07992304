import { compileCalendar, type CompiledCalendar } from './calendar';
import { workingIntervals } from './intervals';
import { msToMinutes, toEpochMs } from './time';
import type { CalendarSpec } from './types';

/** Working milliseconds inside [from, to) for an already compiled calendar. */
export function workingMsBetween(cal: CompiledCalendar, from: number, to: number): number {
  let total = 0;
  for (const piece of workingIntervals(cal, from, to)) total += piece.end - piece.start;
  return total;
}

/** Working time inside [from, to), in (possibly fractional) minutes; 0 when to <= from. */
export function workingMinutesBetween(cal: CalendarSpec, from: Date, to: Date): number {
  const compiled = compileCalendar(cal);
  return msToMinutes(workingMsBetween(compiled, toEpochMs(from, 'from'), toEpochMs(to, 'to')));
}
