import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';
import { until } from '../../support/eventually';

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

  /**
   * The page and the two reads, taken while the timeline stands still: the outbox worker appends an event
   * for each e-mail it sends, whenever it sends it. The page is read before and after the two reads; when
   * both are the same, nothing was appended in between.
   */
  const pageAndReads = (client: 'staff' | 'tool', documentId: string) =>
    until(`a still moment of ${documentId}'s timeline`, async () => {
      const before = await a[client].get(`/api/tickets/${documentId}/page`);
      expect(before.status, JSON.stringify(before.body)).toBe(200);
      const reads = await separately(client, documentId);
      const after = await a[client].get(`/api/tickets/${documentId}/page`);
      return JSON.stringify(stable(before.body)) === JSON.stringify(stable(after.body)) && { page: before, reads };
    });

  it('gives a Staff user the ticket and its public timeline exactly as the two reads it replaces', async () => {
    const { page, reads } = await pageAndReads('staff', ours.documentId);
    expect(stable(page.body.data)).toEqual(stable(reads));
    const { ticket, timeline } = page.body.data;
    expect(ticket.sla.takeCharge).toBeTruthy();
    expect(ticket.followUps.map((followUp: { body: string }) => followUp.body)).toEqual(['Verifica in corso sulla stampante.']);
    expect(timeline.map((event: { type: string }) => event.type)).toContain('ticket.created');
    expect(timeline.every((event: { visibility: string }) => event.visibility === 'public')).toBe(true);
    expect(JSON.stringify(page.body)).not.toContain('Nota interna');
  });

  it('gives an API token the whole timeline, internal events included, as its timeline read does', async () => {
    const { page, reads } = await pageAndReads('tool', ours.documentId);
    expect(stable(page.body.data)).toEqual(stable(reads));
    expect(page.body.data.timeline.some((event: { visibility: string }) => event.visibility === 'internal')).toBe(true);
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
