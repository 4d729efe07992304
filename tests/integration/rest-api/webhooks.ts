import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';
import { until } from '../../support/eventually';

/** A third-party tool's receiver: every webhook call it gets, in order. */
async function startReceiver() {
  const calls: Array<{ event: string; model: string; entry: Record<string, any> }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls.push(JSON.parse(body));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { calls, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise((resolve) => server.close(resolve)) };
}

// Tickets are written through the Query Engine (services/ticket.ts): Strapi's `entry.create` webhook must
// still fire for them, with the entry as Strapi sends it (relations populated, private fields removed).
describe.each(backends())('webhooks for tickets on $name', (backend) => {
  let a: Actors;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const webhooks: number[] = [];

  /** Registers a webhook for entry.create that calls `url`; removed after the file if a test left it. */
  const register = async (url: string) => {
    const res = await a.admin.post('/admin/webhooks', { name: `tickets-${webhooks.length}-${Date.now()}`, url, headers: {}, events: ['entry.create'] });
    expect(res.status).toBe(201);
    webhooks.push(res.body.data.id);
    return res.body.data.id as number;
  };
  const callFor = (calls: typeof receiver.calls, documentId: string) => calls.find((call) => call.event === 'entry.create' && call.entry?.documentId === documentId);

  beforeAll(async () => {
    a = await actors(backend);
    receiver = await startReceiver();
    await register(receiver.url);
  });

  afterAll(async () => {
    for (const id of webhooks) await a.admin.delete(`/admin/webhooks/${id}`);
    await receiver?.close();
  });

  it('sends entry.create with the ticket, its number and its organization, for REST and portal creations', async () => {
    const byTool = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Webhook via REST' });
    const byPortal = await a.staff.post('/api/tickets', { data: { title: 'Webhook via portale', kind: 'request', priority: 'P4' } });
    expect(byPortal.status).toBe(201);

    const tool = await until('the REST ticket\'s webhook call', async () => callFor(receiver.calls, byTool.documentId));
    expect(tool).toMatchObject({ model: 'ticket', entry: { number: byTool.number, title: 'Webhook via REST', channel: 'phone', state: 'new' } });
    expect(tool.entry.organization).toMatchObject({ documentId: a.organizations.azienda.documentId });

    const portal = await until('the portal ticket\'s webhook call', async () => callFor(receiver.calls, byPortal.body.data.documentId));
    expect(portal.entry).toMatchObject({ number: byPortal.body.data.number, channel: 'portal' });
    // The requester is populated as Strapi populates it, without what a user's record keeps private.
    expect(portal.entry.requester).toMatchObject({ email: expect.any(String) });
    expect(portal.entry.requester).not.toHaveProperty('password');
    expect(portal.entry.requester).not.toHaveProperty('resetPasswordToken');
  });

  it('stops sending once the webhook is removed', async () => {
    // A webhook and a receiver of this test's own, so that the file's webhook stays and shows when the event went out.
    const own = await startReceiver();
    try {
      const id = await register(own.url);
      const before = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Prima della rimozione' });
      await until('the call of the webhook about to be removed', async () => callFor(own.calls, before.documentId));

      expect((await a.admin.delete(`/admin/webhooks/${id}`)).status).toBe(200);
      webhooks.splice(webhooks.indexOf(id), 1);
      const after = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Dopo la rimozione' });
      // The file's webhook, still registered, receives the event: it went out, and not to the removed one.
      await until('the remaining webhook\'s call', async () => callFor(receiver.calls, after.documentId));
      expect(callFor(own.calls, after.documentId)).toBeUndefined();
    } finally {
      await own.close();
    }
  });
});
