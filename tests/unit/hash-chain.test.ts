import { describe, expect, it } from 'vitest';
import { hashEvent, verifyChain, type ChainedContent, type StoredChainedEvent } from '../../src/api/ticket-event/hash-chain';

function content(seq: number, overrides: Partial<ChainedContent> = {}): ChainedContent {
  return {
    ticket: 'doc1',
    seq,
    type: seq === 1 ? 'ticket.created' : 'ticket.take-charge',
    at: new Date(Date.UTC(2026, 10, 28, 9, seq)).toISOString(),
    visibility: 'public',
    actorType: 'admin',
    actorId: '3',
    actorName: 'Oscar Operatore',
    fromStatus: seq === 1 ? null : 'new',
    toStatus: 'in_charge',
    data: { reason: 'prova', nested: { b: 2, a: 1 } },
    ...overrides,
  };
}

function chain(length: number): StoredChainedEvent[] {
  const events: StoredChainedEvent[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const prevHash = events.at(-1)?.hash ?? null;
    const c = content(seq);
    events.push({ ...c, prevHash, hash: hashEvent(prevHash, c) });
  }
  return events;
}

const headOf = (events: StoredChainedEvent[]) => ({ length: events.length, hash: events.at(-1)?.hash ?? null });

describe('timeline hash chain', () => {
  it('is a SHA-256 hex digest that depends on the previous hash', () => {
    const c = content(1);
    expect(hashEvent(null, c)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent(null, c)).toBe(hashEvent(null, { ...c }));
    expect(hashEvent('a'.repeat(64), c)).not.toBe(hashEvent(null, c));
  });

  it('does not depend on key order in data (PostgreSQL jsonb reorders keys)', () => {
    const a = content(1, { data: { a: 1, b: { y: 2, x: 1 } } });
    const b = content(1, { data: { b: { x: 1, y: 2 }, a: 1 } });
    expect(hashEvent(null, a)).toBe(hashEvent(null, b));
  });

  it('covers every field of the content', () => {
    const base = hashEvent(null, content(2));
    const variants: Partial<ChainedContent>[] = [
      { ticket: 'doc2' },
      { seq: 3 },
      { type: 'ticket.close' },
      { at: new Date(Date.UTC(2026, 10, 28, 9, 3)).toISOString() },
      { visibility: 'internal' },
      { actorType: 'system' },
      { actorId: '4' },
      { actorName: 'Altro' },
      { fromStatus: 'suspended' },
      { toStatus: 'closed' },
      { data: { reason: 'Prova' } },
    ];
    for (const variant of variants) expect(hashEvent(null, content(2, variant)), JSON.stringify(variant)).not.toBe(base);
  });

  it('treats the same instant in another notation as the same content', () => {
    const c = content(1, { at: '2026-11-28T10:01:00+01:00' });
    expect(hashEvent(null, c)).toBe(hashEvent(null, content(1, { at: '2026-11-28T09:01:00.000Z' })));
  });

  it('verifies an intact chain', () => {
    const events = chain(4);
    expect(verifyChain(events, headOf(events))).toEqual({ valid: true, checked: 4, problems: [] });
    expect(verifyChain([], { length: 0, hash: null })).toEqual({ valid: true, checked: 0, problems: [] });
  });

  it('names the event whose content was changed', () => {
    const events = chain(4);
    events[2] = { ...events[2], data: { reason: 'falsificato' } };
    const verdict = verifyChain(events, headOf(chain(4)));
    expect(verdict.valid).toBe(false);
    expect(verdict.problems).toEqual([{ seq: 3, reason: 'content does not match its hash' }]);
  });

  it('catches an event rehashed by someone who did not relink the rest', () => {
    const events = chain(4);
    const forged = { ...events[1], toStatus: 'closed' };
    events[1] = { ...forged, hash: hashEvent(forged.prevHash, forged) };
    const verdict = verifyChain(events, headOf(chain(4)));
    expect(verdict.problems).toContainEqual({ seq: 3, reason: 'link to the previous event does not match' });
  });

  it('catches deletions in the middle and at the end', () => {
    const full = chain(5);
    const middle = [...full.slice(0, 2), ...full.slice(3)];
    expect(verifyChain(middle, headOf(full)).problems).toContainEqual({ seq: 4, reason: 'expected event #3 here, found #4' });
    const truncated = full.slice(0, 4);
    expect(verifyChain(truncated, headOf(full)).problems).toEqual([
      { seq: null, reason: 'the ticket records 5 events, 4 are stored' },
      { seq: null, reason: 'the last stored event is not the one the ticket records' },
    ]);
  });

  it('catches reordering', () => {
    const events = chain(3);
    const swapped = [events[0], events[2], events[1]];
    expect(verifyChain(swapped, headOf(events)).valid).toBe(false);
  });
});
