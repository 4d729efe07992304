import { describe, expect, it } from 'vitest';
import {
  CalendarSpecError,
  DEFAULT_24X7,
  addWorkingMinutes,
  evaluate,
  isClosedDay,
  validateCalendarSpec,
  workingMinutesBetween,
  type CalendarSpec,
} from '../../../src/plugins/sla/engine';

const fields = (spec: unknown): string[] => validateCalendarSpec(spec).map((p) => p.field);

describe('validateCalendarSpec', () => {
  it('accepts well-formed specs, including DEFAULT_24X7 and a spec without hours', () => {
    expect(validateCalendarSpec(DEFAULT_24X7)).toEqual([]);
    expect(DEFAULT_24X7).toEqual({ timeZone: 'Europe/Rome', alwaysOpen: true });
    expect(validateCalendarSpec({ timeZone: 'Europe/Rome' })).toEqual([]);
    expect(
      validateCalendarSpec({
        timeZone: 'Europe/Rome',
        italianHolidays: true,
        patronDay: '12-07',
        closedDates: ['2026-12-24', '2028-02-29'],
        hours: { mon: [['08:30', '13:00'], ['14:00', '17:30']], fri: [['18:00', '24:00']], sat: undefined },
      }),
    ).toEqual([]);
  });

  it('rejects a non-object', () => {
    expect(fields(null)).toEqual(['(calendar)']);
    expect(fields([])).toEqual(['(calendar)']);
    expect(fields('Europe/Rome')).toEqual(['(calendar)']);
  });

  it('names timeZone when missing or unknown', () => {
    expect(fields({})).toEqual(['timeZone']);
    expect(fields({ timeZone: '' })).toEqual(['timeZone']);
    expect(fields({ timeZone: 'Europe/Atlantis' })).toEqual(['timeZone']);
    expect(fields({ timeZone: '+01:00' })).toEqual(['timeZone']);
    expect(validateCalendarSpec({ timeZone: 'Mars/Olympus' })[0].message).toContain('Mars/Olympus');
  });

  it('names the exact end of a malformed HH:MM', () => {
    expect(fields({ timeZone: 'Europe/Rome', hours: { mon: [['9:00', '18:00']] } })).toEqual(['hours.mon[0][0]']);
    expect(fields({ timeZone: 'Europe/Rome', hours: { tue: [['09:00', '18:60']] } })).toEqual(['hours.tue[0][1]']);
    expect(fields({ timeZone: 'Europe/Rome', hours: { wed: [['25:00', '26:00']] } })).toEqual(['hours.wed[0][0]', 'hours.wed[0][1]']);
    expect(fields({ timeZone: 'Europe/Rome', hours: { thu: [['24:00', '24:00']] } })).toEqual(['hours.thu[0][0]']);
    expect(fields({ timeZone: 'Europe/Rome', hours: { fri: [['09:00', '24:01']] } })).toEqual(['hours.fri[0][1]']);
    expect(fields({ timeZone: 'Europe/Rome', hours: { sat: [[900, '18:00']] } })).toEqual(['hours.sat[0][0]']);
  });

  it('rejects an end not after its start, and overlapping intervals', () => {
    expect(fields({ timeZone: 'Europe/Rome', hours: { mon: [['18:00', '09:00']] } })).toEqual(['hours.mon[0]']);
    expect(fields({ timeZone: 'Europe/Rome', hours: { mon: [['09:00', '09:00']] } })).toEqual(['hours.mon[0]']);
    expect(fields({ timeZone: 'Europe/Rome', hours: { mon: [['14:00', '18:00'], ['09:00', '14:30']] } })).toEqual(['hours.mon[0]']);
    // Touching intervals are fine.
    expect(fields({ timeZone: 'Europe/Rome', hours: { mon: [['09:00', '13:00'], ['13:00', '18:00']] } })).toEqual([]);
  });

  it('rejects wrong shapes of hours', () => {
    expect(fields({ timeZone: 'Europe/Rome', hours: [] })).toEqual(['hours']);
    expect(fields({ timeZone: 'Europe/Rome', hours: { monday: [['09:00', '18:00']] } })).toEqual(['hours.monday']);
    expect(fields({ timeZone: 'Europe/Rome', hours: { mon: ['09:00', '18:00'] } })).toEqual(['hours.mon[0]', 'hours.mon[1]']);
    expect(fields({ timeZone: 'Europe/Rome', hours: { mon: '09:00-18:00' } })).toEqual(['hours.mon']);
  });

  it('rejects bad patronDay and closedDates', () => {
    expect(fields({ timeZone: 'Europe/Rome', patronDay: '13-01' })).toEqual(['patronDay']);
    expect(fields({ timeZone: 'Europe/Rome', patronDay: '02-30' })).toEqual(['patronDay']);
    expect(fields({ timeZone: 'Europe/Rome', patronDay: '6-13' })).toEqual(['patronDay']);
    expect(fields({ timeZone: 'Europe/Rome', patronDay: '2026-06-13' })).toEqual(['patronDay']);
    expect(fields({ timeZone: 'Europe/Rome', closedDates: '2026-12-24' })).toEqual(['closedDates']);
    expect(fields({ timeZone: 'Europe/Rome', closedDates: ['2026-12-24', '2027-02-29', '24/12/2026'] })).toEqual([
      'closedDates[1]',
      'closedDates[2]',
    ]);
  });

  it('rejects non-boolean flags', () => {
    expect(fields({ timeZone: 'Europe/Rome', alwaysOpen: 'yes', italianHolidays: 1 })).toEqual(['alwaysOpen', 'italianHolidays']);
  });

  it('collects every problem in one pass', () => {
    expect(
      fields({ timeZone: 'Nowhere', hours: { mon: [['10:00', '09:00']] }, patronDay: 'x', closedDates: ['y'] }),
    ).toEqual(['timeZone', 'hours.mon[0]', 'patronDay', 'closedDates[0]']);
  });
});

describe('CalendarSpecError', () => {
  const bad = { timeZone: 'Europe/Atlantis', hours: { mon: [['09:00', '8:00']] } } as unknown as CalendarSpec;

  it('is thrown by every entry point, with the problems attached', () => {
    const from = new Date('2026-03-02T08:00:00Z');
    const calls: Array<() => unknown> = [
      () => workingMinutesBetween(bad, from, new Date('2026-03-03T08:00:00Z')),
      () => addWorkingMinutes(bad, from, 60),
      () => isClosedDay(bad, '2026-03-02'),
      () =>
        evaluate({ calendar: bad, takeChargeMinutes: 60, restoreMinutes: 480, reportedAt: from, suspensions: [], now: from }),
    ];
    for (const call of calls) {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CalendarSpecError);
      const error = caught as CalendarSpecError;
      expect(error.name).toBe('CalendarSpecError');
      expect(error.problems.map((p) => p.field)).toEqual(['timeZone', 'hours.mon[0][1]']);
      expect(error.message).toContain('timeZone');
      expect(error.message).toContain('hours.mon[0][1]');
    }
  });
});
