import { describe, expect, it } from 'vitest';
import { allowedOrigins } from '../../src/access/cors-origins';
import { endsSessions, mayEndSessions, newStamp, sessionStillValid, setsPassword, stampOf, STAMP_CLAIM } from '../../src/extensions/users-permissions/session-rules';
import { parseSessionsEnded, parseWakeUp } from '../../src/api/ticket-event/live-rules';

describe('session stamps', () => {
  it('are fresh random values', () => {
    const stamps = new Set(Array.from({ length: 100 }, newStamp));
    expect(stamps.size).toBe(100);
    for (const stamp of stamps) expect(stamp).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('are read from the claim, and only a non-empty string counts', () => {
    expect(stampOf({ id: 1, [STAMP_CLAIM]: 'abc' })).toBe('abc');
    for (const payload of [{ id: 1 }, { id: 1, [STAMP_CLAIM]: '' }, { id: 1, [STAMP_CLAIM]: 42 }, null, 'x']) expect(stampOf(payload)).toBeNull();
  });

  it('keep a session only while the token carries the user’s current stamp (none on either side is equal)', () => {
    expect(sessionStillValid('a', 'a')).toBe(true);
    expect(sessionStillValid(null, null)).toBe(true);
    expect(sessionStillValid(null, undefined)).toBe(true);
    expect(sessionStillValid(null, 'a')).toBe(false);
    expect(sessionStillValid('a', 'b')).toBe(false);
    expect(sessionStillValid('a', null)).toBe(false);
  });

  it('are replaced by a block and by a move, not by an unblock or an unchanged organization', () => {
    const at = (blocked: boolean, organizationId: number | null) => ({ blocked, organizationId });
    expect(endsSessions(at(false, 1), at(true, 1))).toBe(true);
    expect(endsSessions(at(false, 1), at(false, 2))).toBe(true);
    expect(endsSessions(at(false, 1), at(false, null))).toBe(true);
    expect(endsSessions(at(true, 1), at(false, 1))).toBe(false);
    expect(endsSessions(at(false, 1), at(false, 1))).toBe(false);
  });

  it('are replaced with any new password, and looked at when blocked or organization is written', () => {
    expect(setsPassword({ password: 'x' })).toBe(true);
    expect(setsPassword({ password: '' })).toBe(false);
    expect(setsPassword({ resetPasswordToken: 'x' })).toBe(false);
    expect(mayEndSessions({ blocked: false })).toBe(true);
    expect(mayEndSessions({ organization: { connect: [] } })).toBe(true);
    expect(mayEndSessions({ language: 'en' })).toBe(false);
  });

  it('travel on the live channel as their own payload, never mistaken for a timeline event', () => {
    expect(parseSessionsEnded('{"sessionsEnded":7}')).toBe(7);
    expect(parseWakeUp('{"sessionsEnded":7}')).toBeNull();
    expect(parseSessionsEnded('{"id":7,"organization":1}')).toBeNull();
    expect(parseSessionsEnded('nonsense')).toBeNull();
  });
});

describe('CORS origins', () => {
  it("are PUBLIC_URL's origin and the listed ones, reduced to origins", () => {
    expect(allowedOrigins('https://helpdesk.example.it/spoc/', ' https://a.example.it/x , http://127.0.0.1:5173,')).toEqual([
      'https://helpdesk.example.it',
      'https://a.example.it',
      'http://127.0.0.1:5173',
    ]);
    expect(allowedOrigins('http://localhost:1337', undefined)).toEqual(['http://localhost:1337']);
  });

  it('refuse a wildcard, null, or anything that is not an http(s) address, naming the variable', () => {
    for (const listed of ['*', 'null', 'intranet.example.it', 'file:///etc']) expect(() => allowedOrigins('http://localhost:1337', listed), listed).toThrow(/CORS_ORIGINS/);
    expect(() => allowedOrigins('*', '')).toThrow(/PUBLIC_URL/);
  });
});
