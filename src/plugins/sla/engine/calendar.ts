/**
 * A validated, pre-parsed calendar and the question "which wall-clock openings
 * does this local date have?". Time-zone arithmetic lives in intervals.ts.
 */
import { DateTime, IANAZone } from 'luxon';
import { italianHolidaySet } from './holidays';
import { MINUTES_PER_DAY, formatLocalDate, parseClock, parseLocalDate } from './parse';
import { assertValidCalendarSpec } from './validate';
import { WEEKDAYS, type CalendarSpec } from './types';

/** [start, end) in minutes after local midnight; end may be 1440 ('24:00'). */
export type Opening = readonly [number, number];

export interface CompiledCalendar {
  readonly timeZone: string;
  readonly zone: IANAZone;
  readonly alwaysOpen: boolean;
  /** Indexed by luxon weekday (1 = Monday .. 7 = Sunday); index 0 unused. Sorted, non-overlapping. */
  readonly openings: ReadonlyArray<readonly Opening[]>;
  readonly italianHolidays: boolean;
  /** 'MM-DD' or null. */
  readonly patronDay: string | null;
  readonly closedDates: ReadonlySet<string>;
  /** False when no weekday has any hours: nothing can ever accrue. */
  readonly hasOpenings: boolean;
}

/** 24x7 in Rome: the default for contracts that do not restrict the SLA clock. */
export const DEFAULT_24X7: CalendarSpec = Object.freeze({ timeZone: 'Europe/Rome', alwaysOpen: true });

const ALL_DAY: readonly Opening[] = [[0, MINUTES_PER_DAY]];

/**
 * Compiled specs, by identity: callers evaluate many instants on the same calendar (a ticket's dues and
 * alarms, a report's thousands of tickets), and validation plus time-zone lookup dominate otherwise.
 * A spec is treated as an immutable value: change a calendar by making a new spec object.
 */
const compiledSpecs = new WeakMap<CalendarSpec, CompiledCalendar>();

/** Validates (throwing CalendarSpecError) and pre-parses a spec for repeated day lookups. */
export function compileCalendar(spec: CalendarSpec): CompiledCalendar {
  const cached = compiledSpecs.get(spec);
  if (cached) return cached;
  const compiled = compileFresh(spec);
  compiledSpecs.set(spec, compiled);
  return compiled;
}

function compileFresh(spec: CalendarSpec): CompiledCalendar {
  assertValidCalendarSpec(spec);
  const alwaysOpen = spec.alwaysOpen === true;
  const openings: Array<readonly Opening[]> = [[]];
  for (const day of WEEKDAYS) {
    if (alwaysOpen) {
      // 24x7 is modelled as 00:00-24:00 every day so the generic path agrees with the fast one.
      openings.push(ALL_DAY);
      continue;
    }
    const pairs = spec.hours?.[day] ?? [];
    const parsed = pairs
      // Validation above guarantees both ends parse, hence the non-null assertions.
      .map(([start, end]): Opening => [parseClock(start, false)!, parseClock(end, true)!])
      .sort((a, b) => a[0] - b[0]);
    openings.push(parsed);
  }
  return {
    timeZone: spec.timeZone,
    zone: IANAZone.create(spec.timeZone),
    alwaysOpen,
    openings,
    // 24x7 ignores holidays: every minute counts.
    italianHolidays: !alwaysOpen && spec.italianHolidays === true,
    patronDay: alwaysOpen ? null : spec.patronDay ?? null,
    closedDates: new Set(alwaysOpen ? [] : spec.closedDates ?? []),
    hasOpenings: openings.some((day) => day.length > 0),
  };
}

/** True when the whole local date is a holiday, the patron day or a closed date. */
function isHoliday(cal: CompiledCalendar, year: number, month: number, day: number): boolean {
  const key = formatLocalDate(year, month, day);
  if (cal.closedDates.has(key)) return true;
  if (cal.patronDay !== null && cal.patronDay === key.slice(5)) return true;
  return cal.italianHolidays && italianHolidaySet(year).has(key);
}

/**
 * Wall-clock openings of a local date, [] when the date is closed.
 * `weekday` is luxon's (1 = Monday).
 */
export function openingsOn(cal: CompiledCalendar, year: number, month: number, day: number, weekday: number): readonly Opening[] {
  const openings = cal.openings[weekday];
  if (openings.length === 0) return openings;
  return isHoliday(cal, year, month, day) ? [] : openings;
}

/**
 * Whether a local date ('YYYY-MM-DD') is closed: a holiday, the patron day, a
 * closed date, or a weekday without hours. Never true for a 24x7 calendar.
 */
export function isClosedDay(spec: CalendarSpec, localDate: string): boolean {
  const cal = compileCalendar(spec);
  const date = parseLocalDate(localDate);
  if (date === null) throw new RangeError(`localDate must be a real date as 'YYYY-MM-DD', got ${JSON.stringify(localDate)}`);
  return openingsOn(cal, date.year, date.month, date.day, weekdayOf(date.year, date.month, date.day)).length === 0;
}

/** Luxon weekday (1 = Monday) of a bare calendar date; the zone does not matter for a date. */
export function weekdayOf(year: number, month: number, day: number): number {
  return DateTime.fromObject({ year, month, day }, { zone: 'utc' }).weekday;
}
