import { describe, expect, it } from 'vitest';
import { noticeAt, noticesDue, phoneNoticeProblem, progressInterval, wantsPhoneNotice } from '../../src/plugins/notifications/server/src/rules/progress';
import { maintenanceStep } from '../../src/plugins/notifications/server/src/rules/maintenance';

const reportedAt = new Date('2026-11-27T08:00:00Z');
const after = (minutes: number) => new Date(reportedAt.getTime() + minutes * 60_000);

describe('progress notices', () => {
  it('takes the interval from the policy, else the defaults: P1 2 h, P2 8 h, P3 and P4 daily', () => {
    expect(progressInterval(null, 'P1')).toBe(120);
    expect(progressInterval(null, 'P2')).toBe(480);
    expect(progressInterval({}, 'P3')).toBe(1440);
    expect(progressInterval({ p4ProgressMinutes: null }, 'P4')).toBe(1440);
    expect(progressInterval({ p1ProgressMinutes: 60 }, 'P1')).toBe(60);
    expect(progressInterval({ p1ProgressMinutes: 0 }, 'P1')).toBe(120);
  });

  it('counts the notices due as whole intervals since the report, on the wall clock', () => {
    expect(noticesDue(reportedAt, 120, after(0))).toBe(0);
    expect(noticesDue(reportedAt, 120, after(119))).toBe(0);
    expect(noticesDue(reportedAt, 120, after(120))).toBe(1);
    expect(noticesDue(reportedAt, 120, after(239))).toBe(1);
    expect(noticesDue(reportedAt, 120, after(240))).toBe(2);
    // A sweep that was down for a day owes the latest notice, counted as such, not twelve of them.
    expect(noticesDue(reportedAt, 120, after(24 * 60 + 5))).toBe(12);
    expect(noticesDue(reportedAt, 120, after(-30))).toBe(0);
    expect(noticeAt(reportedAt, 120, 3).toISOString()).toBe('2026-11-27T14:00:00.000Z');
  });

  it('asks for a phone call only for the priorities the policy names', () => {
    expect(wantsPhoneNotice({ phoneNoticePriorities: ['P1'] }, 'P1')).toBe(true);
    expect(wantsPhoneNotice({ phoneNoticePriorities: ['P1'] }, 'P2')).toBe(false);
    expect(wantsPhoneNotice({ phoneNoticePriorities: null }, 'P1')).toBe(false);
    expect(wantsPhoneNotice(null, 'P1')).toBe(false);
  });

  it('refuses a phone-notice setting that is not a list of priorities', () => {
    expect(phoneNoticeProblem(['P1', 'P2'])).toBeNull();
    expect(phoneNoticeProblem(null)).toBeNull();
    expect(phoneNoticeProblem('P1')).toMatch(/list of priorities/);
    expect(phoneNoticeProblem(['P5'])).toMatch(/list of priorities/);
  });
});

describe('maintenance e-mails', () => {
  it('sends the step the new state reaches, once', () => {
    expect(maintenanceStep(null, 'planned')).toBe('maintenance.planned');
    expect(maintenanceStep('planned', 'in_progress')).toBe('maintenance.started');
    expect(maintenanceStep('in_progress', 'completed')).toBe('maintenance.completed');
    expect(maintenanceStep(null, 'completed')).toBe('maintenance.completed');
    expect(maintenanceStep('planned', 'planned')).toBeNull();
    expect(maintenanceStep('planned', 'cancelled')).toBeNull();
    expect(maintenanceStep('planned', undefined)).toBeNull();
  });
});
