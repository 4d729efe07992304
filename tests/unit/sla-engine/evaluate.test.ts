/**
 * evaluate() on the office calendar (Monday-Friday 09:00-13:00, 14:00-18:00 in
 * Rome, UTC+1 in March): take in charge within 240 working minutes, restore
 * within 960 (two working days). The ticket is reported on Monday 9 March 2026
 * at 10:00 CET (09:00Z).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_24X7, evaluate, type CalendarSpec, type EvaluateInput } from '../../../src/plugins/sla/engine';
import { OFFICE, utc } from './fixtures';


const base: EvaluateInput = {
  calendar: OFFICE,
  takeChargeMinutes: 240,
  restoreMinutes: 960,
  reportedAt: utc('2026-03-09T09:00:00Z'),
  takenInChargeAt: null,
  restoredAt: null,
  suspensions: [],
  now: utc('2026-03-09T11:00:00Z'),
};

describe('evaluate: take in charge', () => {
  it('open and within target: met is null', () => {
    const { takeCharge } = evaluate(base);
    // 10:00-13:00 (180) then 14:00 + 60 = 15:00 CET.
    expect(takeCharge).toEqual({ dueAt: utc('2026-03-09T14:00:00Z'), elapsedMinutes: 120, met: null, breached: false });
  });

  it('taken exactly at the due time is met', () => {
    const { takeCharge } = evaluate({ ...base, takenInChargeAt: utc('2026-03-09T14:00:00Z'), now: utc('2026-03-10T09:00:00Z') });
    expect(takeCharge).toEqual({ dueAt: utc('2026-03-09T14:00:00Z'), elapsedMinutes: 240, met: true, breached: false });
  });

  it('taken one second late is breached', () => {
    const { takeCharge } = evaluate({ ...base, takenInChargeAt: utc('2026-03-09T14:00:01Z') });
    expect(takeCharge.elapsedMinutes).toBeCloseTo(240 + 1 / 60, 12);
    expect(takeCharge.met).toBe(false);
    expect(takeCharge.breached).toBe(true);
  });

  it('not taken and past due: breached while met stays null', () => {
    // now = Tuesday 09:30 CET: 180 + 240 + 30.
    const { takeCharge } = evaluate({ ...base, now: utc('2026-03-10T08:30:00Z') });
    expect(takeCharge).toEqual({ dueAt: utc('2026-03-09T14:00:00Z'), elapsedMinutes: 450, met: null, breached: true });
  });

  it('is not stopped by suspensions', () => {
    const { takeCharge } = evaluate({
      ...base,
      suspensions: [{ from: utc('2026-03-09T09:30:00Z'), to: null }],
      now: utc('2026-03-09T12:00:00Z'),
    });
    expect(takeCharge.elapsedMinutes).toBe(180);
  });
});

describe('evaluate: restore', () => {
  it('no suspension: due after 960 working minutes', () => {
    const { restore } = evaluate(base);
    // Monday 420 + Tuesday 480 + Wednesday 09:00-10:00 = 960.
    expect(restore).toEqual({ dueAt: utc('2026-03-11T09:00:00Z'), elapsedMinutes: 120, pausedMinutes: 0, met: null, breached: false });
  });

  it('a closed suspension pauses the clock and moves the due time', () => {
    const { restore } = evaluate({
      ...base,
      takenInChargeAt: utc('2026-03-09T10:00:00Z'),
      // Monday 16:00 -> Tuesday 11:00 CET: 120 + 120 working minutes.
      suspensions: [{ from: utc('2026-03-09T15:00:00Z'), to: utc('2026-03-10T10:00:00Z') }],
      // Wednesday 12:00 CET.
      restoredAt: utc('2026-03-11T11:00:00Z'),
      now: utc('2026-03-12T09:00:00Z'),
    });
    // Working time to restore: 420 + 480 + 180 = 1080, minus 240 paused.
    // Due: 960 + 240 = 1200 = Monday 420 + Tuesday 480 + Wednesday 240 + 60 -> 15:00 CET.
    expect(restore).toEqual({ dueAt: utc('2026-03-11T14:00:00Z'), elapsedMinutes: 840, pausedMinutes: 240, met: true, breached: false });
  });

  it('an open suspension runs to now and leaves no due time', () => {
    const { restore } = evaluate({
      ...base,
      suspensions: [{ from: utc('2026-03-09T15:00:00Z'), to: null }],
      // Tuesday 12:00 CET.
      now: utc('2026-03-10T11:00:00Z'),
    });
    // Worked 420 + 180 = 600, of which 120 + 180 suspended.
    expect(restore).toEqual({ dueAt: null, elapsedMinutes: 300, pausedMinutes: 300, met: null, breached: false });
  });

  it('clips suspensions to [reportedAt, restoredAt]', () => {
    const { restore } = evaluate({
      ...base,
      suspensions: [
        // Monday 08:00 -> 11:00 CET: only 10:00-11:00 counts.
        { from: utc('2026-03-09T07:00:00Z'), to: utc('2026-03-09T10:00:00Z') },
        // Tuesday 09:30 -> 12:00: only 09:30-10:00 counts.
        { from: utc('2026-03-10T08:30:00Z'), to: utc('2026-03-10T11:00:00Z') },
      ],
      // Tuesday 10:00 CET.
      restoredAt: utc('2026-03-10T09:00:00Z'),
      now: utc('2026-03-10T12:00:00Z'),
    });
    // Worked 420 + 60 = 480, paused 60 + 30.
    expect(restore.pausedMinutes).toBe(90);
    expect(restore.elapsedMinutes).toBe(390);
    expect(restore.met).toBe(true);
    // 960 + 90 = 1050: Monday 420 + Tuesday 480 + Wednesday 150 -> 11:30 CET.
    expect(restore.dueAt).toEqual(utc('2026-03-11T10:30:00Z'));
  });

  it('a suspension in closed time pauses nothing', () => {
    const { restore } = evaluate({
      ...base,
      // Friday 18:30 -> Monday 08:30 CET.
      suspensions: [{ from: utc('2026-03-13T17:30:00Z'), to: utc('2026-03-16T07:30:00Z') }],
      now: utc('2026-03-16T12:00:00Z'),
    });
    expect(restore.pausedMinutes).toBe(0);
    expect(restore.dueAt).toEqual(utc('2026-03-11T09:00:00Z'));
    // Mon 420 + Tue..Fri 4 × 480 + Monday 16 09:00-13:00 = 2580.
    expect(restore.elapsedMinutes).toBe(2580);
    expect(restore.breached).toBe(true);
    expect(restore.met).toBeNull();
  });

  it('restored late is breached', () => {
    const { restore } = evaluate({ ...base, restoredAt: utc('2026-03-11T09:00:01Z'), now: utc('2026-03-12T09:00:00Z') });
    expect(restore.met).toBe(false);
    expect(restore.breached).toBe(true);
    const onTime = evaluate({ ...base, restoredAt: utc('2026-03-11T09:00:00Z'), now: utc('2026-03-12T09:00:00Z') }).restore;
    expect(onTime.met).toBe(true);
    expect(onTime.breached).toBe(false);
  });

  it('overlapping suspensions (bad data) are not counted twice', () => {
    const { restore } = evaluate({
      ...base,
      suspensions: [
        { from: utc('2026-03-09T09:00:00Z'), to: utc('2026-03-09T11:00:00Z') },
        { from: utc('2026-03-09T10:00:00Z'), to: utc('2026-03-09T13:00:00Z') },
      ],
      now: utc('2026-03-09T16:00:00Z'),
    });
    // 10:00-14:00 CET merged, lunch excluded: 180.
    expect(restore.pausedMinutes).toBe(180);
  });

  it('rejects a suspension ending before it starts, and bad targets', () => {
    expect(() =>
      evaluate({ ...base, suspensions: [{ from: utc('2026-03-09T12:00:00Z'), to: utc('2026-03-09T11:00:00Z') }] }),
    ).toThrow(/suspensions\[0\] ends before it starts/);
    expect(() => evaluate({ ...base, takeChargeMinutes: -5 })).toThrow(RangeError);
    expect(() => evaluate({ ...base, reportedAt: new Date('x') })).toThrow(/reportedAt/);
  });
});

describe('evaluate: 24x7 over the spring-forward night', () => {
  // Reported Sunday 29 March 2026 at 00:30 CET (23:30Z on the 28th).
  const night: EvaluateInput = {
    calendar: DEFAULT_24X7,
    takeChargeMinutes: 60,
    restoreMinutes: 1440,
    reportedAt: utc('2026-03-28T23:30:00Z'),
    takenInChargeAt: utc('2026-03-29T00:15:00Z'),
    restoredAt: null,
    suspensions: [{ from: utc('2026-03-29T02:00:00Z'), to: utc('2026-03-29T04:00:00Z') }],
    now: utc('2026-03-29T12:00:00Z'),
  };

  it('counts real minutes: due 24 h + 2 h paused later, 01:30 CEST on the wall', () => {
    const result = evaluate(night);
    expect(result.takeCharge).toEqual({ dueAt: utc('2026-03-29T00:30:00Z'), elapsedMinutes: 45, met: true, breached: false });
    // 23:30Z -> 12:00Z is 750 real minutes, 120 of them suspended.
    expect(result.restore).toEqual({ dueAt: utc('2026-03-30T01:30:00Z'), elapsedMinutes: 630, pausedMinutes: 120, met: null, breached: false });
  });

  it('restored at the due instant is met, a second later breached', () => {
    expect(evaluate({ ...night, restoredAt: utc('2026-03-30T01:30:00Z') }).restore).toMatchObject({ elapsedMinutes: 1440, met: true, breached: false });
    expect(evaluate({ ...night, restoredAt: utc('2026-03-30T01:30:01Z') }).restore).toMatchObject({ met: false, breached: true });
  });
});
