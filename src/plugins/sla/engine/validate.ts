/**
 * Structural validation of a CalendarSpec. Works on `unknown` because specs
 * arrive from JSON (admin forms, API bodies) and must be checked before use.
 */
import { IANAZone } from 'luxon';
import { CalendarSpecError, type CalendarSpecProblem } from './errors';
import { parseClock, parseLocalDate, parseMonthDay } from './parse';
import { WEEKDAYS, type CalendarSpec, type Weekday } from './types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkOptionalBoolean(spec: Record<string, unknown>, field: string, problems: CalendarSpecProblem[]): void {
  if (spec[field] !== undefined && typeof spec[field] !== 'boolean') {
    problems.push({ field, message: 'must be a boolean' });
  }
}

function checkDayHours(day: string, value: unknown, problems: CalendarSpecProblem[]): void {
  const field = `hours.${day}`;
  if (!Array.isArray(value)) {
    problems.push({ field, message: "must be an array of ['HH:MM', 'HH:MM'] pairs" });
    return;
  }
  const ranges: Array<{ start: number; end: number; index: number }> = [];
  value.forEach((pair: unknown, index) => {
    const pairField = `${field}[${index}]`;
    if (!Array.isArray(pair) || pair.length !== 2) {
      problems.push({ field: pairField, message: "must be a ['HH:MM', 'HH:MM'] pair" });
      return;
    }
    const start = parseClock(pair[0], false);
    const end = parseClock(pair[1], true);
    if (start === null) {
      problems.push({ field: `${pairField}[0]`, message: `start must be 'HH:MM' between 00:00 and 23:59, got ${JSON.stringify(pair[0])}` });
    }
    if (end === null) {
      problems.push({ field: `${pairField}[1]`, message: `end must be 'HH:MM' between 00:01 and 24:00, got ${JSON.stringify(pair[1])}` });
    }
    if (start === null || end === null) return;
    if (end <= start) {
      problems.push({ field: pairField, message: `end ${String(pair[1])} must be after start ${String(pair[0])}` });
      return;
    }
    ranges.push({ start, end, index });
  });
  // Overlaps would count the shared minutes twice, so they are refused rather than merged silently.
  ranges.sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i].start < ranges[i - 1].end) {
      problems.push({ field: `${field}[${ranges[i].index}]`, message: `overlaps ${field}[${ranges[i - 1].index}]` });
    }
  }
}

/**
 * Every problem of a spec, each naming its field; an empty list means the spec
 * is usable. A spec without any hours is valid (it is simply never open).
 */
export function validateCalendarSpec(spec: unknown): CalendarSpecProblem[] {
  const problems: CalendarSpecProblem[] = [];
  if (!isRecord(spec)) return [{ field: '(calendar)', message: 'must be an object' }];

  if (typeof spec.timeZone !== 'string' || spec.timeZone.trim() === '') {
    problems.push({ field: 'timeZone', message: "is required, an IANA time zone name such as 'Europe/Rome'" });
  } else if (!IANAZone.isValidZone(spec.timeZone)) {
    problems.push({ field: 'timeZone', message: `unknown IANA time zone ${JSON.stringify(spec.timeZone)}` });
  }

  checkOptionalBoolean(spec, 'alwaysOpen', problems);
  checkOptionalBoolean(spec, 'italianHolidays', problems);

  if (spec.hours !== undefined) {
    if (!isRecord(spec.hours)) {
      problems.push({ field: 'hours', message: 'must be an object keyed by weekday (mon..sun)' });
    } else {
      for (const [day, value] of Object.entries(spec.hours)) {
        if (!(WEEKDAYS as readonly string[]).includes(day)) {
          problems.push({ field: `hours.${day}`, message: `unknown weekday, expected one of ${WEEKDAYS.join(', ')}` });
          continue;
        }
        // Explicit undefined is how a Partial<Record> says "no hours"; treat it like a missing key.
        if (value !== undefined) checkDayHours(day as Weekday, value, problems);
      }
    }
  }

  if (spec.patronDay !== undefined && parseMonthDay(spec.patronDay) === null) {
    problems.push({ field: 'patronDay', message: `must be a real day as 'MM-DD', got ${JSON.stringify(spec.patronDay)}` });
  }

  if (spec.closedDates !== undefined) {
    if (!Array.isArray(spec.closedDates)) {
      problems.push({ field: 'closedDates', message: "must be an array of 'YYYY-MM-DD' dates" });
    } else {
      spec.closedDates.forEach((value: unknown, index) => {
        if (parseLocalDate(value) === null) {
          problems.push({ field: `closedDates[${index}]`, message: `must be a real date as 'YYYY-MM-DD', got ${JSON.stringify(value)}` });
        }
      });
    }
  }

  return problems;
}

/** Throws a CalendarSpecError listing every problem, or narrows the value to a CalendarSpec. */
export function assertValidCalendarSpec(spec: unknown): asserts spec is CalendarSpec {
  const problems = validateCalendarSpec(spec);
  if (problems.length > 0) throw new CalendarSpecError(problems);
}
