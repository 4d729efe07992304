import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';

describe.each(backends())('access rules between organizations on $name', (backend) => {
  let a: Actors;
  let mine: { documentId: string; number: string };
  let theirs: { documentId: string; number: string };
  let internalNote: string;
  let publicNote: string;
  let theirNote: string;

  beforeAll(async () => {
    a = await actors(backend);
    mine = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Nostro ticket' });
    theirs = await createTicket(a.tool, a.organizations.ulss.documentId, { title: 'Ticket di ULSS 6' });
    const note = (ticket: string, visibility: string, body: string) =>
      a.tool.post('/api/follow-ups', { data: { ticket, visibility, body } }).then((res) => {
        expect(res.status).toBe(201);
        return res.body.data.documentId as string;
      });
    internalNote = await note(mine.documentId, 'internal', 'Nota interna: sospetto guasto dello switch');
    publicNote = await note(mine.documentId, 'public', 'Abbiamo preso in carico la segnalazione');
    theirNote = await note(theirs.documentId, 'public', 'Messaggio per ULSS 6');
    // An internal event too: a generic edit is recorded as internal.
    await a.tool.put(`/api/tickets/${mine.documentId}`, { data: { priority: 'P2' } });
  });

  describe('tickets', () => {
    it('lists only the own organization, whatever the filters say', async () => {
      const list = await a.staff.get('/api/tickets?populate[organization]=true&pagination[pageSize]=100');
      expect(list.status).toBe(200);
      expect(list.body.data.length).toBeGreaterThan(0);
      expect(new Set(list.body.data.map((t: { organization: { code: string } }) => t.organization.code))).toEqual(new Set(['AZERO']));
      expect(list.body.data.map((t: { number: string }) => t.number)).not.toContain(theirs.number);

      const all = await a.tool.get('/api/tickets?filters[organization][code]=AZERO&pagination[pageSize]=1');
      expect(list.body.meta.pagination.total).toBe(all.body.meta.pagination.total);

      const widened = await a.staff.get(
        `/api/tickets?filters[$or][0][organization][code]=AULSS6&filters[$or][1][number]=${theirs.number}&filters[$or][2][id][$gt]=0`
      );
      expect(widened.body.data.map((t: { number: string }) => t.number)).not.toContain(theirs.number);
      const direct = await a.staff.get(`/api/tickets?filters[number][$eq]=${theirs.number}`);
      expect(direct.body.data).toEqual([]);
    });

    it("answers 404 for another organization's ticket by id, for reading and acting alike", async () => {
      expect((await a.staff.get(`/api/tickets/${theirs.documentId}`)).status).toBe(404);
      expect((await a.staff.get(`/api/tickets/${mine.documentId}`)).status).toBe(200);
      expect((await a.otherStaff.get(`/api/tickets/${mine.documentId}`)).status).toBe(404);
      expect((await a.otherStaff.post(`/api/tickets/${mine.documentId}/close`, {})).status).toBe(404);
    });

    it('never populates internal follow-ups or other organizations through relations', async () => {
      for (const query of [
        'populate=*',
        'populate[followUps]=true',
        'populate[followUps][filters][visibility]=internal',
        'populate[followUps][populate][ticket][populate][organization]=true',
        'populate=followUps,maintenanceLogs',
      ]) {
        const res = await a.staff.get(`/api/tickets/${mine.documentId}?${query}`);
        expect(res.status, query).toBe(200);
        const notes = (res.body.data.followUps ?? []).map((f: { documentId: string }) => f.documentId);
        expect(notes, query).not.toContain(internalNote);
        if (res.body.data.followUps) expect(notes, query).toContain(publicNote);
      }
    });

    it('keeps portal users to opening requests and answering solved / not solved', async () => {
      expect((await a.staff.post(`/api/tickets/${mine.documentId}/take-charge`, {})).status).toBe(403);
      expect((await a.staff.put(`/api/tickets/${mine.documentId}`, { data: { title: 'cambiato' } })).status).toBe(403);
      expect((await a.staff.get(`/api/tickets/${mine.documentId}/verify-timeline`)).status).toBe(403);

      const ticket = await createTicket(a.tool, a.organizations.azienda.documentId);
      await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
      await a.tool.post(`/api/tickets/${ticket.documentId}/restore`, { data: { resolution: 'Reimpostata la password' } });
      const reopened = await a.staff.post(`/api/tickets/${ticket.documentId}/reopen`, { data: { reason: 'Non funziona ancora' } });
      expect(reopened.status).toBe(200);
      expect(reopened.body.data.state).toBe('in_charge');
      await a.tool.post(`/api/tickets/${ticket.documentId}/restore`, { data: { resolution: 'Sbloccato l’account' } });
      expect((await a.staff.post(`/api/tickets/${ticket.documentId}/close`, {})).body.data.state).toBe('closed');
    });

    it('gives the public role nothing', async () => {
      expect((await a.anonymous.get('/api/tickets')).status).toBe(403);
      expect((await a.anonymous.get(`/api/tickets/${mine.documentId}`)).status).toBe(403);
      expect((await a.anonymous.post('/api/tickets', { data: { title: 'x' } })).status).toBe(403);
      expect((await a.anonymous.get('/api/follow-ups')).status).toBe(403);
      expect((await a.anonymous.get('/api/organizations')).status).toBe(403);
      expect((await a.anonymous.post('/api/auth/local/register', { username: 'intruso', email: 'i@x.it', password: 'Password1!' })).status).not.toBe(200);
    });
  });

  describe('follow-ups', () => {
    it('lists only public follow-ups of the own organization', async () => {
      const list = await a.staff.get('/api/follow-ups?pagination[pageSize]=100');
      const ids = list.body.data.map((f: { documentId: string }) => f.documentId);
      expect(ids).toContain(publicNote);
      expect(ids).not.toContain(internalNote);
      expect(ids).not.toContain(theirNote);
      expect(list.body.data.every((f: { visibility: string }) => f.visibility === 'public')).toBe(true);
      const filtered = await a.staff.get('/api/follow-ups?filters[visibility]=internal');
      expect(filtered.body.data).toEqual([]);
    });

    it('answers 404 by id for internal and foreign follow-ups', async () => {
      expect((await a.staff.get(`/api/follow-ups/${internalNote}`)).status).toBe(404);
      expect((await a.staff.get(`/api/follow-ups/${theirNote}`)).status).toBe(404);
      expect((await a.staff.get(`/api/follow-ups/${publicNote}`)).status).toBe(200);
    });

    it('lets a portal user add a public follow-up to its own tickets only', async () => {
      const ok = await a.staff.post('/api/follow-ups', { data: { ticket: mine.documentId, body: 'Il problema riguarda anche la stanza 4' } });
      expect(ok.status).toBe(201);
      expect(ok.body.data).toMatchObject({ visibility: 'public', authorType: 'requester', channel: 'portal' });
      expect((await a.staff.post('/api/follow-ups', { data: { ticket: theirs.documentId, body: 'x' } })).status).toBe(404);
      const internal = await a.staff.post('/api/follow-ups', { data: { ticket: mine.documentId, body: 'x', visibility: 'internal' } });
      expect(internal.status).toBe(400);
      expect(internal.body.error.details.errors[0].path).toEqual(['visibility']);
      const empty = await a.staff.post('/api/follow-ups', { data: { ticket: mine.documentId, body: '  ' } });
      expect(empty.status).toBe(400);
      expect(empty.body.error.details.errors[0].path).toEqual(['body']);
    });

    it('refuses follow-ups from the requester on a closed ticket with 409', async () => {
      const ticket = await createTicket(a.tool, a.organizations.azienda.documentId);
      await a.tool.post(`/api/tickets/${ticket.documentId}/cancel`, { data: { reason: 'Duplicato' } });
      const res = await a.staff.post('/api/follow-ups', { data: { ticket: ticket.documentId, body: 'Ancora qui?' } });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain('cancelled');
    });

    it('cannot be edited or deleted', async () => {
      expect([404, 405]).toContain((await a.tool.put(`/api/follow-ups/${publicNote}`, { data: { body: 'riscritto' } })).status);
      expect([404, 405]).toContain((await a.tool.delete(`/api/follow-ups/${publicNote}`)).status);
    });
  });

  describe('timeline events', () => {
    it('shows portal users only the public events of their own tickets', async () => {
      const list = await a.staff.get(`/api/ticket-events?filters[ticket][documentId]=${mine.documentId}&pagination[pageSize]=100`);
      const types = list.body.data.map((e: { type: string }) => e.type);
      expect(types).toContain('ticket.created');
      expect(types).not.toContain('ticket.updated');
      expect(list.body.data.every((e: { visibility: string }) => e.visibility === 'public')).toBe(true);
      const foreign = await a.staff.get(`/api/ticket-events?filters[ticket][documentId]=${theirs.documentId}`);
      expect(foreign.body.data).toEqual([]);
      const all = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${mine.documentId}&pagination[pageSize]=100`);
      expect(all.body.data.map((e: { type: string }) => e.type)).toContain('ticket.updated');
    });

    it('has no write route', async () => {
      const event = (await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${mine.documentId}`)).body.data[0];
      expect([404, 405]).toContain((await a.tool.post('/api/ticket-events', { data: { type: 'x' } })).status);
      expect([404, 405]).toContain((await a.tool.put(`/api/ticket-events/${event.documentId}`, { data: { type: 'x' } })).status);
      expect([404, 405]).toContain((await a.tool.delete(`/api/ticket-events/${event.documentId}`)).status);
    });
  });

  describe('organizations, maintenance, users and files', () => {
    it('shows a portal user its own organization only', async () => {
      const list = await a.staff.get('/api/organizations');
      expect(list.body.data.map((o: { code: string }) => o.code)).toEqual(['AZERO']);
      expect((await a.staff.get(`/api/organizations/${a.organizations.ulss.documentId}`)).status).toBe(404);
    });

    it("shows staff and the referent their organization's maintenance, to read only", async () => {
      const log = await a.tool.post('/api/maintenance-logs', {
        data: { title: 'Manutenzione ULSS', type: 'preventive', state: 'planned', organization: a.organizations.ulss.documentId },
      });
      expect(log.status).toBe(201);
      // The clause: maintenance is registered on the portal for the Administration's authorized staff.
      for (const reader of [a.referent, a.staff]) {
        const list = await reader.get('/api/maintenance-logs?populate=*');
        expect(list.status).toBe(200);
        expect(list.body.data.length).toBeGreaterThan(0);
        expect(list.body.data.every((m: { organization: { code: string } }) => m.organization.code === 'AZERO')).toBe(true);
        expect((await reader.get(`/api/maintenance-logs/${log.body.data.documentId}`)).status).toBe(404);
        expect((await reader.post('/api/maintenance-logs', { data: { title: 'Dal portale', type: 'preventive' } })).status).toBe(403);
      }
    });

    it('does not let portal users list users or browse the media library', async () => {
      expect((await a.staff.get('/api/users')).status).toBe(403);
      expect((await a.staff.get('/api/upload/files')).status).toBe(403);
      const me = await a.staff.get('/api/users/me');
      expect(me.status).toBe(200);
      expect(me.body.password).toBeUndefined();
    });
  });
});
