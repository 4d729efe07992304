/**
 * addWorkingMinutes. Rome is UTC+1 in winter and UTC+2 from the last Sunday of
 * March to the last Sunday of October; expected instants are written in UTC.
 */
import { describe, expect, it } from 'vitest';
import {
  CalendarSpecError,
  DEFAULT_24X7,
  addWorkingMinutes,
  workingMinutesBetween,
  type CalendarSpec,
} from '../../../src/plugins/sla/engine';
import { OFFICE, utc } from './fixtures';


describe('addWorkingMinutes: basics', () => {
  it('0 minutes is the start itself, even when closed', () => {
    const sunday = utc('2026-03-15T10:17:23.456Z');
    expect(addWorkingMinutes(OFFICE, sunday, 0).getTime()).toBe(sunday.getTime());
    expect(addWorkingMinutes({ timeZone: 'Europe/Rome' }, sunday, 0).getTime()).toBe(sunday.getTime());
  });

  it('a target ending exactly at closing time is that closing time', () => {
    // Tuesday 09:00 CET + 240 = 13:00 (not 14:00), + 480 = 18:00 (not Wednesday 09:00).
    expect(addWorkingMinutes(OFFICE, utc('2026-03-10T08:00:00Z'), 240)).toEqual(utc('2026-03-10T12:00:00Z'));
    expect(addWorkingMinutes(OFFICE, utc('2026-03-10T08:00:00Z'), 480)).toEqual(utc('2026-03-10T17:00:00Z'));
    // One more minute moves past the break / the night.
    expect(addWorkingMinutes(OFFICE, utc('2026-03-10T08:00:00Z'), 241)).toEqual(utc('2026-03-10T13:01:00Z'));
    expect(addWorkingMinutes(OFFICE, utc('2026-03-10T08:00:00Z'), 481)).toEqual(utc('2026-03-11T08:01:00Z'));
  });

  it('starting in closed time waits for the next opening', () => {
    // Saturday 10:00 + 1 = Monday 09:01 CET.
    expect(addWorkingMinutes(OFFICE, utc('2026-03-14T09:00:00Z'), 1)).toEqual(utc('2026-03-16T08:01:00Z'));
    // Lunch break 13:30 + 30 = 14:30.
    expect(addWorkingMinutes(OFFICE, utc('2026-03-10T12:30:00Z'), 30)).toEqual(utc('2026-03-10T13:30:00Z'));
    // Friday 17:30 + 30 = Friday 18:00, + 31 = Monday 09:01.
    expect(addWorkingMinutes(OFFICE, utc('2026-03-13T16:30:00Z'), 30)).toEqual(utc('2026-03-13T17:00:00Z'));
    expect(addWorkingMinutes(OFFICE, utc('2026-03-13T16:30:00Z'), 31)).toEqual(utc('2026-03-16T08:01:00Z'));
  });

  it('fractional minutes, to the second', () => {
    expect(addWorkingMinutes(OFFICE, utc('2026-03-10T08:00:00Z'), 0.5)).toEqual(utc('2026-03-10T08:00:30Z'));
    expect(addWorkingMinutes(OFFICE, utc('2026-03-10T11:59:00Z'), 1.25)).toEqual(utc('2026-03-10T13:00:15Z'));
    expect(addWorkingMinutes(DEFAULT_24X7, utc('2026-03-10T08:00:00Z'), 1 / 60)).toEqual(utc('2026-03-10T08:00:01Z'));
  });

  it("'24:00' ends", () => {
    const mondayEvening: CalendarSpec = { timeZone: 'Europe/Rome', hours: { mon: [['18:00', '24:00']] } };
    // Monday 23:00 CET + 60 = Tuesday 00:00 CET (23:00Z Monday), not the next Monday.
    expect(addWorkingMinutes(mondayEvening, utc('2026-03-09T22:00:00Z'), 60)).toEqual(utc('2026-03-09T23:00:00Z'));
    expect(addWorkingMinutes(mondayEvening, utc('2026-03-09T22:00:00Z'), 61)).toEqual(utc('2026-03-16T17:01:00Z'));
    const overnight: CalendarSpec = { timeZone: 'Europe/Rome', hours: { mon: [['18:00', '24:00']], tue: [['00:00', '06:00']] } };
    expect(addWorkingMinutes(overnight, utc('2026-03-09T22:00:00Z'), 120)).toEqual(utc('2026-03-10T00:00:00Z'));
  });

  it('72 working hours on office hours: 9 days, computed day by day', () => {
    // Monday 2026-03-02 09:00 CET + 4320 = Thursday 12 March 18:00 CET.
    expect(addWorkingMinutes(OFFICE, utc('2026-03-02T08:00:00Z'), 72 * 60)).toEqual(utc('2026-03-12T17:00:00Z'));
  });
});

describe('addWorkingMinutes: holidays, weekends, DST', () => {
  it('crosses New Year', () => {
    // Wednesday 2025-12-31 17:00 + 120 = Friday 2026-01-02 10:00 CET.
    expect(addWorkingMinutes(OFFICE, utc('2025-12-31T16:00:00Z'), 120)).toEqual(utc('2026-01-02T09:00:00Z'));
  });

  it('skips Easter Monday in 2025, 2026 and 2027', () => {
    // Friday 17:00 + 120 = Tuesday 10:00 (CEST each time).
    expect(addWorkingMinutes(OFFICE, utc('2025-04-18T15:00:00Z'), 120)).toEqual(utc('2025-04-22T08:00:00Z'));
    expect(addWorkingMinutes(OFFICE, utc('2026-04-03T15:00:00Z'), 120)).toEqual(utc('2026-04-07T08:00:00Z'));
    // 2027: Friday 26 March is still CET, Tuesday 30 is CEST.
    expect(addWorkingMinutes(OFFICE, utc('2027-03-26T16:00:00Z'), 120)).toEqual(utc('2027-03-30T08:00:00Z'));
  });

  it('keeps wall-clock hours across the DST weekends', () => {
    // Friday 2026-03-27 17:00 CET + 120 = Monday 30 10:00 CEST.
    expect(addWorkingMinutes(OFFICE, utc('2026-03-27T16:00:00Z'), 120)).toEqual(utc('2026-03-30T08:00:00Z'));
    // Friday 2026-10-23 17:00 CEST + 120 = Monday 26 10:00 CET.
    expect(addWorkingMinutes(OFFICE, utc('2026-10-23T15:00:00Z'), 120)).toEqual(utc('2026-10-26T09:00:00Z'));
  });

  it('24x7 crosses New Year in real minutes', () => {
    expect(addWorkingMinutes(DEFAULT_24X7, utc('2025-12-31T22:30:00Z'), 90)).toEqual(utc('2026-01-01T00:00:00Z'));
  });
});

describe('addWorkingMinutes is the inverse of workingMinutesBetween', () => {
  const starts = [
    '2026-03-10T08:00:00Z', // opening
    '2026-03-10T12:00:00Z', // closing of the morning
    '2026-03-13T16:59:30Z', // Friday evening
    '2026-03-27T20:00:00Z', // before the spring-forward weekend
    '2026-04-02T10:15:00Z', // before Easter 2026
    '2026-10-23T07:00:00Z', // before the fall-back weekend
    '2026-12-23T12:00:00Z', // before Christmas and New Year
  ];
  const amounts = [0.5, 1, 59, 60, 240, 479, 480, 481, 1000, 4320, 20000];

  it.each(starts)('from %s', (start) => {
    for (const minutes of amounts) {
      const due = addWorkingMinutes(OFFICE, utc(start), minutes);
      expect(workingMinutesBetween(OFFICE, utc(start), due)).toBe(minutes);
      // The due instant is the first one reaching the target: one second earlier is short.
      expect(workingMinutesBetween(OFFICE, utc(start), new Date(due.getTime() - 1000))).toBeLessThan(minutes);
    }
  });
});

describe('addWorkingMinutes: errors', () => {
  it('rejects negative, NaN and infinite minutes, and invalid dates', () => {
    expect(() => addWorkingMinutes(OFFICE, utc('2026-03-10T08:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(OFFICE, utc('2026-03-10T08:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingMinutes(OFFICE, utc('2026-03-10T08:00:00Z'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addWorkingMinutes(OFFICE, new Date('not a date'), 10)).toThrow(/start must be a valid Date/);
  });

  it('a calendar with no open time throws a clear error instead of looping', () => {
    const never: CalendarSpec = { timeZone: 'Europe/Rome', italianHolidays: true, hours: {} };
    let caught: unknown;
    try {
      addWorkingMinutes(never, utc('2026-03-10T08:00:00Z'), 1);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarSpecError);
    expect((caught as CalendarSpecError).problems[0].field).toBe('hours');
  });

  it('gives up after about ten years of days', () => {
    // About 11 years of office time cannot be reached within the 10-year horizon.
    expect(() => addWorkingMinutes(OFFICE, utc('2026-01-01T00:00:00Z'), 11 * 254 * 480)).toThrow(/not reached within 3653 days/);
  });
});
