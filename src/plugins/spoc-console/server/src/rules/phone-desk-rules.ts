/**
 * The phone desk's rules: which calls wait on an operator, what a call's pop-up lists, the Rome day of the
 * calls list. Pure: no Strapi import, tested alone (tests/unit/desk-rules.test.ts).
 */
import { DateTime } from 'luxon';
import { FieldError } from '../../../../../api/ticket/input-rules';

const ROME = 'Europe/Rome';

/**
 * A call waits on its operator until it is registered, added to a ticket or closed without a request. Past
 * this age it no longer pops up (a shift ended with it forgotten): it stays in the calls list.
 */
export const PENDING_CALL_WINDOW_MS = 12 * 60 * 60_000;

/** Closed tickets of a caller the pop-up shows: what they asked last. */
export const CLOSED_TICKETS_SHOWN = 5;

/** The Rome day `YYYY-MM-DD` as the instants that bound it (DST days are 23 or 25 hours long). */
export function romeDayBounds(day: string): { from: Date; to: Date } {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(day) ? DateTime.fromISO(day, { zone: ROME }) : null;
  if (!start?.isValid) throw new FieldError('day', 'day must be a date, YYYY-MM-DD');
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

/** Today in Rome, `YYYY-MM-DD`. */
export const romeToday = (now: Date) => DateTime.fromJSDate(now, { zone: ROME }).toISODate()!;
