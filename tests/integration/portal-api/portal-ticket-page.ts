import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';

/** What may change between two requests: the time left on the SLA clocks, and the timeline the outbox worker appends to. */
const VOLATILE = new Set(['remainingMs', 'timelineHash', 'timelineLength', 'updatedAt']);
const stable = (data: unknown) => JSON.parse(JSON.stringify(data, (key, value) => (VOLATILE.has(key) ? undefined : value)));

/**
 * The portal's page of one request, in one round trip (GET /api/tickets/:id/page, issue 17): it must give
 * each reader exactly what the two reads it replaces give them, the ticket's findOne and its timeline.
 */
describe.each(backends())('portal ticket page on $name', (backend) => {
  let a: Actors;
  let ours: Awaited<ReturnType<typeof createTicket>>;
  let theirs: Awaited<ReturnType<typeof createTicket>>;
  beforeAll(async () => {
    a = await actors(backend);
    ours = await createTicket(a.tool, a.organizations.azienda.documentId, { title: `Pagina della richiesta ${Date.now()}` });
    theirs = await createTicket(a.tool, a.organizations.ulss.documentId, { title: `Richiesta riservata di un altro ente ${Date.now()}` });
    expect((await a.tool.post(`/api/tickets/${ours.documentId}/take-charge`, {})).status).toBe(200);
    for (const [body, visibility] of [
      ['Verifica in corso sulla stampante.', 'public'],
      ['Nota interna: il fornitore è in ritardo.', 'internal'],
    ]) {
      const added = await a.tool.post('/api/follow-ups', { data: { ticket: ours.documentId, body, visibility } });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }
  });

  const separately = async (client: 'staff' | 'tool', documentId: string) => {
    const ticket = await a[client].get(`/api/tickets/${documentId}?populate[0]=category&populate[1]=attachments&populate[2]=followUps`);
    const timeline = await a[client].get(`/api/ticket-events?filters[ticket][documentId][$eq]=${documentId}&sort[0]=seq:asc&pagination[pageSize]=200`);
    expect([ticket.status, timeline.status]).toEqual([200, 200]);
    return { ticket: ticket.body.data, timeline: timeline.body.data };
  };

  it('gives a Staff user the ticket and its public timeline exactly as the two reads it replaces', async () => {
    const page = await a.staff.get(`/api/tickets/${ours.documentId}/page`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(stable(page.body.data)).toEqual(stable(await separately('staff', ours.documentId)));
    const { ticket, timeline } = page.body.data;
    expect(ticket.sla.takeCharge).toBeTruthy();
    expect(ticket.followUps.map((followUp: { body: string }) => followUp.body)).toEqual(['Verifica in corso sulla stampante.']);
    expect(timeline.map((event: { type: string }) => event.type)).toContain('ticket.created');
    expect(timeline.every((event: { visibility: string }) => event.visibility === 'public')).toBe(true);
    expect(JSON.stringify(page.body)).not.toContain('Nota interna');
  });

  it('gives an API token the whole timeline, internal events included, as its timeline read does', async () => {
    const page = await a.tool.get(`/api/tickets/${ours.documentId}/page`);
    expect(page.status).toBe(200);
    expect(stable(page.body.data)).toEqual(stable(await separately('tool', ours.documentId)));
    const publicOnly = (await a.staff.get(`/api/tickets/${ours.documentId}/page`)).body.data.timeline;
    expect(page.body.data.timeline.length).toBeGreaterThan(publicOnly.length);
  });

  it("answers 404 for another organization's request without a word of it, and nothing without a session", async () => {
    for (const client of ['staff', 'referent'] as const) {
      const page = await a[client].get(`/api/tickets/${theirs.documentId}/page`);
      expect(page.status).toBe(404);
      expect(JSON.stringify(page.body)).not.toContain(theirs.title);
    }
    expect((await a.otherStaff.get(`/api/tickets/${ours.documentId}/page`)).status).toBe(404);
    expect([401, 403]).toContain((await a.anonymous.get(`/api/tickets/${ours.documentId}/page`)).status);
    expect((await a.staff.get('/api/tickets/no-such-ticket/page')).status).toBe(404);
  });

  it('keeps its fixed shape whatever the query string asks', async () => {
    const page = await a.staff.get(`/api/tickets/${ours.documentId}/page?populate=organization&fields[0]=title`);
    expect(page.status).toBe(200);
    expect(page.body.data.ticket.organization).toBeUndefined();
    expect(page.body.data.ticket.number).toBeTruthy();
  });
});
