import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors, startTestInstance } from '../../support/api';


const MIN = 60_000;

describe.each(backends())('SLA clocks on $name', (backend) => {
  let a: Actors;
  let org: string;
  beforeAll(async () => {
    a = await actors(backend);
    org = a.organizations.azienda.documentId;
  });

  const ticketOf = async (documentId: string) => (await a.tool.get(`/api/tickets/${documentId}`)).body.data;
  const eventsOf = async (documentId: string) =>
    (await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${documentId}&sort=seq&pagination[pageSize]=100`)).body.data as Array<{
      type: string;
      data: any; // event payloads differ per type
    }>;

  it('seeds the H24 and working-hours calendars and the default 24x7 policy, readable by API tools only', async () => {
    const calendars = await a.tool.get('/api/sla/calendars');
    expect(calendars.status).toBe(200);
    expect(calendars.body.data.map((c: { name: string }) => c.name).sort()).toEqual(['H24', 'Orario lavorativo']);
    const office = calendars.body.data.find((c: { name: string }) => c.name === 'Orario lavorativo');
    expect(office).toMatchObject({ italianHolidays: true, patronDay: '06-13', hours: { mon: [['08:30', '17:30']] } });
    const policies = await a.tool.get('/api/sla/policies');
    expect(policies.body.data.find((p: { isDefault: boolean }) => p.isDefault)).toMatchObject({
      name: 'Predefinita H24',
      p1TakeChargeMinutes: 30,
      p1RestoreMinutes: 240,
      p4RestoreMinutes: 72 * 60,
      calendar: { name: 'H24' },
    });
    expect((await a.staff.get('/api/sla/policies')).status).toBe(403);
    expect((await a.anonymous.get('/api/sla/calendars')).status).toBe(403);
  });

  it('stores the policy and both dues at creation, counted from the reported time', async () => {
    const reportedAt = new Date(Date.now() - 10 * MIN).toISOString();
    const ticket = await createTicket(a.tool, org, { priority: 'P1', reportedAt });
    expect(ticket.sla).toMatchObject({ policy: 'Predefinita H24', calendar: 'H24' });
    expect(ticket.sla.takeCharge).toMatchObject({ targetMinutes: 30, dueAt: new Date(Date.parse(reportedAt) + 30 * MIN).toISOString(), state: 'on_time', met: null });
    expect(ticket.sla.restore).toMatchObject({ targetMinutes: 240, dueAt: new Date(Date.parse(reportedAt) + 240 * MIN).toISOString() });
    expect(ticket).toMatchObject({ takeChargeDueAt: ticket.sla.takeCharge.dueAt, restoreDueAt: ticket.sla.restore.dueAt });
    const [created] = await eventsOf(ticket.documentId);
    expect(created.data.sla).toMatchObject({ policy: 'Predefinita H24', calendar: 'H24', takeChargeMinutes: 30 });
    // The portal shows the same state to the requester's organization.
    expect((await a.staff.get(`/api/tickets/${ticket.documentId}`)).body.data.sla.takeCharge.dueAt).toBe(ticket.sla.takeCharge.dueAt);
  });

  it('shows a clock past its warning threshold as at risk, and a stopped clock as met', async () => {
    const reportedAt = new Date(Date.now() - 25 * MIN).toISOString();
    const ticket = await createTicket(a.tool, org, { priority: 'P1', reportedAt });
    expect(ticket.sla.takeCharge.state).toBe('at_risk');
    await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
    const taken = await ticketOf(ticket.documentId);
    expect(taken.sla.takeCharge).toMatchObject({ state: 'met', met: true, breached: false });
    expect(taken.sla.takeCharge.elapsedMinutes).toBeGreaterThanOrEqual(25);
    expect(taken.sla.takeCharge.elapsedMinutes).toBeLessThan(26);
  });

  it('keeps the clocks current through reopen, close and cancel', async () => {
    const ticket = await createTicket(a.tool, org, { priority: 'P2' });
    await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
    await a.tool.post(`/api/tickets/${ticket.documentId}/restore`, { data: { resolution: 'Riavviato il client' } });
    const restored = await ticketOf(ticket.documentId);
    expect(restored.sla.restore).toMatchObject({ state: 'met', met: true });
    const firstElapsed = restored.sla.restore.elapsedMinutes;

    await a.tool.post(`/api/tickets/${ticket.documentId}/reopen`, { data: { reason: 'Il problema si ripresenta' } });
    const reopened = await ticketOf(ticket.documentId);
    // The restore clock runs again from the same report: same due, no result yet.
    expect(reopened.sla.restore).toMatchObject({ state: 'on_time', met: null, elapsedMinutes: null, dueAt: restored.sla.restore.dueAt });
    expect(reopened.sla.takeCharge).toMatchObject({ state: 'met', met: true });

    await a.tool.post(`/api/tickets/${ticket.documentId}/restore`, { data: { resolution: 'Sostituito il client' } });
    await a.tool.post(`/api/tickets/${ticket.documentId}/close`, {});
    const closed = await ticketOf(ticket.documentId);
    expect(closed.sla.restore).toMatchObject({ state: 'met', met: true });
    expect(closed.sla.restore.elapsedMinutes).toBeGreaterThanOrEqual(firstElapsed);

    const cancelled = await createTicket(a.tool, org, { priority: 'P2' });
    await a.tool.post(`/api/tickets/${cancelled.documentId}/cancel`, { data: { reason: 'Segnalazione doppia' } });
    const gone = await ticketOf(cancelled.documentId);
    expect(gone.sla.takeCharge).toMatchObject({ state: 'not_applicable', met: null });
    expect(gone.sla.restore).toMatchObject({ state: 'not_applicable', met: null });
  });

  it('recomputes both dues from reportedAt on a priority change, and records it in the ledger', async () => {
    const ticket = await createTicket(a.tool, org, { priority: 'P1' });
    const res = await a.tool.put(`/api/tickets/${ticket.documentId}`, { data: { priority: 'P4' } });
    expect(res.status).toBe(200);
    const after = await ticketOf(ticket.documentId);
    expect(after.sla.takeCharge.dueAt).toBe(new Date(Date.parse(ticket.reportedAt) + 8 * 60 * MIN).toISOString());
    expect(after.sla.restore.dueAt).toBe(new Date(Date.parse(ticket.reportedAt) + 72 * 60 * MIN).toISOString());
    const ledger = (await eventsOf(ticket.documentId)).find((e) => e.type === 'sla.recomputed');
    expect(ledger?.data).toMatchObject({ reason: 'ticket.updated', changes: { priority: { from: 'P1', to: 'P4' } } });
  });

  it('pauses the restore clock only for suspensions attributable to the Administration', async () => {
    const theirs = await createTicket(a.tool, org, { priority: 'P3' });
    await a.tool.post(`/api/tickets/${theirs.documentId}/take-charge`, {});
    const dueBefore = Date.parse((await ticketOf(theirs.documentId)).sla.restore.dueAt);
    await a.tool.post(`/api/tickets/${theirs.documentId}/suspend`, { data: { reason: "In attesa dell'Amministrazione" } });
    const suspended = await ticketOf(theirs.documentId);
    expect(suspended.sla.restore).toMatchObject({ state: 'paused', dueAt: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await a.tool.post(`/api/tickets/${theirs.documentId}/resume`, {});
    const resumed = await ticketOf(theirs.documentId);
    expect(resumed.sla.restore.pausedMinutes).toBeGreaterThan(0);
    expect(Date.parse(resumed.sla.restore.dueAt) - dueBefore).toBeCloseTo(resumed.sla.restore.pausedMinutes * MIN, -1);

    const ours = await createTicket(a.tool, org, { priority: 'P3' });
    await a.tool.post(`/api/tickets/${ours.documentId}/take-charge`, {});
    const oursDue = (await ticketOf(ours.documentId)).sla.restore.dueAt;
    const supplier = await a.tool.post(`/api/tickets/${ours.documentId}/suspend`, { data: { reason: 'Attesa ricambio dal fornitore', attributableToAdministration: false } });
    expect(supplier.status).toBe(200);
    expect(supplier.body.data.sla.restore).toMatchObject({ dueAt: oursDue, state: 'on_time' });
    await a.tool.post(`/api/tickets/${ours.documentId}/resume`, {});
    expect((await ticketOf(ours.documentId)).sla.restore).toMatchObject({ dueAt: oursDue, pausedMinutes: 0 });

    const bad = await a.tool.post(`/api/tickets/${ours.documentId}/suspend`, { data: { reason: 'x', attributableToAdministration: 'sì' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['attributableToAdministration']);
  });

  it('raises each warning and the breach exactly once, with two sweepers and repeated sweeps', async () => {
    // Reported 40 minutes ago at P1: the take-in-charge warnings (22.5 and 27 min) and breach (30 min) are all due.
    const ticket = await createTicket(a.tool, org, { priority: 'P1', reportedAt: new Date(Date.now() - 40 * MIN).toISOString() });
    const second = backend.name === 'postgres' ? await startTestInstance(backend.db) : null;
    try {
      const sweepers = [a.tool, ...(second ? [(await actors(backend, second.url)).tool] : [])];
      const sweeps = await Promise.all(Array.from({ length: 6 }, (_, i) => sweepers[i % sweepers.length].post('/api/sla/sweep', {})));
      expect(sweeps.map((s) => s.status)).toEqual(Array(6).fill(200));
      const alarms = (await eventsOf(ticket.documentId)).filter((e) => e.type.startsWith('sla.'));
      expect(alarms.map((e) => [e.type, e.data.clock, e.data.threshold])).toEqual([
        ['sla.warning', 'takeCharge', 0.75],
        ['sla.warning', 'takeCharge', 0.9],
        ['sla.breached', 'takeCharge', 1],
      ]);
      expect(alarms[2].data.delayMs).toBeGreaterThanOrEqual(10 * MIN - 1000);
      const after = await ticketOf(ticket.documentId);
      expect(after.sla.takeCharge).toMatchObject({ state: 'breached', breached: true });
      expect((await a.tool.get(`/api/tickets/${ticket.documentId}/verify-timeline`)).body.data.valid).toBe(true);
      // The portal does not see the internal alarm events, only the state.
      const portalEvents = await a.staff.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}`);
      expect(portalEvents.body.data.map((e: { type: string }) => e.type)).not.toContain('sla.breached');
    } finally {
      await second?.stop();
    }
  });

  it('applies the most specific policy by organization and kind, and recomputes open tickets when a policy changes', async () => {
    const calendars = (await a.tool.get('/api/sla/calendars')).body.data as Array<{ name: string; documentId: string }>;
    const office = calendars.find((c) => c.name === 'Orario lavorativo')!;
    const closedBefore = await createTicket(a.tool, a.organizations.ulss.documentId, { kind: 'request' });
    await a.tool.post(`/api/tickets/${closedBefore.documentId}/cancel`, { data: { reason: 'Annullato prima della nuova politica' } });
    const openBefore = await createTicket(a.tool, a.organizations.ulss.documentId, { kind: 'request' });

    const created = await a.admin.post('/content-manager/collection-types/plugin::sla.policy', {
      name: `ULSS richieste ${backend.name}`,
      rank: 10,
      kind: 'request',
      calendar: { connect: [{ documentId: office.documentId }] },
      organizations: { connect: [{ documentId: a.organizations.ulss.documentId }] },
      p1TakeChargeMinutes: 60, p1RestoreMinutes: 480,
      p2TakeChargeMinutes: 120, p2RestoreMinutes: 960,
      p3TakeChargeMinutes: 240, p3RestoreMinutes: 1440,
      p4TakeChargeMinutes: 480, p4RestoreMinutes: 2880,
      warningFractions: [0.8],
    });
    expect(created.status).toBe(201);

    const request = await createTicket(a.tool, a.organizations.ulss.documentId, { kind: 'request' });
    expect(request.sla).toMatchObject({ policy: `ULSS richieste ${backend.name}`, calendar: 'Orario lavorativo' });
    const incident = await createTicket(a.tool, a.organizations.ulss.documentId, { kind: 'incident' });
    expect(incident.sla.policy).toBe('Predefinita H24');
    const otherOrg = await createTicket(a.tool, org, { kind: 'request' });
    expect(otherOrg.sla.policy).toBe('Predefinita H24');

    // The open ticket registered before the policy moved to it, with a ledger entry; the cancelled one did not.
    expect((await ticketOf(openBefore.documentId)).sla.policy).toBe(`ULSS richieste ${backend.name}`);
    const ledger = (await eventsOf(openBefore.documentId)).find((e) => e.type === 'sla.recomputed');
    expect(ledger?.data).toMatchObject({ reason: 'sla policy created', changes: { policy: { from: 'Predefinita H24' } } });
    expect((await ticketOf(closedBefore.documentId)).sla.policy).toBe('Predefinita H24');
    expect((await eventsOf(closedBefore.documentId)).map((e) => e.type)).not.toContain('sla.recomputed');
  });

  it('explains a ticket\'s computation to supervisors: calendar, intervals counted, pauses, alarms', async () => {
    const ticket = await createTicket(a.tool, org, { priority: 'P2', reportedAt: new Date(Date.now() - 5 * MIN).toISOString() });
    await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
    await a.tool.post(`/api/tickets/${ticket.documentId}/suspend`, { data: { reason: 'Attesa del referente' } });
    await a.tool.post(`/api/tickets/${ticket.documentId}/resume`, {});
    await a.tool.post(`/api/tickets/${ticket.documentId}/suspend`, { data: { reason: 'Attesa ricambio', attributableToAdministration: false } });
    await a.tool.post(`/api/tickets/${ticket.documentId}/resume`, {});
    await a.tool.post(`/api/tickets/${ticket.documentId}/restore`, { data: { resolution: 'Sostituito il disco' } });

    const res = await a.supervisor.get(`/sla/tickets/${ticket.documentId}/explain`);
    expect(res.status).toBe(200);
    const explained = res.body.data;
    expect(explained.policy).toMatchObject({ name: 'Predefinita H24', calendar: { name: 'H24', alwaysOpen: true, timeZone: 'Europe/Rome' } });
    expect(explained.takeCharge).toMatchObject({ targetMinutes: 60, met: true, from: ticket.reportedAt });
    expect(explained.takeCharge.intervals).toHaveLength(1);
    expect(explained.restore.suspensions.map((s: { reason: string; attributableToAdministration: boolean }) => [s.reason, s.attributableToAdministration])).toEqual([
      ['Attesa del referente', true],
      ['Attesa ricambio', false],
    ]);
    expect(explained.restore.pausedMinutes).toBeCloseTo(explained.restore.suspensions[0].workingMinutes, 6);
    expect(explained.restore.elapsedMinutes).toBeCloseTo(explained.restore.workingMinutes - explained.restore.pausedMinutes, 6);
    expect(explained.restore).toMatchObject({ met: true, breached: false, targetMinutes: 480 });

    expect((await a.tool.get(`/api/sla/tickets/${ticket.documentId}/explain`)).body.data.restore.met).toBe(true);
    expect((await a.operator.get(`/sla/tickets/${ticket.documentId}/explain`)).status).toBe(403);
    expect((await a.staff.get(`/api/sla/tickets/${ticket.documentId}/explain`)).status).toBe(403);
  });

  it('refuses a malformed calendar with 400 naming the field', async () => {
    const res = await a.admin.post('/content-manager/collection-types/plugin::sla.calendar', {
      name: 'Rotto',
      code: 'ROTTO',
      timeZone: 'Europe/Rome',
      hours: { mon: [['18:00', '08:00']] },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details.errors[0].path)).toContain('hours');
  });
});
