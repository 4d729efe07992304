/**
 * Parsers for the small string formats of a CalendarSpec. They return null
 * instead of throwing so validation can collect every problem in one pass.
 */
import { DateTime } from 'luxon';

const CLOCK = /^(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;

export const MINUTES_PER_DAY = 24 * 60;

/** 'HH:MM' to minutes after local midnight; '24:00' only when it is an end. */
export function parseClock(value: unknown, isEnd: boolean): number | null {
  if (typeof value !== 'string') return null;
  const match = CLOCK.exec(value);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour === 24 && minute === 0) return isEnd ? MINUTES_PER_DAY : null;
  if (hour > 23 || minute > 59) return null;
  return hour * 60 + minute;
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** 'YYYY-MM-DD' that names a real calendar day (no 30 February). */
export function parseLocalDate(value: unknown): LocalDate | null {
  if (typeof value !== 'string') return null;
  const match = LOCAL_DATE.exec(value);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // Luxon knows month lengths and leap years; the zone is irrelevant for a bare date.
  return DateTime.fromObject(date, { zone: 'utc' }).isValid ? date : null;
}

/** 'MM-DD' valid in at least one year, so '02-29' is accepted (it closes leap years only). */
export function parseMonthDay(value: unknown): { month: number; day: number } | null {
  if (typeof value !== 'string') return null;
  const match = MONTH_DAY.exec(value);
  if (!match) return null;
  const month = Number(match[1]);
  const day = Number(match[2]);
  // 2000 is a leap year, so every real month-day is valid in it.
  return DateTime.fromObject({ year: 2000, month, day }, { zone: 'utc' }).isValid ? { month, day } : null;
}

export function formatLocalDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
