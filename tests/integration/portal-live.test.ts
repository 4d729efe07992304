import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors, startTestInstance } from '../support/api';
import { connect, type Sql } from '../support/database';
import { DEMO_PASSWORD, portalLogin } from '../support/http';
import { type RunningInstance } from '../support/instances';
import { openSse, type SseStream } from '../support/sse';

const LIVE = '/api/portal/live';

/** Opens a stream that must be accepted. */
async function stream(baseUrl: string, token: string, lastEventId?: number | string): Promise<SseStream> {
  const opened = await openSse(baseUrl + LIVE, { token, lastEventId });
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return opened.stream!;
}

/** A users-permissions JWT signed like Strapi signs them (HS256, the instances' JWT secret), with our own expiry. */
function portalJwt(userId: number, expiresInSeconds: number): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ id: userId, iat: now, exp: now + expiresInSeconds })}`;
  const signature = createHmac('sha256', process.env.JWT_SECRET ?? 'spoc-desk-dev-jwt-secret').update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

describe.each(backends())('portal live updates on $name', (backend) => {
  let a: Actors;
  let azienda: string;
  let ulss: string;
  const open: SseStream[] = [];

  async function track(s: Promise<SseStream>) {
    const opened = await s;
    open.push(opened);
    return opened;
  }

  beforeAll(async () => {
    a = await actors(backend);
    azienda = a.organizations.azienda.documentId;
    ulss = a.organizations.ulss.documentId;
  });
  // Each test closes its streams, so that one user's open streams stay under the per-user limit.
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('refuses a request without a portal session with 401', async () => {
    const none = await openSse(backend.url + LIVE);
    expect(none.status).toBe(401);
    const garbage = await openSse(backend.url + LIVE, { token: 'not-a-jwt' });
    expect(garbage.status).toBe(401);
    // An API token is a tool, not a portal user: it has no organization whose events it could follow.
    const tool = await openSse(backend.url + LIVE, { token: a.tool.token });
    expect(tool.status).toBe(401);
  });

  it('refuses a malformed Last-Event-ID naming the field', async () => {
    const res = await openSse(backend.url + LIVE, { token: a.staff.token, lastEventId: 'abc' });
    expect(res.status).toBe(400);
    expect((res.body as { error: { details: { errors: Array<{ path: string[] }> } } }).error.details.errors[0].path).toEqual(['lastEventId']);
  });

  it('answers an unbuffered event stream with a retry interval', async () => {
    const opened = await openSse(backend.url + LIVE, { token: a.staff.token });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(opened.headers.get('cache-control')).toContain('no-cache');
    expect(opened.headers.get('x-accel-buffering')).toBe('no');
    expect(opened.headers.get('content-encoding')).toBeNull();
    const s = await track(Promise.resolve(opened.stream!));
    expect(await s.waitFor(() => s.retry, 'retry line')).toBe(3000);
  });

  it("delivers an operator's action to an open stream of the ticket's organization", async () => {
    const s = await track(stream(backend.url, a.staff.token!));
    const ticket = await createTicket(a.tool, azienda, { title: 'Monitor guasto in accettazione' });
    expect((await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`)).status).toBe(200);

    const created = await s.waitForTicketEvent(ticket.documentId, 'ticket.created');
    const taken = await s.waitForTicketEvent(ticket.documentId, 'ticket.take-charge');
    expect(taken).toMatchObject({ ticketDocumentId: ticket.documentId, number: ticket.number });
    expect(new Date(taken.at).toISOString()).toBe(taken.at);
    expect(taken.id).toBeGreaterThan(created.id);
    // The same ids as the scoped REST timeline gives the portal user.
    const timeline = await a.staff.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&sort=id`);
    expect(timeline.body.data.map((event: { id: number }) => event.id)).toEqual(expect.arrayContaining([created.id, taken.id]));
  });

  it('never sends internal events or another organization’s events', async () => {
    const mine = await track(stream(backend.url, a.staff.token!));
    const theirs = await track(stream(backend.url, a.otherStaff.token!));
    const ours = await createTicket(a.tool, azienda, { title: 'Badge non funzionante' });
    const foreign = await createTicket(a.tool, ulss, { title: 'Stampante di ULSS 6' });
    const note = async (ticket: string, visibility: string, body: string) => {
      const res = await a.tool.post('/api/follow-ups', { data: { ticket, visibility, body } });
      expect(res.status).toBe(201);
    };
    await note(ours.documentId, 'internal', 'Nota interna: da verificare con il fornitore');
    await a.tool.put(`/api/tickets/${ours.documentId}`, { data: { priority: 'P2' } }); // recorded as an internal event
    await note(ours.documentId, 'public', 'Stiamo verificando il badge');
    await note(foreign.documentId, 'public', 'Messaggio per ULSS 6');

    // Events go out in id order: once the public note has arrived, the internal ones before it were passed over.
    const publicNote = await mine.waitForTicketEvent(ours.documentId, 'follow-up.added');
    const all = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ours.documentId}&sort=id&pagination[pageSize]=100`);
    const internal = all.body.data.filter((event: { visibility: string }) => event.visibility === 'internal').map((event: { id: number }) => event.id);
    expect(internal.length).toBeGreaterThanOrEqual(2);
    expect(internal.every((id: number) => id < publicNote.id)).toBe(true);
    expect(mine.ticketEvents().filter((event) => internal.includes(event.id))).toEqual([]);

    // The other organization's user sees its own ticket and nothing of ours; ours never sees theirs.
    await theirs.waitForTicketEvent(foreign.documentId, 'follow-up.added');
    expect(theirs.ticketEvents().filter((event) => event.ticketDocumentId === ours.documentId)).toEqual([]);
    await note(ours.documentId, 'public', 'Secondo messaggio: il badge è stato sostituito');
    await mine.waitFor(() => mine.ticketEvents().filter((event) => event.ticketDocumentId === ours.documentId && event.type === 'follow-up.added').length === 2, 'second public note');
    expect(mine.ticketEvents().filter((event) => event.ticketDocumentId === foreign.documentId)).toEqual([]);
  });

  it('replays, after Last-Event-ID, what happened while the client was away, then goes on live', async () => {
    const ticket = await createTicket(a.tool, azienda, { title: 'Rete lenta al terzo piano' });
    const first = await track(stream(backend.url, a.staff.token!));
    expect((await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`)).status).toBe(200);
    const seen = await first.waitForTicketEvent(ticket.documentId, 'ticket.take-charge');
    await first.close();

    // While disconnected.
    expect((await a.tool.post(`/api/tickets/${ticket.documentId}/suspend`, { data: { reason: 'In attesa del tecnico di rete' } })).status).toBe(200);
    expect((await a.tool.post('/api/follow-ups', { data: { ticket: ticket.documentId, visibility: 'public', body: 'Sospeso in attesa del tecnico' } })).status).toBe(201);

    const again = await track(stream(backend.url, a.staff.token!, seen.id));
    const suspended = await again.waitForTicketEvent(ticket.documentId, 'ticket.suspend');
    const followUp = await again.waitForTicketEvent(ticket.documentId, 'follow-up.added');
    expect(suspended.id).toBeLessThan(followUp.id);
    expect(again.ticketEvents().every((event) => event.id > seen.id)).toBe(true);
    const ids = again.ticketEvents().map((event) => event.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);

    // And live after the replay.
    expect((await a.tool.post(`/api/tickets/${ticket.documentId}/resume`)).status).toBe(200);
    await again.waitForTicketEvent(ticket.documentId, 'ticket.resume');

    // The query-string form, for clients that cannot set the header.
    const byQuery = await openSse(`${backend.url}${LIVE}?lastEventId=${seen.id}`, { token: a.staff.token });
    expect(byQuery.status).toBe(200);
    const replayed = await track(Promise.resolve(byQuery.stream!));
    await replayed.waitForTicketEvent(ticket.documentId, 'ticket.resume');
    expect(replayed.ticketEvents().find((event) => event.type === 'ticket.suspend' && event.ticketDocumentId === ticket.documentId)?.id).toBe(suspended.id);
  });

  it('limits the open streams of one user', async () => {
    // The Referente is used by no other test here, so its count starts at zero.
    const streams = [];
    for (let i = 0; i < 5; i++) streams.push(await track(stream(backend.url, a.referent.token!)));
    const refused = await openSse(backend.url + LIVE, { token: a.referent.token });
    expect(refused.status).toBe(429);
    await streams[0].close();
    // The server notices the closed connection on its own; the slot comes back then.
    await expect.poll(async () => {
      const res = await openSse(backend.url + LIVE, { token: a.referent.token });
      if (res.stream) open.push(res.stream);
      return res.status;
    }, { timeout: 15_000 }).toBe(200);
  });

  it('closes the stream when the session expires, and the reconnection is refused', async () => {
    const me = await a.staff.get('/api/users/me');
    expect(me.status).toBe(200);
    const token = portalJwt(me.body.id, 2);
    const s = await track(stream(backend.url, token));
    await s.ended;
    expect((await openSse(backend.url + LIVE, { token })).status).toBe(401);
  });

  it('closes the streams of an account blocked while connected', async () => {
    const roles = await a.tool.get('/api/users-permissions/roles');
    const staffRole = roles.body.roles.find((role: { type: string }) => role.type === 'staff');
    const email = `live.${backend.name}.${Date.now()}@azero.veneto.it`;
    const created = await a.tool.post('/api/users', {
      username: email,
      email,
      password: DEMO_PASSWORD,
      role: staffRole.id,
      confirmed: true,
      organization: a.organizations.azienda.id,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const session = await portalLogin(backend.url, email);
    const s = await track(stream(backend.url, session.token!));
    await s.waitFor(() => s.retry, 'retry line');

    expect((await a.tool.put(`/api/users/${created.body.id}`, { blocked: true })).status).toBe(200);
    // The sessions are checked with each heartbeat.
    await s.ended;
    expect((await openSse(backend.url + LIVE, { token: session.token })).status).toBe(401);
  });
});

describe.skipIf(!backends().some((backend) => backend.name === 'postgres'))('portal live updates across instances on PostgreSQL', () => {
  const backend = backends().find((b) => b.name === 'postgres')!;
  let a: Actors;
  let second: RunningInstance;
  let sql: Sql;
  const open: SseStream[] = [];

  beforeAll(async () => {
    a = await actors(backend);
    // A second Strapi on the same database, as behind a load balancer; portal JWTs are valid on both.
    second = await startTestInstance(backend.db);
    sql = await connect(backend.db);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await second?.stop();
    await sql?.close();
  });

  it('brings an action made through instance A to a stream open on instance B', async () => {
    const onB = await stream(second.url, a.staff.token!);
    open.push(onB);
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Telefono IP muto' });
    expect((await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`)).status).toBe(200);
    await onB.waitForTicketEvent(ticket.documentId, 'ticket.created');
    await onB.waitForTicketEvent(ticket.documentId, 'ticket.take-charge');
  });

  it('loses nothing when the LISTEN connection drops: it reconnects and reads what was committed meanwhile', async () => {
    const onB = await stream(second.url, a.staff.token!);
    open.push(onB);
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Scanner non rilevato' });
    await onB.waitForTicketEvent(ticket.documentId, 'ticket.created');

    const listeners = async () =>
      (await sql.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'spoc-live %' AND datname = current_database()")).map((row) => Number(row.pid));
    const before = await listeners();
    expect(before.length).toBeGreaterThanOrEqual(2); // one per instance
    await sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'spoc-live %' AND datname = current_database()");
    expect((await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`)).status).toBe(200);

    await onB.waitForTicketEvent(ticket.documentId, 'ticket.take-charge');
    await expect.poll(async () => (await listeners()).filter((pid) => !before.includes(pid)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  });
});
