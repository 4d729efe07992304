import { describe, expect, it } from 'vitest';
import { FieldError } from '../../src/api/ticket/input-rules';
import { allowedActions, TICKET_STATES } from '../../src/api/ticket/lifecycle-rules';
import { registrationTime, REGISTRATION_GRACE_MS } from '../../src/plugins/spoc-console/server/src/rules/registration-rules';
import { CLOCK_EFFECTS, consoleClocks, deliveryState } from '../../src/plugins/spoc-console/server/src/rules/workspace-rules';

const NOW = new Date('2026-12-06T10:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

function refusal(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof FieldError) return error.field;
    throw error;
  }
}

describe('console registration time (D7)', () => {
  it('takes now when no reportedAt is given', () => {
    expect(registrationTime({}, NOW)).toEqual({ reportedAt: NOW, reason: null });
    expect(registrationTime({ reportedAt: '' }, NOW).reportedAt).toEqual(NOW);
  });

  it('accepts up to 15 minutes back without a reason, and earlier only with one', () => {
    expect(registrationTime({ reportedAt: ago(15) }, NOW)).toEqual({ reportedAt: new Date(ago(15)), reason: null });
    expect(REGISTRATION_GRACE_MS).toBe(15 * 60_000);
    expect(refusal(() => registrationTime({ reportedAt: ago(16) }, NOW))).toBe('reportedAtReason');
    expect(refusal(() => registrationTime({ reportedAt: ago(16), reportedAtReason: '   ' }, NOW))).toBe('reportedAtReason');
    expect(registrationTime({ reportedAt: ago(40), reportedAtReason: ' Chiamata al centralino ' }, NOW)).toEqual({
      reportedAt: new Date(ago(40)),
      reason: 'Chiamata al centralino',
    });
  });

  it('refuses the future and what is not a date, naming reportedAt', () => {
    expect(refusal(() => registrationTime({ reportedAt: ago(-1) }, NOW))).toBe('reportedAt');
    expect(refusal(() => registrationTime({ reportedAt: 'ieri' }, NOW))).toBe('reportedAt');
    // A few seconds ahead is the client's clock, not the future.
    expect(registrationTime({ reportedAt: new Date(NOW.getTime() + 2000).toISOString() }, NOW).reason).toBeNull();
  });
});

describe('console workspace rules', () => {
  it('offers exactly the actions the lifecycle allows from each state', () => {
    expect(Object.fromEntries(TICKET_STATES.map((state) => [state, allowedActions(state)]))).toEqual({
      new: ['take-charge', 'cancel'],
      in_charge: ['suspend', 'restore', 'cancel'],
      suspended: ['resume'],
      restored: ['reopen', 'close'],
      closed: [],
      cancelled: [],
    });
  });

  it('says which clock each action stops or pauses', () => {
    expect(CLOCK_EFFECTS['take-charge'].stops).toBe('take_charge');
    expect(CLOCK_EFFECTS.restore.stops).toBe('restore');
    expect(CLOCK_EFFECTS.suspend.pauses).toBe('restore');
    expect(CLOCK_EFFECTS.resume.resumes).toBe('restore');
  });

  it('shows both clocks with their start, stop and the suspensions that paused the restore clock', () => {
    const row = (state: string, dueAt: string | null, remainingMs: number | null) => ({ targetMinutes: 60, dueAt, state, remainingMs });
    const clocks = consoleClocks(
      { reportedAt: ago(90), takenInChargeAt: ago(80), restoredAt: null },
      { takeCharge: row('met', ago(30), null), restore: row('paused', null, null) },
      [
        { from: ago(70), to: ago(60), reason: 'Attesa accesso', attributableToAdministration: true },
        { from: ago(50), to: null, reason: 'Attesa fornitore', attributableToAdministration: false },
      ]
    );
    expect(clocks).toEqual([
      { kind: 'take_charge', state: 'met', targetMinutes: 60, startedAt: ago(90), dueAt: ago(30), stoppedAt: ago(80), remainingMs: null, pausedIntervals: [] },
      {
        kind: 'restore',
        state: 'paused',
        targetMinutes: 60,
        startedAt: ago(90),
        dueAt: null,
        stoppedAt: null,
        remainingMs: null,
        pausedIntervals: [{ from: ago(70), to: ago(60), reason: 'Attesa accesso' }],
      },
    ]);
    expect(consoleClocks({ reportedAt: ago(1) }, null, [])).toEqual([]);
  });

  it('names delivery states as the workspace shows them', () => {
    expect(['pending', 'sending', 'sent', 'captured', 'failed', 'undelivered'].map(deliveryState)).toEqual(['queued', 'queued', 'sent', 'sent', 'failed', 'undelivered']);
  });
});
