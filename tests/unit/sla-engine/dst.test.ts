/**
 * Daylight-saving nights. Europe/Rome 2026: springs forward on 29 March at
 * 02:00 CET (01:00Z) to 03:00 CEST, falls back on 25 October at 03:00 CEST
 * (01:00Z) to 02:00 CET. Opening hours are wall-clock times, so what counts is
 * how long the wall clock shows a time inside an opening.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_24X7,
  addWorkingMinutes,
  openIntervals,
  workingMinutesBetween,
  type CalendarSpec,
  type Weekday,
} from '../../../src/plugins/sla/engine';

const utc = (iso: string): Date => new Date(iso);
const everyDay = (timeZone: string, ...pairs: Array<[string, string]>): CalendarSpec => ({
  timeZone,
  hours: Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as Weekday[]).map((d) => [d, pairs])),
});
const iso = (intervals: Array<{ start: Date; end: Date }>): string[][] =>
  intervals.map(({ start, end }) => [start.toISOString(), end.toISOString()]);

const wallDay = everyDay('Europe/Rome', ['00:00', '24:00']);
const twoToThree = everyDay('Europe/Rome', ['02:00', '03:00']);

describe('24x7 local days across DST (Europe/Rome)', () => {
  it('the spring-forward day lasts 23 hours', () => {
    expect(workingMinutesBetween(DEFAULT_24X7, utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z'))).toBe(1380);
    expect(iso(openIntervals(DEFAULT_24X7, '2026-03-29'))).toEqual([['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']]);
  });

  it('the fall-back day lasts 25 hours', () => {
    expect(workingMinutesBetween(DEFAULT_24X7, utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z'))).toBe(1500);
    expect(iso(openIntervals(DEFAULT_24X7, '2026-10-25'))).toEqual([['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']]);
  });

  it('2025 nights too (30 March and 26 October)', () => {
    expect(iso(openIntervals(DEFAULT_24X7, '2025-03-30'))).toEqual([['2025-03-29T23:00:00.000Z', '2025-03-30T22:00:00.000Z']]);
    expect(iso(openIntervals(DEFAULT_24X7, '2025-10-26'))).toEqual([['2025-10-25T22:00:00.000Z', '2025-10-26T23:00:00.000Z']]);
  });

  it('counts real time across the jump', () => {
    // 01:30 CET .. 03:30 CEST on the wall is one real hour.
    expect(workingMinutesBetween(DEFAULT_24X7, utc('2026-03-29T00:30:00Z'), utc('2026-03-29T01:30:00Z'))).toBe(60);
    expect(workingMinutesBetween(wallDay, utc('2026-03-29T00:30:00Z'), utc('2026-03-29T01:30:00Z'))).toBe(60);
  });

  it('adds real time: 24 working hours are 24 real hours whatever the wall clock says', () => {
    // Saturday 12:00 CET + 24 h = Sunday 13:00 CEST.
    expect(addWorkingMinutes(DEFAULT_24X7, utc('2026-03-28T11:00:00Z'), 1440)).toEqual(utc('2026-03-29T11:00:00Z'));
    // Saturday 12:00 CEST + 24 h = Sunday 11:00 CET.
    expect(addWorkingMinutes(DEFAULT_24X7, utc('2026-10-24T10:00:00Z'), 1440)).toEqual(utc('2026-10-25T10:00:00Z'));
    expect(addWorkingMinutes(wallDay, utc('2026-03-28T11:00:00Z'), 1440)).toEqual(utc('2026-03-29T11:00:00Z'));
    expect(addWorkingMinutes(wallDay, utc('2026-10-24T10:00:00Z'), 1440)).toEqual(utc('2026-10-25T10:00:00Z'));
  });
});

describe('wall-clock opening 00:00-24:00 (Europe/Rome)', () => {
  it('lasts 1380, 1440 and 1500 minutes on the spring, ordinary and fall-back days', () => {
    expect(workingMinutesBetween(wallDay, utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z'))).toBe(1380);
    expect(workingMinutesBetween(wallDay, utc('2026-03-29T22:00:00Z'), utc('2026-03-30T22:00:00Z'))).toBe(1440);
    expect(workingMinutesBetween(wallDay, utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z'))).toBe(1500);
  });

  it('is one merged interval per day even though the offset changes inside it', () => {
    expect(iso(openIntervals(wallDay, '2026-03-29'))).toEqual([['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']]);
    expect(iso(openIntervals(wallDay, '2026-10-25'))).toEqual([['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']]);
  });
});

describe('wall-clock opening 02:00-03:00 (Europe/Rome)', () => {
  it('never happens on the spring-forward night', () => {
    expect(workingMinutesBetween(twoToThree, utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z'))).toBe(0);
    expect(openIntervals(twoToThree, '2026-03-29')).toEqual([]);
  });

  it('happens twice on the fall-back night: 02:00 CEST to 03:00 CET', () => {
    expect(workingMinutesBetween(twoToThree, utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z'))).toBe(120);
    expect(iso(openIntervals(twoToThree, '2026-10-25'))).toEqual([['2026-10-25T00:00:00.000Z', '2026-10-25T02:00:00.000Z']]);
  });

  it('lasts an hour on ordinary nights, in both offsets', () => {
    expect(iso(openIntervals(twoToThree, '2026-03-28'))).toEqual([['2026-03-28T01:00:00.000Z', '2026-03-28T02:00:00.000Z']]);
    expect(iso(openIntervals(twoToThree, '2026-03-30'))).toEqual([['2026-03-30T00:00:00.000Z', '2026-03-30T01:00:00.000Z']]);
  });

  it('sums over the DST weeks: 6 × 60 + 0 in March, 6 × 60 + 120 in October', () => {
    // Monday 00:00 local to the next Monday 00:00 local.
    expect(workingMinutesBetween(twoToThree, utc('2026-03-22T23:00:00Z'), utc('2026-03-29T22:00:00Z'))).toBe(360);
    expect(workingMinutesBetween(twoToThree, utc('2026-10-18T22:00:00Z'), utc('2026-10-25T23:00:00Z'))).toBe(480);
  });

  it('addWorkingMinutes skips the missing hour and uses both repeated hours', () => {
    // Saturday 01:00 CET: Saturday's hour ends at 03:00 CET (02:00Z).
    expect(addWorkingMinutes(twoToThree, utc('2026-03-28T00:00:00Z'), 60)).toEqual(utc('2026-03-28T02:00:00Z'));
    // One more minute: Sunday has none, Monday 02:00 CEST (00:00Z) + 1.
    expect(addWorkingMinutes(twoToThree, utc('2026-03-28T00:00:00Z'), 61)).toEqual(utc('2026-03-30T00:01:00Z'));
    // From 02:00 CEST on 25 October: 90 minutes end at the second 02:30 (CET).
    expect(addWorkingMinutes(twoToThree, utc('2026-10-25T00:00:00Z'), 90)).toEqual(utc('2026-10-25T01:30:00Z'));
    expect(addWorkingMinutes(twoToThree, utc('2026-10-25T00:00:00Z'), 120)).toEqual(utc('2026-10-25T02:00:00Z'));
    expect(addWorkingMinutes(twoToThree, utc('2026-10-25T00:00:00Z'), 121)).toEqual(utc('2026-10-26T01:01:00Z'));
  });
});

describe('openings partly inside the DST change (Europe/Rome)', () => {
  it('spring: 01:30-02:30 keeps its first half hour, 02:30-03:30 its last', () => {
    expect(iso(openIntervals(everyDay('Europe/Rome', ['01:30', '02:30']), '2026-03-29'))).toEqual([
      ['2026-03-29T00:30:00.000Z', '2026-03-29T01:00:00.000Z'],
    ]);
    expect(iso(openIntervals(everyDay('Europe/Rome', ['02:30', '03:30']), '2026-03-29'))).toEqual([
      ['2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z'],
    ]);
  });

  it('fall: 02:30-03:30 is shown for 90 minutes, in two pieces', () => {
    const cal = everyDay('Europe/Rome', ['02:30', '03:30']);
    expect(iso(openIntervals(cal, '2026-10-25'))).toEqual([
      ['2026-10-25T00:30:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['2026-10-25T01:30:00.000Z', '2026-10-25T02:30:00.000Z'],
    ]);
    expect(workingMinutesBetween(cal, utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z'))).toBe(90);
  });

  it('a daytime opening on the DST Sunday is not affected, only shifted in UTC', () => {
    const cal = everyDay('Europe/Rome', ['08:00', '20:00']);
    expect(iso(openIntervals(cal, '2026-03-28'))).toEqual([['2026-03-28T07:00:00.000Z', '2026-03-28T19:00:00.000Z']]);
    expect(iso(openIntervals(cal, '2026-03-29'))).toEqual([['2026-03-29T06:00:00.000Z', '2026-03-29T18:00:00.000Z']]);
    expect(iso(openIntervals(cal, '2026-10-25'))).toEqual([['2026-10-25T07:00:00.000Z', '2026-10-25T19:00:00.000Z']]);
  });
});

describe('other zones', () => {
  it('America/New_York: 23 h on 2026-03-08, 25 h on 2026-11-01; 01:00-02:00 happens twice', () => {
    expect(iso(openIntervals({ timeZone: 'America/New_York', alwaysOpen: true }, '2026-03-08'))).toEqual([
      ['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ]);
    expect(workingMinutesBetween({ timeZone: 'America/New_York', alwaysOpen: true }, utc('2026-11-01T04:00:00Z'), utc('2026-11-02T05:00:00Z'))).toBe(1500);
    expect(iso(openIntervals(everyDay('America/New_York', ['01:00', '02:00']), '2026-11-01'))).toEqual([
      ['2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z'],
    ]);
    expect(openIntervals(everyDay('America/New_York', ['02:00', '03:00']), '2026-03-08')).toEqual([]);
  });

  it('Australia/Lord_Howe, whose DST shift is 30 minutes: 1470 and 1410 minute days', () => {
    const cal = everyDay('Australia/Lord_Howe', ['00:00', '24:00']);
    expect(workingMinutesBetween(cal, utc('2026-04-04T13:00:00Z'), utc('2026-04-05T13:30:00Z'))).toBe(1470);
    expect(workingMinutesBetween(cal, utc('2026-10-03T13:30:00Z'), utc('2026-10-04T13:00:00Z'))).toBe(1410);
  });
});
