import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../support/api';
import { until } from '../support/eventually';

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
  let webhookId: number;

  beforeAll(async () => {
    a = await actors(backend);
    receiver = await startReceiver();
    const res = await a.admin.post('/admin/webhooks', { name: `tickets-${Date.now()}`, url: receiver.url, headers: {}, events: ['entry.create'] });
    expect(res.status).toBe(201);
    webhookId = res.body.data.id;
  });

  afterAll(async () => {
    if (webhookId) await a.admin.delete(`/admin/webhooks/${webhookId}`);
    await receiver?.close();
  });

  it('sends entry.create with the ticket, its number and its organization, for REST and portal creations', async () => {
    const byTool = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Webhook via REST' });
    const byPortal = await a.staff.post('/api/tickets', { data: { title: 'Webhook via portale', kind: 'request', priority: 'P4' } });
    expect(byPortal.status).toBe(201);

    const callFor = (documentId: string) => receiver.calls.find((call) => call.event === 'entry.create' && call.entry?.documentId === documentId);
    const tool = await until('the REST ticket\'s webhook call', async () => callFor(byTool.documentId));
    expect(tool).toMatchObject({ model: 'ticket', entry: { number: byTool.number, title: 'Webhook via REST', channel: 'phone', state: 'new' } });
    expect(tool.entry.organization).toMatchObject({ documentId: a.organizations.azienda.documentId });

    const portal = await until('the portal ticket\'s webhook call', async () => callFor(byPortal.body.data.documentId));
    expect(portal.entry).toMatchObject({ number: byPortal.body.data.number, channel: 'portal' });
    // The requester is populated as Strapi populates it, without what a user's record keeps private.
    expect(portal.entry.requester).toMatchObject({ email: expect.any(String) });
    expect(portal.entry.requester).not.toHaveProperty('password');
    expect(portal.entry.requester).not.toHaveProperty('resetPasswordToken');
  });

  it('stops sending once the webhook is removed', async () => {
    expect((await a.admin.delete(`/admin/webhooks/${webhookId}`)).status).toBe(200);
    webhookId = 0;
    const before = receiver.calls.length;
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Dopo il webhook' });
    // Long enough for an after-commit emission to reach the receiver, had the webhook still listened.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.calls.slice(before).some((call) => call.entry?.documentId === ticket.documentId)).toBe(false);
  });
});
