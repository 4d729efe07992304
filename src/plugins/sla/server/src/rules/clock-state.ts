/**
 * One ticket's SLA clocks as they stand at `now`: what the SLA plugin stores for it. Pure: no Strapi
 * import, tested alone; the engine does the calendar arithmetic.
 */
import { addWorkingMinutes, evaluate, type CalendarSpec } from '../../../engine';
import { alarmKey, scheduleAlarms, type Alarm } from './alarms';
import { attributableSuspensions, type SuspensionPeriod } from './suspensions';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface Targets {
  takeChargeMinutes: number;
  restoreMinutes: number;
}

export interface AppliedPolicy {
  id: number;
  name: string;
  calendar: { id: number; name: string; spec: CalendarSpec };
  targets: Record<Priority, Targets>;
  warningFractions: number[];
}

export interface TicketTimes {
  state: string;
  priority: Priority;
  reportedAt: Date;
  takenInChargeAt: Date | null;
  restoredAt: Date | null;
  cancelledAt: Date | null;
}

export interface ClockValues {
  policyId: number;
  policyName: string;
  calendarId: number;
  calendarName: string;
  priority: Priority;
  takeChargeMinutes: number;
  restoreMinutes: number;
  warningFractions: number[];
  takeChargeDueAt: Date;
  takeChargeWarnAt: Date | null;
  takeChargeElapsedMinutes: number | null;
  takeChargeMet: boolean | null;
  takeChargeBreached: boolean;
  restoreDueAt: Date | null;
  restoreWarnAt: Date | null;
  restoreElapsedMinutes: number | null;
  restorePausedMinutes: number;
  restoreMet: boolean | null;
  restoreBreached: boolean;
  nextCheckAt: Date | null;
}

export const DEFAULT_WARNING_FRACTIONS = [0.75, 0.9];

/** Rounded to the millisecond's worth of minutes: the engine is exact, the database need not store noise. */
const round = (minutes: number) => Math.round(minutes * 60_000) / 60_000;

export function computeClock(
  policy: AppliedPolicy,
  ticket: TicketTimes,
  suspensions: SuspensionPeriod[],
  alreadyRaised: Set<string>,
  now: Date
): { values: ClockValues; pendingAlarms: Alarm[] } {
  const targets = policy.targets[ticket.priority] ?? policy.targets.P3;
  const cancelled = ticket.state === 'cancelled';
  // A cancelled ticket stops both clocks where it was cancelled and is judged by neither.
  const takeChargeStop = ticket.takenInChargeAt ?? (cancelled ? ticket.cancelledAt : null);
  const restoreStop = ticket.restoredAt ?? (cancelled ? ticket.cancelledAt : null);
  const paused = attributableSuspensions(suspensions);
  const result = evaluate({
    calendar: policy.calendar.spec,
    takeChargeMinutes: targets.takeChargeMinutes,
    restoreMinutes: targets.restoreMinutes,
    reportedAt: ticket.reportedAt,
    takenInChargeAt: takeChargeStop,
    restoredAt: restoreStop,
    suspensions: paused,
    now,
  });
  const fractions = policy.warningFractions.length ? policy.warningFractions : DEFAULT_WARNING_FRACTIONS;
  const firstWarning = Math.min(...fractions.filter((f) => f > 0 && f < 1), 1);
  const restorePaused = result.restore.dueAt === null;

  const alarms = scheduleAlarms({
    calendar: policy.calendar.spec,
    reportedAt: ticket.reportedAt,
    takeChargeMinutes: targets.takeChargeMinutes,
    restoreMinutes: targets.restoreMinutes,
    warningFractions: fractions,
    takeChargeRunning: !takeChargeStop,
    restoreRunning: !restoreStop,
    restorePaused,
    pausedMinutes: result.restore.pausedMinutes,
  });
  const pendingAlarms = alarms.filter((alarm) => !alreadyRaised.has(alarmKey(alarm)));

  return {
    values: {
      policyId: policy.id,
      policyName: policy.name,
      calendarId: policy.calendar.id,
      calendarName: policy.calendar.name,
      priority: ticket.priority,
      takeChargeMinutes: targets.takeChargeMinutes,
      restoreMinutes: targets.restoreMinutes,
      warningFractions: fractions,
      takeChargeDueAt: result.takeCharge.dueAt,
      takeChargeWarnAt: addWorkingMinutes(policy.calendar.spec, ticket.reportedAt, firstWarning * targets.takeChargeMinutes),
      takeChargeElapsedMinutes: takeChargeStop ? round(result.takeCharge.elapsedMinutes) : null,
      takeChargeMet: cancelled ? null : result.takeCharge.met,
      takeChargeBreached: result.takeCharge.breached,
      restoreDueAt: result.restore.dueAt,
      restoreWarnAt: restorePaused
        ? null
        : addWorkingMinutes(policy.calendar.spec, ticket.reportedAt, firstWarning * targets.restoreMinutes + result.restore.pausedMinutes),
      restoreElapsedMinutes: restoreStop ? round(result.restore.elapsedMinutes) : null,
      restorePausedMinutes: round(result.restore.pausedMinutes),
      restoreMet: cancelled ? null : result.restore.met,
      restoreBreached: result.restore.breached,
      nextCheckAt: pendingAlarms[0]?.at ?? null,
    },
    pendingAlarms,
  };
}

export type ClockState = 'on_time' | 'at_risk' | 'breached' | 'met' | 'paused' | 'not_applicable';

/** What a list or a detail page shows for one clock, from the stored values alone (no calendar needed). */
export function clockState(
  clock: { dueAt: Date | null; warnAt: Date | null; met: boolean | null; breached: boolean; stopped: boolean },
  cancelled: boolean,
  now: Date
): ClockState {
  if (cancelled) return 'not_applicable';
  if (clock.stopped) return clock.met === false || clock.breached ? 'breached' : 'met';
  if (!clock.dueAt) return 'paused';
  if (clock.breached || now.getTime() > clock.dueAt.getTime()) return 'breached';
  if (clock.warnAt && now.getTime() >= clock.warnAt.getTime()) return 'at_risk';
  return 'on_time';
}
