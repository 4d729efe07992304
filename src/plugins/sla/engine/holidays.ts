/**
 * Italy's national holidays (Law 260/1949 and later changes), computed so any
 * year works without a table that someone must remember to extend.
 */
import { DateTime } from 'luxon';
import { formatLocalDate } from './parse';

/** 4 October (St Francis of Assisi) is a national holiday again from 2026, restored by a 2025 law. */
export const SAINT_FRANCIS_FIRST_YEAR = 2026;

const FIXED_HOLIDAYS: ReadonlyArray<readonly [number, number]> = [
  [1, 1], // Capodanno
  [1, 6], // Epifania
  [4, 25], // Festa della Liberazione
  [5, 1], // Festa del Lavoro
  [6, 2], // Festa della Repubblica
  [8, 15], // Ferragosto
  [11, 1], // Ognissanti
  [12, 8], // Immacolata Concezione
  [12, 25], // Natale
  [12, 26], // Santo Stefano
];

function assertGregorianYear(year: number): void {
  // The computus below is the Gregorian one; four digits keep 'YYYY-MM-DD' keys sortable.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`year must be an integer between 1583 and 9999, got ${year}`);
  }
}

/** Gregorian Easter Sunday (anonymous Gregorian algorithm, a.k.a. Meeus/Jones/Butcher). */
export function easterSunday(year: number): { month: number; day: number } {
  assertGregorianYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const cache = new Map<number, ReadonlySet<string>>();

/** Holidays of a year as a set of 'YYYY-MM-DD', cached because day scans ask for the same year repeatedly. */
export function italianHolidaySet(year: number): ReadonlySet<string> {
  let set = cache.get(year);
  if (!set) {
    set = new Set(italianHolidays(year));
    cache.set(year, set);
  }
  return set;
}

/** Italy's national holidays of `year` as sorted, distinct 'YYYY-MM-DD' strings. */
export function italianHolidays(year: number): string[] {
  assertGregorianYear(year);
  const easter = DateTime.fromObject({ year, ...easterSunday(year) }, { zone: 'utc' });
  const easterMonday = easter.plus({ days: 1 });
  const dates = FIXED_HOLIDAYS.map(([month, day]) => formatLocalDate(year, month, day));
  dates.push(formatLocalDate(year, easter.month, easter.day));
  dates.push(formatLocalDate(year, easterMonday.month, easterMonday.day));
  if (year >= SAINT_FRANCIS_FIRST_YEAR) dates.push(formatLocalDate(year, 10, 4));
  // Easter can fall on 25 April (e.g. 2038): one closed day, listed once.
  return [...new Set(dates)].sort();
}
