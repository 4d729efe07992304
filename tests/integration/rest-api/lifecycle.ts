import { describe, expect, it, beforeAll } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';

describe.each(backends())('ticket lifecycle on $name', (backend) => {
  let a: Actors;
  let org: string;
  beforeAll(async () => {
    a = await actors(backend);
    org = a.organizations.quiet.documentId;
  });

  const act = (id: string, action: string, data: Record<string, unknown> = {}) => a.tool.post(`/api/tickets/${id}/${action}`, { data });

  it('walks new → in_charge → suspended → in_charge → restored → closed, stamping each step and its event', async () => {
    const ticket = await createTicket(a.tool, org);
    expect(ticket.state).toBe('new');

    const taken = await act(ticket.documentId, 'take-charge');
    expect(taken.status).toBe(200);
    expect(taken.body.data.state).toBe('in_charge');
    expect(Date.parse(taken.body.data.takenInChargeAt)).toBeGreaterThanOrEqual(Date.parse(ticket.registeredAt));

    const suspended = await act(ticket.documentId, 'suspend', { reason: "In attesa del tecnico dell'Amministrazione" });
    expect(suspended.body.data).toMatchObject({ state: 'suspended', suspensionReason: "In attesa del tecnico dell'Amministrazione" });

    const resumed = await act(ticket.documentId, 'resume');
    expect(resumed.body.data).toMatchObject({ state: 'in_charge', suspensionReason: null });

    const restored = await act(ticket.documentId, 'restore', { resolution: 'Sostituito il cavo di rete' });
    expect(restored.body.data).toMatchObject({ state: 'restored', resolution: 'Sostituito il cavo di rete' });
    expect(restored.body.data.restoredAt).toBeTruthy();

    const closed = await act(ticket.documentId, 'close');
    expect(closed.body.data.state).toBe('closed');
    expect(closed.body.data.closedAt).toBeTruthy();

    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&sort=seq&pagination[pageSize]=100`);
    expect(events.body.data.map((e: { type: string }) => e.type)).toEqual([
      'ticket.created',
      'ticket.take-charge',
      'ticket.suspend',
      'ticket.resume',
      'ticket.restore',
      'ticket.close',
    ]);
    expect(events.body.data[2]).toMatchObject({ fromStatus: 'in_charge', toStatus: 'suspended', actorType: 'api-token' });
  });

  it('reopens a restored ticket and keeps the first take-in-charge time', async () => {
    const ticket = await createTicket(a.tool, org);
    const taken = await act(ticket.documentId, 'take-charge');
    await act(ticket.documentId, 'restore', { resolution: 'Riavviato il servizio' });
    const reopened = await act(ticket.documentId, 'reopen', { reason: 'Il problema si ripresenta' });
    expect(reopened.body.data).toMatchObject({ state: 'in_charge', restoredAt: null, takenInChargeAt: taken.body.data.takenInChargeAt });
  });

  it('cancels with a reason from new and from in_charge', async () => {
    const fresh = await createTicket(a.tool, org);
    const cancelled = await act(fresh.documentId, 'cancel', { reason: 'Duplicato di un altro ticket' });
    expect(cancelled.body.data).toMatchObject({ state: 'cancelled', cancellationReason: 'Duplicato di un altro ticket' });
    const working = await createTicket(a.tool, org);
    await act(working.documentId, 'take-charge');
    expect((await act(working.documentId, 'cancel', { reason: 'Ritirata dal richiedente' })).body.data.state).toBe('cancelled');
  });

  it.each([
    ['resume', 'new'],
    ['restore', 'new'],
    ['close', 'new'],
    ['reopen', 'new'],
  ])('answers 409 naming the state for %s from %s', async (action, state) => {
    const ticket = await createTicket(a.tool, org);
    const res = await act(ticket.documentId, action, { reason: 'x', resolution: 'y' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(`"${state}"`);
    expect(res.body.error.details).toMatchObject({ state, action });
  });

  it('answers 409 for actions on closed and cancelled tickets, and changes nothing', async () => {
    const ticket = await createTicket(a.tool, org);
    await act(ticket.documentId, 'cancel', { reason: 'Errore di registrazione' });
    for (const action of ['take-charge', 'suspend', 'restore', 'close', 'cancel', 'reopen']) {
      const res = await act(ticket.documentId, action, { reason: 'r', resolution: 'r' });
      expect(res.status, action).toBe(409);
      expect(res.body.error.message).toContain('"cancelled"');
    }
    const after = await a.tool.get(`/api/tickets/${ticket.documentId}`);
    expect(after.body.data).toMatchObject({ state: 'cancelled', timelineLength: 2 });
  });

  it.each([
    ['suspend', 'reason', 'in_charge'],
    ['cancel', 'reason', 'new'],
    ['restore', 'resolution', 'in_charge'],
  ])('answers 400 naming the field when %s lacks its %s', async (action, field, from) => {
    const ticket = await createTicket(a.tool, org);
    if (from === 'in_charge') await act(ticket.documentId, 'take-charge');
    const res = await act(ticket.documentId, action, { [field]: '   ' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
    expect((await a.tool.get(`/api/tickets/${ticket.documentId}`)).body.data.state).toBe(from);
  });

  it('answers 404 for an action on an unknown ticket', async () => {
    expect((await act('doesnotexist000000000000', 'take-charge')).status).toBe(404);
  });

  it('lets only one of two simultaneous take-charge actions succeed', async () => {
    const ticket = await createTicket(a.tool, org);
    const results = await Promise.all([act(ticket.documentId, 'take-charge'), act(ticket.documentId, 'take-charge')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}`);
    expect(events.body.data).toHaveLength(2);
  });
});
