import { describe, expect, it } from 'vitest';
import { msUntilExpiry, parseWakeUp, RecentIds, replayPlan } from '../../src/api/ticket-event/live-rules';
import { bearerExpiry, resumeFrom, sseComment, sseEvent, sseId, sseRetry } from '../../src/api/ticket-event/sse';
import { liveMessage } from '../../src/plugins/portal/server/src/rules/live-events';

describe('SSE wire format', () => {
  it('writes events with id, type and one line of JSON data', () => {
    expect(sseEvent('ticket', { number: 'HD-2026-000001', note: 'a\nb' }, 42)).toBe('id: 42\nevent: ticket\ndata: {"number":"HD-2026-000001","note":"a\\nb"}\n\n');
    expect(sseEvent('reset', {})).toBe('event: reset\ndata: {}\n\n');
  });

  it('writes retry, id-only and comment blocks', () => {
    expect(sseRetry()).toBe('retry: 3000\n\n');
    expect(sseId(7)).toBe('id: 7\n\n');
    expect(sseComment('ping\r\nsecond')).toBe(': ping second\n\n');
  });

  it('resumes from the Last-Event-ID header first, then the query', () => {
    expect(resumeFrom('12', '5')).toEqual({ value: 12 });
    expect(resumeFrom(undefined, '5')).toEqual({ value: 5 });
    expect(resumeFrom('  ', undefined)).toBeUndefined();
    expect(resumeFrom(undefined, ['1', '2'])).toBeUndefined();
    expect(resumeFrom('-1', undefined)).toEqual({ invalid: '-1' });
    expect(resumeFrom(undefined, '1e3')).toEqual({ invalid: '1e3' });
  });

  it("reads a bearer JWT's expiry without verifying it", () => {
    const payload = Buffer.from(JSON.stringify({ id: 3, exp: 1_900_000_000 })).toString('base64url');
    expect(bearerExpiry(`Bearer eyJhbGciOiJIUzI1NiJ9.${payload}.sig`)).toBe(1_900_000_000);
    expect(bearerExpiry(`Bearer x.${Buffer.from('{"id":3}').toString('base64url')}.sig`)).toBeNull();
    expect(bearerExpiry('Bearer opaque-api-token')).toBeNull();
    expect(bearerExpiry(undefined)).toBeNull();
  });
});

describe('live stream decisions', () => {
  it('describes a visible event by its ticket', () => {
    const at = new Date('2026-11-28T10:00:00Z');
    expect(liveMessage({ id: 1, type: 'ticket.take-charge', at, ticket: { documentId: 'abc', number: 'HD-2026-000001' } })).toEqual({
      ticketDocumentId: 'abc',
      number: 'HD-2026-000001',
      type: 'ticket.take-charge',
      at: '2026-11-28T10:00:00.000Z',
    });
    expect(liveMessage({ id: 1, type: 'x', at, ticket: null })).toBeNull();
  });

  it('replays up to the limit and asks for a reload beyond it', () => {
    expect(replayPlan([1, 2, 3], 3)).toEqual({ reset: false, events: [1, 2, 3] });
    expect(replayPlan([1, 2, 3, 4], 3)).toEqual({ reset: true, events: [] });
  });

  it('reads wake-up payloads and ignores anything else', () => {
    expect(parseWakeUp('{"id":5,"organization":2}')).toEqual({ id: 5, organization: 2 });
    expect(parseWakeUp('{"id":5,"organization":null}')).toEqual({ id: 5, organization: null });
    expect(parseWakeUp('{"organization":2}')).toBeNull();
    expect(parseWakeUp('not json')).toBeNull();
    expect(parseWakeUp(undefined)).toBeNull();
  });

  it('remembers a bounded number of sent ids, forgetting the oldest', () => {
    const ids = new RecentIds(2);
    ids.add(1);
    ids.add(2);
    ids.add(3);
    expect([ids.has(1), ids.has(2), ids.has(3)]).toEqual([false, true, true]);
  });

  it('times the end of a session from its expiry', () => {
    expect(msUntilExpiry(100, 90_000)).toBe(10_000);
    expect(msUntilExpiry(100, 200_000)).toBe(0);
    expect(msUntilExpiry(null, 0)).toBeNull();
    expect(msUntilExpiry(1e12, 0)).toBe(2_147_483_647);
  });
});
