/**
 * Real-time working intervals of a calendar. A moment is working time when the
 * wall clock of `timeZone` shows a time inside an opening of that local date
 * (and the date is not closed). Hence on the spring-forward night an opening
 * 02:00-03:00 never happens, and on the fall-back night 02:00-03:00 lasts two
 * hours because the wall clock shows those times twice.
 */
import { DateTime, FixedOffsetZone } from 'luxon';
import { compileCalendar, openingsOn, type CompiledCalendar } from './calendar';
import { formatLocalDate, parseLocalDate } from './parse';
import { offsetSegments } from './zone-segments';
import type { CalendarSpec, WorkingInterval } from './types';

/** Epoch-ms interval; the engine works in integer milliseconds to stay exact. */
export interface MsInterval {
  start: number;
  end: number;
  /** Local date ('YYYY-MM-DD') whose opening this piece belongs to; null on the 24x7 fast path. */
  localDate: string | null;
}

/**
 * Working pieces inside [from, to), in increasing order, non-overlapping (they
 * may touch, e.g. an opening cut at a DST change, or '24:00' then '00:00').
 * Lazy, so addWorkingMinutes stops scanning as soon as the target is reached.
 */
export function* workingIntervals(cal: CompiledCalendar, from: number, to: number, fastAlwaysOpen = true): Generator<MsInterval> {
  if (to <= from) return;
  if (cal.alwaysOpen && fastAlwaysOpen) {
    yield { start: from, end: to, localDate: null };
    return;
  }
  for (const segment of offsetSegments(cal.zone, from, to)) {
    // Within the segment the offset is fixed, so a fixed-offset zone gives the exact wall clock.
    const zone = FixedOffsetZone.instance(segment.offset);
    let day = DateTime.fromMillis(segment.start, { zone }).startOf('day');
    while (day.toMillis() < segment.end) {
      for (const [open, close] of openingsOn(cal, day.year, day.month, day.day, day.weekday)) {
        const start = Math.max(day.plus({ minutes: open }).toMillis(), segment.start);
        const end = Math.min(day.plus({ minutes: close }).toMillis(), segment.end);
        if (end > start) yield { start, end, localDate: formatLocalDate(day.year, day.month, day.day) };
      }
      day = day.plus({ days: 1 });
    }
  }
}

/**
 * The real-time working intervals belonging to one local date ('YYYY-MM-DD'),
 * merged where they touch. Useful for reports and for checking DST behaviour.
 */
export function openIntervals(spec: CalendarSpec, localDate: string): WorkingInterval[] {
  const cal = compileCalendar(spec);
  const date = parseLocalDate(localDate);
  if (date === null) throw new RangeError(`localDate must be a real date as 'YYYY-MM-DD', got ${JSON.stringify(localDate)}`);
  // A day's moments lie within a day either side of its nominal midnight in any zone.
  const midnight = DateTime.fromObject(date, { zone: cal.zone });
  const from = midnight.minus({ days: 1 }).toMillis();
  const to = midnight.plus({ days: 2 }).toMillis();
  const merged: Array<{ start: number; end: number }> = [];
  for (const piece of workingIntervals(cal, from, to, false)) {
    if (piece.localDate !== localDate) continue;
    const last = merged[merged.length - 1];
    if (last && last.end === piece.start) last.end = piece.end;
    else merged.push({ start: piece.start, end: piece.end });
  }
  return merged.map(({ start, end }) => ({ start: new Date(start), end: new Date(end) }));
}

/**
 * The working intervals inside [from, to), as real instants, for explaining a computation: at most
 * `limit` of them, in order (a long ticket on a working-hours calendar has one or two a day).
 */
export function workingIntervalsBetween(spec: CalendarSpec, from: Date, to: Date, limit = 1000): WorkingInterval[] {
  const cal = compileCalendar(spec);
  const result: WorkingInterval[] = [];
  for (const piece of workingIntervals(cal, from.getTime(), to.getTime())) {
    const last = result[result.length - 1];
    // Pieces that touch (an opening cut at a DST change) read better as one interval.
    if (last && last.end.getTime() === piece.start) last.end = new Date(piece.end);
    else result.push({ start: new Date(piece.start), end: new Date(piece.end) });
    if (result.length >= limit) break;
  }
  return result;
}
