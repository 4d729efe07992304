/**
 * What the console's ticket workspace shows and allows beside the lifecycle: pure, no Strapi import, tested
 * alone (tests/unit/console-rules.test.ts).
 */
import type { LifecycleAction, TicketState } from '../../../../../api/ticket/lifecycle-rules';

/** States in which a ticket is still being worked: assignment and classification change only these. */
export const WORKABLE_STATES: readonly TicketState[] = ['new', 'in_charge', 'suspended'];

/** States in which the requester is no longer written to: a public follow-up there would reopen nothing. */
export const NO_PUBLIC_FOLLOW_UP: readonly TicketState[] = ['closed', 'cancelled'];

export type ClockKind = 'take_charge' | 'restore';

/** What each action does to the SLA clocks, for the confirmation that says what happens. */
export const CLOCK_EFFECTS: Record<LifecycleAction, { stops: ClockKind | null; pauses: ClockKind | null; resumes: ClockKind | null }> = {
  'take-charge': { stops: 'take_charge', pauses: null, resumes: null },
  // Only when the wait is the Administration's doing (attributableToAdministration, the default).
  suspend: { stops: null, pauses: 'restore', resumes: null },
  resume: { stops: null, pauses: null, resumes: 'restore' },
  restore: { stops: 'restore', pauses: null, resumes: null },
  // The restore clock runs again from reportedAt: a restore that did not hold is no restore.
  reopen: { stops: null, pauses: null, resumes: 'restore' },
  close: { stops: null, pauses: null, resumes: null },
  cancel: { stops: 'restore', pauses: null, resumes: null },
};

export interface ClockRow {
  targetMinutes: number;
  dueAt: string | null;
  state: string;
  remainingMs: number | null;
}

export interface Suspension {
  from: string;
  to: string | null;
  reason: string | null;
  attributableToAdministration: boolean;
}

export interface ConsoleClock {
  kind: ClockKind;
  state: string;
  targetMinutes: number;
  startedAt: string | null;
  dueAt: string | null;
  stoppedAt: string | null;
  remainingMs: number | null;
  pausedIntervals: Array<{ from: string; to: string | null; reason: string | null }>;
}

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

/**
 * Both clocks of a ticket as the console shows them: the SLA plugin's stored state, with where each started
 * and stopped, and the suspensions that paused the restore clock (those attributable to the Administration).
 */
export function consoleClocks(
  ticket: { reportedAt: Date | string | null; takenInChargeAt?: Date | string | null; restoredAt?: Date | string | null; cancelledAt?: Date | string | null },
  sla: { takeCharge: ClockRow; restore: ClockRow } | null,
  suspensions: Suspension[]
): ConsoleClock[] {
  if (!sla) return [];
  const startedAt = iso(ticket.reportedAt);
  const clock = (kind: ClockKind, row: ClockRow, stoppedAt: string | null, paused: Suspension[]): ConsoleClock => ({
    kind,
    state: row.state,
    targetMinutes: row.targetMinutes,
    startedAt,
    dueAt: row.dueAt,
    stoppedAt,
    remainingMs: row.remainingMs,
    pausedIntervals: paused.map(({ from, to, reason }) => ({ from, to, reason })),
  });
  return [
    clock('take_charge', sla.takeCharge, iso(ticket.takenInChargeAt ?? ticket.cancelledAt), []),
    clock('restore', sla.restore, iso(ticket.restoredAt ?? ticket.cancelledAt), suspensions.filter((period) => period.attributableToAdministration)),
  ];
}

/** An outbox message's state as the workspace names it: on its way (queued), sent, failed for good, undelivered. */
export function deliveryState(state: string): 'queued' | 'sent' | 'failed' | 'undelivered' {
  if (state === 'sent' || state === 'captured') return 'sent';
  if (state === 'failed' || state === 'undelivered') return state;
  return 'queued';
}
