import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, type Actors } from '../../support/api';
import { connect, type Sql } from '../../support/database';

const MIN = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MIN).toISOString();
let serial = 0;
const callId = (name: string) => `pbx-${name}-${process.pid}-${Date.now().toString(36)}-${++serial}`;

describe.each(backends())('phone intake on $name', (backend) => {
  let a: Actors;
  let sql: Sql;
  beforeAll(async () => {
    a = await actors(backend);
    sql = await connect(backend.db);
  });
  afterAll(async () => {
    await sql?.close();
  });

  const report = (data: Record<string, unknown>) => a.tool.post('/api/calls', { data });

  it('records the call the PBX reports, completes it on hang-up, and recognises a known caller', async () => {
    // An earlier ticket left Anna Conti's number, written the way people write it.
    await createTicket(a.tool, a.organizations.ulss.documentId, { requesterName: 'Anna Conti', requesterEmail: `anna.conti.${backend.name}@aulss6.veneto.it`, requesterPhone: `+39 049 555 ${backend.name === 'sqlite' ? '1001' : '1002'}` });
    const id = callId('known');
    const started = ago(3);
    const first = await report({ callId: id, callerNumber: `0495551${backend.name === 'sqlite' ? '001' : '002'}`, startedAt: started });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ callId: id, callerNumberE164: `+390495551${backend.name === 'sqlite' ? '001' : '002'}`, endedAt: null });
    expect(first.body.data.caller).toMatchObject({ requesterName: 'Anna Conti', organization: { documentId: a.organizations.ulss.documentId } });

    const ended = new Date().toISOString();
    const hangup = await report({ callId: id, callerNumber: '0495551001', startedAt: started, endedAt: ended });
    expect(hangup.status).toBe(200);
    expect(hangup.body.data).toMatchObject({ documentId: first.body.data.documentId, endedAt: ended });
    // The same call id with another start is a different call: refused, naming the field, the call unchanged.
    const clash = await report({ callId: id, callerNumber: '0495551001', startedAt: ago(30) });
    expect(clash.status).toBe(400);
    expect(clash.body.error.details.errors[0].path).toEqual(['startedAt']);
    const listed = await a.tool.get(`/api/calls?filters[callId][$eq]=${id}`);
    expect(listed.body.data).toHaveLength(1);
  });

  it('registers the ticket of a call with the clocks started when the call started', async () => {
    const started = ago(7);
    const call = (await report({ callId: callId('ticket'), callerNumber: '+39 347 000 0000', startedAt: started })).body.data;
    const res = await a.tool.post(`/api/calls/${call.documentId}/ticket`, {
      data: { title: 'PC del CUP non si avvia', kind: 'incident', priority: 'P2', organization: a.organizations.azienda.documentId, requesterName: 'Marco Gallo' },
    });
    expect(res.status).toBe(201);
    const ticket = res.body.data;
    expect(ticket).toMatchObject({ channel: 'phone', requesterName: 'Marco Gallo', requesterPhone: '+39 347 000 0000' });
    expect(new Date(ticket.reportedAt).toISOString()).toBe(started);
    const stored = (await a.tool.get(`/api/tickets/${ticket.documentId}`)).body.data;
    // P2 on the 24x7 default policy: taken in charge within 1 hour of the call's start, not of the typing.
    expect(stored.takeChargeDueAt).toBe(new Date(Date.parse(started) + 60 * MIN).toISOString());
    const events = (await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&filters[type]=call.linked`)).body.data;
    expect(events[0].data).toMatchObject({ call: call.documentId, startedAt: started });

    const again = await a.tool.post(`/api/calls/${call.documentId}/ticket`, { data: { title: 'x', kind: 'incident', priority: 'P3', organization: a.organizations.azienda.documentId } });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ state: 'registered', ticket: ticket.number });
  });

  it('refuses what a call cannot be, naming the field, and changes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ startedAt: ago(1) }, 'callerNumber'],
      [{ callerNumber: '0490000000' }, 'startedAt'],
      [{ callerNumber: '0490000000', startedAt: new Date(Date.now() + 10 * MIN).toISOString() }, 'startedAt'],
      [{ callerNumber: '0490000000', startedAt: ago(5), endedAt: ago(10) }, 'endedAt'],
      [{ callerNumber: '0490000000', startedAt: 'ieri' }, 'startedAt'],
    ];
    for (const [data, field] of cases) {
      const res = await report({ callId: callId('bad'), ...data });
      expect(res.status, field).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
    }
    const call = (await report({ callId: callId('fields'), callerNumber: 'anonymous', startedAt: ago(1) })).body.data;
    expect(call.caller).toMatchObject({ requester: null, organization: null });
    const noOrg = await a.tool.post(`/api/calls/${call.documentId}/ticket`, { data: { title: 'x', kind: 'incident', priority: 'P3' } });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error.details.errors[0].path).toEqual(['organization']);
    const reported = await a.tool.post(`/api/calls/${call.documentId}/ticket`, { data: { title: 'x', reportedAt: ago(60), organization: a.organizations.azienda.documentId } });
    expect(reported.body.error.details.errors[0].path).toEqual(['reportedAt']);
    expect((await a.tool.post('/api/calls/unknown/ticket', { data: { title: 'x' } })).status).toBe(404);
    expect((await a.tool.get(`/api/calls/${call.documentId}`)).body.data.ticket ?? null).toBeNull();
  });

  it('links the operator the PBX names by e-mail, and records the call all the same when the address is unknown', async () => {
    const operatorOf = async (documentId: string) =>
      (await sql.query<{ email: string }>('SELECT u.email FROM calls c JOIN calls_operator_lnk l ON l.call_id = c.id JOIN admin_users u ON u.id = l.user_id WHERE c.document_id = ?', [documentId])).map((row) => row.email);
    const answered = await report({ callId: callId('operator'), callerNumber: '0490000000', startedAt: ago(2), operatorEmail: ` ${DEMO.operator.toUpperCase()} ` });
    expect(answered.status).toBe(201);
    expect(await operatorOf(answered.body.data.documentId)).toEqual([DEMO.operator]);
    // A PBX extension mapped to an address the SPOC does not have: the call (and its clock start) is kept.
    const unknown = await report({ callId: callId('operator'), callerNumber: '0490000000', startedAt: ago(1), operatorEmail: 'nessuno@spoc-desk.local' });
    expect(unknown.status).toBe(201);
    expect(await operatorOf(unknown.body.data.documentId)).toEqual([]);
  });

  it('keeps calls away from portal users and anonymous callers', async () => {
    expect((await a.staff.get('/api/calls')).status).toBe(403);
    expect((await a.staff.post('/api/calls', { data: { callerNumber: '0490000000', startedAt: ago(1) } })).status).toBe(403);
    expect((await a.anonymous.post('/api/calls', { data: { callerNumber: '0490000000', startedAt: ago(1) } })).status).toBe(403);
  });

  it('records one call when the PBX reports it twice at the same moment', async () => {
    const id = callId('race');
    const started = ago(2);
    const results = await Promise.all(Array.from({ length: 4 }, () => report({ callId: id, callerNumber: '0490000000', startedAt: started })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.data.documentId)).size).toBe(1);
  });
});
