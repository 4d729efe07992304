import { describe, expect, it } from 'vitest';
import { easterSunday, isClosedDay, italianHolidays, type CalendarSpec } from '../../../src/plugins/sla/engine';

const office: CalendarSpec = {
  timeZone: 'Europe/Rome',
  italianHolidays: true,
  hours: {
    mon: [['09:00', '18:00']],
    tue: [['09:00', '18:00']],
    wed: [['09:00', '18:00']],
    thu: [['09:00', '18:00']],
    fri: [['09:00', '18:00']],
    sat: [['09:00', '13:00']],
    sun: [['09:00', '13:00']],
  },
};

describe('easterSunday (Gregorian computus)', () => {
  it.each([
    [1818, 3, 22], // earliest possible date
    [1943, 4, 25], // latest possible date
    [2000, 4, 23],
    [2019, 4, 21],
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2038, 4, 25],
    [2285, 3, 22],
  ])('%i → %i/%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual({ month, day });
  });

  it('refuses years outside the Gregorian four-digit range', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(10000)).toThrow(RangeError);
    expect(() => easterSunday(2025.5)).toThrow(RangeError);
  });
});

describe('italianHolidays', () => {
  it('2025: twelve days, no 4 October yet', () => {
    expect(italianHolidays(2025)).toEqual([
      '2025-01-01',
      '2025-01-06',
      '2025-04-20',
      '2025-04-21',
      '2025-04-25',
      '2025-05-01',
      '2025-06-02',
      '2025-08-15',
      '2025-11-01',
      '2025-12-08',
      '2025-12-25',
      '2025-12-26',
    ]);
  });

  it('2026: St Francis (4 October) joins, Easter Monday is 6 April', () => {
    expect(italianHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-04-25',
      '2026-05-01',
      '2026-06-02',
      '2026-08-15',
      '2026-10-04',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('Easter Monday: 2025-04-21, 2026-04-06, 2027-03-29 (and 2024-04-01, crossing into April)', () => {
    expect(italianHolidays(2025)).toContain('2025-04-21');
    expect(italianHolidays(2026)).toContain('2026-04-06');
    expect(italianHolidays(2027)).toContain('2027-03-29');
    expect(italianHolidays(2027)).toContain('2027-03-28');
    expect(italianHolidays(2024)).toEqual(expect.arrayContaining(['2024-03-31', '2024-04-01']));
  });

  it('4 October only from 2026 on', () => {
    expect(italianHolidays(2024)).not.toContain('2024-10-04');
    expect(italianHolidays(2025)).not.toContain('2025-10-04');
    expect(italianHolidays(2026)).toContain('2026-10-04');
    expect(italianHolidays(2027)).toContain('2027-10-04');
    expect(italianHolidays(2100)).toContain('2100-10-04');
  });

  it('2038: Easter Sunday falls on 25 April and is listed once', () => {
    const days = italianHolidays(2038);
    expect(days.filter((d) => d === '2038-04-25')).toHaveLength(1);
    expect(days).toContain('2038-04-26');
    // 10 fixed days + Easter Monday + 4 October; Easter Sunday coincides with 25 April.
    expect(days).toHaveLength(12);
  });

  it('returns sorted, distinct dates and a fresh array each time', () => {
    for (let year = 2020; year <= 2040; year++) {
      const days = italianHolidays(year);
      expect([...days].sort()).toEqual(days);
      expect(new Set(days).size).toBe(days.length);
      expect(days.every((d) => d.startsWith(`${year}-`))).toBe(true);
    }
    italianHolidays(2030).push('2030-07-01');
    expect(italianHolidays(2030)).not.toContain('2030-07-01');
  });
});

describe('isClosedDay', () => {
  it('closes holidays only when italianHolidays is on', () => {
    expect(isClosedDay(office, '2026-04-06')).toBe(true);
    expect(isClosedDay({ ...office, italianHolidays: false }, '2026-04-06')).toBe(false);
    expect(isClosedDay(office, '2026-04-07')).toBe(false);
  });

  it('4 October: open on Saturday 2025-10-04, closed on Sunday 2026-10-04 and Monday 2027-10-04', () => {
    expect(isClosedDay(office, '2025-10-04')).toBe(false);
    expect(isClosedDay(office, '2026-10-04')).toBe(true);
    expect(isClosedDay(office, '2027-10-04')).toBe(true);
  });

  it('closes the patron day every year and listed closed dates', () => {
    const padova: CalendarSpec = { ...office, patronDay: '06-13', closedDates: ['2026-12-24', '2026-12-31'] };
    expect(isClosedDay(padova, '2025-06-13')).toBe(true);
    expect(isClosedDay(padova, '2031-06-13')).toBe(true);
    expect(isClosedDay(padova, '2026-06-12')).toBe(false);
    expect(isClosedDay(padova, '2026-12-24')).toBe(true);
    expect(isClosedDay(padova, '2026-12-31')).toBe(true);
    expect(isClosedDay(padova, '2027-12-31')).toBe(false);
  });

  it('a patron day of 29 February closes leap years only', () => {
    const cal: CalendarSpec = { ...office, patronDay: '02-29' };
    expect(isClosedDay(cal, '2028-02-29')).toBe(true);
    expect(isClosedDay(cal, '2027-02-28')).toBe(false);
    expect(isClosedDay(cal, '2027-03-01')).toBe(false);
  });

  it('closes weekdays without hours', () => {
    const weekdays: CalendarSpec = { timeZone: 'Europe/Rome', hours: { mon: [['09:00', '18:00']] } };
    expect(isClosedDay(weekdays, '2026-03-09')).toBe(false); // Monday
    expect(isClosedDay(weekdays, '2026-03-10')).toBe(true); // Tuesday
    expect(isClosedDay({ timeZone: 'Europe/Rome' }, '2026-03-09')).toBe(true);
  });

  it('never closes a 24x7 calendar, holidays included', () => {
    const always: CalendarSpec = { timeZone: 'Europe/Rome', alwaysOpen: true, italianHolidays: true, closedDates: ['2026-12-25'] };
    expect(isClosedDay(always, '2026-12-25')).toBe(false);
    expect(isClosedDay(always, '2026-01-01')).toBe(false);
  });

  it('rejects malformed dates', () => {
    expect(() => isClosedDay(office, '2026-02-30')).toThrow(RangeError);
    expect(() => isClosedDay(office, '26-02-01')).toThrow(RangeError);
  });
});
