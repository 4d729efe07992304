import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, type Actors, type Api } from '../../support/api';
import type { ApiResponse } from '../../support/http';

/**
 * Writes take only the fields a caller may write, and link only records the caller may link (issue 12, item 3).
 * The attacker is a Staff user (or Referente) of one organization, or a tool linking across organizations;
 * the victim records belong to the other organization. Every refusal is a 400 naming the field, and the
 * victim's records stay where they were.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function form(data: Record<string, unknown>, withFile = false) {
  const body = new FormData();
  body.append('data', JSON.stringify(data));
  if (withFile) body.append('files', new Blob([PDF], { type: 'application/pdf' }), 'modulo.pdf');
  return body;
}

/** Every spelling Strapi accepts for linking the record `target` through a relation or media field. */
function shapes(target: { id: number; documentId?: string }, toOne = false) {
  const refs: Array<[string, unknown]> = [
    ['[id]', [target.id]],
    ['[{id}]', [{ id: target.id }]],
    ['{connect:[{id}]}', { connect: [{ id: target.id }] }],
    ['{connect:[id]}', { connect: [target.id] }],
    ['{set:[{id}]}', { set: [{ id: target.id }] }],
    ['{disconnect:[{id}]}', { disconnect: [{ id: target.id }] }],
    ['{connect:[{id, position}]}', { connect: [{ id: target.id, position: { end: true } }] }],
  ];
  if (target.documentId) {
    refs.push(['[documentId]', [target.documentId]], ['{connect:[{documentId}]}', { connect: [{ documentId: target.documentId }] }]);
    refs.push(['{set:[documentId]}', { set: [target.documentId] }]);
  }
  if (toOne) {
    refs.push(['id', target.id], ['{id}', { id: target.id }]);
    if (target.documentId) refs.push(['documentId', target.documentId]);
  }
  return refs;
}

function expectRefused(res: ApiResponse, field: string, shape: string) {
  expect(res.status, `${field} as ${shape}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body.error.details.errors[0].path, `${field} as ${shape}`).toEqual([field]);
}

describe.each(backends())('writes by allow-list on $name', (backend) => {
  let a: Actors;
  /** Organization A (azienda): the victim. */
  let victimTicket: { id: number; documentId: string; number: string };
  let victimFile: { id: number; documentId: string };
  let victimInternal: { id: number; documentId: string };
  let victimPublic: { id: number; documentId: string };
  let victimLog: { id: number; documentId: string };
  let victimUser: { id: number };
  /** Organization B (ulss): the attacker's own records. */
  let ownTicket: { id: number; documentId: string; number: string };
  let ownLog: { id: number; documentId: string };
  let ulssTicketCount: () => Promise<number>;

  const followUp = async (ticket: string, visibility: string, body: string) => {
    const res = await a.tool.post('/api/follow-ups', { data: { ticket, visibility, body } });
    expect(res.status).toBe(201);
    return res.body.data as { id: number; documentId: string };
  };

  /** The victim's records are still where they were: the file on its ticket, both notes on it, the log unlinked. */
  async function expectVictimUntouched() {
    const ticket = await a.tool.get(`/api/tickets/${victimTicket.documentId}?populate[attachments]=true&populate[followUps]=true`);
    expect(ticket.body.data.attachments.map((file: { id: number }) => file.id)).toEqual([victimFile.id]);
    expect(ticket.body.data.followUps.map((note: { id: number }) => note.id).sort()).toEqual([victimInternal.id, victimPublic.id].sort());
    const own = await a.tool.get(`/api/tickets/${ownTicket.documentId}?populate[attachments]=true&populate[followUps]=true&populate[maintenanceLogs]=true`);
    expect(own.body.data.attachments ?? []).toEqual([]);
    // Its own follow-ups (a test adds one, with a file of its own) but none of the victim's.
    const ownNotes = (own.body.data.followUps ?? []).map((note: { id: number }) => note.id);
    expect(ownNotes).not.toContain(victimInternal.id);
    expect(ownNotes).not.toContain(victimPublic.id);
    expect(own.body.data.maintenanceLogs ?? []).toEqual([]);
    const log = await a.tool.get(`/api/maintenance-logs/${victimLog.documentId}?populate[tickets]=true&populate[attachments]=true`);
    expect(log.body.data.tickets ?? []).toEqual([]);
    expect(log.body.data.attachments ?? []).toEqual([]);
    const own2 = await a.tool.get(`/api/maintenance-logs/${ownLog.documentId}?populate[tickets]=true&populate[attachments]=true`);
    expect(own2.body.data.tickets ?? []).toEqual([]);
    expect(own2.body.data.attachments ?? []).toEqual([]);
  }

  beforeAll(async () => {
    a = await actors(backend);
    const azienda = a.organizations.azienda.documentId;
    const ulss = a.organizations.ulss.documentId;
    victimTicket = await createTicket(a.tool, azienda, { title: 'Ticket con allegato riservato' });
    const uploaded = await a.tool.request('POST', `/api/tickets/${victimTicket.documentId}/attachments`, form({}, true));
    expect(uploaded.status).toBe(201);
    victimFile = uploaded.body.data.attachments[0];
    victimInternal = await followUp(victimTicket.documentId, 'internal', 'Nota interna riservata');
    victimPublic = await followUp(victimTicket.documentId, 'public', 'Risposta pubblica');
    const log = await a.tool.post('/api/maintenance-logs', { data: { title: 'Manutenzione riservata AZERO', type: 'preventive', state: 'planned', organization: azienda } });
    expect(log.status).toBe(201);
    victimLog = log.body.data;
    const users = await a.tool.get(`/api/users?filters[email][$eq]=${encodeURIComponent(DEMO.staff)}`);
    victimUser = users.body[0];
    ownTicket = await createTicket(a.tool, ulss, { title: 'Ticket di ULSS 6' });
    const mine = await a.tool.post('/api/maintenance-logs', { data: { title: 'Manutenzione ULSS', type: 'preventive', state: 'planned', organization: ulss } });
    ownLog = mine.body.data;
    ulssTicketCount = async () => (await a.tool.get(`/api/tickets?filters[organization][documentId]=${ulss}&pagination[pageSize]=1`)).body.meta.pagination.total;
  });

  describe('portal users', () => {
    const ticketData = (extra: Record<string, unknown>) => ({ title: 'Tentativo', kind: 'incident', priority: 'P3', ...extra });

    it('cannot link files, follow-ups, maintenance or people when opening a ticket, in any shape', async () => {
      const before = await ulssTicketCount();
      const attempts: Array<[Api, string, { id: number; documentId?: string }, boolean]> = [
        [a.otherStaff, 'attachments', victimFile, false],
        [a.otherStaff, 'followUps', victimInternal, false],
        [a.otherStaff, 'maintenanceLogs', victimLog, false],
        [a.otherStaff, 'assignee', { id: 1 }, true],
        [a.otherStaff, 'requester', victimUser, true],
        [a.otherStaff, 'organization', a.organizations.azienda, true],
      ];
      for (const [who, field, target, toOne] of attempts) {
        for (const [shape, value] of shapes(target, toOne)) {
          expectRefused(await who.post('/api/tickets', { data: ticketData({ [field]: value }) }), field, shape);
          // The same in a multipart body, beside a file of its own.
          if (shape === '[id]') expectRefused(await who.request('POST', '/api/tickets', form(ticketData({ [field]: value }), true)), field, `multipart ${shape}`);
        }
      }
      expect(await ulssTicketCount()).toBe(before);
      await expectVictimUntouched();
    });

    it("cannot link another organization's maintenance log as a Referente", async () => {
      // The referent is of AZERO: the ULSS log is the foreign one here.
      for (const [shape, value] of shapes(ownLog)) {
        expectRefused(await a.referent.post('/api/tickets', { data: ticketData({ maintenanceLogs: value }) }), 'maintenanceLogs', shape);
      }
      await expectVictimUntouched();
    });

    it('refuses unknown and system keys by name', async () => {
      for (const field of ['foo', 'number', 'state', 'status', 'timelineHash', 'registeredAt', 'descriptionHtml', 'id', 'documentId']) {
        expectRefused(await a.otherStaff.post('/api/tickets', { data: ticketData({ [field]: 'x' }) }), field, 'value');
      }
    });

    it('links an existing category only', async () => {
      const categories = await a.tool.get('/api/categories?pagination[pageSize]=1');
      const category = categories.body.data[0];
      const ok = await a.otherStaff.post('/api/tickets', { data: ticketData({ category: category.documentId }) });
      expect(ok.status).toBe(201);
      expectRefused(await a.otherStaff.post('/api/tickets', { data: ticketData({ category: 'nessuna-categoria-cosi' }) }), 'category', 'unknown documentId');
      expectRefused(await a.otherStaff.post('/api/tickets', { data: ticketData({ category: 999999 }) }), 'category', 'unknown id');
    });

    it('cannot attach files by id to a follow-up, nor add keys it may not write', async () => {
      for (const [shape, value] of shapes(victimFile)) {
        expectRefused(
          await a.otherStaff.post('/api/follow-ups', { data: { ticket: ownTicket.documentId, body: 'Allego', attachments: value } }),
          'attachments',
          shape
        );
      }
      expectRefused(await a.otherStaff.post('/api/follow-ups', { data: { ticket: ownTicket.documentId, body: 'x', foo: 1 } }), 'foo', 'value');
      expectRefused(await a.otherStaff.post('/api/follow-ups', { data: { ticket: ownTicket.documentId, body: 'x', authorAdmin: 1 } }), 'authorAdmin', 'value');
      // The ticket itself, in any shape: another organization's is not found.
      for (const ticket of [victimTicket.documentId, victimTicket.id, { id: victimTicket.id }, { connect: [{ id: victimTicket.id }] }]) {
        const res = await a.otherStaff.post('/api/follow-ups', { data: { ticket, body: 'x' } });
        expect([400, 404], JSON.stringify(ticket)).toContain(res.status);
      }
      await expectVictimUntouched();
      // A file sent in the same request is welcome.
      const ok = await a.otherStaff.request('POST', '/api/follow-ups', form({ ticket: ownTicket.documentId, body: 'Con allegato' }, true));
      expect(ok.status).toBe(201);
    });

    it('refuses unknown keys on lifecycle actions and on the account', async () => {
      const ticket = await createTicket(a.tool, a.organizations.ulss.documentId);
      await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
      await a.tool.post(`/api/tickets/${ticket.documentId}/restore`, { data: { resolution: 'Fatto' } });
      expectRefused(await a.otherStaff.post(`/api/tickets/${ticket.documentId}/reopen`, { data: { reason: 'No', followUps: [victimInternal.id] } }), 'followUps', 'action');
      expectRefused(await a.otherStaff.post(`/api/tickets/${ticket.documentId}/close`, { data: { attachments: [victimFile.id] } }), 'attachments', 'action');
      expectRefused(await a.otherStaff.put('/api/portal/me', { data: { language: 'it', organization: a.organizations.azienda.id } }), 'organization', 'account');
      await expectVictimUntouched();
    });
  });

  describe('API tokens', () => {
    it('never writes followUps through a ticket, on create or update', async () => {
      for (const [shape, value] of shapes(victimInternal)) {
        expectRefused(await a.tool.post('/api/tickets', { data: { title: 'x', kind: 'incident', priority: 'P3', organization: a.organizations.ulss.documentId, followUps: value } }), 'followUps', shape);
        expectRefused(await a.tool.put(`/api/tickets/${ownTicket.documentId}`, { data: { followUps: value } }), 'followUps', shape);
      }
      await expectVictimUntouched();
    });

    it("links only files attached nowhere else, and maintenance and requesters of the ticket's organization", async () => {
      const create = (extra: Record<string, unknown>) =>
        a.tool.post('/api/tickets', { data: { title: 'x', kind: 'incident', priority: 'P3', organization: a.organizations.ulss.documentId, ...extra } });
      for (const [field, target, toOne] of [
        ['attachments', victimFile, false],
        ['maintenanceLogs', victimLog, false],
        ['requester', victimUser, true],
      ] as const) {
        for (const [shape, value] of shapes(target, toOne)) {
          expectRefused(await create({ [field]: value }), field, shape);
          expectRefused(await a.tool.put(`/api/tickets/${ownTicket.documentId}`, { data: { [field]: value } }), field, `update ${shape}`);
        }
      }
      expectRefused(await create({ foo: 1 }), 'foo', 'value');
      await expectVictimUntouched();
      // The own organization's log links fine.
      const linked = await a.tool.put(`/api/tickets/${ownTicket.documentId}`, { data: { maintenanceLogs: [ownLog.documentId] } });
      expect(linked.status).toBe(200);
      const unlinked = await a.tool.put(`/api/tickets/${ownTicket.documentId}`, { data: { maintenanceLogs: { disconnect: [ownLog.documentId] } } });
      expect(unlinked.status).toBe(200);
    });

    it('cannot take attached files or link foreign tickets through follow-ups and maintenance logs', async () => {
      for (const [shape, value] of shapes(victimFile)) {
        expectRefused(await a.tool.post('/api/follow-ups', { data: { ticket: ownTicket.documentId, body: 'x', attachments: value } }), 'attachments', shape);
        expectRefused(await a.tool.put(`/api/maintenance-logs/${ownLog.documentId}`, { data: { attachments: value } }), 'attachments', `log ${shape}`);
      }
      for (const [shape, value] of shapes(victimTicket)) {
        expectRefused(await a.tool.put(`/api/maintenance-logs/${ownLog.documentId}`, { data: { tickets: value } }), 'tickets', shape);
        expectRefused(
          await a.tool.post('/api/maintenance-logs', { data: { title: 'x', type: 'preventive', state: 'planned', organization: a.organizations.ulss.documentId, tickets: value } }),
          'tickets',
          `create ${shape}`
        );
      }
      expectRefused(await a.tool.put(`/api/maintenance-logs/${ownLog.documentId}`, { data: { foo: 1 } }), 'foo', 'value');
      await expectVictimUntouched();
    });

    it('refuses relation fields the call registration does not take', async () => {
      const call = await a.tool.post('/api/calls', { data: { callerNumber: '+39 049 000 1111', startedAt: new Date().toISOString() } });
      expect(call.status).toBe(201);
      const res = await a.tool.post(`/api/calls/${call.body.data.documentId}/ticket`, {
        data: { title: 'x', kind: 'incident', priority: 'P3', organization: a.organizations.ulss.documentId, followUps: [victimInternal.id] },
      });
      expectRefused(res, 'followUps', 'call');
      await expectVictimUntouched();
    });
  });
});
