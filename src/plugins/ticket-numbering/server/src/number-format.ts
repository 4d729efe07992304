/**
 * Ticket number format PREFIX-YYYY-NNNNNN. Pure: no Strapi import, tested alone.
 */
import { DateTime } from 'luxon';

export const SEQUENCE_DIGITS = 6;

export interface ParsedTicketNumber {
  prefix: string;
  year: number;
  sequence: number;
}

export function formatTicketNumber(prefix: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have four digits, got ${year}`);
  // Past 999999 the number grows a digit rather than wrapping: uniqueness matters more than width.
  return `${prefix}-${year}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

export function parseTicketNumber(value: string): ParsedTicketNumber | null {
  const match = /^([A-Z][A-Z0-9]*)-(\d{4})-(\d{6,})$/.exec(value.trim());
  if (!match) return null;
  return { prefix: match[1], year: Number(match[2]), sequence: Number(match[3]) };
}

/** The calendar year of an instant in a time zone: New Year's night in Rome is still the old year in UTC. */
export function yearInZone(instant: Date, timeZone: string): number {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`invalid time zone "${timeZone}"`);
  return local.year;
}

/** Counter scope: numbers restart each year and are independent per prefix. */
export function counterScope(prefix: string, year: number): string {
  return `${prefix}-${year}`;
}
