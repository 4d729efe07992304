import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Api, createTicket, DEMO, ticketSubject } from '../support/api';
import { until } from '../support/eventually';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  freePort,
  postgresDatabaseName,
  ROOT,
  smtpEnv,
  startInstance,
  type BackendTemplate,
  type DatabaseTarget,
  type RunningInstance,
} from '../support/instances';

/**
 * Issue 14, item 3: where e-mail goes when no SMTP server is configured. Each case boots an instance of
 * its own on a copy of the seeded template (its own outbox: no other instance may claim its messages),
 * with the environment of the case: development without SMTP_HOST (captured as .eml files), production
 * without it (an error at boot, nothing sent), an SMTP server that refuses connections (retried).
 */
describe.each(inject('templates'))('where e-mail goes, on $name', (template: BackendTemplate) => {
  const id = `${process.pid}_${randomUUID().slice(0, 6)}`;
  const dir = path.join(ROOT, '.tmp', `mail-delivery-${id}`);
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** An instance on a fresh copy of the template, with `env`; stopped (and its database dropped) after the file. */
  async function instanceWith(name: string, env: Record<string, string>): Promise<{ instance: RunningInstance; as: (who: keyof typeof template.sessions) => Api }> {
    mkdirSync(dir, { recursive: true });
    let db: DatabaseTarget;
    if (template.db.client === 'sqlite') {
      db = { client: 'sqlite', location: path.join(dir, `${name}.db`) };
      copyFileSync(template.db.location, db.location);
    } else {
      db = { client: 'postgres', location: await createPostgresDatabase(`spoc_mail_${name}_${id}`, postgresDatabaseName(template.db.location)) };
      cleanups.push(() => dropPostgresDatabase(postgresDatabaseName(db.location)));
    }
    // Mail is sent within a second of being recorded, and a failed attempt is retried only after ten minutes.
    const instance = await startInstance(db, { NOTIFICATIONS_WORKER_CRON: '*/1 * * * * *', NOTIFICATIONS_RETRY_BASE_SECONDS: '600', ...env });
    cleanups.push(() => instance.stop());
    return { instance, as: (who) => new Api(instance.url, template.sessions[who]) };
  }

  const organization = async (tool: Api) => (await tool.get('/api/organizations?filters[code]=AZERO')).body.data[0].documentId as string;
  // The log without its colours.
  const logOf = (instance: RunningInstance) => readFileSync(instance.logFile, 'utf8').replace(/\u001b\[\d+m/g, '');

  it('captures mail as .eml files in development without SMTP_HOST, records it as captured, and shows it to supervisors only', { timeout: 180_000 }, async () => {
    const captureDir = path.join(dir, 'captured');
    const { instance, as } = await instanceWith('capture', { SMTP_HOST: '', MAIL_CAPTURE_DIR: captureDir, MAIL_FROM: 'SPOC Desk <spoc@spoc-desk.test>' });
    expect(logOf(instance)).toContain(`E-mail: captured in ${captureDir} (development, no SMTP_HOST)`);
    const [tool, supervisor, operator, staff] = [as('tool'), as('supervisor'), as('operator'), as('staff')];
    expect((await supervisor.get('/notifications/delivery')).body.data).toEqual({ mode: 'capture', directory: captureDir, waiting: 0 });

    const requester = 'catturata@azero.veneto.it';
    const ticket = await createTicket(tool, await organization(tool), { title: 'Posta catturata', requesterEmail: requester });
    // The opening mail goes to the requester and to the organization's notification address.
    const files = await until('two captured messages', async () => {
      const names = readdirSync(captureDir).filter((name) => name.endsWith('.eml'));
      return names.length >= 2 && names;
    });
    expect(files).toHaveLength(2);
    const mails = await Promise.all(files.map(async (name) => ({ name, mail: await simpleParser(readFileSync(path.join(captureDir, name))) })));
    const mine = mails.find(({ mail }) => mail.to && !Array.isArray(mail.to) && mail.to.value[0].address === requester)!;
    expect(mine).toBeDefined();
    expect(mine.mail.subject).toMatch(ticketSubject(ticket.number, 'Registrazione della segnalazione: Posta catturata'));
    expect(mine.mail.text).toContain(`registrata con il numero ${ticket.number}`);
    expect(mine.mail.html).toContain(`registrata con il numero ${ticket.number}`);
    expect(mine.mail.from?.value[0].address).toBe('spoc@spoc-desk.test');
    expect(mine.mail.messageId).toBe(`<ticket.${ticket.documentId}@spoc-desk.test>`);
    // A real RFC 822 message, as SMTP would carry it: CRLF line ends.
    expect(readFileSync(path.join(captureDir, mine.name), 'latin1')).toMatch(/^[^\n]*\r\n/);

    // The outbox says captured, never sent; the timeline keeps an internal note, and the requester's
    // organization is not told that an e-mail reached anyone.
    const outbox = await until('the messages recorded as captured', async () => {
      const res = await supervisor.get('/notifications/messages?state=captured&pageSize=100');
      const rows = (res.body.data as Array<Record<string, any>>).filter((row) => row.ticketNumber === ticket.number);
      return rows.length === 2 && rows;
    });
    for (const row of outbox) expect(row).toMatchObject({ state: 'captured', attempts: 1, lastError: null, smtpResponse: expect.stringMatching(/^captured as \d{8}T\d{9}Z-[a-z0-9]{8}\.eml$/) });
    expect((await supervisor.get('/notifications/messages?state=sent&pageSize=100')).body.data.filter((row: { ticketNumber: string }) => row.ticketNumber === ticket.number)).toHaveLength(0);
    const timeline = (type: string, client = tool) => client.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&filters[type]=${type}`);
    expect((await timeline('email.captured')).body.data.map((event: { visibility: string }) => event.visibility)).toEqual(['internal', 'internal']);
    expect((await timeline('email.sent')).body.data).toHaveLength(0);
    expect((await timeline('email.captured', staff)).body.data).toHaveLength(0);

    // The E-mail page's list: newest first, with recipient, subject and template.
    const list = await supervisor.get('/notifications/captured');
    expect(list.status).toBe(200);
    expect(list.body.meta.total).toBe(2);
    expect(list.body.data.map((entry: { name: string }) => entry.name)).toEqual([...files].sort().reverse());
    const entry = list.body.data.find((item: { name: string }) => item.name === mine.name);
    expect(entry).toMatchObject({ to: requester, subject: mine.mail.subject, event: 'ticket.opened', date: expect.any(String) });

    const preview = await supervisor.get(`/notifications/captured/${mine.name}`);
    expect(preview.status).toBe(200);
    expect(preview.body.data).toMatchObject({ name: mine.name, to: requester, subject: mine.mail.subject, from: expect.stringContaining('spoc@spoc-desk.test') });
    expect(preview.body.data.text).toContain(`registrata con il numero ${ticket.number}`);
    expect(preview.body.data.html).toContain(`registrata con il numero ${ticket.number}`);

    const raw = await fetch(`${instance.url}/notifications/captured/${mine.name}/raw`, { headers: { authorization: `Bearer ${template.sessions.supervisor}` } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(raw.headers.get('content-disposition')).toBe(`attachment; filename="${mine.name}"`);
    expect(Buffer.from(await raw.arrayBuffer()).equals(readFileSync(path.join(captureDir, mine.name)))).toBe(true);

    // Supervisors only, as the page's other routes.
    for (const route of ['/notifications/delivery', '/notifications/captured', `/notifications/captured/${mine.name}`, `/notifications/captured/${mine.name}/raw`]) {
      expect((await operator.get(route)).status).toBe(403);
      expect((await new Api(instance.url).get(route)).status).toBe(401);
    }

    // Nothing outside the capture folder, however the name is spelled: a message-like file beside the folder,
    // the project's own files, a name of the right shape that does not exist.
    const outside = '20260101T000000000Z-aaaaaaaa.eml';
    writeFileSync(path.join(dir, outside), readFileSync(path.join(captureDir, mine.name)));
    for (const name of [`..%2F${outside}`, '..%2F..%2F..%2Fpackage.json', '%2E%2E%2F%2E%2E%2Fpackage.json', encodeURIComponent(path.join(ROOT, 'package.json')), '..', 'package.json']) {
      for (const suffix of ['', '/raw']) {
        const res = await supervisor.get(`/notifications/captured/${name}${suffix}`);
        expect([400, 404]).toContain(res.status);
        expect(JSON.stringify(res.body)).not.toContain('spoc-desk');
        if (res.status === 400) expect(res.body.error.details.errors[0].path).toEqual(['name']);
      }
    }
    expect((await supervisor.get('/notifications/captured/20260101T000000000Z-zzzzzzzz.eml')).status).toBe(404);
  });

  it('in production without SMTP_HOST, says so loudly at boot and delivers nothing, keeping the messages', { timeout: 180_000 }, async () => {
    const { instance, as } = await instanceWith('missing', { NODE_ENV: 'production', SMTP_HOST: '' });
    expect(logOf(instance)).toMatch(/\] error: E-mail: NOT CONFIGURED\. SMTP_HOST is not set in production/);
    const [tool, supervisor] = [as('tool'), as('supervisor')];
    const ticket = await createTicket(tool, await organization(tool), { requesterEmail: 'in.attesa@azero.veneto.it' });
    // Several worker passes later, the messages are still waiting, untouched.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const pending = (await supervisor.get('/notifications/messages?state=pending&pageSize=100')).body.data.filter((row: { ticketNumber: string }) => row.ticketNumber === ticket.number);
    expect(pending).toHaveLength(2);
    for (const row of pending) expect(row).toMatchObject({ state: 'pending', attempts: 0, lastError: null });
    const mode = await supervisor.get('/notifications/delivery');
    expect(mode.status).toBe(200);
    expect(mode.body.data).toEqual({ mode: 'missing', waiting: expect.any(Number) });
    expect(mode.body.data.waiting).toBeGreaterThanOrEqual(2);
    expect((await supervisor.get('/notifications/captured')).body).toEqual({ data: [], meta: { total: 0 } });
  });

  it('lists messages that failed against a closed port as retrying, with the error, the attempts and the next attempt, and names no password', { timeout: 180_000 }, async () => {
    const closed = await freePort();
    const { instance, as } = await instanceWith('retrying', { ...smtpEnv(closed), SMTP_USER: 'spoc-relay', SMTP_PASSWORD: 'segreto-da-non-mostrare' });
    expect(logOf(instance)).toContain(`E-mail: SMTP 127.0.0.1:${closed} (user spoc-relay)`);
    expect(logOf(instance)).not.toContain('segreto-da-non-mostrare');
    const [tool, supervisor] = [as('tool'), as('supervisor')];
    const mode = await supervisor.get('/notifications/delivery');
    expect(mode.body.data).toEqual({ mode: 'smtp', host: '127.0.0.1', port: closed, secure: false, user: 'spoc-relay', waiting: expect.any(Number) });
    expect(JSON.stringify(mode.body)).not.toContain('segreto');

    const before = Date.now();
    const ticket = await createTicket(tool, await organization(tool), { requesterEmail: 'riprova@azero.veneto.it' });
    const retrying = await until('two messages being retried', async () => {
      const rows = (await supervisor.get('/notifications/messages?state=retrying&pageSize=100')).body.data.filter((row: { ticketNumber: string }) => row.ticketNumber === ticket.number);
      return rows.length === 2 && rows;
    });
    for (const row of retrying) {
      expect(row).toMatchObject({ state: 'pending', attempts: 1 });
      expect(row.lastError).toMatch(/ECONNREFUSED/);
      // The first retry waits the base delay (ten minutes here).
      expect(Date.parse(row.nextAttemptAt)).toBeGreaterThan(before + 590_000);
    }
    // Not failed for good, and not queued for the first time either.
    expect((await supervisor.get('/notifications/messages?state=failed&pageSize=100')).body.data.filter((row: { ticketNumber: string }) => row.ticketNumber === ticket.number)).toHaveLength(0);
    const bad = await supervisor.get('/notifications/messages?state=riprovando');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['state']);
  });
});
