import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDuration, romeDay, romeDayStart } from '../../portal/src/format/dates';
import { perFileProgress } from '../../portal/src/api/upload-progress';
import { formatPercent } from '../../portal/src/format/numbers';

describe('portal dates (Europe/Rome)', () => {
  it('formats instants in Rome time, the Italian way', () => {
    expect(formatDateTime('2026-07-01T08:05:00Z', 'it')).toBe('01/07/2026, 10:05');
    expect(formatDateTime('2026-01-15T23:30:00Z', 'it')).toBe('16/01/2026, 00:30');
    expect(formatDate('2026-12-31T23:30:00Z', 'it')).toBe('01/01/2027');
    expect(formatDateTime(null, 'it')).toBe('—');
  });

  it('finds the Rome day of an instant and the instant a Rome day starts, across daylight saving', () => {
    expect(romeDay(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(romeDayStart('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(romeDayStart('2026-03-29', 1)).toBe('2026-03-29T22:00:00.000Z');
    expect(romeDayStart('2026-10-25', 1)).toBe('2026-10-25T23:00:00.000Z');
  });

  it('says durations in days, hours and minutes', () => {
    expect(formatDuration(45 * 60_000, 'it')).toBe('45 min');
    expect(formatDuration(-(2 * 60 + 5) * 60_000, 'it')).toBe('2 h 5 min');
    expect(formatDuration((3 * 1440 + 4 * 60) * 60_000, 'it')).toBe('3 g 4 h');
    expect(formatDuration(2 * 1440 * 60_000, 'en')).toBe('2 d');
  });
});

describe('per-file upload progress', () => {
  const file = (size: number) => ({ size }) as File;

  it('fills the files in the order they are sent', () => {
    expect(perFileProgress([file(100), file(300)], 0)).toEqual([0, 0]);
    expect(perFileProgress([file(100), file(300)], 0.25)).toEqual([1, 0]);
    expect(perFileProgress([file(100), file(300)], 0.625)).toEqual([1, 0.5]);
    expect(perFileProgress([file(100), file(300)], 1)).toEqual([1, 1]);
  });
});

describe('portal numbers', () => {
  it('writes percentages the way each language does', () => {
    expect(formatPercent(0, 'it')).toBe('0,0%');
    expect(formatPercent(97.46, 'it')).toBe('97,5%');
    expect(formatPercent(97.46, 'en')).toBe('97.5%');
    expect(formatPercent(null, 'it')).toBe('—');
  });
});
