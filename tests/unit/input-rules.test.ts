import { describe, expect, it } from 'vitest';
import {
  assertNoSystemFieldsOnCreate,
  changedProtectedField,
  checkCorrectedReportedAt,
  checkReportedAt,
  FieldError,
} from '../../src/api/ticket/input-rules';

const NOW = new Date('2026-11-28T10:00:00Z');
const minus = (ms: number) => new Date(NOW.getTime() - ms);

function fieldOf(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof FieldError ? error.field : 'not a FieldError';
  }
}

describe('reportedAt at registration', () => {
  it('accepts the last 24 hours', () => {
    expect(checkReportedAt(minus(60_000).toISOString(), NOW)).toEqual(minus(60_000));
    expect(checkReportedAt(minus(24 * 3600_000).toISOString(), NOW)).toEqual(minus(24 * 3600_000));
    expect(checkReportedAt(NOW.toISOString(), NOW)).toEqual(NOW);
  });

  it('refuses the future beyond a few seconds of clock skew, and the day before yesterday', () => {
    expect(fieldOf(() => checkReportedAt(new Date(NOW.getTime() + 2_000).toISOString(), NOW))).toBeNull();
    expect(fieldOf(() => checkReportedAt(new Date(NOW.getTime() + 60_000).toISOString(), NOW))).toBe('reportedAt');
    expect(fieldOf(() => checkReportedAt(minus(24 * 3600_000 + 1).toISOString(), NOW))).toBe('reportedAt');
  });

  it('refuses what is not a date', () => {
    for (const value of ['ieri', '', {}, [], true]) expect(fieldOf(() => checkReportedAt(value, NOW))).toBe('reportedAt');
  });
});

describe('supervisor correction of reportedAt', () => {
  it('accepts any time up to the registration', () => {
    const registeredAt = minus(3600_000);
    expect(checkCorrectedReportedAt(minus(3 * 24 * 3600_000).toISOString(), registeredAt, NOW)).toEqual(minus(3 * 24 * 3600_000));
    expect(fieldOf(() => checkCorrectedReportedAt(minus(1800_000).toISOString(), registeredAt, NOW))).toBe('reportedAt');
  });
});

describe('protected fields', () => {
  it('tolerates the defaults the admin panel sends on create', () => {
    expect(() => assertNoSystemFieldsOnCreate({ title: 'x', state: 'new', number: null, timelineLength: 0, closedAt: '' })).not.toThrow();
  });

  it('names the first system field a create tries to set', () => {
    expect(fieldOf(() => assertNoSystemFieldsOnCreate({ number: 'HD-2026-000001' }))).toBe('number');
    expect(fieldOf(() => assertNoSystemFieldsOnCreate({ state: 'closed' }))).toBe('state');
    expect(fieldOf(() => assertNoSystemFieldsOnCreate({ closedAt: NOW.toISOString() }))).toBe('closedAt');
  });

  it('lets an update resend stored values, and names the first one it changes', () => {
    const stored = { number: 'HD-2026-000001', state: 'in_charge', takenInChargeAt: NOW, reportedAt: minus(5000), resolution: null };
    expect(changedProtectedField(stored, { number: 'HD-2026-000001', state: 'in_charge', takenInChargeAt: NOW.toISOString(), title: 'x' })).toBeNull();
    expect(changedProtectedField(stored, { resolution: '' })).toBeNull();
    expect(changedProtectedField(stored, { state: 'closed' })).toBe('state');
    expect(changedProtectedField(stored, { takenInChargeAt: minus(1).toISOString() })).toBe('takenInChargeAt');
    expect(changedProtectedField(stored, { reportedAt: NOW.toISOString() })).toBe('reportedAt');
  });
});
