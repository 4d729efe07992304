import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, startTestInstance, type Actors } from '../support/api';
import { adminRoleId, createAdminUser, type AdminUser } from '../support/admin-users';
import { type RunningInstance } from '../support/instances';
import { openSse, type SseStream } from '../support/sse';

const LIVE = '/spoc-console/live';

/** The console's `event: ticket` messages of a stream, parsed. */
const events = (s: SseStream) =>
  s.messages.filter((message) => message.event === 'ticket').map((message) => ({ id: Number(message.id), ...(JSON.parse(message.data) as { documentId: string; number: string; type: string; at: string }) }));
const waitForEvent = (s: SseStream, documentId: string, type: string) =>
  s.waitFor(() => events(s).find((event) => event.documentId === documentId && event.type === type), `${type} of ticket ${documentId}`);

async function stream(baseUrl: string, token: string, lastEventId?: number | string): Promise<SseStream> {
  const opened = await openSse(baseUrl + LIVE, { token, lastEventId });
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return opened.stream!;
}

describe.each(backends())('SPOC console live stream on $name', (backend) => {
  let a: Actors;
  let quiet: string;
  let editor: AdminUser;
  const open: SseStream[] = [];
  const track = async (s: Promise<SseStream>) => {
    const opened = await s;
    open.push(opened);
    return opened;
  };

  beforeAll(async () => {
    a = await actors(backend);
    quiet = a.organizations.quiet.documentId;
    editor = await createAdminUser(a.admin, 'Editor', { firstname: 'Elena', lastname: 'Editrice' });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('refuses anonymous callers and portal users (401) and admins without the permission (403)', async () => {
    expect((await openSse(backend.url + LIVE)).status).toBe(401);
    expect((await openSse(backend.url + LIVE, { token: a.staff.token })).status).toBe(401);
    expect((await openSse(backend.url + LIVE, { token: editor.api.token })).status).toBe(403);
  });

  it('refuses a malformed Last-Event-ID naming the field', async () => {
    const res = await openSse(backend.url + LIVE, { token: a.operator.token, lastEventId: 'abc' });
    expect(res.status).toBe(400);
    expect((res.body as { error: { details: { errors: Array<{ path: string[] }> } } }).error.details.errors[0].path).toEqual(['lastEventId']);
  });

  it('sends every change of any ticket: creation, action, internal note, unbuffered with a retry interval', async () => {
    const opened = await openSse(backend.url + LIVE, { token: a.operator.token });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(opened.headers.get('x-accel-buffering')).toBe('no');
    const s = await track(Promise.resolve(opened.stream!));
    expect(await s.waitFor(() => s.retry, 'retry line')).toBe(3000);

    const ticket = await createTicket(a.tool, quiet, { title: 'Stampante di reparto inceppata' });
    const created = await waitForEvent(s, ticket.documentId, 'ticket.created');
    expect(created).toMatchObject({ documentId: ticket.documentId, number: ticket.number });
    expect(Date.parse(created.at)).not.toBeNaN();
    expect((await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {})).status).toBe(200);
    await waitForEvent(s, ticket.documentId, 'ticket.take-charge');
    const note = await a.tool.post('/api/follow-ups', { data: { ticket: ticket.documentId, visibility: 'internal', body: 'Richiamare dopo le 14' } });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    // Operators see internal events too (the portal's stream does not).
    await s.waitFor(() => events(s).find((event) => event.documentId === ticket.documentId && event.type.startsWith('follow-up')), 'the internal note');
  });

  it('replays, after Last-Event-ID, what happened while the client was away, then goes on live', async () => {
    const first = await track(stream(backend.url, a.operator.token!));
    const ticket = await createTicket(a.tool, quiet, { title: 'Lettore di badge spento' });
    const seen = await waitForEvent(first, ticket.documentId, 'ticket.created');
    await first.close();

    expect((await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {})).status).toBe(200);
    const other = await createTicket(a.tool, quiet, { title: 'Telefono senza linea' });

    const resumed = await track(stream(backend.url, a.operator.token!, seen.id));
    await waitForEvent(resumed, ticket.documentId, 'ticket.take-charge');
    await waitForEvent(resumed, other.documentId, 'ticket.created');
    expect(events(resumed).some((event) => event.id <= seen.id)).toBe(false);
    const ids = events(resumed).map((event) => event.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));

    const later = await createTicket(a.tool, quiet, { title: 'Monitor sfarfallante' });
    await waitForEvent(resumed, later.documentId, 'ticket.created');
  });

  it('limits the open streams of one operator to ten, and gives the slot back once one closes', async () => {
    // An operator of this test alone, so that its count starts at zero.
    const busy = await createAdminUser(a.admin, 'SPOC Operator', { firstname: 'Tina', lastname: 'Tabelle' });
    const streams: SseStream[] = [];
    for (let i = 0; i < 10; i++) streams.push(await track(stream(backend.url, busy.api.token!)));
    const refused = await openSse(backend.url + LIVE, { token: busy.api.token });
    expect(refused.status).toBe(429);
    expect((refused.body as { error: { details: { limit: number } } }).error.details.limit).toBe(10);
    // Another operator is not affected.
    await track(stream(backend.url, a.operator.token!));
    await streams[0].close();
    // The server notices the closed connection on its own; the slot comes back then.
    await expect.poll(async () => {
      const res = await openSse(backend.url + LIVE, { token: busy.api.token });
      if (res.stream) open.push(res.stream);
      return res.status;
    }, { timeout: 15_000 }).toBe(200);
  });

  it('closes the stream of an operator deactivated, or moved to a role without the permission, within the heartbeat', async () => {
    const leaving = await createAdminUser(a.admin, 'SPOC Operator', { firstname: 'Lia', lastname: 'Uscente' });
    const moved = await createAdminUser(a.admin, 'SPOC Operator', { firstname: 'Mario', lastname: 'Spostato' });
    const [s1, s2] = await Promise.all([track(stream(backend.url, leaving.api.token!)), track(stream(backend.url, moved.api.token!))]);
    await Promise.all([s1, s2].map((s) => s.waitFor(() => s.retry, 'retry line')));

    expect((await a.admin.put(`/admin/users/${leaving.id}`, { isActive: false })).status).toBe(200);
    expect((await a.admin.put(`/admin/users/${moved.id}`, { roles: [await adminRoleId(a.admin, 'Editor')] })).status).toBe(200);
    await Promise.all([s1.ended, s2.ended]);
    expect((await openSse(backend.url + LIVE, { token: moved.api.token })).status).toBe(403);
  });

  it.skipIf(backend.name !== 'postgres')('brings a change made through instance A to a stream open on instance B within 2 s', async () => {
    // A second Strapi on the same database, as behind a load balancer; admin sessions are valid on both.
    const second: RunningInstance = await startTestInstance(backend.db);
    try {
      const onB = await track(stream(second.url, a.operator.token!));
      const ticket = await createTicket(a.tool, quiet, { title: 'Centralino muto' });
      await waitForEvent(onB, ticket.documentId, 'ticket.created');

      // The bound: from the action's answer on A to its event on B.
      const acted = await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {});
      const answeredAt = Date.now();
      expect(acted.status).toBe(200);
      await waitForEvent(onB, ticket.documentId, 'ticket.take-charge');
      expect(Date.now() - answeredAt).toBeLessThanOrEqual(2000);
      await onB.close();
    } finally {
      await second.stop();
    }
  }, 240_000);
});
