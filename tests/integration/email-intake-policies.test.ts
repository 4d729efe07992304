/**
 * The e-mail intake's policies seen from outside, through the real IMAP path: bodies stored as sanitized
 * HTML beside the text, the signed ticket reference of our messages, the per-sender rate limit, the
 * message size limit and the reopen window. One reader instance per database, with small limits.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { actors, backends, createTicket, mailDir, startTestInstance, type Actors } from '../support/api';
import { connect, type Sql } from '../support/database';
import { until } from '../support/eventually';
import { imapAvailable, intakeEnv, sharedImap, type ImapAccount } from '../support/imap';
import { TEST_THREAD_SECRET, type RunningInstance } from '../support/instances';
import { waitForMail } from '../support/smtp-sink';

const MAX_PER_HOUR = 2;
const MAX_BYTES = 64 * 1024;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082', 'hex');
let serial = 0;
const stamp = () => `${process.pid}-${Date.now().toString(36)}-${++serial}`;

interface Mail {
  from: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  text: string;
  /** With it the message is multipart/alternative (text and HTML), related to inline PNGs by Content-ID. */
  html?: string;
  inlinePngs?: string[];
}

/** A message as a mail client writes one: text, or text and HTML with inline images. */
function compose(mail: Mail): string {
  const head = [
    `From: ${mail.from}`,
    'To: helpdesk@spoc-desk.test',
    `Subject: ${mail.subject}`,
    `Message-ID: ${mail.messageId}`,
    `Date: ${new Date().toUTCString()}`,
    ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`, `References: ${mail.inReplyTo}`] : []),
    'MIME-Version: 1.0',
  ];
  const textPart = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', mail.text];
  if (!mail.html) return [...head, ...textPart, ''].join('\r\n');
  const related = `rel-${stamp()}`;
  const alternative = `alt-${stamp()}`;
  return [
    ...head,
    `Content-Type: multipart/related; boundary="${related}"`,
    '',
    `--${related}`,
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    `--${alternative}`,
    ...textPart,
    `--${alternative}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    mail.html,
    `--${alternative}--`,
    ...(mail.inlinePngs ?? []).flatMap((cid, index) => [
      `--${related}`,
      `Content-Type: image/png; name="immagine-${index + 1}.png"`,
      `Content-Disposition: inline; filename="immagine-${index + 1}.png"`,
      `Content-ID: <${cid}>`,
      'Content-Transfer-Encoding: base64',
      '',
      PNG.toString('base64'),
    ]),
    `--${related}--`,
    '',
  ].join('\r\n');
}

describe.skipIf(!imapAvailable()).each(backends())('e-mail intake policies on $name', (backend) => {
  let a: Actors;
  let sql: Sql;
  let account: ImapAccount;
  let reader: RunningInstance;
  beforeAll(async () => {
    a = await actors(backend);
    sql = await connect(backend.db);
    account = await sharedImap().addMailbox('policies');
    reader = await startTestInstance(
      backend.db,
      intakeEnv(account, {
        INTAKE_MAX_PER_SENDER_PER_HOUR: String(MAX_PER_HOUR),
        INTAKE_MAX_MESSAGE_BYTES: String(MAX_BYTES),
        INTAKE_REOPEN_WINDOW_DAYS: '1',
      })
    );
  });
  afterAll(async () => {
    await reader?.stop();
    await sql?.close();
  });

  // Every sender is new to the run, so that the rate limit of one test never holds another's mail.
  const sender = (name: string) => `${name}-${backend.name}-${stamp()}@azero.veneto.it`;
  const messageId = (name: string) => `<${name}-${backend.name}-${stamp()}@mail.test>`;
  const send = (mail: Mail) => sharedImap().append(account, compose(mail));
  const recordOf = (id: string) =>
    until(`the intake record of ${id}`, async () => {
      const [row] = await sql.query<{ outcome: string; reason: string; ticket_number: string | null }>('SELECT outcome, reason, ticket_number FROM intake_records WHERE message_key = ?', [`mid:${id}`]);
      return row?.outcome !== 'processing' && row;
    });
  const ticketByNumber = async (number: string) => (await a.tool.get(`/api/tickets?filters[number][$eq]=${number}&populate=attachments`)).body.data[0] as Record<string, any>;
  const followUpsOf = async (documentId: string) => (await a.tool.get(`/api/follow-ups?filters[ticket][documentId]=${documentId}&sort=id`)).body.data as Array<Record<string, any>>;
  const outboxTo = (address: string) => sql.query<{ event: string }>('SELECT event FROM notif_outbox WHERE recipient = ?', [address]);
  /** The signed reference of a ticket, as our opening message to its requester carries it. */
  const referenceOf = async (ticket: { documentId: string }) => {
    const [opening] = await waitForMail(mailDir(), (mail: ParsedMail) => mail.messageId === `<ticket.${ticket.documentId}@spoc-desk.test>`);
    const reference = /^\[([A-Z]+-\d{4}-\d{6}\/[0-9a-f]{10})\] /.exec(opening?.subject ?? '')?.[1];
    if (!reference) throw new Error(`no signed reference in ${opening?.subject}`);
    return { reference, opening };
  };

  it('stores an HTML message as sanitized HTML beside its text, its inline image shown from the stored copy behind a signed link', async () => {
    const id = messageId('html');
    const title = `Errore di stampa ${backend.name} ${stamp()}`;
    await send({
      from: `Anna Conti <${sender('html')}>`,
      subject: title,
      messageId: id,
      text: 'La stampa esce bianca. Allego la schermata.',
      html: '<p onclick="steal()">La stampa esce <b>bianca</b>.</p><p><img src="cid:shot@mail.test" alt="schermata"></p><img src="https://tracker.example/open.png?u=anna"><script>steal()</script><iframe src="https://evil.example"></iframe>',
      inlinePngs: ['shot@mail.test'],
    });
    const record = await recordOf(id);
    expect(record.outcome).toBe('ticket');
    const ticket = await ticketByNumber(record.ticket_number!);
    expect(ticket.description).toBe('La stampa esce bianca. Allego la schermata.');
    const html = ticket.descriptionHtml as string;
    expect(html).toContain('La stampa esce <b>bianca</b>.');
    expect(html).not.toMatch(/onclick|steal|<script|<iframe|evil\.example/);
    // The tracking image is not loaded: a link the reader may follow instead.
    expect(html).not.toMatch(/<img[^>]+tracker/);
    expect(html).toContain('<a href="https://tracker.example/open.png?u=anna" rel="noopener noreferrer nofollow" target="_blank">[immagine esterna non caricata / remote image not loaded]</a>');
    // The inline image is the stored attachment, behind a signed link that serves its bytes.
    const src = /<img src="([^"]+)" alt="schermata" \/>/.exec(html)?.[1].replace(/&amp;/g, '&');
    expect(src).toMatch(/^\/api\/files\/[^?]+\?exp=\d+&sig=/);
    expect(ticket.attachments.map((file: { url: string }) => file.url.split('?')[0])).toContain(src!.split('?')[0]);
    const image = await fetch(`${backend.url}${src}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    // The upload plugin optimizes images: the stored copy is a PNG, not the same bytes.
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 8)).toEqual(PNG.subarray(0, 8));
    expect((await fetch(`${backend.url}${src!.split('?')[0]}`)).status).toBe(403);
    // The organization's portal user reads the same HTML, signed for them too.
    const seen = (await a.staff.get(`/api/tickets/${ticket.documentId}`)).body.data;
    expect(seen.descriptionHtml).toMatch(/<img src="\/api\/files\/[^"]+\?exp=\d+&amp;sig=[^"]+" alt="schermata" \/>/);
    // An editor that sends back what it read (the admin panel does, signatures included) changes nothing.
    const edited = await a.tool.put(`/api/tickets/${ticket.documentId}`, { data: { title: `${title} (rivisto)`, descriptionHtml: html } });
    expect(edited.status).toBe(200);
  });

  it('keeps the HTML of a mail as received: nobody gives or changes it through REST', async () => {
    const refused = await a.staff.post('/api/tickets', { data: { title: 'x', kind: 'incident', priority: 'P3', descriptionHtml: '<img src="/api/files/altrui.png">' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['descriptionHtml']);
    const byTool = await a.tool.post('/api/tickets', { data: { title: 'x', kind: 'incident', priority: 'P3', organization: a.organizations.quiet.documentId, descriptionHtml: '<p>x</p>' } });
    expect(byTool.status).toBe(400);
    expect(byTool.body.error.details.errors[0].path).toEqual(['descriptionHtml']);

    const ticket = await createTicket(a.tool, a.organizations.quiet.documentId);
    const ownTicket = (await a.staff.post('/api/tickets', { data: { title: `Richiesta ${stamp()}`, kind: 'request', priority: 'P4' } })).body.data;
    const ownFollowUp = await a.staff.post('/api/follow-ups', { data: { ticket: ownTicket.documentId, body: 'x', bodyHtml: '<img src="/api/files/altrui.png">' } });
    expect(ownFollowUp.status).toBe(400);
    expect(ownFollowUp.body.error.details.errors[0].path).toEqual(['bodyHtml']);

    const changed = await a.tool.put(`/api/tickets/${ticket.documentId}`, { data: { descriptionHtml: '<img src="/api/files/altrui.png">' } });
    expect(changed.status).toBe(400);
    expect(changed.body.error.details.errors[0].path).toEqual(['descriptionHtml']);
    expect((await a.tool.get(`/api/tickets/${ticket.documentId}`)).body.data.descriptionHtml).toBeNull();
  });

  it('keeps only the new part of an HTML reply, formatting included, without the quote and the signature', async () => {
    const requester = sender('reply');
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: requester, requesterName: 'Anna Conti' });
    const id = messageId('reply');
    await send({
      from: `Anna Conti <${requester}>`,
      subject: `Re: [${ticket.number}] Registrazione della segnalazione`,
      messageId: id,
      inReplyTo: `<ticket.${ticket.documentId}@spoc-desk.test>`,
      text: 'Il numero di inventario è 4711.\n\n--\nAnna Conti\nUfficio Acquisti\n\nIl giorno lun 30 nov 2026, SPOC <spoc@spoc-desk.test> ha scritto:\n> La Sua segnalazione è stata registrata',
      html: '<div dir="ltr">Il numero di inventario è <b>4711</b>.</div><div class="gmail_signature">Anna Conti<br>Ufficio Acquisti</div><br><div class="gmail_quote"><div class="gmail_attr">Il giorno lun 30 nov 2026, SPOC ha scritto:</div><blockquote class="gmail_quote">La Sua segnalazione è stata registrata</blockquote></div>',
    });
    expect((await recordOf(id)).outcome).toBe('follow-up');
    const [followUp] = await followUpsOf(ticket.documentId);
    expect(followUp).toMatchObject({ body: 'Il numero di inventario è 4711.', channel: 'email', authorType: 'requester' });
    expect(followUp.bodyHtml).toBe('<div>Il numero di inventario è <b>4711</b>.</div><br />');
  });

  it('threads a reply by the signed reference our messages carry, from anyone, and not by a forged one', async () => {
    const requester = sender('token');
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: requester, requesterName: 'Anna Conti' });
    const { reference, opening } = await referenceOf(ticket);
    expect(reference.startsWith(`${ticket.number}/`)).toBe(true);
    expect(opening.text).toContain(`Riferimento della richiesta: ${reference}`);
    expect(opening.html).toContain(`Riferimento della richiesta: ${reference}`);
    const token = reference.split('/')[1];
    const forged = `${ticket.number}/${token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}`;

    // A colleague from another organization, forwarded our message: not a participant, but the reference
    // proves the message came from one of ours. No In-Reply-To, no References.
    const colleague = `collega-${backend.name}-${stamp()}@fornitore.example`;
    const stranger = `estraneo-${backend.name}-${stamp()}@fornitore.example`;
    const bySubject = messageId('token-subject');
    await send({ from: colleague, subject: `R: [${reference}] Registrazione della segnalazione`, messageId: bySubject, text: 'Il tecnico passa domani.' });
    // A new subject: the quoted footer still carries it.
    const byFooter = messageId('token-footer');
    await send({ from: colleague, subject: 'Intervento programmato', messageId: byFooter, text: `Confermo per le 9.\n\n> Riferimento della richiesta: ${reference} (conservarlo nelle risposte)` });
    // A message signed before thread tokens had a key of their own (keyed by the secret itself) still threads.
    const legacy = `${ticket.number}/${createHmac('sha256', TEST_THREAD_SECRET).update(`ticket-thread\n${ticket.number}`).digest('hex').slice(0, 10)}`;
    expect(legacy).not.toBe(reference);
    const byLegacy = messageId('token-legacy');
    const supplier = `fornitore-${backend.name}-${stamp()}@fornitore.example`; // another sender: the colleague's hour is counted
    await send({ from: supplier, subject: `R: [${legacy}] Registrazione della segnalazione`, messageId: byLegacy, text: 'Materiale ordinato.' });
    // A stranger with the reference altered by one digit: only the typed number is left, and they are no participant.
    const byForgery = messageId('token-forged');
    await send({ from: stranger, subject: `R: [${forged}] Registrazione della segnalazione`, messageId: byForgery, text: 'Chiudete pure.' });
    // The requester with the altered reference: the subject rules still take a participant's reply.
    const fromRequester = messageId('token-requester');
    await send({ from: requester, subject: `R: [${forged}] Registrazione della segnalazione`, messageId: fromRequester, text: 'Grazie.' });

    expect((await recordOf(bySubject)).outcome).toBe('follow-up');
    expect((await recordOf(byFooter)).outcome).toBe('follow-up');
    expect((await recordOf(byLegacy)).outcome).toBe('follow-up');
    const quarantined = await recordOf(byForgery);
    expect(quarantined.outcome).toBe('quarantined');
    expect(quarantined.reason).toBe(`the subject names ${ticket.number} with a reference that does not verify, but ${stranger} is not one of its participants`);
    expect((await recordOf(fromRequester)).outcome).toBe('follow-up');
    expect((await followUpsOf(ticket.documentId)).map((f) => f.body)).toEqual(['Il tecnico passa domani.', 'Confermo per le 9.', 'Materiale ordinato.', 'Grazie.']);
  });

  it('holds a sender over the hourly limit in quarantine, and sends it no notification', async () => {
    const busy = sender('rate');
    const ids = Array.from({ length: MAX_PER_HOUR + 1 }, (_, i) => messageId(`rate-${i}`));
    for (const [i, id] of ids.entries()) await send({ from: busy, subject: `Richiesta numero ${i + 1} ${stamp()}`, messageId: id, text: 'Ancora una richiesta.' });
    const records = [];
    for (const id of ids) records.push(await recordOf(id));
    expect(records.map((record) => record.outcome)).toEqual([...Array(MAX_PER_HOUR).fill('ticket'), 'quarantined']);
    expect(records[MAX_PER_HOUR].reason).toBe(`held: more than ${MAX_PER_HOUR} messages in an hour from ${busy}`);
    // Each ticket's opening message, and nothing for the held one (the quarantine writes none).
    const mail = await outboxTo(busy);
    expect(mail.map((row) => row.event)).toEqual(Array(MAX_PER_HOUR).fill('ticket.opened'));
    const held = (await a.admin.get(`/content-manager/collection-types/plugin::email-intake.quarantine?filters[sender][$eq]=${encodeURIComponent(busy)}`)).body.results;
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ sender: busy, reason: records[MAX_PER_HOUR].reason });
  });

  it('quarantines a message over the size limit whole, with no ticket and no notification', async () => {
    const big = sender('size');
    const id = messageId('size');
    const padding = 'Riga di registro del dispositivo che ha generato il problema.\r\n'.repeat(Math.ceil(MAX_BYTES / 60));
    const raw = compose({ from: big, subject: `Registro allegato ${stamp()}`, messageId: id, text: padding });
    expect(Buffer.byteLength(raw)).toBeGreaterThan(MAX_BYTES);
    await sharedImap().append(account, raw);
    // Only its header is read, for the supervisor to see who wrote and about what; it is kept whole.
    const quarantined = await until('the quarantine record', async () => {
      return (await a.admin.get(`/content-manager/collection-types/plugin::email-intake.quarantine?filters[sender][$eq]=${encodeURIComponent(big)}`)).body.results[0] as Record<string, any>;
    });
    expect(quarantined.subject).toMatch(/^Registro allegato /);
    expect(quarantined.reason).toBe(`message too large: ${Buffer.byteLength(raw)} bytes, the limit is ${MAX_BYTES}`);
    const kept = await fetch(`${backend.url}/email-intake/quarantine/${quarantined.documentId}/raw`, { headers: { Authorization: `Bearer ${backend.sessions.supervisor}` } });
    expect(Buffer.from(await kept.arrayBuffer()).equals(Buffer.from(raw))).toBe(true);
    const [record] = await sql.query<{ message_key: string; outcome: string }>('SELECT message_key, outcome FROM intake_records WHERE sender = ?', [big]);
    expect(record).toEqual({ message_key: `sha256:${createHash('sha256').update(raw).digest('hex')}`, outcome: 'quarantined' });
    expect(await outboxTo(big)).toEqual([]);
  });

  it('answers a reply to a ticket restored longer ago than the reopen window with a new ticket that names it', async () => {
    const requester = sender('late');
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterEmail: requester, requesterName: 'Anna Conti' });
    await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
    expect((await a.tool.post(`/api/tickets/${ticket.documentId}/restore`, { data: { resolution: 'Sostituito il toner' } })).status).toBe(200);
    // Restored two days ago, against a window of one day: moved back behind the application's back.
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    const [stored] = await sql.query<{ restored_at: unknown }>('SELECT restored_at FROM tickets WHERE id = ?', [ticket.id]);
    const value = backend.db.client === 'postgres' ? new Date(twoDaysAgo) : typeof stored.restored_at === 'number' ? twoDaysAgo : new Date(twoDaysAgo).toISOString();
    await sql.query('UPDATE tickets SET restored_at = ? WHERE id = ?', [value, ticket.id]);

    const id = messageId('late');
    await send({ from: requester, subject: `Re: [${ticket.number}] Servizio ripristinato`, messageId: id, inReplyTo: `<ticket.${ticket.documentId}@spoc-desk.test>`, text: 'Il toner è finito di nuovo.' });
    const record = await recordOf(id);
    expect(record.outcome).toBe('ticket');
    expect(record.ticket_number).not.toBe(ticket.number);
    const successor = await ticketByNumber(record.ticket_number!);
    expect(successor.description).toBe(`Seguito della richiesta ${ticket.number}, ripristinata da più giorni di quelli previsti per riaprirla.\n\nIl toner è finito di nuovo.`);
    // The restored ticket keeps its result: not reopened, nothing added to it.
    expect((await a.tool.get(`/api/tickets/${ticket.documentId}`)).body.data.state).toBe('restored');
    expect(await followUpsOf(ticket.documentId)).toEqual([]);
  });
});
