/**
 * SLA status of one ticket: take-in-charge and restore clocks, both measured in
 * working time of the contract calendar, with the Administration's suspensions
 * stopping the restore clock only.
 */
import { compileCalendar, type CompiledCalendar } from './calendar';
import { addWorkingMs } from './add-working-minutes';
import { minutesToMs, msToMinutes, toEpochMs } from './time';
import { workingMsBetween } from './working-minutes';
import type { EvaluateInput, EvaluateResult, Suspension } from './types';

/**
 * Working ms of the suspensions, each clipped to [windowStart, windowEnd], an
 * open one running to `now`. Overlaps are merged first: the contract says they
 * do not happen, but double-counting would silently move a deadline.
 */
function pausedMs(cal: CompiledCalendar, suspensions: Suspension[], windowStart: number, windowEnd: number, now: number): number {
  const clipped: Array<[number, number]> = [];
  suspensions.forEach((suspension, index) => {
    const from = toEpochMs(suspension.from, `suspensions[${index}].from`);
    const to = suspension.to === null ? now : toEpochMs(suspension.to, `suspensions[${index}].to`);
    if (suspension.to !== null && to < from) throw new RangeError(`suspensions[${index}] ends before it starts`);
    const start = Math.max(from, windowStart);
    const end = Math.min(to, windowEnd);
    if (end > start) clipped.push([start, end]);
  });
  clipped.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [number, number] | null = null;
  for (const range of clipped) {
    if (current && range[0] <= current[1]) {
      current[1] = Math.max(current[1], range[1]);
      continue;
    }
    if (current) total += workingMsBetween(cal, current[0], current[1]);
    current = [range[0], range[1]];
  }
  if (current) total += workingMsBetween(cal, current[0], current[1]);
  return total;
}

export function evaluate(input: EvaluateInput): EvaluateResult {
  const cal = compileCalendar(input.calendar);
  const reportedAt = toEpochMs(input.reportedAt, 'reportedAt');
  const now = toEpochMs(input.now, 'now');
  const takeChargeTarget = minutesToMs(input.takeChargeMinutes, 'takeChargeMinutes');
  const restoreTarget = minutesToMs(input.restoreMinutes, 'restoreMinutes');
  const takenAt = input.takenInChargeAt ? toEpochMs(input.takenInChargeAt, 'takenInChargeAt') : null;
  const restoredAt = input.restoredAt ? toEpochMs(input.restoredAt, 'restoredAt') : null;

  // Comparisons are done on integer ms so 'elapsed == target' is exact.
  const takeChargeElapsed = workingMsBetween(cal, reportedAt, takenAt ?? now);
  const takeCharge = {
    dueAt: new Date(addWorkingMs(cal, reportedAt, takeChargeTarget)),
    elapsedMinutes: msToMinutes(takeChargeElapsed),
    met: takenAt === null ? null : takeChargeElapsed <= takeChargeTarget,
    breached: takeChargeElapsed > takeChargeTarget,
  };

  const restoreEnd = restoredAt ?? now;
  const paused = pausedMs(cal, input.suspensions, reportedAt, restoreEnd, now);
  // Clamped at 0 only as a guard against inconsistent data (e.g. suspensions after `now`).
  const restoreElapsed = Math.max(0, workingMsBetween(cal, reportedAt, restoreEnd) - paused);
  const suspended = input.suspensions.some((suspension) => suspension.to === null);
  const restore = {
    dueAt: suspended ? null : new Date(addWorkingMs(cal, reportedAt, restoreTarget + paused)),
    elapsedMinutes: msToMinutes(restoreElapsed),
    pausedMinutes: msToMinutes(paused),
    met: restoredAt === null ? null : restoreElapsed <= restoreTarget,
    breached: restoreElapsed > restoreTarget,
  };

  return { takeCharge, restore };
}
