/**
 * workingMinutesBetween on ordinary calendars. Instants are written in UTC;
 * Rome is UTC+1 (CET) in winter and UTC+2 (CEST) from 29 March to 25 October 2026.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_24X7, workingMinutesBetween, type CalendarSpec } from '../../../src/plugins/sla/engine';
import { OFFICE, utc } from './fixtures';


describe('workingMinutesBetween: basics', () => {
  it('is 0 when to <= from', () => {
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T10:00:00Z'), utc('2026-03-10T10:00:00Z'))).toBe(0);
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T12:00:00Z'), utc('2026-03-10T10:00:00Z'))).toBe(0);
    expect(workingMinutesBetween(DEFAULT_24X7, utc('2026-03-10T12:00:00Z'), utc('2026-03-10T10:00:00Z'))).toBe(0);
  });

  it('counts within one day, skipping the lunch break', () => {
    // Tuesday 10:30 -> 15:15 CET: 10:30-13:00 (150) + 14:00-15:15 (75).
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T09:30:00Z'), utc('2026-03-10T14:15:00Z'))).toBe(225);
    // 12:00 -> 14:30: 60 + 30.
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T11:00:00Z'), utc('2026-03-10T13:30:00Z'))).toBe(90);
    // Inside the break only.
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T12:10:00Z'), utc('2026-03-10T12:50:00Z'))).toBe(0);
    // 07:00 -> 20:00 covers the whole day.
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T06:00:00Z'), utc('2026-03-10T19:00:00Z'))).toBe(480);
  });

  it('is half-open: [from, to)', () => {
    // 09:00 -> 09:01 is one minute, 08:59 -> 09:00 none, 17:59 -> 18:00 one.
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T08:00:00Z'), utc('2026-03-10T08:01:00Z'))).toBe(1);
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T07:59:00Z'), utc('2026-03-10T08:00:00Z'))).toBe(0);
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T16:59:00Z'), utc('2026-03-10T17:00:00Z'))).toBe(1);
  });

  it('is exact to the second (fractional minutes)', () => {
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T08:00:00Z'), utc('2026-03-10T08:00:30Z'))).toBe(0.5);
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T08:00:00Z'), utc('2026-03-10T08:00:01Z'))).toBeCloseTo(1 / 60, 12);
    expect(workingMinutesBetween(OFFICE, utc('2026-03-10T11:59:45Z'), utc('2026-03-10T13:00:15Z'))).toBe(0.5);
  });

  it('spans a weekend', () => {
    // Friday 17:00 -> Monday 10:00 CET: 60 + 60.
    expect(workingMinutesBetween(OFFICE, utc('2026-03-13T16:00:00Z'), utc('2026-03-16T09:00:00Z'))).toBe(120);
    // Saturday to Sunday: nothing.
    expect(workingMinutesBetween(OFFICE, utc('2026-03-14T08:00:00Z'), utc('2026-03-15T20:00:00Z'))).toBe(0);
  });

  it('several intervals a day, given in any order', () => {
    const shifts: CalendarSpec = {
      timeZone: 'Europe/Rome',
      hours: { wed: [['15:00', '19:45'], ['08:00', '10:00'], ['11:00', '12:30']] },
    };
    // Wednesday 2026-03-11: 120 + 90 + 285.
    expect(workingMinutesBetween(shifts, utc('2026-03-10T23:00:00Z'), utc('2026-03-11T23:00:00Z'))).toBe(495);
    // 09:30 -> 16:00: 30 + 90 + 60.
    expect(workingMinutesBetween(shifts, utc('2026-03-11T08:30:00Z'), utc('2026-03-11T15:00:00Z'))).toBe(180);
  });

  it("'24:00' ends: an overnight shift Monday 18:00-24:00 then Tuesday 00:00-06:00", () => {
    const night: CalendarSpec = { timeZone: 'Europe/Rome', hours: { mon: [['18:00', '24:00']], tue: [['00:00', '06:00']] } };
    // Monday 23:00 -> Tuesday 01:00 CET.
    expect(workingMinutesBetween(night, utc('2026-03-09T22:00:00Z'), utc('2026-03-10T00:00:00Z'))).toBe(120);
    expect(workingMinutesBetween(night, utc('2026-03-08T23:00:00Z'), utc('2026-03-10T23:00:00Z'))).toBe(720);
  });
});

describe('workingMinutesBetween: holidays across years', () => {
  it('New Year: 31 December is open, 1 January closed', () => {
    // Wednesday 2025-12-31 16:00 -> Friday 2026-01-02 10:00 CET: 120 + 0 + 60.
    expect(workingMinutesBetween(OFFICE, utc('2025-12-31T15:00:00Z'), utc('2026-01-02T09:00:00Z'))).toBe(180);
    // Without holidays Thursday 1 January counts its 480.
    expect(workingMinutesBetween({ ...OFFICE, italianHolidays: false }, utc('2025-12-31T15:00:00Z'), utc('2026-01-02T09:00:00Z'))).toBe(660);
  });

  it('Epiphany, Christmas and St Stephen', () => {
    // Monday 2026-01-05 17:00 -> Wednesday 07 09:30: 60 + 0 (Tue 6) + 30.
    expect(workingMinutesBetween(OFFICE, utc('2026-01-05T16:00:00Z'), utc('2026-01-07T08:30:00Z'))).toBe(90);
    // Wednesday 2025-12-24 09:00 -> Monday 29 09:00: only the 24th (25 Thu, 26 Fri closed, then the weekend).
    expect(workingMinutesBetween(OFFICE, utc('2025-12-24T08:00:00Z'), utc('2025-12-29T08:00:00Z'))).toBe(480);
  });

  it('Easter 2025: two weeks around Easter Monday 21 April and Liberation Day (Friday 25)', () => {
    // Monday 14 April 00:00 -> Monday 28 April 00:00 CEST: 5 × 480 (Good Friday is open) + 3 × 480.
    expect(workingMinutesBetween(OFFICE, utc('2025-04-13T22:00:00Z'), utc('2025-04-27T22:00:00Z'))).toBe(3840);
  });

  it('Easter Monday 2026-04-06 and 2027-03-29', () => {
    // Friday 2026-04-03 17:00 -> Tuesday 07 10:00 CEST.
    expect(workingMinutesBetween(OFFICE, utc('2026-04-03T15:00:00Z'), utc('2026-04-07T08:00:00Z'))).toBe(120);
    // Friday 2027-03-26 17:00 CET -> Tuesday 30 10:00 CEST (DST starts on Easter Sunday 28 March 2027).
    expect(workingMinutesBetween(OFFICE, utc('2027-03-26T16:00:00Z'), utc('2027-03-30T08:00:00Z'))).toBe(120);
  });

  it('4 October: open in 2025 (a Saturday), closed from 2026 (Sunday 2026, Monday 2027)', () => {
    const nineToSix: CalendarSpec = {
      timeZone: 'Europe/Rome',
      italianHolidays: true,
      hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['09:00', '18:00']]])),
    };
    expect(workingMinutesBetween(nineToSix, utc('2025-10-03T22:00:00Z'), utc('2025-10-04T22:00:00Z'))).toBe(540);
    expect(workingMinutesBetween(nineToSix, utc('2026-10-03T22:00:00Z'), utc('2026-10-04T22:00:00Z'))).toBe(0);
    expect(workingMinutesBetween(nineToSix, utc('2027-10-03T22:00:00Z'), utc('2027-10-04T22:00:00Z'))).toBe(0);
    // Friday 2027-10-01 17:00 -> Tuesday 05 10:00 CEST: 60 + Sat 540 + Sun 540 + Mon 0 + 60.
    expect(workingMinutesBetween(nineToSix, utc('2027-10-01T15:00:00Z'), utc('2027-10-05T08:00:00Z'))).toBe(1200);
  });

  it('patron day and closed dates', () => {
    // Milan: Sant'Ambrogio (Monday 7 December 2026) then the Immacolata (Tuesday 8).
    const milan: CalendarSpec = { ...OFFICE, patronDay: '12-07', closedDates: ['2026-12-24'] };
    expect(workingMinutesBetween(milan, utc('2026-12-04T16:00:00Z'), utc('2026-12-09T09:00:00Z'))).toBe(120);
    expect(workingMinutesBetween(OFFICE, utc('2026-12-04T16:00:00Z'), utc('2026-12-09T09:00:00Z'))).toBe(600);
    // Wednesday 23 17:00 -> Monday 28 10:00: 24 closed, 25 Christmas (Friday), then the weekend.
    expect(workingMinutesBetween(milan, utc('2026-12-23T16:00:00Z'), utc('2026-12-28T09:00:00Z'))).toBe(120);
  });

  it('whole years: 251 office days in 2025, 254 in 2026', () => {
    // 261 weekdays each year; weekday holidays: 10 in 2025, 7 in 2026.
    expect(workingMinutesBetween(OFFICE, utc('2024-12-31T23:00:00Z'), utc('2025-12-31T23:00:00Z'))).toBe(251 * 480);
    expect(workingMinutesBetween(OFFICE, utc('2025-12-31T23:00:00Z'), utc('2026-12-31T23:00:00Z'))).toBe(254 * 480);
  });
});

describe('workingMinutesBetween: 24x7', () => {
  it('counts every minute, holidays and closed dates ignored', () => {
    const always: CalendarSpec = { timeZone: 'Europe/Rome', alwaysOpen: true, italianHolidays: true, closedDates: ['2026-01-01'] };
    // New Year's Eve 21:00 -> New Year's Day 03:00 CET.
    expect(workingMinutesBetween(always, utc('2025-12-31T20:00:00Z'), utc('2026-01-01T02:00:00Z'))).toBe(360);
    expect(workingMinutesBetween(DEFAULT_24X7, utc('2025-12-31T20:00:00Z'), utc('2026-01-01T02:00:00Z'))).toBe(360);
    // A leap-year February plus March 2028 in real minutes.
    expect(workingMinutesBetween(DEFAULT_24X7, utc('2028-02-01T00:00:00Z'), utc('2028-04-01T00:00:00Z'))).toBe((29 + 31) * 1440);
    expect(workingMinutesBetween(DEFAULT_24X7, utc('2026-03-10T08:00:00.000Z'), utc('2026-03-10T08:00:00.300Z'))).toBe(0.005);
  });

  it('a calendar without hours is never open', () => {
    expect(workingMinutesBetween({ timeZone: 'Europe/Rome' }, utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'))).toBe(0);
  });
});

describe('workingMinutesBetween: input checks and long spans', () => {
  it('rejects invalid dates', () => {
    expect(() => workingMinutesBetween(OFFICE, new Date('nope'), utc('2026-03-10T08:00:00Z'))).toThrow(RangeError);
    expect(() => workingMinutesBetween(OFFICE, utc('2026-03-10T08:00:00Z'), new Date(Number.NaN))).toThrow(/to must be a valid Date/);
  });

  // No bound on its time here (a loaded machine made a 2 s bound fail): how long it takes is the bench's to say.
  it('counts ten years of office days', () => {
    const minutes = workingMinutesBetween(OFFICE, utc('2026-01-01T00:00:00Z'), utc('2036-01-01T00:00:00Z'));
    // Roughly 2500 office days of 480 minutes.
    expect(minutes / 480).toBeGreaterThan(2480);
    expect(minutes / 480).toBeLessThan(2560);
    expect(Number.isInteger(minutes / 480)).toBe(true);
  });
});
