import { DateTime } from 'luxon';

/** Dates and times as the Administration reads them: Europe/Rome, Italian conventions (or English when chosen). */
export const TIME_ZONE = 'Europe/Rome';

export type Language = 'it' | 'en';

const locales: Record<Language, string> = { it: 'it-IT', en: 'en-GB' };

export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locales[language], {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locales[language], { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(iso)
  );
}

/** "2 h 5 min", "3 g 4 h": a duration the way a status line says it. */
export function formatDuration(milliseconds: number, language: Language): string {
  const minutes = Math.max(0, Math.round(Math.abs(milliseconds) / 60000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const dayUnit = language === 'it' ? 'g' : 'd';
  if (days > 0) return hours > 0 ? `${days} ${dayUnit} ${hours} h` : `${days} ${dayUnit}`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/** The Europe/Rome calendar day of an instant, as YYYY-MM-DD (what date inputs and report periods use). */
export function romeDay(date: Date): string {
  return DateTime.fromJSDate(date, { zone: TIME_ZONE }).toISODate()!;
}

/**
 * The instant a Europe/Rome day starts, as ISO (offsetDays 1 gives the start of the next day, for an
 * inclusive end): filters on `reportedAt` compare instants, while the user picks days in Rome.
 */
export function romeDayStart(day: string, offsetDays = 0): string {
  return DateTime.fromISO(day, { zone: TIME_ZONE }).startOf('day').plus({ days: offsetDays }).toUTC().toISO()!;
}
