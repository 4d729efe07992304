/** Pure rules of the referent's activity report (no Strapi import). */
import { DateTime } from 'luxon';

export const REPORT_TIME_ZONE = 'Europe/Rome';
/** The longest period one report covers, in days (both ends included): a year, leap day included. */
export const MAX_PERIOD_DAYS = 366;

export type PeriodProblem = { field: 'from' | 'to'; message: string };

const localDay = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone: REPORT_TIME_ZONE }) : null);

/** What is wrong with a period given as two local dates, or null: each a real date YYYY-MM-DD, from ≤ to, at most MAX_PERIOD_DAYS. */
export function periodProblem(from: unknown, to: unknown): PeriodProblem | null {
  const start = localDay(from);
  if (!start?.isValid) return { field: 'from', message: 'from deve essere una data AAAA-MM-GG / from must be a date YYYY-MM-DD' };
  const last = localDay(to);
  if (!last?.isValid) return { field: 'to', message: 'to deve essere una data AAAA-MM-GG / to must be a date YYYY-MM-DD' };
  if (last < start) return { field: 'to', message: 'to non può precedere from / to must not be before from' };
  if (last.diff(start, 'days').days + 1 > MAX_PERIOD_DAYS) {
    return { field: 'to', message: `il periodo supera ${MAX_PERIOD_DAYS} giorni / the period is longer than ${MAX_PERIOD_DAYS} days` };
  }
  return null;
}

/** The calendar months a period touches, each clipped to the period: { month: 'YYYY-MM', from, to } in local dates. */
export function monthsOf(from: string, to: string): Array<{ month: string; from: string; to: string }> {
  const start = DateTime.fromISO(from, { zone: REPORT_TIME_ZONE });
  const last = DateTime.fromISO(to, { zone: REPORT_TIME_ZONE });
  const months = [];
  for (let month = start.startOf('month'); month <= last; month = month.plus({ months: 1 })) {
    const clippedStart = month < start ? start : month;
    const monthEnd = month.endOf('month').startOf('day');
    const clippedEnd = monthEnd > last ? last : monthEnd;
    months.push({ month: month.toFormat('yyyy-MM'), from: clippedStart.toISODate()!, to: clippedEnd.toISODate()! });
  }
  return months;
}

export interface MaintenanceWindow {
  state: string;
  scheduledStart: Date | string | null;
  scheduledEnd: Date | string | null;
  actualStart: Date | string | null;
  actualEnd: Date | string | null;
}

const time = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());

/**
 * Whether a maintenance activity overlaps [start, end): it runs from its actual start (else the scheduled
 * one) to its actual end; one in progress has not ended, whatever its schedule said; one planned ends at
 * its scheduled end. A missing bound is open. Cancelled activities overlap nothing.
 */
export function overlapsPeriod(log: MaintenanceWindow, start: Date, end: Date): boolean {
  if (log.state === 'cancelled') return false;
  const from = time(log.actualStart) ?? time(log.scheduledStart);
  const until = time(log.actualEnd) ?? (log.state === 'in_progress' ? null : time(log.scheduledEnd));
  return (from === null || from < end.getTime()) && (until === null || until >= start.getTime());
}

/** The report's three lists by state. */
export function byMaintenanceState<T extends { state: string }>(logs: T[]): { planned: T[]; inProgress: T[]; completed: T[] } {
  return {
    planned: logs.filter((log) => log.state === 'planned'),
    inProgress: logs.filter((log) => log.state === 'in_progress'),
    completed: logs.filter((log) => log.state === 'completed'),
  };
}
