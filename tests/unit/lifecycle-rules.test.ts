import { describe, expect, it } from 'vitest';
import {
  LIFECYCLE_ACTIONS,
  MissingFieldError,
  planTransition,
  RULES,
  TICKET_STATES,
  TransitionNotAllowedError,
  type LifecycleAction,
  type TicketState,
} from '../../src/api/ticket/lifecycle-rules';

const NOW = new Date('2026-11-28T10:00:00Z');
const FULL = { reason: 'motivo', resolution: 'soluzione' };

describe('ticket lifecycle rules', () => {
  it('follows the lifecycle of DESIGN.md exactly', () => {
    const allowed = Object.fromEntries(LIFECYCLE_ACTIONS.map((action) => [action, [...RULES[action].from, '→', RULES[action].to]]));
    expect(allowed).toEqual({
      'take-charge': ['new', '→', 'in_charge'],
      suspend: ['in_charge', '→', 'suspended'],
      resume: ['suspended', '→', 'in_charge'],
      restore: ['in_charge', '→', 'restored'],
      reopen: ['restored', '→', 'in_charge'],
      close: ['restored', '→', 'closed'],
      cancel: ['new', 'in_charge', '→', 'cancelled'],
    });
  });

  it('refuses every other (state, action) pair, naming the state', () => {
    for (const state of TICKET_STATES) {
      for (const action of LIFECYCLE_ACTIONS) {
        if (RULES[action].from.includes(state)) continue;
        expect(() => planTransition(state, action, FULL, NOW), `${action} from ${state}`).toThrow(TransitionNotAllowedError);
        expect(() => planTransition(state, action, FULL, NOW)).toThrow(`"${state}"`);
      }
    }
  });

  it.each<[LifecycleAction, TicketState, string]>([
    ['suspend', 'in_charge', 'reason'],
    ['cancel', 'new', 'reason'],
    ['restore', 'in_charge', 'resolution'],
  ])('requires %s to carry a %s (blank is missing)', (action, from, field) => {
    for (const input of [{}, { [field]: '' }, { [field]: '   ' }, { [field]: null }]) {
      try {
        planTransition(from, action, input, NOW);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(MissingFieldError);
        expect((error as MissingFieldError).field).toBe(field);
      }
    }
  });

  it('reports the missing field before the impossible state, so the caller fixes input first', () => {
    expect(() => planTransition('closed', 'restore', {}, NOW)).toThrow(MissingFieldError);
  });

  it('sets the timestamps of each step', () => {
    expect(planTransition('new', 'take-charge', {}, NOW).patch).toEqual({ state: 'in_charge', takenInChargeAt: NOW });
    expect(planTransition('in_charge', 'restore', { resolution: ' Riavvio ' }, NOW).patch).toEqual({ state: 'restored', restoredAt: NOW, resolution: 'Riavvio' });
    expect(planTransition('restored', 'close', {}, NOW).patch).toEqual({ state: 'closed', closedAt: NOW });
    expect(planTransition('new', 'cancel', { reason: 'Duplicato' }, NOW).patch).toEqual({ state: 'cancelled', cancelledAt: NOW, cancellationReason: 'Duplicato' });
    expect(planTransition('in_charge', 'suspend', { reason: 'Attesa' }, NOW).patch).toEqual({ state: 'suspended', suspensionReason: 'Attesa' });
    expect(planTransition('suspended', 'resume', {}, NOW).patch).toEqual({ state: 'in_charge', suspensionReason: null });
    expect(planTransition('restored', 'reopen', {}, NOW).patch).toEqual({ state: 'in_charge', restoredAt: null });
  });

  it('keeps the first take-in-charge time when a ticket is taken again', () => {
    const first = new Date('2026-11-27T08:00:00Z');
    expect(planTransition('new', 'take-charge', {}, NOW, first).patch.takenInChargeAt).toBe(first);
  });

  it('records the reason or resolution in the event data', () => {
    expect(planTransition('in_charge', 'suspend', { reason: 'Attesa' }, NOW).eventData).toEqual({
      at: NOW.toISOString(),
      reason: 'Attesa',
      attributableToAdministration: true,
    });
    expect(planTransition('in_charge', 'suspend', { reason: 'Ricambio', attributableToAdministration: false }, NOW).eventData).toMatchObject({
      attributableToAdministration: false,
    });
    expect(planTransition('in_charge', 'restore', { resolution: 'Fatto' }, NOW).eventData).toEqual({ at: NOW.toISOString(), resolution: 'Fatto' });
  });
});
