import { describe, expect, it } from 'vitest';
import schema from '../../src/api/ticket/content-types/ticket/schema.json';
import { FieldError } from '../../src/api/ticket/input-rules';
import {
  CHANNELS,
  containsPattern,
  KINDS,
  pageCount,
  parseQueueRequest,
  PRIORITIES,
  presentQueueClock,
  queueClockKind,
  TICKET_STATES,
} from '../../src/plugins/spoc-console/server/src/rules/queue-rules';
import { consoleMessage, endedHolders } from '../../src/plugins/spoc-console/server/src/rules/live-stream-rules';

const now = new Date('2026-03-10T10:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

function fieldOf(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof FieldError ? error.field : `not a FieldError: ${String(error)}`;
  }
}

describe('reading a queue request', () => {
  it('defaults to the open tab, first page of 25, no filter', () => {
    expect(parseQueueRequest({})).toEqual({ tab: 'open', page: 1, pageSize: 25, priority: null, organization: null, channel: null, category: null, state: null, q: null });
  });

  it('keeps known values and lower-cases and trims the search', () => {
    expect(parseQueueRequest({ tab: 'risk', page: '3', pageSize: '10', priority: 'P1', channel: 'email', state: 'suspended', organization: 'abc123', q: '  HD-2026 ' })).toMatchObject({
      tab: 'risk',
      page: 3,
      pageSize: 10,
      priority: 'P1',
      channel: 'email',
      state: 'suspended',
      organization: 'abc123',
      q: 'hd-2026',
    });
  });

  it('names the parameter of an unknown or malformed value', () => {
    expect(fieldOf(() => parseQueueRequest({ tab: 'all' }))).toBe('tab');
    expect(fieldOf(() => parseQueueRequest({ tab: ['open', 'mine'] }))).toBe('tab');
    expect(fieldOf(() => parseQueueRequest({ priority: 'P5' }))).toBe('priority');
    expect(fieldOf(() => parseQueueRequest({ state: 'open' }))).toBe('state');
    expect(fieldOf(() => parseQueueRequest({ channel: 'fax' }))).toBe('channel');
    expect(fieldOf(() => parseQueueRequest({ page: '0' }))).toBe('page');
    expect(fieldOf(() => parseQueueRequest({ page: '1.5' }))).toBe('page');
    expect(fieldOf(() => parseQueueRequest({ pageSize: '101' }))).toBe('pageSize');
    expect(fieldOf(() => parseQueueRequest({ category: "x' OR 1=1" }))).toBe('category');
  });

  it('cuts an overlong search', () => {
    expect(parseQueueRequest({ q: 'x'.repeat(500) }).q).toHaveLength(100);
  });

  it('knows the ticket schema’s own enumerations', () => {
    const enumOf = (attribute: keyof typeof schema.attributes) => (schema.attributes[attribute] as { enum: string[] }).enum;
    expect([...CHANNELS]).toEqual(enumOf('channel'));
    expect([...KINDS]).toEqual(enumOf('kind'));
    expect([...PRIORITIES]).toEqual(enumOf('priority'));
    expect([...TICKET_STATES]).toEqual(enumOf('state'));
  });
});

describe('the clock the queue shows', () => {
  const columns = (over: Record<string, unknown> = {}) => ({ targetMinutes: 30, dueAt: at(20), warnAt: at(12.5), elapsedMinutes: null, met: null, breached: 0, ...over });

  it('is take charge for a new ticket, restore afterwards, none once closed or cancelled', () => {
    expect(queueClockKind('new')).toBe('take_charge');
    for (const state of ['in_charge', 'suspended', 'restored']) expect(queueClockKind(state)).toBe('restore');
    expect(queueClockKind('closed')).toBeNull();
    expect(queueClockKind('cancelled')).toBeNull();
    expect(presentQueueClock('closed', columns(), now)).toBeNull();
    expect(presentQueueClock('new', null, now)).toBeNull();
  });

  it('counts down to the due, at risk after the first warning, breached after the due', () => {
    expect(presentQueueClock('new', columns(), now)).toEqual({ kind: 'take_charge', state: 'on_time', dueAt: at(20).toISOString(), targetMinutes: 30, remainingMs: 20 * 60_000 });
    expect(presentQueueClock('new', columns({ warnAt: at(-1) }), now)?.state).toBe('at_risk');
    expect(presentQueueClock('new', columns({ dueAt: at(-5), warnAt: at(-12) }), now)).toMatchObject({ state: 'breached', remainingMs: -5 * 60_000 });
    // SQLite hands instants as milliseconds and booleans as 0/1; the breach flag counts even before the due.
    expect(presentQueueClock('in_charge', columns({ dueAt: at(20).getTime(), warnAt: null, breached: 1 }), now)?.state).toBe('breached');
  });

  it('is paused without a due, and stopped (met or breached) once restored', () => {
    expect(presentQueueClock('suspended', columns({ dueAt: null, warnAt: null }), now)).toEqual({ kind: 'restore', state: 'paused', dueAt: null, targetMinutes: 30, remainingMs: null });
    expect(presentQueueClock('restored', columns({ elapsedMinutes: 12, met: true }), now)).toMatchObject({ state: 'met', remainingMs: null });
    expect(presentQueueClock('restored', columns({ elapsedMinutes: 40, met: 0, breached: 1 }), now)).toMatchObject({ state: 'breached', remainingMs: null });
  });
});

describe('small pieces', () => {
  it('escapes LIKE wildcards in a search', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });

  it('counts pages', () => {
    expect(pageCount(0, 25)).toBe(0);
    expect(pageCount(26, 25)).toBe(2);
  });
});

describe('the console’s live stream', () => {
  it('describes any event by its ticket, internal ones too', () => {
    const at = new Date('2026-11-28T10:00:00Z');
    expect(consoleMessage({ id: 9, type: 'follow-up.added', at, ticket: { documentId: 'abc', number: 'HD-2026-000009' } })).toEqual({
      documentId: 'abc',
      number: 'HD-2026-000009',
      type: 'follow-up.added',
      at: '2026-11-28T10:00:00.000Z',
    });
    expect(consoleMessage({ id: 9, type: 'x', at: at.getTime(), ticket: null })).toBeNull();
  });

  it('ends the streams of admins no longer allowed to work tickets', () => {
    const holders = [{ userId: 1 }, { userId: 2 }, { userId: 1 }];
    expect([...endedHolders(holders, new Set([1]))]).toEqual([holders[1]]);
    expect(endedHolders(holders, new Set([1, 2])).size).toBe(0);
  });
});
