/**
 * Cross-check against a deliberately naive reference: walk real time minute by
 * minute, ask luxon for the wall clock of each minute, and count it when the
 * local date is open and the wall time is inside an opening. All openings and
 * DST changes used here are on whole minutes, so the reference is exact.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  italianHolidays,
  workingMinutesBetween,
  type CalendarSpec,
  type Weekday,
} from '../../../src/plugins/sla/engine';

const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTE = 60_000;

const clock = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The holidays of a year, computed once: asked for every minute walked, they were most of the reference's time. */
const holidayYears = new Map<number, Set<string>>();
function holidaysOf(year: number): Set<string> {
  if (!holidayYears.has(year)) holidayYears.set(year, new Set(italianHolidays(year)));
  return holidayYears.get(year)!;
}

function isWorkingMinute(cal: CalendarSpec, instant: number): boolean {
  if (cal.alwaysOpen) return true;
  const wall = DateTime.fromMillis(instant, { zone: cal.timeZone });
  const date = wall.toISODate()!;
  if (cal.closedDates?.includes(date)) return false;
  if (cal.patronDay === date.slice(5)) return false;
  if (cal.italianHolidays && holidaysOf(wall.year).has(date)) return false;
  const minute = wall.hour * 60 + wall.minute;
  return (cal.hours?.[DAYS[wall.weekday - 1]] ?? []).some(([s, e]) => clock(s) <= minute && minute < clock(e));
}

function referenceMinutes(cal: CalendarSpec, from: number, to: number): number {
  let count = 0;
  for (let t = from; t < to; t += MINUTE) if (isWorkingMinute(cal, t)) count++;
  return count;
}

function referenceAdd(cal: CalendarSpec, start: number, minutes: number): number {
  let t = start;
  for (let left = minutes; left > 0; t += MINUTE) if (isWorkingMinute(cal, t) && --left === 0) return t + MINUTE;
  return t;
}

/** Small seeded PRNG (mulberry32) so failures are reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const all = (...pairs: Array<[string, string]>): CalendarSpec['hours'] => Object.fromEntries(DAYS.map((d) => [d, pairs]));

const calendars: Array<[string, CalendarSpec]> = [
  [
    'office with Saturday mornings and holidays',
    {
      timeZone: 'Europe/Rome',
      italianHolidays: true,
      patronDay: '06-29',
      closedDates: ['2026-03-30'],
      hours: { ...all(['08:30', '13:00'], ['14:00', '17:30']), sat: [['09:00', '12:00']], sun: [] },
    },
  ],
  ['night openings around the Rome DST change', { timeZone: 'Europe/Rome', hours: all(['01:30', '02:30'], ['02:45', '03:15'], ['23:00', '24:00']) }],
  ['overnight shift', { timeZone: 'Europe/Rome', italianHolidays: true, hours: { ...all(['00:00', '01:30'], ['22:00', '24:00']), wed: [['12:00', '13:00']] } }],
  ['New York small hours', { timeZone: 'America/New_York', hours: all(['00:30', '02:30'], ['09:00', '10:00']) }],
  ['Lord Howe (30-minute DST)', { timeZone: 'Australia/Lord_Howe', hours: all(['01:00', '03:00'], ['12:00', '12:30']) }],
];

/** Moments near DST changes, holidays and New Year, in UTC. */
const anchors = [
  '2025-03-30T01:00:00Z',
  '2025-10-26T01:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2026-04-04T15:00:00Z',
  '2026-10-03T15:30:00Z',
  '2025-12-31T23:00:00Z',
  '2026-04-06T00:00:00Z',
].map((iso) => Date.parse(iso));

describe('agreement with a minute-by-minute reference', () => {
  it.each(calendars)('%s', (_name, cal) => {
    const next = random(20260329);
    for (let i = 0; i < 14; i++) {
      const anchor = anchors[Math.floor(next() * anchors.length)];
      const from = anchor + Math.round((next() - 0.7) * 2 * 1440) * MINUTE;
      const to = from + Math.round(next() * 2 * 1440) * MINUTE;
      const expected = referenceMinutes(cal, from, to);
      expect(workingMinutesBetween(cal, new Date(from), new Date(to)), `${new Date(from).toISOString()} -> ${new Date(to).toISOString()}`).toBe(expected);
      if (expected > 0) {
        const amount = 1 + Math.floor(next() * expected);
        expect(addWorkingMinutes(cal, new Date(from), amount).getTime(), `${new Date(from).toISOString()} + ${amount}`).toBe(
          referenceAdd(cal, from, amount),
        );
      }
    }
  });
});
