import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, Api, backends, createTicket, DEMO, mailDir, smtpPort, type Actors, ticketSubject } from '../support/api';
import { connect, type Sql } from '../support/database';
import { openSessions } from '../support/http';
import { ROOT, smtpEnv, startInstance } from '../support/instances';
import { until } from '../support/eventually';
import { readMailbox, startSmtpSink, waitForMail } from '../support/smtp-sink';

const headerText = (mail: ParsedMail, name: string) => String(mail.headers.get(name) ?? '');
/** Mail of one ticket: the thread root carries its documentId, unique across the SQLite and PostgreSQL runs. */
const rootOf = (documentId: string) => `<ticket.${documentId}@spoc-desk.test>`;
const forTicket = (ticket: { documentId: string }) => (mail: ParsedMail) =>
  mail.messageId === rootOf(ticket.documentId) || mail.inReplyTo === rootOf(ticket.documentId);
const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value.map((v) => v.address) ?? []);

describe.each(backends())('notifications on $name', (backend) => {
  let a: Actors;
  let sql: Sql;
  beforeAll(async () => {
    a = await actors(backend);
    sql = await connect(backend.db);
  });
  afterAll(() => sql.close());

  it('tells the requester and the organization when a request is opened, threaded and in Italian', async () => {
    const res = await a.staff.post('/api/tickets', { data: { title: 'Stampante <b>guasta</b> & inceppata', kind: 'incident', priority: 'P2' } });
    const ticket = res.body.data;
    const mails = await waitForMail(mailDir(), forTicket(ticket), 2);
    expect(mails.flatMap(to).sort()).toEqual([DEMO.staff, 'helpdesk-notifiche@azero.veneto.it'].sort());
    for (const mail of mails) {
      expect(mail.subject).toMatch(ticketSubject(ticket.number, 'Registrazione della segnalazione: Stampante <b>guasta</b> & inceppata'));
      expect(mail.text).toContain(`registrata con il numero ${ticket.number}`);
      expect(mail.text).toContain('Priorità: P2 – alta');
      expect(mail.text).toContain('Canale: portale web');
      expect(mail.html).toContain('Stampante &lt;b&gt;guasta&lt;/b&gt; &amp; inceppata');
      expect(mail.html).not.toContain('<b>guasta</b>');
      expect(mail.replyTo?.value[0].address).toBe('helpdesk@spoc-desk.test');
      expect(headerText(mail, 'auto-submitted')).toBe('auto-generated');
    }
    const root = `<ticket.${ticket.documentId}@spoc-desk.test>`;
    const ids = mails.map((mail) => mail.messageId).sort();
    expect(ids).toContain(root);
    const other = mails.find((mail) => mail.messageId !== root)!;
    expect(other.inReplyTo).toBe(root);
    expect(other.references).toEqual(root);

    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&filters[type]=email.sent`);
    expect(events.body.data.map((e: { data: { recipient: string } }) => e.data.recipient).sort()).toEqual([DEMO.staff, 'helpdesk-notifiche@azero.veneto.it'].sort());
    expect(events.body.data[0].data.smtpResponse).toMatch(/^250 /);
    // The requester's organization sees what it was told, and when.
    const portal = await a.staff.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&filters[type]=email.sent`);
    expect(portal.body.data).toHaveLength(2);
  });

  it('details the solution and the public actions in the closure e-mail, with the SLA outcome', async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: 'anna.conti@azero.veneto.it', requesterName: 'Anna Conti' });
    await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
    await a.tool.post('/api/follow-ups', { data: { ticket: ticket.documentId, body: 'Verificato il cablaggio della stanza 12', visibility: 'public', authorName: 'Oscar Operatore' } });
    await a.tool.post('/api/follow-ups', { data: { ticket: ticket.documentId, body: 'NOTA INTERNA da non inviare', visibility: 'internal' } });
    await a.tool.post(`/api/tickets/${ticket.documentId}/restore`, { data: { resolution: 'Sostituita la porta dello switch di piano' } });
    await a.tool.post(`/api/tickets/${ticket.documentId}/close`, {});

    const closed = await waitForMail(mailDir(), (m) => forTicket(ticket)(m) && (m.subject ?? '').includes('Chiusura'), 2);
    expect(closed.flatMap(to).sort()).toEqual(['anna.conti@azero.veneto.it', 'helpdesk-notifiche@azero.veneto.it']);
    // Each recipient gets its own message, in whatever order the worker sent them.
    const toRequester = closed.find((mail) => to(mail).includes('anna.conti@azero.veneto.it'))!;
    const text = toRequester.text ?? '';
    expect(text).toContain('Gentile Anna Conti');
    expect(text).toContain('Sostituita la porta dello switch di piano');
    expect(text).toContain('Verificato il cablaggio della stanza 12');
    expect(text).not.toContain('NOTA INTERNA');
    expect(text).toMatch(/presa in carico rispettato, ripristino rispettato/);
    expect(toRequester.inReplyTo).toBe(`<ticket.${ticket.documentId}@spoc-desk.test>`);

    const update = await waitForMail(mailDir(), (m) => forTicket(ticket)(m) && (m.subject ?? '').includes('Aggiornamento'));
    expect(update.flatMap(to)).toEqual(['anna.conti@azero.veneto.it']);
    expect(update[0].text).toContain('Verificato il cablaggio della stanza 12');
    const restored = await waitForMail(mailDir(), (m) => forTicket(ticket)(m) && (m.subject ?? '').includes('ripristinato'), 2);
    expect(restored[0].text).toContain('la richiesta sarà riaperta');
  });

  it("names the attachments of an operator's public follow-up in its e-mail", async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: 'anna.conti@azero.veneto.it', requesterName: 'Anna Conti' });
    const form = new FormData();
    form.append('data', JSON.stringify({ ticket: ticket.documentId, body: 'Ecco lo schema della rete', visibility: 'public', authorName: 'Oscar Operatore' }));
    form.append('files', new Blob([Buffer.from('schema')], { type: 'text/plain' }), 'schema-rete.txt');
    expect((await a.tool.request('POST', '/api/follow-ups', form)).status).toBe(201);
    const [mail] = await waitForMail(mailDir(), (m) => forTicket(ticket)(m) && (m.subject ?? '').includes('Aggiornamento'));
    expect(mail.text).toContain('Ecco lo schema della rete');
    expect(mail.text).toContain('Allegati (consultabili dal portale): schema-rete.txt');
  });

  it("writes in the organization's language", async () => {
    const code = `EN${backend.name.toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
    const org = await a.tool.post('/api/organizations', { data: { name: `Agency ${code}`, code, language: 'en', notificationEmail: `notices-${code.toLowerCase()}@agency.test` } });
    const ticket = await createTicket(a.tool, org.body.data.documentId, { requesterEmail: 'jane@agency.test', requesterName: 'Jane Doe', priority: 'P1' });
    const mails = await waitForMail(mailDir(), forTicket(ticket), 2);
    expect(mails[0].subject).toMatch(ticketSubject(ticket.number, 'Your request has been registered: Postazione bloccata'));
    expect(mails[0].text).toContain('Priority: P1 – blocking');
  });

  it("writes to a portal user in the user's own language, and to the organization in its own", async () => {
    await sql.query("UPDATE up_users SET language = 'en' WHERE email = ?", [DEMO.otherStaff]);
    try {
      const res = await a.otherStaff.post('/api/tickets', { data: { title: 'Badge non funzionante', kind: 'incident', priority: 'P3' } });
      const mails = await waitForMail(mailDir(), forTicket(res.body.data), 2);
      const toUser = mails.find((mail) => to(mail).includes(DEMO.otherStaff))!;
      const toOrganization = mails.find((mail) => !to(mail).includes(DEMO.otherStaff))!;
      expect(toUser.subject).toContain('Your request has been registered');
      expect(toOrganization.subject).toContain('Registrazione della segnalazione');
    } finally {
      await sql.query('UPDATE up_users SET language = NULL WHERE email = ?', [DEMO.otherStaff]);
    }
  });

  it('refuses a template that names a field its event does not provide', async () => {
    const templates = await a.admin.get('/content-manager/collection-types/plugin::notifications.template?filters[event][$eq]=maintenance.planned&filters[language][$eq]=it');
    const template = templates.body.results[0];
    const res = await a.admin.put(`/content-manager/collection-types/plugin::notifications.template/${template.documentId}`, { ...template, body: 'Manutenzione del ticket {{ticket.number}}' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['body']);
    expect(res.body.error.message).toContain('{{ticket.number}}');
  });

  it('refuses a template that names a missing field, when it is saved', async () => {
    const res = await a.admin.post('/content-manager/collection-types/plugin::notifications.template', {
      event: 'ticket.opened',
      language: 'it',
      subject: 'Ticket {{ticket.number}}',
      body: 'Gentile {{requester.nome}}, il ticket {{ticket.numero}} è aperto.',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['body']);
    expect(res.body.error.message).toContain('{{requester.nome}}');
    const broken = await a.admin.post('/content-manager/collection-types/plugin::notifications.template', {
      event: 'ticket.opened',
      language: 'it',
      subject: 'Ticket {{#ticket}}',
      body: 'x',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.errors[0].path).toEqual(['subject']);
  });

  if (backend.name === 'postgres') {
    it('sends each message exactly once with two instances working the same outbox', { timeout: 120_000 }, async () => {
      const second = await startInstance(backend.db, smtpEnv(smtpPort()));
      try {
        // Both instances work the one outbox and send to the same sink: each Message-ID must arrive once.
        const tools = [a.tool, (await actors(backend, second.url)).tool];
        const created = await Promise.all(
          Array.from({ length: 12 }, (_, i) => createTicket(tools[i % 2], a.organizations.azienda.documentId, { requesterEmail: `utente${i}@azero.veneto.it` }))
        );
        const mine = (m: ParsedMail) => created.some((t) => forTicket(t)(m));
        await waitForMail(mailDir(), mine, 24, 45_000);
        await new Promise((resolve) => setTimeout(resolve, 6000)); // a worker pass or two more: nothing may follow
        const ids = (await readMailbox(mailDir())).filter(mine).map((mail) => mail.messageId);
        expect(ids).toHaveLength(24);
        expect(new Set(ids).size).toBe(24);
      } finally {
        await second.stop();
      }
    });
  }

  it('keeps messages while SMTP is down and sends each once when it is back', { timeout: 120_000 }, async () => {
    const dir = path.join(ROOT, '.tmp', `outage-${backend.name}-${process.pid}-${Date.now()}`);
    let sink = await startSmtpSink(dir);
    const port = sink.port;
    await sink.stop();
    const db = { client: 'sqlite' as const, location: path.join(dir, 'outage.db') };
    const instance = await startInstance(db, { ...smtpEnv(port), NOTIFICATIONS_RETRY_BASE_SECONDS: '1', NOTIFICATIONS_WORKER_CRON: '*/1 * * * * *' });
    const local = await connect(db);
    try {
      const tool = new Api(instance.url, (await openSessions(instance.url)).tool);
      const org = (await tool.get('/api/organizations?filters[code]=AZERO')).body.data[0].documentId;
      const created: Array<{ documentId: string }> = [];
      for (let i = 0; i < 3; i++) created.push(await createTicket(tool, org, { requesterEmail: `durante.guasto${i}@azero.veneto.it` }));
      // While the server is down the messages wait in the outbox, with the error kept: waited for until each
      // has been tried (a fixed 2.5 s was too short for a first attempt on a loaded machine).
      const outbox = () => local.query<{ state: string; last_error: string | null }>(`SELECT state, last_error FROM notif_outbox WHERE recipient LIKE 'durante.guasto%'`);
      const waiting = await until('each message tried against the closed port', async () => {
        const rows = await outbox();
        return rows.length === 3 && rows.every((row) => row.last_error) && rows;
      });
      expect(waiting.every((row) => row.state === 'pending' && /ECONNREFUSED|connect/i.test(row.last_error!))).toBe(true);
      expect(await readMailbox(dir)).toHaveLength(0);

      sink = await startSmtpSink(dir, port);
      const mine = (m: ParsedMail) => created.some((t) => forTicket(t)(m));
      const mails = await waitForMail(dir, mine, 6, 60_000);
      // Once every row is sent no pass claims it again: what the sink holds then is all there will be.
      await until('every message marked sent', async () => (await outbox()).every((row) => row.state === 'sent'), 60_000);
      const all = (await readMailbox(dir)).filter(mine);
      expect(mails.length).toBe(6);
      expect(all.length).toBe(6);
      expect(new Set(all.map((m) => m.messageId)).size).toBe(6);
    } finally {
      await instance.stop();
      await sink.stop();
      await local.close();
    }
  });
});
