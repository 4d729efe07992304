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

export type MaintenanceState = 'planned' | 'in_progress' | 'completed' | 'cancelled';

/** A maintenance's colours in the calendar, by state: text on background at WCAG AA contrast. */
export const MAINTENANCE_COLORS: Record<MaintenanceState, { background: string; border: string; text: string }> = {
  planned: { background: '#e0eaff', border: '#4945ff', text: '#271fe0' },
  in_progress: { background: '#fdf4dc', border: '#d9822f', text: '#8a4b00' },
  completed: { background: '#eafbe7', border: '#328048', text: '#2f6846' },
  cancelled: { background: '#f6f6f9', border: '#8e8ea9', text: '#4a4a6a' },
};

/** The maintenance form's fields, as text inputs hold them. */
export interface MaintenanceFormValues {
  title: string;
  type: string;
  organization: string;
  scheduledStart: string;
  scheduledEnd: string;
  affectedServices: string;
  description: string;
  tickets: string;
}

/** The form of an activity (or a new one: tomorrow 9:00 to 11:00, in the browser's time), as text. */
export function maintenanceForm(
  activity: { title: string; type: string; organization: { documentId: string } | null; scheduledStart: string | null; scheduledEnd: string | null; affectedServices: string | null; description: string | null; tickets: Array<{ number: string }> } | null,
  toLocal: (date: Date) => string,
  now = new Date()
): MaintenanceFormValues {
  if (!activity) {
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0);
    return { title: '', type: 'planned', organization: '', scheduledStart: toLocal(start), scheduledEnd: toLocal(new Date(start.getTime() + 2 * 3_600_000)), affectedServices: '', description: '', tickets: '' };
  }
  return {
    title: activity.title,
    type: activity.type,
    organization: activity.organization?.documentId ?? '',
    scheduledStart: activity.scheduledStart ? toLocal(new Date(activity.scheduledStart)) : '',
    scheduledEnd: activity.scheduledEnd ? toLocal(new Date(activity.scheduledEnd)) : '',
    affectedServices: activity.affectedServices ?? '',
    description: activity.description ?? '',
    tickets: activity.tickets.map((ticket) => ticket.number).join(', '),
  };
}

/** The board reads the figures again every minute. */
export const BOARD_REFRESH_MS = 60_000;

/** An open ticket's state in the board's stacked bars. */
export const STATE_COLORS: Record<'new' | 'in_charge' | 'suspended' | 'restored', string> = {
  new: '#4945ff',
  in_charge: '#d9822f',
  suspended: '#8e8ea9',
  restored: '#328048',
};
