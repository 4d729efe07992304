import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, DEMO, type Actors, startTestInstance } from '../support/api';
import { connect, type Sql } from '../support/database';
import { until } from '../support/eventually';
import { imapAvailable, sharedImap, type ImapAccount } from '../support/imap';
import { freePort } from '../support/instances';

const MAILBOXES = '/email-intake/mailboxes';
let serial = 0;

/** A plain request from the demo's portal user, whose address identifies Azienda Zero. */
function request(subject: string, messageId = `<mailboxes-${process.pid}-${Date.now()}-${++serial}@mail.test>`): string {
  return [
    `From: Mario Rossi <${DEMO.staff}>`,
    'To: assistenza@spoc-desk.test',
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Richiesta inviata a una delle caselle del servizio.',
    '',
  ].join('\r\n');
}

interface Listed {
  id: string;
  documentId: string | null;
  source: 'panel' | 'env';
  user: string;
  enabled: boolean;
  key: string;
  hasPassword: boolean;
  status: { state: string; lastPollAt: string | null; lastError: string | null; lastErrorCode: string | null };
}

describe.skipIf(!imapAvailable()).each(backends())('intake mailboxes from the admin panel on $name', (backend) => {
  let a: Actors;
  let sql: Sql;
  const created: string[] = [];
  const imap = () => sharedImap();

  beforeAll(async () => {
    a = await actors(backend);
    sql = await connect(backend.db);
  });
  afterAll(async () => {
    // Later files share these instances: nothing of ours is left to read.
    for (const documentId of created) await a?.supervisor.delete(`${MAILBOXES}/${documentId}`);
    await sql?.close();
  });

  const settings = (account: ImapAccount, extra: Record<string, unknown> = {}) => ({
    name: `Casella ${account.user}`,
    host: imap().host,
    port: imap().port,
    secure: false,
    user: account.user,
    password: account.password,
    ...extra,
  });
  const create = async (body: Record<string, unknown>) => {
    const res = await a.supervisor.post(MAILBOXES, body);
    if (res.status === 201) created.push(res.body.data.documentId);
    return res;
  };
  const listed = async (): Promise<Listed[]> => {
    const res = await a.supervisor.get(MAILBOXES);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const statusOf = async (documentId: string) => (await listed()).find((mailbox) => mailbox.documentId === documentId)?.status;
  const ticketsTitled = async (title: string) => (await a.tool.get(`/api/tickets?filters[title][$eq]=${encodeURIComponent(title)}`)).body.data as Array<{ number: string }>;
  const ticketFor = (title: string) => until(`a ticket "${title}"`, async () => (await ticketsTitled(title)).length === 1);
  const leaseOf = async (account: ImapAccount) => sql.query('SELECT holder FROM intake_leases WHERE mailbox = ?', [`${account.user}@${imap().host}/INBOX`]);

  it('keeps the mailbox settings to supervisors: an operator gets 403, a visitor 401', async () => {
    expect((await a.operator.get(MAILBOXES)).status).toBe(403);
    expect((await a.operator.post(MAILBOXES, { name: 'x', host: 'h', user: 'u', password: 'p' })).status).toBe(403);
    expect((await a.operator.post(`${MAILBOXES}/test`, { name: 'x', host: 'h', user: 'u', password: 'p' })).status).toBe(403);
    expect((await a.operator.put(`${MAILBOXES}/whatever`, { enabled: false })).status).toBe(403);
    expect((await a.operator.delete(`${MAILBOXES}/whatever`)).status).toBe(403);
    expect((await a.anonymous.get(MAILBOXES)).status).toBe(401);
  });

  it('reads two mailboxes created through the admin API into tickets, and never answers with a password', async () => {
    const [first, second] = [await imap().addMailbox('panel'), await imap().addMailbox('panel')];
    const answers = [await create(settings(first)), await create(settings(second))];
    for (const [index, res] of answers.entries()) {
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ source: 'panel', port: imap().port, secure: false, folder: 'INBOX', processedFolder: 'Processed', quarantineFolder: 'Quarantine', enabled: true, hasPassword: true });
      expect(res.body.data).not.toHaveProperty('password');
      expect(JSON.stringify(res.body)).not.toContain([first, second][index].password);
    }
    // At rest the password is sealed, not stored as typed.
    const [stored] = await sql.query<{ password: string }>('SELECT password FROM intake_mailboxes WHERE document_id = ?', [answers[0].body.data.documentId]);
    expect(stored.password).toMatch(/^v1:/);
    expect(stored.password).not.toContain(first.password);
    // Nor does the content manager hand it out, sealed or not, even to the super admin.
    const generic = await a.admin.get('/content-manager/collection-types/plugin::email-intake.mailbox');
    expect(JSON.stringify(generic.body)).not.toContain(stored.password);

    const titles = [`Dalla prima casella ${backend.name} ${Date.now()}`, `Dalla seconda casella ${backend.name} ${Date.now()}`];
    await imap().append(first, request(titles[0]));
    await imap().append(second, request(titles[1]));
    for (const title of titles) await ticketFor(title);
    const records = await sql.query<{ mailbox: string; outcome: string }>('SELECT mailbox, outcome FROM intake_records WHERE subject IN (?, ?) ORDER BY subject', titles);
    expect(records.map((record) => record.outcome)).toEqual(['ticket', 'ticket']);
    expect(records.map((record) => record.mailbox).sort()).toEqual([first, second].map((account) => `${account.user}@${imap().host}/INBOX`).sort());

    // One message sent to both mailboxes is one request: its record is keyed by Message-ID, not by mailbox.
    const both = `A entrambe le caselle ${backend.name} ${Date.now()}`;
    const id = `<both-${backend.name}-${Date.now()}@mail.test>`;
    await imap().append(first, request(both, id));
    await imap().append(second, request(both, id));
    await until('both copies moved out of INBOX', async () => (await imap().list(first, 'INBOX')).length === 0 && (await imap().list(second, 'INBOX')).length === 0);
    expect(await ticketsTitled(both)).toHaveLength(1);
    expect(await sql.query('SELECT id FROM intake_records WHERE message_key = ?', [`mid:${id}`])).toHaveLength(1);

        // Each shows its last reading; the list and the connection test carry no password either.
    for (const res of answers) await until('a recorded reading', async () => (await statusOf(res.body.data.documentId))?.state === 'ok');
    const list = await a.supervisor.get(MAILBOXES);
    for (const account of [first, second]) expect(JSON.stringify(list.body)).not.toContain(account.password);
    const tested = await a.supervisor.post(`${MAILBOXES}/${answers[0].body.data.documentId}/test`, {});
    expect(tested.status).toBe(200);
    expect(tested.body.data).toMatchObject({ ok: true, code: null, message: expect.stringContaining(`logged in as ${first.user}`) });
    expect(JSON.stringify(tested.body)).not.toContain(first.password);
  });

  it('does not read a disabled mailbox, reads it once enabled and stops when disabled again, without a restart', async () => {
    const [quiet, busy] = [await imap().addMailbox('disabled'), await imap().addMailbox('witness')];
    const disabled = (await create(settings(quiet, { enabled: false }))).body.data as Listed;
    expect(disabled.enabled).toBe(false);
    const waiting = `In attesa ${backend.name} ${Date.now()}`;
    await imap().append(quiet, request(waiting));
    // A mailbox added after it is read: by then the disabled one would have been too.
    expect((await create(settings(busy))).status).toBe(201);
    const witnessed = `Testimone ${backend.name} ${Date.now()}`;
    await imap().append(busy, request(witnessed));
    await ticketFor(witnessed);
    expect(await ticketsTitled(waiting)).toEqual([]);
    expect(await imap().list(quiet, 'INBOX')).toHaveLength(1);
    expect(await leaseOf(quiet)).toEqual([]);
    expect(await statusOf(disabled.documentId!)).toMatchObject({ state: 'disabled', lastPollAt: null });

    expect((await a.supervisor.put(`${MAILBOXES}/${disabled.documentId}`, { enabled: true })).status).toBe(200);
    await ticketFor(waiting);

    // Disabled again: its reader gives its lease back before the answer, and later mail stays where it is.
    const off = await a.supervisor.put(`${MAILBOXES}/${disabled.documentId}`, { enabled: false });
    expect(off.body.data).toMatchObject({ enabled: false, status: { state: 'disabled' } });
    expect(await leaseOf(quiet)).toEqual([]);
    const later = `Dopo la disattivazione ${backend.name} ${Date.now()}`;
    await imap().append(quiet, request(later));
    const witnessedAgain = `Testimone di nuovo ${backend.name} ${Date.now()}`;
    await imap().append(busy, request(witnessedAgain));
    await ticketFor(witnessedAgain);
    expect(await ticketsTitled(later)).toEqual([]);
    expect((await imap().list(quiet, 'INBOX')).map((message) => message.subject)).toEqual([later]);
  });

  it('records a wrong password as the mailbox’s error, names it in a 200 connection test, and reads once it is corrected', async () => {
    const account = await imap().addMailbox('wrongpw');
    const res = await create(settings(account, { password: 'non-la-password-giusta' }));
    expect(res.status).toBe(201);
    const { documentId } = res.body.data as Listed;
    const failing = await until('the recorded error', async () => {
      const status = await statusOf(documentId!);
      return status?.state === 'error' && status;
    });
    expect(failing).toMatchObject({ lastErrorCode: 'authentication', lastPollAt: null, lastError: expect.stringContaining('authentication failed') });

    const tested = await a.supervisor.post(`${MAILBOXES}/${documentId}/test`, {});
    expect(tested.status).toBe(200);
    expect(tested.body.data).toMatchObject({ ok: false, code: 'authentication', message: expect.stringContaining('authentication failed: the server refused the user name or password') });
    expect(JSON.stringify(tested.body)).not.toContain('non-la-password-giusta');
    // The form's unsaved password is tried instead of the stored one.
    const corrected = await a.supervisor.post(`${MAILBOXES}/${documentId}/test`, { password: account.password });
    expect(corrected.body.data).toMatchObject({ ok: true });

    // Settings not saved yet: a port where nothing listens, a folder the account does not have.
    const closed = await a.supervisor.post(`${MAILBOXES}/test`, settings(account, { port: await freePort() }));
    expect(closed.status).toBe(200);
    expect(closed.body.data).toMatchObject({ ok: false, code: 'refused', message: expect.stringContaining('connection refused') });
    const noFolder = await a.supervisor.post(`${MAILBOXES}/test`, settings(account, { folder: 'Inesistente' }));
    expect(noFolder.body.data).toMatchObject({ ok: false, code: 'folder-missing', message: expect.stringContaining('"Inesistente" does not exist') });

    const fixed = await a.supervisor.put(`${MAILBOXES}/${documentId}`, { password: account.password });
    expect(fixed.status).toBe(200);
    expect(JSON.stringify(fixed.body)).not.toContain(account.password);
    const title = `Dopo la correzione ${backend.name} ${Date.now()}`;
    await imap().append(account, request(title));
    await ticketFor(title);
    await until('the error superseded by a reading', async () => (await statusOf(documentId!))?.state === 'ok');
  });

  it('refuses settings it cannot use, naming the field, and a second entry for an account’s folder', async () => {
    const account = await imap().addMailbox('invalid');
    const path = async (body: Record<string, unknown>) => {
      const res = await a.supervisor.post(MAILBOXES, body);
      expect(res.status).toBe(400);
      return res.body.error.details.errors[0].path;
    };
    const { host: _host, ...noHost } = settings(account);
    expect(await path(noHost)).toEqual(['host']);
    expect(await path(settings(account, { processedFolder: 'INBOX' }))).toEqual(['processedFolder']);
    expect(await path(settings(account, { port: 0 }))).toEqual(['port']);
    const kept = await create(settings(account));
    expect(kept.status).toBe(201);
    expect(await path(settings(account, { name: 'Un altro nome' }))).toEqual(['folder']);
    expect(await path(settings(account, { folder: 'Altro', name: kept.body.data.name.toUpperCase() }))).toEqual(['name']);
    expect((await a.supervisor.put(`${MAILBOXES}/no-such-mailbox`, { enabled: false })).status).toBe(404);
    expect((await a.supervisor.post(`${MAILBOXES}/no-such-mailbox/test`, {})).status).toBe(404);
    // Generic edits would store the password as typed: the content manager's path is closed.
    const generic = await a.admin.post('/content-manager/collection-types/plugin::email-intake.mailbox', settings(account, { name: 'Di nascosto', folder: 'Altro' }));
    expect(generic.status).toBeGreaterThanOrEqual(400);
    expect((await listed()).map((mailbox) => mailbox.key)).not.toContain(`${account.user}@${imap().host}/Altro`);
  });

  it('removes a mailbox: no longer listed, its lease given back', async () => {
    const account = await imap().addMailbox('removed');
    const { documentId } = (await create(settings(account))).body.data as Listed;
    await until('its first reading', async () => (await statusOf(documentId!))?.state === 'ok');
    const removed = await a.supervisor.delete(`${MAILBOXES}/${documentId}`);
    expect(removed.status).toBe(200);
    expect((await listed()).map((mailbox) => mailbox.documentId)).not.toContain(documentId);
    expect(await leaseOf(account)).toEqual([]);
    expect((await a.supervisor.delete(`${MAILBOXES}/${documentId}`)).status).toBe(404);
  });

  it('lists and reads the mailbox of the environment, named with the IMAP_* variables of the configuration contract', async () => {
    const account = await imap().addMailbox('envbox');
    const contract = { HOST: imap().host, PORT: String(imap().port), SECURE: 'false', USER: account.user, PASSWORD: account.password };
    const instance = await startTestInstance(backend.db, {
      ...Object.fromEntries(Object.entries(contract).map(([name, value]) => [`IMAP_${name}`, value])),
      INTAKE_POLL_SECONDS: '2',
    });
    try {
      const there = await actors(backend, instance.url);
      const list = await there.supervisor.get(MAILBOXES);
      const env = (list.body.data as Listed[]).find((mailbox) => mailbox.source === 'env');
      expect(env).toMatchObject({ id: 'env', documentId: null, user: account.user, enabled: true, hasPassword: true, key: `${account.user}@${imap().host}/INBOX` });
      expect(JSON.stringify(list.body)).not.toContain(account.password);
      const title = `Dalla casella di ambiente ${backend.name} ${Date.now()}`;
      await imap().append(account, request(title));
      await ticketFor(title);
      const tested = await there.supervisor.post(`${MAILBOXES}/env/test`, {});
      expect(tested.body.data).toMatchObject({ ok: true });
      // The environment's mailbox is not the panel's to change.
      expect((await there.supervisor.put(`${MAILBOXES}/env`, { enabled: false })).status).toBe(404);
    } finally {
      await instance.stop();
    }
  }, 120_000);
});
