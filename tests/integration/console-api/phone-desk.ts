import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, type Actors, type Api } from '../../support/api';
import { createAdminUser, type AdminUser } from '../../support/admin-users';
import { until } from '../../support/eventually';

const MIN = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MIN).toISOString();
let serial = 0;

/**
 * The phone desk of the console (issue 16): calls the PBX reports for an operator, or the operator answers
 * with no PBX, wait on that operator until they become a ticket, an update of an open one, or nothing.
 * Admin routes of the spoc-console plugin, called with the panel's sessions.
 */
describe.each(backends())('phone desk on $name', (backend) => {
  let a: Actors;
  let azienda: string;
  let author: AdminUser;
  let colleague: AdminUser;
  // Numbers of this file and backend only: a caller's tickets are found by number.
  const number = (n: number) => `+390498${backend.name === 'sqlite' ? '1' : '2'}${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(3, '0')}`;
  const pbx = (data: Record<string, unknown>) => a.tool.post('/api/calls', { data: { callId: `pbx-desk-${process.pid}-${Date.now()}-${++serial}`, ...data } });
  const status = async (api: Api) => (await api.get('/spoc-console/desk/status')).body.data as { calls: Array<{ documentId: string; callerNumber: string | null; startedAt: string }>; callbacks: { open: number; overdue: number } };
  const waiting = async (api: Api) => (await status(api)).calls.map((call) => call.documentId);

  beforeAll(async () => {
    a = await actors(backend);
    azienda = a.organizations.azienda.documentId;
    author = await createAdminUser(a.admin, 'Author', { firstname: 'Alda', lastname: 'Autrice' });
    colleague = await createAdminUser(a.admin, 'SPOC Operator', { firstname: 'Carla', lastname: 'Collega' });
  });

  it('refuses anonymous callers and portal users (401) and admins without the permission (403) on every route', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/spoc-console/desk/status'],
      ['GET', '/spoc-console/calls'],
      ['POST', '/spoc-console/calls'],
      ['GET', '/spoc-console/calls/whatever'],
      ['PUT', '/spoc-console/calls/whatever'],
      ['POST', '/spoc-console/calls/whatever/dismiss'],
      ['POST', '/spoc-console/calls/whatever/attach'],
    ];
    for (const [method, path] of routes) {
      const body = method === 'GET' ? undefined : {};
      expect([method, path, (await a.anonymous.request(method, path, body)).status]).toEqual([method, path, 401]);
      expect([method, path, (await a.staff.request(method, path, body)).status]).toEqual([method, path, 401]);
      expect([method, path, (await author.api.request(method, path, body)).status]).toEqual([method, path, 403]);
    }
  });

  it("pops a PBX call up for the operator it names only, with the caller's open and last closed tickets", async () => {
    const caller = number(1);
    const open = await createTicket(a.tool, azienda, { requesterName: 'Gino Rossi', requesterEmail: 'gino.rossi@azero.example.it', requesterPhone: caller, title: 'Stampante del CUP' });
    const closed = await createTicket(a.tool, azienda, { requesterName: 'Gino Rossi', requesterPhone: caller, title: 'Password scaduta' });
    for (const [action, data] of [['take-charge', {}], ['restore', { resolution: 'Password reimpostata' }], ['close', {}]] as const) {
      expect((await a.tool.post(`/api/tickets/${closed.documentId}/${action}`, { data })).status).toBe(200);
    }
    const started = ago(2);
    // The PBX writes the number its own way: the desk still knows the caller.
    const reported = await pbx({ callerNumber: caller.replace('+39', ''), startedAt: started, operatorEmail: DEMO.operator });
    expect(reported.status).toBe(201);
    const call = reported.body.data.documentId as string;

    expect(await waiting(a.operator)).toContain(call);
    expect(await waiting(a.supervisor)).not.toContain(call);
    expect(await waiting(colleague.api)).not.toContain(call);

    const detail = await a.operator.get(`/spoc-console/calls/${call}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.call).toMatchObject({ documentId: call, startedAt: started, ticket: null });
    expect(detail.body.data.caller).toMatchObject({ requesterName: 'Gino Rossi', organization: { documentId: azienda } });
    expect(detail.body.data.openTickets.map((ticket: { number: string }) => ticket.number)).toEqual([open.number]);
    expect(detail.body.data.closedTickets).toEqual([expect.objectContaining({ number: closed.number, state: 'closed', title: 'Password scaduta' })]);
    expect((await a.operator.get('/spoc-console/calls/nonexistent')).status).toBe(404);
  });

  it("registers the call's ticket from the console with channel phone and reportedAt the call's start, once", async () => {
    const started = ago(25);
    const call = (await pbx({ callerNumber: number(2), startedAt: started, operatorEmail: DEMO.operator })).body.data.documentId as string;
    const form = {
      organization: azienda,
      requesterName: 'Lia Verdi',
      title: 'Il monitor non si accende',
      description: 'Chiamata al SPOC: il monitor della postazione 3 non si accende.',
      kind: 'incident',
      priority: 'P3',
      channel: 'phone',
      call,
    };
    // The start of the call is the report's time: it is not given, nor may another channel be.
    const withTime = await a.operator.post('/spoc-console/tickets', { ...form, reportedAt: ago(1) });
    expect(withTime.status).toBe(400);
    expect(withTime.body.error.details.errors[0].path).toEqual(['reportedAt']);
    const byMail = await a.operator.post('/spoc-console/tickets', { ...form, channel: 'email' });
    expect(byMail.status).toBe(400);
    expect(byMail.body.error.details.errors[0].path).toEqual(['channel']);
    expect((await a.operator.post('/spoc-console/tickets', { ...form, call: 'nonexistent' })).status).toBe(404);

    // 25 minutes after the call, with no reason asked: the clock started at the call, which says so.
    const registered = await a.operator.post('/spoc-console/tickets', form);
    expect(registered.status).toBe(201);
    expect(registered.body.data).toMatchObject({ channel: 'phone', reportedAt: started });
    const workspace = (await a.operator.get(`/spoc-console/tickets/${registered.body.data.documentId}`)).body.data;
    expect(workspace.calls).toEqual([expect.objectContaining({ documentId: call, startedAt: started })]);
    expect(workspace.timeline.map((event: { type: string }) => event.type)).toContain('call.linked');
    expect(await waiting(a.operator)).not.toContain(call);

    const again = await a.operator.post('/spoc-console/tickets', form);
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ state: 'registered', ticket: registered.body.data.number });
  });

  it('answers a call with no PBX at the server\'s time, takes its number once, and lets only its operator handle it', async () => {
    const before = Date.now();
    const answered = await a.operator.post('/spoc-console/calls', {});
    expect(answered.status).toBe(201);
    const call = answered.body.data;
    expect(call).toMatchObject({ callerNumber: null, endedAt: null, operator: { name: expect.stringContaining('Operatore') } });
    expect(Date.parse(call.startedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(call.startedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await waiting(a.operator)).toContain(call.documentId);

    // A start cannot be chosen: it is the moment of the answer.
    const chosen = await a.operator.post('/spoc-console/calls', { startedAt: ago(60) });
    expect(Date.parse(chosen.body.data.startedAt)).toBeGreaterThanOrEqual(before - 1000);
    await a.operator.post(`/spoc-console/calls/${chosen.body.data.documentId}/dismiss`, {});

    const empty = await a.operator.put(`/spoc-console/calls/${call.documentId}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.errors[0].path).toEqual(['callerNumber']);
    expect((await colleague.api.put(`/spoc-console/calls/${call.documentId}`, { callerNumber: number(3) })).status).toBe(404);
    const numbered = await a.operator.put(`/spoc-console/calls/${call.documentId}`, { callerNumber: number(3) });
    expect(numbered.status).toBe(200);
    expect(numbered.body.data).toMatchObject({ callerNumber: number(3), startedAt: call.startedAt });
    const renumbered = await a.operator.put(`/spoc-console/calls/${call.documentId}`, { callerNumber: number(4) });
    expect(renumbered.status).toBe(409);
    expect(renumbered.body.error.details).toMatchObject({ state: 'known' });
    const hungUp = await a.operator.put(`/spoc-console/calls/${call.documentId}`, { ended: true });
    expect(hungUp.body.data.endedAt).not.toBeNull();

    const registered = await a.operator.post('/spoc-console/tickets', {
      organization: azienda,
      requesterName: 'Ugo Neri',
      requesterPhone: number(3),
      title: 'Badge non letto',
      description: 'Il lettore di badge del piano terra non legge.',
      kind: 'incident',
      priority: 'P4',
      channel: 'phone',
      call: call.documentId,
    });
    expect(registered.status).toBe(201);
    expect(registered.body.data.reportedAt).toBe(call.startedAt);
    const handled = await a.operator.post(`/spoc-console/calls/${call.documentId}/dismiss`, {});
    expect(handled.status).toBe(409);
    expect(handled.body.error.details).toMatchObject({ state: 'registered' });
  });

  it('closes a call that needed no ticket, once', async () => {
    const call = (await pbx({ callerNumber: number(5), startedAt: ago(1), operatorEmail: DEMO.operator })).body.data.documentId as string;
    expect((await colleague.api.post(`/spoc-console/calls/${call}/dismiss`, {})).status).toBe(404);
    const dismissed = await a.operator.post(`/spoc-console/calls/${call}/dismiss`, {});
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.data.dismissedAt).not.toBeNull();
    expect(await waiting(a.operator)).not.toContain(call);
    const again = await a.operator.post(`/spoc-console/calls/${call}/dismiss`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ state: 'dismissed' });
  });

  it('adds a call to an open ticket with the operator\'s note, and refuses a closed ticket', async () => {
    const ticket = await createTicket(a.tool, azienda, { requesterName: 'Rita Blu', requesterPhone: number(6) });
    const call = (await pbx({ callerNumber: number(6), startedAt: ago(3), operatorEmail: DEMO.operator })).body.data.documentId as string;
    const missing = await a.operator.post(`/spoc-console/calls/${call}/attach`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0].path).toEqual(['ticket']);
    expect((await a.operator.post(`/spoc-console/calls/${call}/attach`, { ticket: 'nonexistent' })).status).toBe(404);

    const attached = await a.operator.post(`/spoc-console/calls/${call}/attach`, { ticket: ticket.documentId, note: 'Sollecita: la stampante <b>è</b> ancora ferma.' });
    expect(attached.status).toBe(200);
    expect(attached.body.data.ticket).toMatchObject({ number: ticket.number });
    const workspace = (await a.operator.get(`/spoc-console/tickets/${ticket.documentId}`)).body.data;
    expect(workspace.calls.map((linked: { documentId: string }) => linked.documentId)).toEqual([call]);
    expect(workspace.timeline.map((event: { type: string }) => event.type)).toContain('call.linked');
    expect(workspace.followUps).toEqual([expect.objectContaining({ visibility: 'internal', body: 'Sollecita: la stampante <b>è</b> ancora ferma.' })]);
    expect((await a.tool.get(`/api/tickets/${ticket.documentId}/verify-timeline`)).body.data.valid).toBe(true);
    expect(await waiting(a.operator)).not.toContain(call);

    const closed = await createTicket(a.tool, azienda, { requesterName: 'Rita Blu' });
    await a.tool.post(`/api/tickets/${closed.documentId}/cancel`, { data: { reason: 'Doppione' } });
    const late = (await pbx({ callerNumber: number(6), startedAt: ago(1), operatorEmail: DEMO.operator })).body.data.documentId as string;
    const refused = await a.operator.post(`/spoc-console/calls/${late}/attach`, { ticket: closed.documentId });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ state: 'cancelled' });
    expect(await waiting(a.operator)).toContain(late);
    await a.operator.post(`/spoc-console/calls/${late}/dismiss`, {});
  });

  it("lists a Rome day's calls with their operator and ticket, one operator's on request", async () => {
    const call = (await pbx({ callerNumber: number(7), startedAt: ago(0), operatorEmail: DEMO.operator })).body.data.documentId as string;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
    const listed = await a.supervisor.get(`/spoc-console/calls?day=${today}`);
    expect(listed.status).toBe(200);
    const row = listed.body.data.find((entry: { documentId: string }) => entry.documentId === call);
    expect(row).toMatchObject({ callerNumber: expect.any(String), operator: { name: expect.stringContaining('Operatore') }, ticket: null });
    const operatorId = row.operator.id as number;
    const mine = (await a.supervisor.get(`/spoc-console/calls?day=${today}&operator=${operatorId}`)).body.data as Array<{ operator: { id: number } }>;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((entry) => entry.operator.id === operatorId)).toBe(true);
    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 24 * 60 * MIN).toISOString().slice(0, 10);
    expect((await a.supervisor.get(`/spoc-console/calls?day=${yesterday}`)).body.data.map((entry: { documentId: string }) => entry.documentId)).not.toContain(call);
    const bad = await a.supervisor.get('/spoc-console/calls?day=ieri');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['day']);
    await a.operator.post(`/spoc-console/calls/${call}/dismiss`, {});
  });

  it("counts the open call-backs and the overdue ones as the call-backs' own list does", async () => {
    // The progress sweep (a cron) may raise a task between the two reads: they agree once both see the same tasks.
    await until('the desk status and the call-back list to agree', async () => {
      const { callbacks } = await status(a.operator);
      const open = (await a.operator.get('/notifications/callbacks?state=open')).body.data as Array<{ dueAt: string }>;
      const now = Date.now();
      return callbacks.open === open.length && callbacks.overdue === open.filter((task) => Date.parse(task.dueAt) <= now).length;
    });
  });
});
