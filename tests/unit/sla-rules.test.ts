import { describe, expect, it } from 'vitest';
import { DEFAULT_24X7, type CalendarSpec } from '../../src/plugins/sla/engine';
import { alarmKey, scheduleAlarms } from '../../src/plugins/sla/server/src/rules/alarms';
import { clockState, computeClock, type AppliedPolicy } from '../../src/plugins/sla/server/src/rules/clock-state';
import { choosePolicy, type PolicyRules } from '../../src/plugins/sla/server/src/rules/policy-match';
import { attributableSuspensions, suspensionsFromTimeline } from '../../src/plugins/sla/server/src/rules/suspensions';

const at = (iso: string) => new Date(iso);

describe('policy matching', () => {
  const rule = (id: number, extra: Partial<PolicyRules> = {}): PolicyRules => ({
    id,
    isDefault: false,
    rank: 100,
    organizationIds: [],
    categoryIds: [],
    kind: null,
    ...extra,
  });
  const policies = [
    rule(1, { isDefault: true }),
    rule(2, { organizationIds: [7] }),
    rule(3, { organizationIds: [7], kind: 'request' }),
    rule(4, { categoryIds: [3], rank: 5 }),
    rule(5, { categoryIds: [3], rank: 50 }),
  ];

  it('prefers the most specific matching policy', () => {
    expect(choosePolicy(policies, { organizationId: 7, categoryId: null, kind: 'request' })?.id).toBe(3);
    expect(choosePolicy(policies, { organizationId: 7, categoryId: null, kind: 'incident' })?.id).toBe(2);
  });

  it('breaks ties by rank, then age', () => {
    expect(choosePolicy(policies, { organizationId: 9, categoryId: 3, kind: 'incident' })?.id).toBe(4);
    expect(choosePolicy([rule(8, { categoryIds: [3] }), rule(6, { categoryIds: [3] })], { organizationId: null, categoryId: 3, kind: null })?.id).toBe(6);
  });

  it('falls back to the default policy, or none', () => {
    expect(choosePolicy(policies, { organizationId: 9, categoryId: null, kind: 'incident' })?.id).toBe(1);
    expect(choosePolicy(policies.slice(1), { organizationId: 9, categoryId: null, kind: 'incident' })).toBeNull();
  });

  it('never lets a rule-less non-default policy catch everything', () => {
    expect(choosePolicy([rule(1, { isDefault: true }), rule(2)], { organizationId: 1, categoryId: 1, kind: 'incident' })?.id).toBe(1);
  });
});

describe('suspensions from the timeline', () => {
  it('pairs each suspension with the action that ends it, and keeps who caused it', () => {
    const periods = suspensionsFromTimeline([
      { type: 'ticket.take-charge', at: at('2026-11-02T09:00:00Z'), data: {} },
      { type: 'ticket.suspend', at: at('2026-11-02T10:00:00Z'), data: { reason: 'Attesa referente' } },
      { type: 'ticket.resume', at: at('2026-11-02T11:00:00Z'), data: {} },
      { type: 'ticket.suspend', at: at('2026-11-02T12:00:00Z'), data: { reason: 'Ricambio', attributableToAdministration: false } },
      { type: 'ticket.resume', at: at('2026-11-02T13:00:00Z'), data: {} },
      { type: 'ticket.suspend', at: at('2026-11-02T14:00:00Z'), data: { reason: 'Accesso ai locali' } },
    ]);
    expect(periods).toEqual([
      { from: at('2026-11-02T10:00:00Z'), to: at('2026-11-02T11:00:00Z'), reason: 'Attesa referente', attributable: true },
      { from: at('2026-11-02T12:00:00Z'), to: at('2026-11-02T13:00:00Z'), reason: 'Ricambio', attributable: false },
      { from: at('2026-11-02T14:00:00Z'), to: null, reason: 'Accesso ai locali', attributable: true },
    ]);
    expect(attributableSuspensions(periods)).toEqual([
      { from: at('2026-11-02T10:00:00Z'), to: at('2026-11-02T11:00:00Z') },
      { from: at('2026-11-02T14:00:00Z'), to: null },
    ]);
  });
});

describe('alarms', () => {
  const base = {
    calendar: DEFAULT_24X7,
    reportedAt: at('2026-11-02T09:00:00Z'),
    takeChargeMinutes: 60,
    restoreMinutes: 240,
    warningFractions: [0.9, 0.75, 0.75, 1.5],
    takeChargeRunning: true,
    restoreRunning: true,
    restorePaused: false,
    pausedMinutes: 0,
  };

  it('falls due at each fraction of each running clock, in time order', () => {
    const alarms = scheduleAlarms(base);
    expect(alarms.map((a) => [alarmKey(a), a.at.toISOString()])).toEqual([
      ['takeCharge:warning:0.75', '2026-11-02T09:45:00.000Z'],
      ['takeCharge:warning:0.9', '2026-11-02T09:54:00.000Z'],
      ['takeCharge:breach:1', '2026-11-02T10:00:00.000Z'],
      ['restore:warning:0.75', '2026-11-02T12:00:00.000Z'],
      ['restore:warning:0.9', '2026-11-02T12:36:00.000Z'],
      ['restore:breach:1', '2026-11-02T13:00:00.000Z'],
    ]);
  });

  it('moves restore alarms by the paused time, and has none while paused or stopped', () => {
    const moved = scheduleAlarms({ ...base, takeChargeRunning: false, pausedMinutes: 30 });
    expect(moved.map((a) => a.at.toISOString())).toEqual(['2026-11-02T12:30:00.000Z', '2026-11-02T13:06:00.000Z', '2026-11-02T13:30:00.000Z']);
    expect(scheduleAlarms({ ...base, takeChargeRunning: false, restorePaused: true })).toEqual([]);
    expect(scheduleAlarms({ ...base, takeChargeRunning: false, restoreRunning: false })).toEqual([]);
  });
});

describe('clock state of a ticket', () => {
  const OFFICE: CalendarSpec = { timeZone: 'Europe/Rome', hours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']] } };
  const policy: AppliedPolicy = {
    id: 1,
    name: 'Ufficio',
    calendar: { id: 2, name: 'Ufficio', spec: OFFICE },
    targets: {
      P1: { takeChargeMinutes: 60, restoreMinutes: 240 },
      P2: { takeChargeMinutes: 120, restoreMinutes: 480 },
      P3: { takeChargeMinutes: 240, restoreMinutes: 960 },
      P4: { takeChargeMinutes: 480, restoreMinutes: 1920 },
    },
    warningFractions: [0.75],
  };
  // Monday 2 November 2026, 17:30 in Rome (16:30Z): half an hour before closing.
  const reportedAt = at('2026-11-02T16:30:00Z');

  it('computes dues in working time and stores elapsed minutes only for stopped clocks', () => {
    const ticket = { state: 'in_charge', priority: 'P1' as const, reportedAt, takenInChargeAt: at('2026-11-03T08:10:00Z'), restoredAt: null, cancelledAt: null };
    const { values, pendingAlarms } = computeClock(policy, ticket, [], new Set(), at('2026-11-03T09:00:00Z'));
    // 30 minutes on Monday, then Tuesday from 09:00 local (08:00Z).
    expect(values.takeChargeDueAt.toISOString()).toBe('2026-11-03T08:30:00.000Z');
    expect(values.takeChargeElapsedMinutes).toBe(40);
    expect(values.takeChargeMet).toBe(true);
    expect(values.restoreDueAt?.toISOString()).toBe('2026-11-03T11:30:00.000Z');
    expect(values.restoreElapsedMinutes).toBeNull();
    expect(pendingAlarms.map(alarmKey)).toEqual(['restore:warning:0.75', 'restore:breach:1']);
    expect(values.nextCheckAt?.toISOString()).toBe('2026-11-03T10:30:00.000Z');
  });

  it('skips alarms already raised and judges a cancelled ticket by neither clock', () => {
    const ticket = { state: 'cancelled', priority: 'P1' as const, reportedAt, takenInChargeAt: null, restoredAt: null, cancelledAt: at('2026-11-03T09:00:00Z') };
    const { values, pendingAlarms } = computeClock(policy, ticket, [], new Set(['takeCharge:warning:0.75']), at('2026-11-03T09:30:00Z'));
    expect(values.takeChargeMet).toBeNull();
    expect(values.restoreMet).toBeNull();
    expect(pendingAlarms).toEqual([]);
  });

  it('names the state of a clock from the stored values', () => {
    const now = at('2026-11-03T09:00:00Z');
    const running = { warnAt: at('2026-11-03T08:45:00Z'), met: null, breached: false, stopped: false };
    expect(clockState({ ...running, dueAt: at('2026-11-03T10:00:00Z') }, false, now)).toBe('at_risk');
    expect(clockState({ ...running, dueAt: at('2026-11-03T10:00:00Z'), warnAt: at('2026-11-03T09:30:00Z') }, false, now)).toBe('on_time');
    expect(clockState({ ...running, dueAt: at('2026-11-03T08:59:00Z') }, false, now)).toBe('breached');
    expect(clockState({ ...running, dueAt: null }, false, now)).toBe('paused');
    expect(clockState({ dueAt: now, warnAt: null, met: true, breached: false, stopped: true }, false, now)).toBe('met');
    expect(clockState({ dueAt: now, warnAt: null, met: false, breached: true, stopped: true }, false, now)).toBe('breached');
    expect(clockState({ ...running, dueAt: now }, true, now)).toBe('not_applicable');
  });
});
