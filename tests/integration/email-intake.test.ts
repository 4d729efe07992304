import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { actors, backends, createTicket, DEMO, type Actors, startTestInstance, uploadsDir } from '../support/api';
import { connect, type Sql } from '../support/database';
import { ROOT, type RunningInstance } from '../support/instances';
import { imapAvailable, intakeEnv as sharedIntakeEnv, sharedImap, startDovecot, type ImapAccount } from '../support/imap';
import { until } from '../support/eventually';
import { createHash } from 'node:crypto';
import { parseMail } from '../../src/plugins/email-intake/server/src/rules/parse';

type MailboxAccount = ImapAccount;
const imapTarget = () => sharedImap();
const addMailbox = () => sharedImap().addMailbox('intake');
const appendMail = (account: MailboxAccount, raw: string | Buffer, options?: { internalDate?: Date }) => sharedImap().append(account, raw, options);
const listFolder = (account: MailboxAccount, folder: string) => sharedImap().list(account, folder);

const MIN = 60_000;
// A copy of ../shared/mail-corpus (Zammad's fixtures, AGPL-3.0: test input only, see its README).
const CORPUS = path.resolve(ROOT, 'tests', 'fixtures', 'mail-corpus');
let serial = 0;

/** A message as a mail client would write it. */
function message(fields: { from: string; subject: string; body: string; messageId?: string; inReplyTo?: string; headers?: Record<string, string> }): string {
  const id = fields.messageId ?? `<intake-${process.pid}-${Date.now()}-${++serial}@mail.test>`;
  const lines = [
    `From: ${fields.from}`,
    'To: helpdesk@spoc-desk.test',
    `Subject: ${fields.subject}`,
    `Message-ID: ${id}`,
    `Date: ${new Date().toUTCString()}`,
    ...(fields.inReplyTo ? [`In-Reply-To: ${fields.inReplyTo}`, `References: ${fields.inReplyTo}`] : []),
    ...Object.entries(fields.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    fields.body,
    '',
  ];
  return lines.join('\r\n');
}

/** A reader instance configured as deployed: it sends with our address, so it knows our Message-IDs. */
const intakeEnv = (account: MailboxAccount, extra: Record<string, string> = {}) => sharedIntakeEnv(account, { INTAKE_LEASE_SECONDS: '5', ...extra });

describe.skipIf(!imapAvailable()).each(backends())('e-mail intake on $name', (backend) => {
  let a: Actors;
  let sql: Sql;
  let account: MailboxAccount;
  let reader: RunningInstance;
  beforeAll(async () => {
    a = await actors(backend);
    sql = await connect(backend.db);
    account = await addMailbox();
    reader = await startTestInstance(backend.db, intakeEnv(account));
  });
  afterAll(async () => {
    await reader?.stop();
    await sql?.close();
  });

  const ticketsWith = async (title: string) => (await a.tool.get(`/api/tickets?filters[title][$eq]=${encodeURIComponent(title)}&populate=requester`)).body.data as Array<Record<string, any>>;
  const recordOf = async (messageId: string) =>
    (await sql.query<{ outcome: string; reason: string; ticket_number: string | null }>('SELECT outcome, reason, ticket_number FROM intake_records WHERE message_key = ?', [`mid:${messageId}`]))[0];

  it('registers a portal user’s e-mail as a ticket reported when the message reached the mailbox', async () => {
    const title = `Stampante del reparto ferma ${backend.name}`;
    const receivedAt = new Date(Math.floor((Date.now() - 12 * MIN) / 1000) * 1000);
    await appendMail(account, message({ from: `Mario Rossi <${DEMO.staff}>`, subject: title, body: 'La stampante del secondo piano non stampa.\n\nMario' }), { internalDate: receivedAt });
    const [ticket] = await until('the ticket', async () => (await ticketsWith(title))[0] && ticketsWith(title));
    expect(ticket).toMatchObject({ channel: 'email', requesterEmail: DEMO.staff, state: 'new' });
    expect(ticket.requester.email).toBe(DEMO.staff);
    expect(new Date(ticket.reportedAt).toISOString()).toBe(receivedAt.toISOString());
    expect(ticket.description).toContain('La stampante del secondo piano non stampa.');
    await until('the message moved to Processed', async () => (await listFolder(account, 'INBOX')).length === 0 && (await listFolder(account, 'Processed')).length > 0);
  });

  it('stores attachments and inline images, and lists on the ticket those the policy refuses by their bytes', async () => {
    const title = `Modulo allegato ${backend.name} ${Date.now()}`;
    const boundary = `b-${Date.now()}`;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.alloc(64)]);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082', 'hex');
    // A PNG signature and header over a body that is not one: the upload plugin refuses it.
    const brokenPng = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a1f30000000049454e44ae426082', 'hex');
    const part = (headers: string[], body: Buffer) => [`--${boundary}`, ...headers, 'Content-Transfer-Encoding: base64', '', body.toString('base64'), ''].join('\r\n');
    const raw = [
      `From: Mario Rossi <${DEMO.staff}>`,
      'To: helpdesk@spoc-desk.test',
      `Subject: ${title}`,
      `Message-ID: <attach-${backend.name}-${Date.now()}@mail.test>`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      [`--${boundary}`, 'Content-Type: text/plain; charset=utf-8', '', 'In allegato il modulo compilato e la schermata.', ''].join('\r\n'),
      part(['Content-Type: application/pdf; name="modulo.pdf"', 'Content-Disposition: attachment; filename="modulo.pdf"'], pdf),
      part(['Content-Type: application/pdf; name="fattura.pdf"', 'Content-Disposition: attachment; filename="fattura.pdf"'], exe),
      part(['Content-Type: image/png; name="schermata.png"', 'Content-Disposition: inline; filename="schermata.png"', 'Content-ID: <shot@mail.test>'], png),
      part(['Content-Type: image/png; name="rotta.png"', 'Content-Disposition: attachment; filename="rotta.png"'], brokenPng),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    await appendMail(account, raw);
    const [ticket] = await until('the ticket', async () => {
      const list = (await a.tool.get(`/api/tickets?filters[title][$eq]=${encodeURIComponent(title)}&populate=attachments`)).body.data as Array<Record<string, any>>;
      return list.length > 0 && list;
    });
    expect(ticket.attachments.map((file: { name: string }) => file.name).sort()).toEqual(['modulo.pdf', 'schermata.png']);
    const rejected = (await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&filters[type]=attachment.rejected`)).body.data;
    expect(rejected.map((event: { data: unknown }) => event.data)).toEqual([
      { name: 'fattura.pdf', reason: 'file type not allowed: the content is "exe"' },
      { name: 'rotta.png', reason: expect.stringMatching(/^could not be stored: /) },
    ]);
  });

  it('appends a reply to its ticket as a public follow-up, by the headers of our message', async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: 'anna.conti@azero.veneto.it', requesterName: 'Anna Conti' });
    const id = `<reply-${backend.name}-${Date.now()}@mail.test>`;
    await appendMail(
      account,
      message({
        from: 'Anna Conti <anna.conti@azero.veneto.it>',
        subject: `R: [${ticket.number}] Registrazione della segnalazione`,
        inReplyTo: `<ticket.${ticket.documentId}@spoc-desk.test>`,
        messageId: id,
        body: 'Il numero di inventario è 4711.\n\nIl giorno 28/11/2026 10:00, SPOC <spoc@spoc-desk.test> ha scritto:\n> La Sua segnalazione è stata registrata',
      })
    );
    const followUps = await until('the follow-up', async () => {
      const list = (await a.tool.get(`/api/follow-ups?filters[ticket][documentId]=${ticket.documentId}`)).body.data as Array<Record<string, any>>;
      return list.length > 0 && list;
    });
    expect(followUps[0]).toMatchObject({ body: 'Il numero di inventario è 4711.', visibility: 'public', authorType: 'requester', channel: 'email' });
    expect((await recordOf(id)).outcome).toBe('follow-up');
  });

  it('reopens a restored ticket on a reply, and answers a reply to a closed one with a new ticket that names it', async () => {
    const reply = (ticket: { documentId: string; number: string }, id: string, body: string) =>
      appendMail(account, message({ from: 'Anna Conti <anna.conti@azero.veneto.it>', subject: `Re: [${ticket.number}] Servizio ripristinato`, inReplyTo: `<ticket.${ticket.documentId}@spoc-desk.test>`, messageId: id, body }));
    const restored = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: 'anna.conti@azero.veneto.it', requesterName: 'Anna Conti' });
    await a.tool.post(`/api/tickets/${restored.documentId}/take-charge`, {});
    await a.tool.post(`/api/tickets/${restored.documentId}/restore`, { data: { resolution: 'Riavviato il server' } });
    const reopenId = `<reopen-${backend.name}-${Date.now()}@mail.test>`;
    await reply(restored, reopenId, 'Il problema si è ripresentato stamattina.');
    await until('the reopen', async () => (await recordOf(reopenId))?.outcome === 'reopened');
    expect((await a.tool.get(`/api/tickets/${restored.documentId}`)).body.data.state).toBe('in_charge');

    const closed = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: 'anna.conti@azero.veneto.it', requesterName: 'Anna Conti', title: `Chiuso ${backend.name} ${Date.now()}` });
    await a.tool.post(`/api/tickets/${closed.documentId}/take-charge`, {});
    await a.tool.post(`/api/tickets/${closed.documentId}/restore`, { data: { resolution: 'Sostituito il toner' } });
    await a.tool.post(`/api/tickets/${closed.documentId}/close`, {});
    const afterCloseId = `<afterclose-${backend.name}-${Date.now()}@mail.test>`;
    await reply(closed, afterCloseId, 'Di nuovo senza toner.');
    const record = await until('the new ticket', async () => {
      const found = await recordOf(afterCloseId);
      return found?.outcome === 'ticket' && found;
    });
    expect(record.ticket_number).not.toBe(closed.number);
    const follow = (await a.tool.get(`/api/tickets?filters[number][$eq]=${record.ticket_number}`)).body.data[0];
    expect(follow.description).toContain(`Seguito della richiesta ${closed.number}`);
    expect((await a.tool.get(`/api/tickets/${closed.documentId}`)).body.data.state).toBe('closed');
  });

  it('quarantines unknown senders and strangers who name a ticket in the subject, and ignores auto-replies', async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId);
    const stranger = `<stranger-${backend.name}-${Date.now()}@mail.test>`;
    const unknown = `<unknown-${backend.name}-${Date.now()}@mail.test>`;
    const vacation = `<vacation-${backend.name}-${Date.now()}@mail.test>`;
    await appendMail(account, message({ from: 'someone@elsewhere.example', subject: `Re: [${ticket.number}] aggiornamento`, messageId: stranger, body: 'Aggiungete questo al ticket' }));
    await appendMail(account, message({ from: 'nuovo@sconosciuto.example', subject: 'Richiesta', messageId: unknown, body: 'Salve' }));
    await appendMail(account, message({ from: `Mario Rossi <${DEMO.staff}>`, subject: 'Fuori sede', messageId: vacation, body: 'Sono fuori sede', headers: { 'Auto-Submitted': 'auto-replied' } }));
    const outcomes = await until('three records', async () => {
      const records = await Promise.all([stranger, unknown, vacation].map(recordOf));
      return records.every(Boolean) && records;
    });
    expect(outcomes.map((record) => record.outcome)).toEqual(['quarantined', 'quarantined', 'ignored']);
    expect(outcomes[0].reason).toContain(`names ${ticket.number}`);
    const held = (await a.admin.get('/content-manager/collection-types/plugin::email-intake.quarantine?sort=id:desc&pageSize=10')).body.results as Array<Record<string, any>>;
    expect(held.map((q) => q.sender)).toEqual(expect.arrayContaining(['someone@elsewhere.example', 'nuovo@sconosciuto.example']));
    expect((await a.tool.get(`/api/follow-ups?filters[ticket][documentId]=${ticket.documentId}`)).body.data).toEqual([]);
    await until('quarantined messages moved to Quarantine', async () => (await listFolder(account, 'Quarantine')).length >= 2);

    // A supervisor decides: the unknown sender's request becomes a ticket of Azienda Zero, the stranger's is discarded.
    const fromUnknown = held.find((q) => q.sender === 'nuovo@sconosciuto.example')!;
    const fromStranger = held.find((q) => q.sender === 'someone@elsewhere.example')!;
    expect((await a.operator.post(`/email-intake/quarantine/${fromUnknown.documentId}/convert`, { organization: a.organizations.azienda.documentId })).status).toBe(403);
    const raw = await fetch(`${backend.url}/email-intake/quarantine/${fromUnknown.documentId}/raw`, { headers: { Authorization: `Bearer ${backend.sessions.supervisor}` } });
    expect(raw.headers.get('content-type')).toContain('message/rfc822');
    expect(await raw.text()).toContain('Subject: Richiesta');
    const noOrg = await a.supervisor.post(`/email-intake/quarantine/${fromUnknown.documentId}/convert`, {});
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error.details.errors[0].path).toEqual(['organization']);
    const converted = await a.supervisor.post(`/email-intake/quarantine/${fromUnknown.documentId}/convert`, { organization: a.organizations.azienda.documentId });
    expect(converted.status).toBe(200);
    const number = converted.body.data.ticketNumber as string;
    const made = (await a.tool.get(`/api/tickets?filters[number][$eq]=${number}`)).body.data[0];
    expect(made).toMatchObject({ channel: 'email', requesterEmail: 'nuovo@sconosciuto.example', title: 'Richiesta' });
    expect((await a.supervisor.post(`/email-intake/quarantine/${fromUnknown.documentId}/convert`, { organization: a.organizations.azienda.documentId })).status).toBe(409);
    const noReason = await a.supervisor.post(`/email-intake/quarantine/${fromStranger.documentId}/discard`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['reason']);
    expect((await a.supervisor.post(`/email-intake/quarantine/${fromStranger.documentId}/discard`, { reason: 'Mittente estraneo' })).body.data).toEqual({ state: 'discarded' });
    const again = await a.supervisor.post(`/email-intake/quarantine/${fromStranger.documentId}/discard`, { reason: 'di nuovo' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ state: 'discarded' });
    // Each decision says who made it, when and why.
    const decided = (await a.supervisor.get('/email-intake/quarantine?state=all')).body.data as Array<Record<string, any>>;
    expect(decided.find((q) => q.documentId === fromStranger.documentId)).toMatchObject({ state: 'discarded', reasonCode: 'not_participant', decidedBy: 'Sara Supervisore', decisionNote: 'Mittente estraneo', decidedAt: expect.any(String) });
    expect(decided.find((q) => q.documentId === fromUnknown.documentId)).toMatchObject({ state: 'converted', reasonCode: 'unknown_sender', ticketNumber: number, decidedBy: 'Sara Supervisore' });
  });

  it("lets supervisors read a held message safely, add it to a ticket, and allow its sender's domain", async () => {
    const ticket = await createTicket(a.tool, a.organizations.ulss.documentId, { title: 'Rete lenta' });
    const id = `<desk-${backend.name}-${Date.now()}@mail.test>`;
    const domain = `fornitore-${backend.name}-${Date.now()}.example`;
    const boundary = `alt-${Date.now()}`;
    await appendMail(
      account,
      [
        `From: Piero Fornitore <piero@${domain}>`,
        'To: helpdesk@spoc-desk.test',
        'Subject: Aggiornamento sulla rete',
        `Message-ID: ${id}`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Il collegamento è stato ripristinato alle 10.',
        `--${boundary}`,
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p onclick="steal()">Il collegamento è <b>stato ripristinato</b> alle 10.</p><script>steal()</script><img src="https://tracker.example/pixel.png"><form action="https://evil.example"><input name="password"></form>',
        `--${boundary}--`,
        '',
      ].join('\r\n')
    );
    const held = await until('the held message', async () => ((await a.supervisor.get('/email-intake/quarantine')).body.data as Array<Record<string, any>>).find((q) => q.subject === 'Aggiornamento sulla rete'));
    expect(held).toMatchObject({ state: 'held', sender: `piero@${domain}`, reasonCode: 'unknown_sender', decidedBy: null });
    expect((await a.operator.get('/email-intake/quarantine')).status).toBe(403);
    expect((await a.operator.get(`/email-intake/quarantine/${held.documentId}`)).status).toBe(403);

    const preview = (await a.supervisor.get(`/email-intake/quarantine/${held.documentId}`)).body.data;
    expect(preview.text).toContain('Il collegamento è stato ripristinato alle 10.');
    expect(preview.html).toContain('<b>stato ripristinato</b>');
    // Nothing runs, nothing remote loads (the remote image is a link the reader may follow), nothing submits.
    for (const unsafe of ['<script', 'onclick', '<img', '<form', '<input']) expect(preview.html).not.toContain(unsafe);
    expect(preview).not.toHaveProperty('raw');

    const noTicket = await a.supervisor.post(`/email-intake/quarantine/${held.documentId}/attach`, {});
    expect(noTicket.status).toBe(400);
    expect(noTicket.body.error.details.errors[0].path).toEqual(['ticket']);
    expect((await a.supervisor.post(`/email-intake/quarantine/${held.documentId}/attach`, { ticket: 'HD-1999-000001' })).status).toBe(404);
    const added = await a.supervisor.post(`/email-intake/quarantine/${held.documentId}/attach`, { ticket: ticket.number });
    expect(added.status).toBe(200);
    expect(added.body.data).toMatchObject({ state: 'converted', ticketNumber: ticket.number });
    const followUps = (await a.tool.get(`/api/follow-ups?filters[ticket][documentId]=${ticket.documentId}`)).body.data as Array<Record<string, any>>;
    // The sender's words, on the e-mail channel: not the supervisor's, and no "reply from the SPOC" e-mail to the requester.
    expect(followUps).toEqual([expect.objectContaining({ body: expect.stringContaining('Il collegamento è stato ripristinato alle 10.'), channel: 'email', authorType: 'requester', authorName: 'Piero Fornitore' })]);
    const replies = await sql.query<{ n: number }>("SELECT count(*) AS n FROM notif_outbox WHERE ticket_id = ? AND event = 'follow-up.public'", [ticket.id]);
    expect(Number(replies[0].n)).toBe(0);
    expect((await a.supervisor.post(`/email-intake/quarantine/${held.documentId}/attach`, { ticket: ticket.number })).status).toBe(409);

    // The sender should have been known: their domain is allowed to the organization, and the next mail passes.
    const noOrganization = await a.supervisor.post(`/email-intake/quarantine/${held.documentId}/allow-domain`, {});
    expect(noOrganization.body.error.details.errors[0].path).toEqual(['organization']);
    const allowed = await a.supervisor.post(`/email-intake/quarantine/${held.documentId}/allow-domain`, { organization: a.organizations.ulss.documentId });
    expect(allowed.status).toBe(200);
    expect(allowed.body.data.domain).toBe(domain);
    expect(allowed.body.data.emailDomains.split(', ')).toContain(domain);
    const title = `Nuova richiesta dal fornitore ${backend.name}`;
    await appendMail(account, message({ from: `piero@${domain}`, subject: title, body: 'Serve un intervento.' }));
    const [next] = await until('the next mail as a ticket', async () => (await ticketsWith(title))[0] && ticketsWith(title));
    expect(next).toMatchObject({ channel: 'email', requesterEmail: `piero@${domain}` });
  });

  it('knows a sender of no portal account and no listed domain by the last request reported from their address, in any case', async () => {
    const stamp = `${backend.name}-${Date.now()}`;
    await createTicket(a.tool, a.organizations.ulss.documentId, { requesterEmail: `Carla.Neri-${stamp}@Esterno.example`, requesterName: 'Carla Neri' });
    const title = `Richiesta per telefono poi per e-mail ${stamp}`;
    await appendMail(account, message({ from: `carla.neri-${stamp}@esterno.example`, subject: title, body: 'Scrivo per e-mail questa volta.' }));
    const [ticket] = await until('the ticket', async () => (await ticketsWith(title))[0] && ticketsWith(title));
    const read = await a.tool.get(`/api/tickets/${ticket.documentId}?populate=organization`);
    expect(read.body.data).toMatchObject({ channel: 'email', requesterName: 'Carla Neri', organization: { code: 'AULSS6' } });
  });

  it.runIf(backend.name === 'postgres')('undoes its ticket and stored files when another reader records the same message while it works', async () => {
    const stamp = `${backend.name}-${Date.now()}`;
    const id = `<race-${stamp}@mail.test>`;
    const title = `Arrivato a due caselle ${stamp}`;
    const boundary = `b-${stamp}`;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const raw = [
      `From: Mario Rossi <${DEMO.staff}>`,
      'To: helpdesk@spoc-desk.test',
      `Subject: ${title}`,
      `Message-ID: ${id}`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      [`--${boundary}`, 'Content-Type: text/plain; charset=utf-8', '', 'Il modulo in allegato.', ''].join('\r\n'),
      [`--${boundary}`, 'Content-Type: application/pdf; name="gara.pdf"', 'Content-Disposition: attachment; filename="gara.pdf"', 'Content-Transfer-Encoding: base64', '', pdf.toString('base64'), ''].join('\r\n'),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const filesBefore = readdirSync(uploadsDir()).length;
    // "Another reader": a transaction that has recorded the message and not committed yet. The reader does not
    // see the record, works, and then waits on it at its own record's INSERT.
    const other = new pg.Client({ connectionString: backend.db.location });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query("INSERT INTO intake_records (message_key, mailbox, sender, subject, outcome, reason, created_at) VALUES ($1, 'altra-casella', $2, $3, 'ticket', 'taken in by the other reader', now())", [`mid:${id}`, DEMO.staff, title]);
      await appendMail(account, raw);
      await until('the reader waiting on the record', async () => {
        // Asked on another connection: inside a transaction, PostgreSQL answers pg_stat_activity from its first snapshot.
        const waiting = await sql.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO intake_records%'");
        return waiting.length > 0;
      });
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    await until('the message moved out of INBOX', async () => (await listFolder(account, 'INBOX')).length === 0);
    expect(await ticketsWith(title)).toEqual([]);
    expect(await sql.query('SELECT mailbox, outcome FROM intake_records WHERE message_key = ?', [`mid:${id}`])).toEqual([{ mailbox: 'altra-casella', outcome: 'ticket' }]);
    expect(await sql.query("SELECT id FROM files WHERE name = 'gara.pdf'")).toEqual([]);
    await until('the stored file removed', async () => readdirSync(uploadsDir()).length === filesBefore);
  }, 60_000);

  it('marks one of our messages undelivered when its bounce arrives, and tells the supervisors', async () => {
    const ticket = await createTicket(a.tool, a.organizations.ulss.documentId, { requesterEmail: `inesistente-${backend.name}@aulss6.veneto.it` });
    const [sent] = await until('the opening mail sent', async () => {
      const rows = await sql.query<{ message_id: string; state: string }>("SELECT message_id, state FROM notif_outbox WHERE ticket_id = ? AND recipient LIKE 'inesistente%'", [ticket.id]);
      return rows[0]?.state === 'sent' && rows;
    });
    const boundary = `dsn-${Date.now()}`;
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.aulss6.veneto.it>',
      'To: spoc@spoc-desk.test',
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <dsn-${backend.name}-${Date.now()}@mx.aulss6.veneto.it>`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain',
      '',
      'I could not deliver your message.',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      `Final-Recipient: rfc822; inesistente-${backend.name}@aulss6.veneto.it`,
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '',
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${sent.message_id}`,
      `Subject: [${ticket.number}] Registrazione della segnalazione`,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    await appendMail(account, dsn);
    await until('the message marked undelivered', async () => {
      const rows = await sql.query<{ state: string }>('SELECT state FROM notif_outbox WHERE message_id = ?', [sent.message_id]);
      return rows[0]?.state === 'undelivered';
    });
    // Supervisors find it among the undelivered messages in the panel.
    const listed = await a.supervisor.get('/notifications/messages?state=undelivered&pageSize=100');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((m: { messageId: string }) => m.messageId)).toContain(sent.message_id);
    const events = (await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&filters[type]=email.undelivered`)).body.data;
    expect(events[0].data).toMatchObject({ messageId: sent.message_id, status: '5.1.1' });
    const alerts = await sql.query<{ recipient: string }>("SELECT recipient FROM notif_outbox WHERE ticket_id = ? AND event = 'email.undelivered'", [ticket.id]);
    expect(alerts.map((row) => row.recipient)).toContain(DEMO.supervisor);
    // The bounce itself opened no ticket.
    expect(await ticketsWith('Undelivered Mail Returned to Sender')).toEqual([]);
  });

  it('takes every message of the 115-message corpus to one result, through the real IMAP path', async () => {
    const corpusAccount = await addMailbox();
    const files = readdirSync(CORPUS).filter((name) => name.endsWith('.box'));
    for (const file of files) await appendMail(corpusAccount, readFileSync(path.join(CORPUS, file)));
    const corpusReader = await startTestInstance(backend.db, intakeEnv(corpusAccount));
    try {
      await until('the corpus drained', async () => (await listFolder(corpusAccount, 'INBOX')).length === 0, 240_000);
      const mailbox = `${corpusAccount.user}@${imapTarget().host}/INBOX`;
      const records = await sql.query<{ message_key: string; outcome: string; reason: string }>('SELECT message_key, outcome, reason FROM intake_records WHERE mailbox = ?', [mailbox]);
      // Corpus messages that share a Message-ID are one message to the intake, recorded once.
      const machine = new Set(
        readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8').split('\n').filter((line) => line.split('\t')[4] === 'y').map((line) => line.split('\t')[0])
      );
      const keys = new Map<string, boolean>(); // key → every file with it was sent by a machine
      for (const file of files) {
        const raw = readFileSync(path.join(CORPUS, file));
        const { messageId } = await parseMail(raw);
        const key = messageId ? `mid:${messageId}` : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
        keys.set(key, (keys.get(key) ?? true) && machine.has(file));
      }
      expect(records).toHaveLength(keys.size);
      const processed = (await listFolder(corpusAccount, 'Processed')).length + (await listFolder(corpusAccount, 'Quarantine')).length;
      expect(processed).toBe(files.length);
      const count = (outcome: string) => records.filter((record) => record.outcome === outcome).length;
      expect(count('processing')).toBe(0);
      // Every bounce and auto-reply of the corpus is held back: none became a ticket or a follow-up.
      const machineKeys = [...keys].filter(([, byMachine]) => byMachine).map(([key]) => key);
      expect(machineKeys.length).toBeGreaterThan(0);
      for (const key of machineKeys) expect(records.find((record) => record.message_key === key)?.outcome, key).toMatch(/^(bounce|ignored)$/);
      // Unknown senders are quarantined by policy; none of the messages made the intake fail.
      expect(records.filter((record) => /could not be processed|unreadable/.test(record.reason ?? '')).map((record) => record.reason)).toEqual([]);
    } finally {
      await corpusReader.stop();
    }
  }, 300_000);

  it('gives one ticket when the process dies between commit and the move, and another instance takes over', async () => {
    const crashAccount = await addMailbox();
    const title = `Crash test ${backend.name} ${Date.now()}`;
    await appendMail(crashAccount, message({ from: `Mario Rossi <${DEMO.staff}>`, subject: title, body: 'Messaggio che sopravvive a un crash' }));
    const doomed = await startTestInstance(backend.db, intakeEnv(crashAccount), ['--require', path.join(ROOT, 'tests', 'support', 'crash-before-move.cjs')]);
    await until('the doomed reader to die', async () => doomed.child.exitCode !== null || doomed.child.signalCode !== null);
    expect(await ticketsWith(title)).toHaveLength(1);
    expect(await listFolder(crashAccount, 'INBOX')).toHaveLength(1);
    const survivor = await startTestInstance(backend.db, intakeEnv(crashAccount));
    try {
      await until('the message moved by the survivor', async () => (await listFolder(crashAccount, 'INBOX')).length === 0, 60_000);
      expect(await ticketsWith(title)).toHaveLength(1);
    } finally {
      await survivor.stop();
    }
  }, 120_000);

  it('takes in several senders’ messages side by side, each sender’s and each thread’s in the mailbox’s order, across batches', async () => {
    const box = await addMailbox();
    const stamp = `${process.pid}-${Date.now()}`;
    // Unknown addresses of the demo organization's domain: a ticket each, counted by the hourly limit (3 here) from zero.
    const senders = ['a', 'b', 'c', 'd', 'e'].map((letter) => `parallelo-${letter}-${stamp}@azero.veneto.it`);
    const ids = (sender: number, nth: number) => `<parallel-${stamp}-${sender}-${nth}@mail.test>`;
    const order: string[] = [];
    const append = async (sender: number, nth: number, inReplyTo?: string) => {
      order.push(ids(sender, nth));
      await appendMail(box, message({ from: senders[sender], subject: `Parallelo ${sender}.${nth} ${backend.name} ${stamp}`, body: 'Richiesta', messageId: ids(sender, nth), inReplyTo }));
    };
    for (let nth = 1; nth <= 3; nth++) for (let sender = 0; sender < 4; sender++) await append(sender, nth);
    await append(0, 4); // over sender 0's limit of 3 an hour
    await append(4, 1, ids(1, 1)); // sender 4 answers sender 1's first message: one thread with it
    // Batches of 5: threads and senders span batches, the next one fetched while one is processed.
    const reader = await startTestInstance(backend.db, intakeEnv(box, { INTAKE_MAX_PER_SENDER_PER_HOUR: '3', INTAKE_THREADS_AT_ONCE: '4', INTAKE_BATCH_SIZE: '5' }));
    try {
      await until('the mailbox drained', async () => (await listFolder(box, 'INBOX')).length === 0, 60_000);
    } finally {
      await reader.stop();
    }
    const records = new Map<string, { outcome: string; reason: string; ticket_number: string | null }>();
    for (const id of order) records.set(id, await recordOf(id));
    expect(records.get(ids(0, 4))).toMatchObject({ outcome: 'quarantined', reason: expect.stringContaining('held') });
    const number = (id: string) => records.get(id)!.ticket_number!;
    for (const id of order.filter((id) => id !== ids(0, 4))) expect(records.get(id), id).toMatchObject({ outcome: 'ticket', ticket_number: expect.any(String) });
    // Numbers are given in the order of registration: each sender's tickets, and the answer after what it answers.
    for (let sender = 0; sender < 4; sender++) {
      expect([1, 2, 3].map((nth) => number(ids(sender, nth))), `sender ${sender}`).toEqual([1, 2, 3].map((nth) => number(ids(sender, nth))).sort());
    }
    expect(number(ids(4, 1)) > number(ids(1, 1))).toBe(true);
    expect(new Set(order.filter((id) => id !== ids(0, 4)).map(number)).size).toBe(order.length - 1);
  }, 120_000);

  it('lets one of two instances read a shared mailbox at a time: every message gives one ticket', async () => {
    const shared = await addMailbox();
    const stamp = `${backend.name} ${Date.now()}`;
    const titles = Array.from({ length: 8 }, (_, i) => `Condivisa ${i + 1} ${stamp}`);
    for (const title of titles) await appendMail(shared, message({ from: `Mario Rossi <${DEMO.staff}>`, subject: title, body: 'Richiesta' }));
    // In batches of 2: the lease is renewed between batches while the next one is already being fetched.
    const small = { INTAKE_BATCH_SIZE: '2' };
    const [first, second] = await Promise.all([startTestInstance(backend.db, intakeEnv(shared, small)), startTestInstance(backend.db, intakeEnv(shared, small))]);
    try {
      await until('the shared mailbox drained', async () => (await listFolder(shared, 'INBOX')).length === 0, 60_000);
      for (const title of titles) expect(await ticketsWith(title), title).toHaveLength(1);
      const holders = await sql.query<{ holder: string }>('SELECT holder FROM intake_leases WHERE mailbox = ?', [`${shared.user}@${imapTarget().host}/INBOX`]);
      expect(holders).toHaveLength(1);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  }, 120_000);

  it('keeps reading after the IMAP server restarts under an idling reader', async () => {
    const server = await startDovecot();
    const own = await server.addMailbox('restart');
    const env = { ...intakeEnv(own), INTAKE_IMAP_HOST: server.host, INTAKE_IMAP_PORT: String(server.port) };
    const idler = await startTestInstance(backend.db, env);
    try {
      const before = `Prima del riavvio ${backend.name} ${Date.now()}`;
      await server.append(own, message({ from: `Mario Rossi <${DEMO.staff}>`, subject: before, body: 'uno' }));
      await until('the first ticket', async () => (await ticketsWith(before)).length === 1);
      await server.restart();
      const after = `Dopo il riavvio ${backend.name} ${Date.now()}`;
      await server.append(own, message({ from: `Mario Rossi <${DEMO.staff}>`, subject: after, body: 'due' }));
      await until('the ticket after the restart', async () => (await ticketsWith(after)).length === 1, 60_000);
      expect(await ticketsWith(before)).toHaveLength(1);
    } finally {
      await idler.stop();
      await server.stop();
    }
  }, 120_000);
});
