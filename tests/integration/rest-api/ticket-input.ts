import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, type Actors } from '../../support/api';
import { createPortalUser } from '../../support/portal-users';

describe.each(backends())('ticket input rules on $name', (backend) => {
  let a: Actors;
  let org: string;
  beforeAll(async () => {
    a = await actors(backend);
    org = a.organizations.quiet.documentId;
  });

  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  it('keeps the reported time of a phone call that started before registration', async () => {
    const reportedAt = minutesAgo(7);
    const ticket = await createTicket(a.tool, org, { reportedAt });
    expect(ticket.reportedAt).toBe(reportedAt);
    expect(Date.parse(ticket.registeredAt)).toBeGreaterThan(Date.parse(reportedAt));
  });

  it('uses the creation time when no reported time is given', async () => {
    const ticket = await createTicket(a.tool, org);
    expect(ticket.reportedAt).toBe(ticket.registeredAt);
  });

  it.each([
    ['in the future', () => new Date(Date.now() + 10 * 60_000).toISOString(), 'future'],
    ['more than 24 hours back', () => minutesAgo(24 * 60 + 5), '24 hours'],
    ['not a date', () => 'ieri mattina', 'ISO 8601'],
  ])('refuses a reported time %s with 400 naming reportedAt', async (_label, value, words) => {
    const res = await a.tool.post('/api/tickets', { data: { title: 'x', organization: org, reportedAt: value() } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['reportedAt']);
    expect(res.body.error.message).toContain(words);
  });

  it('sets portal requests to the submission time, portal channel, own organization and requester', async () => {
    const res = await a.staff.post('/api/tickets', { data: { title: 'Stampante guasta', kind: 'incident', priority: 'P3' } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ channel: 'portal', state: 'new' });
    expect(res.body.data.reportedAt).toBe(res.body.data.registeredAt);
    const stored = await a.tool.get(`/api/tickets/${res.body.data.documentId}?populate[organization]=true&populate[requester]=true`);
    expect(stored.body.data.organization.code).toBe('AZERO');
    expect(stored.body.data.requester.email).toBe(DEMO.staff);
  });

  it.each([
    ['reportedAt', () => minutesAgo(5)],
    ['organization', () => 'whatever'],
    ['channel', () => 'phone'],
  ])('refuses %s from a portal user with 400 naming it', async (field, value) => {
    const res = await a.staff.post('/api/tickets', { data: { title: 'x', [field]: value() } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
  });

  it('requires an organization from API clients', async () => {
    const res = await a.tool.post('/api/tickets', { data: { title: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['organization']);
  });

  it.each(['state', 'takenInChargeAt', 'restoredAt', 'closedAt', 'cancelledAt', 'registeredAt', 'resolution', 'reportedAt'])(
    'answers 400 naming %s when a generic update tries to change it, and changes nothing',
    async (field) => {
      const ticket = await createTicket(a.tool, org);
      const value = field === 'state' ? 'closed' : field === 'resolution' ? 'fatto' : minutesAgo(1);
      const res = await a.tool.put(`/api/tickets/${ticket.documentId}`, { data: { [field]: value, title: 'Titolo cambiato' } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
      const after = await a.tool.get(`/api/tickets/${ticket.documentId}`);
      expect(after.body.data).toMatchObject({ state: 'new', title: ticket.title, [field]: ticket[field] ?? null });
    }
  );

  it('allows ordinary edits and records them in the timeline', async () => {
    const ticket = await createTicket(a.tool, org, { priority: 'P3' });
    const res = await a.tool.put(`/api/tickets/${ticket.documentId}`, { data: { priority: 'P1', state: 'new', number: ticket.number } });
    expect(res.status).toBe(200);
    expect(res.body.data.priority).toBe('P1');
    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&sort=seq`);
    expect(events.body.data[1]).toMatchObject({ type: 'ticket.updated', data: { changes: { priority: { from: 'P3', to: 'P1' } } } });
  });

  it('records a relation only when what it links changes, not when a form names it again', async () => {
    const [first, second] = (await a.tool.get('/api/categories?pagination[pageSize]=2&sort=id')).body.data as Array<{ documentId: string }>;
    const ticket = await createTicket(a.tool, org, { category: first.documentId });
    const updates = async () =>
      ((await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&filters[type]=ticket.updated&sort=seq`)).body.data as Array<{ data: { relations: string[] } }>).map((event) => event.data.relations);
    // The same category and organization again, as the Content Manager's form sends them: nothing changed, nothing recorded.
    expect((await a.tool.put(`/api/tickets/${ticket.documentId}`, { data: { category: first.documentId, organization: org } })).status).toBe(200);
    expect(await updates()).toEqual([]);
    expect((await a.tool.put(`/api/tickets/${ticket.documentId}`, { data: { category: second.documentId, organization: org } })).status).toBe(200);
    expect(await updates()).toEqual([['category']]);
  });

  it('links what a creation names, in every shape the API accepts (the ids checked before the write go in as they are)', async () => {
    const [first, second] = (await a.tool.get('/api/categories?pagination[pageSize]=2&sort=id')).body.data as Array<{ id: number; documentId: string }>;
    const requester = await createPortalUser(a.tool, 'Staff', a.organizations.quiet.id);
    const shapes: Array<[string, unknown, string]> = [
      ['a documentId', first.documentId, first.documentId],
      ['an id', second.id, second.documentId],
      ['an object', { documentId: second.documentId }, second.documentId],
      ['connect', { connect: [{ id: first.id }] }, first.documentId],
      // A to-one named twice keeps the last, as Strapi's Document Service does.
      ['a list', [first.documentId, second.documentId], second.documentId],
    ];
    for (const [shape, category, expected] of shapes) {
      const made = await a.tool.post('/api/tickets', { data: { title: `Categoria come ${shape}`, organization: { documentId: org }, category, requester: requester.id } });
      expect(made.status, `${shape}: ${JSON.stringify(made.body)}`).toBe(201);
      const read = await a.tool.get(`/api/tickets/${made.body.data.documentId}?populate[0]=category&populate[1]=organization&populate[2]=requester`);
      expect(read.body.data.category?.documentId, shape).toBe(expected);
      expect(read.body.data.organization?.documentId, shape).toBe(org);
      expect(read.body.data.requester?.id, shape).toBe(requester.id);
    }
  });

  it('offers no way to delete a ticket', async () => {
    const ticket = await createTicket(a.tool, org);
    const res = await a.tool.delete(`/api/tickets/${ticket.documentId}`);
    expect([404, 405]).toContain(res.status);
    expect((await a.tool.get(`/api/tickets/${ticket.documentId}`)).status).toBe(200);
  });

  describe('supervisor correction of the reported time', () => {
    it('needs a reason, refuses a time after registration, and records old and new value', async () => {
      const ticket = await createTicket(a.tool, org);
      const corrected = minutesAgo(30);
      const noReason = await a.tool.post(`/api/tickets/${ticket.documentId}/correct-reported-at`, { data: { reportedAt: corrected } });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.details.errors[0].path).toEqual(['reason']);

      const late = await a.tool.post(`/api/tickets/${ticket.documentId}/correct-reported-at`, {
        data: { reportedAt: new Date(Date.parse(ticket.registeredAt) + 60_000).toISOString(), reason: 'x' },
      });
      expect(late.status).toBe(400);
      expect(late.body.error.details.errors[0].path).toEqual(['reportedAt']);

      const ok = await a.tool.post(`/api/tickets/${ticket.documentId}/correct-reported-at`, {
        data: { reportedAt: corrected, reason: "La chiamata è iniziata alle 9:00, registrata in ritardo per un guasto al centralino" },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.data.reportedAt).toBe(corrected);
      const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&sort=seq`);
      expect(events.body.data.at(-2)).toMatchObject({
        type: 'ticket.reported-at-corrected',
        data: { from: ticket.reportedAt, to: corrected },
      });
      // The SLA clocks run from reportedAt: both dues move back by the same 30 minutes, in the ledger.
      expect(events.body.data.at(-1)).toMatchObject({ type: 'sla.recomputed', data: { reason: 'reportedAt corrected' } });
      const { takeChargeDueAt } = events.body.data.at(-1).data.changes;
      expect(Date.parse(takeChargeDueAt.from) - Date.parse(takeChargeDueAt.to)).toBe(Date.parse(ticket.reportedAt) - Date.parse(corrected));
    });

    it('is not open to portal users', async () => {
      const ticket = await createTicket(a.tool, org);
      const res = await a.referent.post(`/api/tickets/${ticket.documentId}/correct-reported-at`, { data: { reportedAt: minutesAgo(3), reason: 'x' } });
      expect(res.status).toBe(403);
    });
  });

  it('lets the admin panel register a ticket with a number and a timeline, without protected fields', async () => {
    const operator = a.operator;
    const res = await operator.post('/content-manager/collection-types/api::ticket.ticket', {
      title: 'Telefonata: PC non si avvia',
      kind: 'incident',
      priority: 'P2',
      channel: 'phone',
      organization: { connect: [{ documentId: org }] },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.number).toMatch(/^HD-\d{4}-\d{6}$/);
    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${res.body.data.documentId}`);
    expect(events.body.data[0]).toMatchObject({ type: 'ticket.created', actorType: 'admin', actorName: 'Oscar Operatore' });

    const forged = await operator.post('/content-manager/collection-types/api::ticket.ticket', {
      title: 'Forged',
      organization: { connect: [{ documentId: org }] },
      number: 'HD-2000-000001',
    });
    // The operator's edit permissions leave `number` out, so the panel drops it and numbering decides.
    expect(forged.status).toBe(201);
    expect(forged.body.data.number).toMatch(new RegExp(`^HD-${new Date().getFullYear()}-\\d{6}$`));
  });
});
