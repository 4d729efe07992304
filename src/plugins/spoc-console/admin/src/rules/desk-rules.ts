/**
 * The desks' small rules for the page: a call's running time, what a call became, how late a call-back is.
 * Pure: no React, no Strapi, tested alone (tests/unit/desk-rules.test.ts).
 */

/** A duration as a call timer shows it: `m:ss`, or `h:mm:ss` past an hour; never negative. */
export function timerText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** How long a call has lasted at `now`, or lasted if it ended. */
export function callDurationMs(call: { startedAt: string; endedAt: string | null }, now: number): number {
  return (call.endedAt ? Date.parse(call.endedAt) : now) - Date.parse(call.startedAt);
}

export type CallFate = 'ticket' | 'dismissed' | 'pending' | 'unanswered';

/** What a call became: a ticket, nothing, still waiting on its operator; with no operator, the PBX's unanswered call. */
export function callFate(call: { ticket?: unknown; dismissedAt: string | null; operator?: unknown }): CallFate {
  if (call.ticket) return 'ticket';
  if (call.dismissedAt) return 'dismissed';
  return call.operator ? 'pending' : 'unanswered';
}

/** How late a call-back is at `now` (0 when not yet due). */
export function overdueMs(dueAt: string, now: number): number {
  return Math.max(0, now - Date.parse(dueAt));
}

/** The Rome day of an instant, `YYYY-MM-DD` (the calls list's day). */
export function romeDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
