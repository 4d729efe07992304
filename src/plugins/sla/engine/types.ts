/**
 * Public shapes of the SLA engine. Kept apart so every module (and later the
 * Strapi layer) can import types without pulling in any logic.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Monday first, in the order luxon numbers them (weekday 1..7). */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface CalendarSpec {
  /** IANA name, e.g. 'Europe/Rome'. */
  timeZone: string;
  /** 24x7: every minute counts, holidays ignored. */
  alwaysOpen?: boolean;
  /** Local 'HH:MM' pairs, '24:00' allowed as an end. */
  hours?: Partial<Record<Weekday, Array<[string, string]>>>;
  /** Italy's national holidays, computed for any year. */
  italianHolidays?: boolean;
  /** 'MM-DD', closed every year. */
  patronDay?: string;
  /** 'YYYY-MM-DD', local dates. */
  closedDates?: string[];
}

/** A half-open working interval [start, end) of real time. */
export interface WorkingInterval {
  start: Date;
  end: Date;
}

export interface Suspension {
  from: Date;
  /** null while the suspension is still open. */
  to: Date | null;
}

export interface EvaluateInput {
  calendar: CalendarSpec;
  takeChargeMinutes: number;
  restoreMinutes: number;
  reportedAt: Date;
  takenInChargeAt?: Date | null;
  restoredAt?: Date | null;
  /** Attributable to the Administration, not overlapping. */
  suspensions: Suspension[];
  now: Date;
}

export interface TakeChargeResult {
  dueAt: Date;
  elapsedMinutes: number;
  met: boolean | null;
  breached: boolean;
}

export interface RestoreResult {
  dueAt: Date | null;
  elapsedMinutes: number;
  pausedMinutes: number;
  met: boolean | null;
  breached: boolean;
}

export interface EvaluateResult {
  takeCharge: TakeChargeResult;
  restore: RestoreResult;
}
