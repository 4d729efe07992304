/**
 * The instants at which a ticket's SLA warnings and breaches fall due. Pure: no Strapi import, tested alone.
 *
 * A warning at fraction f of a clock falls when f of its target has elapsed in working time; the breach
 * when the whole target has (plus, for restore, the time paused by the Administration). A stopped clock
 * has no alarms left; a restore clock paused by an open suspension has none until it resumes.
 */
import { addWorkingMinutes, type CalendarSpec } from '../../../engine';

export type Clock = 'takeCharge' | 'restore';

export interface Alarm {
  clock: Clock;
  kind: 'warning' | 'breach';
  /** The fraction of the target: 0.75, 0.9 for warnings, 1 for the breach. */
  threshold: number;
  at: Date;
}

export interface AlarmInput {
  calendar: CalendarSpec;
  reportedAt: Date;
  takeChargeMinutes: number;
  restoreMinutes: number;
  warningFractions: number[];
  takeChargeRunning: boolean;
  restoreRunning: boolean;
  restorePaused: boolean;
  pausedMinutes: number;
}

export function alarmKey(alarm: Pick<Alarm, 'clock' | 'kind' | 'threshold'>): string {
  return `${alarm.clock}:${alarm.kind}:${alarm.threshold}`;
}

export function scheduleAlarms(input: AlarmInput): Alarm[] {
  const alarms: Alarm[] = [];
  const thresholds = [...new Set(input.warningFractions.filter((f) => f > 0 && f < 1))].sort((a, b) => a - b);
  const add = (clock: Clock, target: number, extra: number) => {
    for (const threshold of [...thresholds, 1]) {
      alarms.push({
        clock,
        kind: threshold === 1 ? 'breach' : 'warning',
        threshold,
        at: addWorkingMinutes(input.calendar, input.reportedAt, threshold * target + extra),
      });
    }
  };
  if (input.takeChargeRunning) add('takeCharge', input.takeChargeMinutes, 0);
  if (input.restoreRunning && !input.restorePaused) add('restore', input.restoreMinutes, input.pausedMinutes);
  return alarms.sort((a, b) => a.at.getTime() - b.at.getTime());
}
