import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { actors, Api, backends, createTicket, mailDir, type Actors, ticketSubject } from '../support/api';
import { openSessions } from '../support/http';
import { createPostgresDatabase, dropPostgresDatabase, ROOT, smtpEnv, startInstance, type DatabaseTarget } from '../support/instances';
import { readMailbox, startSmtpSink, waitForMail } from '../support/smtp-sink';

interface Message {
  documentId: string;
  state: string;
  event: string;
  recipient: string;
  subject: string;
  messageId: string;
  attempts: number;
  lastError: string | null;
  smtpResponse: string | null;
  createdAt: string;
  ticketNumber: string | null;
}

interface Template {
  documentId: string;
  event: string;
  language: string;
  subject: string;
  body: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rootOf = (documentId: string) => `<ticket.${documentId}@spoc-desk.test>`;
const forTicket = (ticket: { documentId: string }) => (mail: ParsedMail) =>
  mail.messageId === rootOf(ticket.documentId) || mail.inReplyTo === rootOf(ticket.documentId);

/** The messages of one ticket in a list, polled (bounded) until `done` holds. */
async function messagesOf(client: Api, query: string, ticketNumber: string, done: (list: Message[]) => boolean, timeoutMs = 30_000): Promise<Message[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/notifications/messages?${query}&pageSize=100`);
    expect(res.status).toBe(200);
    const mine = (res.body.data as Message[]).filter((message) => message.ticketNumber === ticketNumber);
    if (done(mine) || Date.now() > deadline) return mine;
    await sleep(300);
  }
}

async function templateOf(client: Api, event: string, language: string): Promise<Template> {
  const res = await client.get('/notifications/templates');
  return (res.body.data as Template[]).find((template) => template.event === event && template.language === language)!;
}

describe.each(backends())('notifications admin routes on $name', (backend) => {
  let a: Actors;
  beforeAll(async () => {
    a = await actors(backend);
  });

  it('keeps the outbox and the templates to supervisors', async () => {
    const template = await templateOf(a.supervisor, 'ticket.opened', 'it');
    const texts = { subject: template.subject, body: template.body };
    const calls = [
      (client: Api) => client.get('/notifications/messages?state=failed'),
      (client: Api) => client.post('/notifications/messages/no-such-message/retry'),
      (client: Api) => client.get('/notifications/templates'),
      (client: Api) => client.post('/notifications/templates/preview', { event: 'ticket.opened', language: 'it', ...texts }),
      // Saving the stored text again changes nothing, for the tests that follow.
      (client: Api) => client.put(`/notifications/templates/${template.documentId}`, texts),
    ];
    for (const call of calls) {
      const refused = await call(a.operator);
      expect(refused.status).toBe(403);
      expect(refused.body.data ?? null).toBeNull();
      expect((await call(a.anonymous)).status).toBe(401);
    }
    // The supervisor passes every route's policy; retrying a message that does not exist is a 404.
    expect(await Promise.all(calls.map(async (call) => (await call(a.supervisor)).status))).toEqual([200, 404, 200, 200, 200]);
  });

  it('lists messages newest first, with the ticket number and pagination, by state', async () => {
    const requester = `elenco.${backend.name}.${Date.now()}@azero.veneto.it`;
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: requester });
    const later = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: `dopo.${requester}` });
    await waitForMail(mailDir(), (mail) => forTicket(ticket)(mail) || forTicket(later)(mail), 4);
    const sent = await messagesOf(a.supervisor, 'state=sent', ticket.number, (list) => list.length === 2);
    expect(sent.map((message) => message.recipient).sort()).toEqual([requester, 'helpdesk-notifiche@azero.veneto.it'].sort());
    for (const message of sent) {
      expect(message).toMatchObject({ state: 'sent', event: 'ticket.opened', attempts: 1, lastError: null, ticketNumber: ticket.number });
      expect(message.subject.startsWith(`[${ticket.number}/`)).toBe(true);
      expect(message.smtpResponse).toMatch(/^250 /);
      expect(message).toHaveProperty('sentAt');
      expect(message).not.toHaveProperty('html');
    }

    const all = await a.supervisor.get('/notifications/messages?pageSize=100');
    const numbers = (all.body.data as Message[]).map((message) => message.ticketNumber);
    // Newest first: the later ticket's messages come before the earlier one's.
    expect(numbers.indexOf(later.number)).toBeGreaterThanOrEqual(0);
    expect(numbers.indexOf(later.number)).toBeLessThan(numbers.indexOf(ticket.number));
    const dates = (all.body.data as Message[]).map((message) => Date.parse(message.createdAt));
    expect(dates).toEqual([...dates].sort((x, y) => y - x));

    const page = await a.supervisor.get('/notifications/messages?page=1&pageSize=3');
    expect(page.status).toBe(200);
    const { pagination } = page.body.meta;
    expect(pagination).toMatchObject({ page: 1, pageSize: 3, pageCount: Math.ceil(pagination.total / 3) });
    expect(pagination.total).toBeGreaterThanOrEqual(4);
    expect(page.body.data).toHaveLength(3);

    const wrong = await a.supervisor.get('/notifications/messages?state=lost');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.errors[0].path).toEqual(['state']);
    expect((await a.supervisor.get('/notifications/messages?pageSize=0')).body.error.details.errors[0].path).toEqual(['pageSize']);
  });

  it('answers 409 naming the state when asked to retry a message that did not fail', async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: `gia.inviato.${backend.name}.${Date.now()}@azero.veneto.it` });
    const [sent] = await messagesOf(a.supervisor, 'state=sent', ticket.number, (list) => list.length === 2);
    const res = await a.supervisor.post(`/notifications/messages/${sent.documentId}/retry`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ status: 409, details: { state: 'sent' } });
    expect(res.body.error.message).toContain('sent');
    // Nothing changed: still sent, once.
    const after = await messagesOf(a.supervisor, 'state=sent', ticket.number, () => true);
    expect(after.find((message) => message.documentId === sent.documentId)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('lists a message that failed for good and, on retry, sends it with its own Message-ID', { timeout: 300_000 }, async () => {
    // An instance of its own, on a database of this backend's kind, whose SMTP server is down and which
    // gives up after one attempt; the SMTP server then comes back on the same port.
    const dir = path.join(ROOT, '.tmp', `failed-mail-${backend.name}-${process.pid}-${Date.now()}`);
    let sink = await startSmtpSink(dir);
    const port = sink.port;
    await sink.stop();
    const pgName = `spoc_failed_mail_${process.pid}`;
    const db: DatabaseTarget =
      backend.name === 'postgres' ? { client: 'postgres', location: await createPostgresDatabase(pgName) } : { client: 'sqlite', location: path.join(dir, 'failed.db') };
    const instance = await startInstance(db, { ...smtpEnv(port), NOTIFICATIONS_MAX_ATTEMPTS: '1', NOTIFICATIONS_WORKER_CRON: '*/1 * * * * *' });
    try {
      const sessions = await openSessions(instance.url);
      const tool = new Api(instance.url, sessions.tool);
      const supervisor = new Api(instance.url, sessions.supervisor);
      const org = (await tool.get('/api/organizations?filters[code]=AZERO')).body.data[0].documentId;
      const requester = 'mai.recapitato@azero.veneto.it';
      const ticket = await createTicket(tool, org, { requesterEmail: requester });

      const failed = await messagesOf(supervisor, 'state=failed', ticket.number, (list) => list.length === 2);
      expect(failed).toHaveLength(2);
      for (const message of failed) {
        expect(message).toMatchObject({ state: 'failed', event: 'ticket.opened', attempts: 1, ticketNumber: ticket.number });
        expect(message.lastError).toMatch(/ECONNREFUSED|connect/i);
      }
      const target = failed.find((message) => message.recipient === requester)!;
      const other = failed.find((message) => message.recipient !== requester)!;

      sink = await startSmtpSink(dir, port);
      // A message that failed for good stays failed until someone retries it.
      await sleep(2500);
      expect((await readMailbox(dir)).filter(forTicket(ticket))).toHaveLength(0);

      const retried = await supervisor.post(`/notifications/messages/${target.documentId}/retry`);
      expect(retried.status).toBe(200);
      expect(retried.body.data).toMatchObject({ documentId: target.documentId, state: 'pending', attempts: 0, lastError: target.lastError, messageId: target.messageId });

      const delivered = await waitForMail(dir, (mail) => mail.messageId === target.messageId, 1, 30_000);
      expect(delivered).toHaveLength(1);
      expect(delivered[0].subject).toBe(target.subject);
      expect(delivered[0].text).toContain(`registrata con il numero ${ticket.number}`);
      const [done] = await messagesOf(supervisor, 'state=sent', ticket.number, (list) => list.length === 1);
      expect(done).toMatchObject({ documentId: target.documentId, attempts: 1, lastError: null });
      expect(done.smtpResponse).toMatch(/^250 /);

      // Only the message retried was sent: the other one is still failed, and nothing went twice.
      await sleep(2500);
      expect((await readMailbox(dir)).filter(forTicket(ticket)).map((mail) => mail.messageId)).toEqual([target.messageId]);
      expect((await messagesOf(supervisor, 'state=failed', ticket.number, () => true)).map((message) => message.documentId)).toEqual([other.documentId]);
      const again = await supervisor.post(`/notifications/messages/${target.documentId}/retry`);
      expect(again.status).toBe(409);
      expect(again.body.error.details.state).toBe('sent');
    } finally {
      await instance.stop();
      await sink.stop();
      if (db.client === 'postgres') await dropPostgresDatabase(pgName);
    }
  });

  it('previews a template on a real ticket, escaping HTML, and refuses what a save would refuse', async () => {
    const ticket = await createTicket(a.tool, a.organizations.quiet.documentId, { title: 'Monitor <i>spento</i> & cavo' });
    const preview = (data: Record<string, unknown>) =>
      a.supervisor.post('/notifications/templates/preview', { event: 'ticket.opened', language: 'it', documentId: ticket.documentId, ...data });

    const res = await preview({ subject: 'Nuova: {{ticket.title}}', body: 'Numero {{ticket.number}}\n\nOggetto: {{ticket.title}}' });
    expect(res.status).toBe(200);
    expect(res.body.data.subject).toMatch(ticketSubject(ticket.number, 'Nuova: Monitor <i>spento</i> & cavo'));
    expect(res.body.data.text).toMatch(new RegExp(`^Numero ${ticket.number}\n\nOggetto: Monitor <i>spento</i> & cavo\n\nRiferimento della richiesta: ${ticket.number}/[0-9a-f]{10} \\(conservarlo nelle risposte\\)\n$`));
    expect(res.body.data.html).toContain(`<p>Numero ${ticket.number}</p>`);
    expect(res.body.data.html).toContain('Oggetto: Monitor &lt;i&gt;spento&lt;/i&gt; &amp; cavo');
    expect(res.body.data.html).not.toContain('<i>spento</i>');

    const unknown = await preview({ subject: 'Ticket {{ticket.number}}', body: 'Il ticket {{ticket.numero}} è aperto' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0].path).toEqual(['body']);
    expect(unknown.body.error.message).toContain('{{ticket.numero}}');
    const unparsable = await preview({ subject: 'Ticket {{#ticket}}', body: 'x' });
    expect(unparsable.status).toBe(400);
    expect(unparsable.body.error.details.errors[0].path).toEqual(['subject']);
    // Each event has its own placeholders: a maintenance notice has no ticket.
    const maintenance = await preview({ event: 'maintenance.planned', subject: 'Manutenzione', body: 'Ticket {{ticket.number}}' });
    expect(maintenance.status).toBe(400);
    expect(maintenance.body.error.details.errors[0].path).toEqual(['body']);
    expect((await preview({ event: 'ticket.exploded', subject: 'x', body: 'x' })).body.error.details.errors[0].path).toEqual(['event']);
    expect((await preview({ subject: 'x', body: 42 })).body.error.details.errors[0].path).toEqual(['body']);

    const missing = await preview({ subject: 'x', body: 'x', documentId: 'no-such-ticket' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/no ticket/i);
  });

  it('saves a template through the save-time checks, and the next e-mail uses the new text', { timeout: 120_000 }, async () => {
    const template = await templateOf(a.supervisor, 'ticket.resumed', 'it');
    const original = { subject: template.subject, body: template.body };
    try {
      const refused = await a.supervisor.put(`/notifications/templates/${template.documentId}`, { subject: original.subject, body: 'Ripresa del ticket {{ticket.numero}}' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.errors[0].path).toEqual(['body']);
      expect(refused.body.error.message).toContain('{{ticket.numero}}');
      expect((await templateOf(a.supervisor, 'ticket.resumed', 'it')).body).toBe(original.body);

      const edited = { subject: 'Lavorazione ripresa: {{ticket.title}}', body: 'Gentile {{recipient.name}},\n\nil ticket {{ticket.number}} è di nuovo in lavorazione (testo modificato).' };
      const saved = await a.supervisor.put(`/notifications/templates/${template.documentId}`, edited);
      expect(saved.status).toBe(200);
      expect(saved.body.data).toEqual({ documentId: template.documentId, event: 'ticket.resumed', language: 'it', ...edited });
      expect(await templateOf(a.supervisor, 'ticket.resumed', 'it')).toMatchObject(edited);

      const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: `ripresa.${backend.name}.${Date.now()}@azero.veneto.it`, requesterName: 'Paola Neri' });
      for (const [action, data] of [['take-charge', {}], ['suspend', { reason: 'In attesa del tecnico' }], ['resume', {}]] as const) {
        expect((await a.tool.post(`/api/tickets/${ticket.documentId}/${action}`, { data })).status).toBe(200);
      }
      const [mail] = await waitForMail(mailDir(), (m) => forTicket(ticket)(m) && (m.subject ?? '').includes('Lavorazione ripresa'));
      expect(mail.subject).toMatch(ticketSubject(ticket.number, 'Lavorazione ripresa: Postazione bloccata'));
      expect(mail.text).toContain(`Gentile Paola Neri,\n\nil ticket ${ticket.number} è di nuovo in lavorazione (testo modificato).`);

      expect((await a.supervisor.put('/notifications/templates/no-such-template', edited)).status).toBe(404);
    } finally {
      const restored = await a.supervisor.put(`/notifications/templates/${template.documentId}`, original);
      expect(restored.status).toBe(200);
    }
  });
});
