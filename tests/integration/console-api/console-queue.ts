import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';
import { createAdminUser, type AdminUser } from '../../support/admin-users';

const MIN = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MIN).toISOString();

describe.each(backends())('SPOC console queue on $name', (backend) => {
  let a: Actors;
  let quiet: string;
  let editor: AdminUser;
  let operatorId: number;

  beforeAll(async () => {
    a = await actors(backend);
    quiet = a.organizations.quiet.documentId;
    // An admin of the panel without the console's permissions (Strapi's own Editor role).
    editor = await createAdminUser(a.admin, 'Editor', { firstname: 'Elena', lastname: 'Editrice' });
    operatorId = (await a.operator.get('/admin/users/me')).body.data.id;
  });

  /** Five open tickets whose titles carry `tag`, so that a search keeps a test to its own rows. */
  async function fiveTickets(tag: string) {
    const category = await a.tool.post('/api/categories', { data: { name: `Stampanti ${tag}`, code: `CAT-${tag}`.toUpperCase() } });
    expect(category.status).toBe(201);
    const planned = await createTicket(a.tool, a.organizations.azienda.documentId, { title: `Monitor ${tag}`, priority: 'P4', channel: 'email', reportedAt: ago(1) });
    const breached = await createTicket(a.tool, quiet, { title: `Rete assente ${tag}`, priority: 'P1', reportedAt: ago(120) });
    const fresh = await createTicket(a.tool, quiet, {
      title: `Badge ${tag}`,
      priority: 'P1',
      reportedAt: ago(10),
      category: category.body.data.documentId,
      requesterName: `Zelinda Quaglia${tag}`,
      requesterEmail: `zelinda.${tag}@azero.veneto.it`,
      requesterPhone: '+39 049 1234567',
    });
    const working = await createTicket(a.tool, quiet, { title: `Scanner ${tag}`, priority: 'P3', reportedAt: ago(5) });
    const paused = await createTicket(a.tool, quiet, { title: `Software ${tag}`, priority: 'P2', reportedAt: ago(5) });
    for (const ticket of [working, paused]) {
      expect((await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {})).status).toBe(200);
    }
    const suspended = await a.operator.post(`/spoc-console/tickets/${paused.documentId}/actions/suspend`, {
      reason: "In attesa della sostituzione da parte dell'ente",
      attributableToAdministration: true,
    });
    expect(suspended.status).toBe(200);
    return { planned, breached, fresh, working, paused, category: category.body.data.documentId as string };
  }

  const numbers = (res: { body: { data: Array<{ number: string }> } }) => res.body.data.map((row) => row.number);

  it('lists the open tickets most urgent first: breached, then by the running clock’s due, paused last', async () => {
    const tag = `q${randomUUID().slice(0, 8)}`;
    const t = await fiveTickets(tag);
    const res = await a.operator.get(`/spoc-console/queue?tab=open&q=${tag}`);
    expect(res.status).toBe(200);
    expect(numbers(res)).toEqual([t.breached.number, t.fresh.number, t.planned.number, t.working.number, t.paused.number]);
    expect(res.body.meta.counts).toEqual({ mine: 2, unassigned: 3, open: 5, risk: 1, restored: 0 });
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 5 });
    expect(Math.abs(Date.parse(res.body.meta.serverTime) - Date.now())).toBeLessThan(60_000);

    const [breached, fresh, planned, working, paused] = res.body.data;
    expect(breached.clock).toMatchObject({ kind: 'take_charge', state: 'breached', targetMinutes: 30 });
    expect(breached.clock.remainingMs).toBeLessThan(0);
    expect(fresh).toMatchObject({
      documentId: t.fresh.documentId,
      title: `Badge ${tag}`,
      state: 'new',
      priority: 'P1',
      kind: 'incident',
      channel: 'phone',
      organization: { documentId: quiet, name: 'Ente di prova senza notifiche' },
      requester: { name: `Zelinda Quaglia${tag}`, email: `zelinda.${tag}@azero.veneto.it`, phone: '+39 049 1234567' },
      category: { documentId: t.category, name: `Stampanti ${tag}` },
      assignee: null,
      clock: { kind: 'take_charge', state: 'on_time', dueAt: new Date(Date.parse(t.fresh.reportedAt) + 30 * MIN).toISOString() },
    });
    expect(fresh.reportedAt).toBe(t.fresh.reportedAt);
    expect(fresh.clock.remainingMs).toBeGreaterThan(0);
    expect(planned).toMatchObject({ channel: 'email', organization: { documentId: a.organizations.azienda.documentId } });
    expect(working).toMatchObject({ state: 'in_charge', assignee: { id: operatorId, name: 'Oscar Operatore' }, clock: { kind: 'restore', state: 'on_time', targetMinutes: 1440 } });
    expect(paused).toMatchObject({ state: 'suspended', clock: { kind: 'restore', state: 'paused', dueAt: null, remainingMs: null } });
  });

  it('fills each tab, pages, and filters by priority, organization, channel, category, state and search', async () => {
    const tag = `q${randomUUID().slice(0, 8)}`;
    const t = await fiveTickets(tag);
    const get = (query: string) => a.operator.get(`/spoc-console/queue?q=${tag}&${query}`);

    expect(numbers(await get('tab=mine'))).toEqual([t.working.number, t.paused.number]);
    expect(numbers(await get('tab=unassigned'))).toEqual([t.breached.number, t.fresh.number, t.planned.number]);
    expect(numbers(await get('tab=risk'))).toEqual([t.breached.number]);
    // Another operator's "mine" is not this one's.
    expect((await a.supervisor.get(`/spoc-console/queue?q=${tag}&tab=mine`)).body.data).toEqual([]);

    const second = await get('tab=open&page=2&pageSize=2');
    expect(numbers(second)).toEqual([t.planned.number, t.working.number]);
    expect(second.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 3, total: 5 });
    // Pages where the running dues end, and past them: the paused ticket comes last.
    expect(numbers(await get('tab=open&page=3&pageSize=2'))).toEqual([t.paused.number]);
    expect(numbers(await get('tab=open&page=2&pageSize=3'))).toEqual([t.working.number, t.paused.number]);
    expect(numbers(await get('tab=open&page=4&pageSize=2'))).toEqual([]);

    expect(numbers(await get('priority=P1'))).toEqual([t.breached.number, t.fresh.number]);
    expect(numbers(await get(`organization=${a.organizations.azienda.documentId}`))).toEqual([t.planned.number]);
    expect(numbers(await get('channel=email'))).toEqual([t.planned.number]);
    expect(numbers(await get(`category=${t.category}`))).toEqual([t.fresh.number]);
    expect(numbers(await get('state=suspended'))).toEqual([t.paused.number]);
    const filtered = await get('priority=P1&tab=unassigned');
    expect(filtered.body.meta.counts).toEqual({ mine: 0, unassigned: 2, open: 2, risk: 1, restored: 0 });

    // Search by number, by title and by the requester, case aside.
    expect(numbers(await a.operator.get(`/spoc-console/queue?q=${t.working.number.toLowerCase()}`))).toEqual([t.working.number]);
    expect(numbers(await a.operator.get(`/spoc-console/queue?q=${encodeURIComponent(`BADGE ${tag}`)}`))).toEqual([t.fresh.number]);
    expect(numbers(await a.operator.get(`/spoc-console/queue?q=quaglia${tag}`))).toEqual([t.fresh.number]);
    // LIKE's wildcards are searched for, not obeyed.
    expect((await a.operator.get(`/spoc-console/queue?q=${encodeURIComponent(`${tag}%`)}`)).body.data).toEqual([]);

    // Restored tickets leave the open tabs for their own, with the restore clock met.
    expect((await a.operator.post(`/spoc-console/tickets/${t.working.documentId}/actions/restore`, { resolution: 'Sostituito il cavo dello scanner' })).status).toBe(200);
    const restored = await get('tab=restored');
    expect(numbers(restored)).toEqual([t.working.number]);
    expect(restored.body.data[0].clock).toMatchObject({ kind: 'restore', state: 'met', remainingMs: null });
    expect(restored.body.meta.counts).toMatchObject({ open: 4, mine: 1, restored: 1 });
  });

  it('answers 400 naming the parameter for an unknown tab, priority, state or channel and a bad page', async () => {
    const cases: Array<[string, string]> = [
      ['tab=everything', 'tab'],
      ['tab=open&tab=mine', 'tab'],
      ['priority=P9', 'priority'],
      ['state=open', 'state'],
      ['channel=fax', 'channel'],
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['pageSize=500', 'pageSize'],
      ['organization=%27%20OR%201%3D1', 'organization'],
    ];
    for (const [query, field] of cases) {
      const res = await a.operator.get(`/spoc-console/queue?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.errors[0].path, query).toEqual([field]);
    }
  });

  it('offers the filters’ choices and the operators who can be assigned', async () => {
    const res = await a.operator.get('/spoc-console/queue/options');
    expect(res.status).toBe(200);
    const { data } = res.body;
    expect(data.organizations).toContainEqual({ documentId: quiet, name: 'Ente di prova senza notifiche' });
    expect(data.priorities).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(data.channels).toEqual(['phone', 'email', 'portal', 'api']);
    expect(data.states).toEqual(['new', 'in_charge', 'suspended', 'restored', 'closed', 'cancelled']);
    expect(Array.isArray(data.categories)).toBe(true);
    expect(data.operators).toContainEqual({ id: operatorId, name: 'Oscar Operatore' });
    expect(data.operators.map((operator: { id: number }) => operator.id)).not.toContain(editor.id);
  });

  it('refuses anonymous callers and portal users (401) and admins without the permission (403)', async () => {
    for (const path of ['/spoc-console/queue', '/spoc-console/queue/options']) {
      expect((await a.anonymous.get(path)).status, path).toBe(401);
      expect((await a.staff.get(path)).status, path).toBe(401);
      expect((await editor.api.get(path)).status, path).toBe(403);
    }
  });
});
