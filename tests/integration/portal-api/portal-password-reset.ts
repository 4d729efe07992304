import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, Api, backends, mailDir, type Actors } from '../../support/api';
import { connect, type Sql } from '../../support/database';
import { createPortalUser } from '../../support/portal-users';
import { waitForMail } from '../../support/smtp-sink';

const to = (address: string) => (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((a) => a?.value.some((v) => v.address === address));
const resetCode = (mail: ParsedMail) => {
  const link = /https?:\/\/\S+\/portal\/reset-password\?code=([A-Za-z0-9]+)/.exec(mail.text ?? '');
  return link?.[1];
};

/**
 * Forgotten password: the link comes through the notifications outbox, the reset is users-permissions'
 * own endpoint, and the answer never tells whether an address has an account.
 */
describe.each(backends())('portal password reset on $name', (backend) => {
  let a: Actors;
  let sql: Sql;
  beforeAll(async () => {
    a = await actors(backend);
    sql = await connect(backend.db);
  });
  afterAll(() => sql.close());
  const outboxOf = (address: string) =>
    sql.query<{ event: string; ticket_id: number | null; maintenance_log_id: number | null; state: string; text: string }>(
      'SELECT event, ticket_id, maintenance_log_id, state, text FROM notif_outbox WHERE recipient = ? ORDER BY id',
      [address]
    );
  /** Requests of an address admitted by the limits and not yet handled by the worker. */
  const unhandled = (address: string) =>
    sql.query('SELECT id FROM portal_reset_requests WHERE address = ? AND admitted = ? AND handled_at IS NULL', [address, backend.name === 'postgres' ? true : 1]);

  it('mails a reset link; the code sets a new password, which signs in while the old one no longer does', async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    const asked = await a.anonymous.post('/api/portal/auth/forgot-password', { email: `  ${user.email.toUpperCase()} ` });
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ ok: true });

    const [mail] = await waitForMail(mailDir(), to(user.email));
    expect(mail, 'the reset e-mail').toBeDefined();
    expect(mail.subject).toBe('Reimpostazione della password del portale');
    expect(mail.text).toContain(`l'account ${user.email}`);
    const code = resetCode(mail);
    expect(code, mail.text).toMatch(/^[0-9a-f]{128}$/);
    expect(mail.text).toContain(`/portal/reset-password?code=${code}`);

    // Recorded in the outbox with no ticket or maintenance log, and the link is not kept once delivered.
    // The worker records the outcome just after the SMTP server's answer: wait for it, bounded.
    let [recorded] = await outboxOf(user.email);
    for (let i = 0; i < 50 && recorded.state !== 'sent'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [recorded] = await outboxOf(user.email);
    }
    expect(recorded).toMatchObject({ event: 'auth.password-reset', ticket_id: null, maintenance_log_id: null, state: 'sent' });
    expect(recorded.text).not.toContain(code);

    const mismatch = await a.anonymous.post('/api/auth/reset-password', { code, password: 'Cambiata2026!', passwordConfirmation: 'Altra2026!' });
    expect(mismatch.status).toBe(400);
    const reset = await a.anonymous.post('/api/auth/reset-password', { code, password: 'Cambiata2026!', passwordConfirmation: 'Cambiata2026!' });
    expect(reset.status).toBe(200);
    expect(reset.body.jwt).toEqual(expect.any(String));
    // The code works once.
    expect((await a.anonymous.post('/api/auth/reset-password', { code, password: 'Ancora2026!', passwordConfirmation: 'Ancora2026!' })).status).toBe(400);

    const signedIn = await a.anonymous.post('/api/auth/local', { identifier: user.email, password: 'Cambiata2026!' });
    expect(signedIn.status).toBe(200);
    expect((await new Api(backend.url, signedIn.body.jwt).get('/api/portal/me')).body.data.email).toBe(user.email);
    expect((await a.anonymous.post('/api/auth/local', { identifier: user.email, password: user.password })).status).toBe(400);
  });

  it('writes in the language of the user', async () => {
    const user = await createPortalUser(a.tool, 'Referente', a.organizations.azienda.id);
    expect((await a.tool.put(`/api/users/${user.id}`, { language: 'en' })).status).toBe(200);
    await a.anonymous.post('/api/portal/auth/forgot-password', { email: user.email });
    const [mail] = await waitForMail(mailDir(), to(user.email));
    expect(mail.subject).toBe('Resetting your portal password');
    expect(resetCode(mail)).toBeDefined();
  });

  it('answers the same for unknown addresses and other roles, and sends them nothing', async () => {
    const outsider = await createPortalUser(a.tool, 'Authenticated', a.organizations.azienda.id);
    const nobody = `nessuno-${Date.now()}@azero.veneto.it`;
    for (const email of [outsider.email, nobody]) {
      const asked = await a.anonymous.post('/api/portal/auth/forgot-password', { email });
      expect(asked.status).toBe(200);
      expect(asked.body).toEqual({ ok: true });
    }
    for (const email of [outsider.email, nobody]) {
      await expect.poll(async () => (await unhandled(email)).length, { timeout: 30_000 }).toBe(0);
      expect(await outboxOf(email)).toEqual([]);
    }
    const stored = await sql.query<{ reset_password_token: string | null }>('SELECT reset_password_token FROM up_users WHERE id = ?', [outsider.id]);
    expect(stored[0].reset_password_token).toBeNull();
  });

  it('names the field when the address is not one', async () => {
    for (const body of [{ email: 'non-un-indirizzo' }, { email: '' }, {}, { email: 42 }]) {
      const refused = await a.anonymous.post('/api/portal/auth/forgot-password', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.details.errors[0].path).toEqual(['email']);
    }
  });

  it('holds requests for one address beyond the limit, still answering 200', async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    for (let i = 0; i < 5; i += 1) {
      const asked = await a.anonymous.post('/api/portal/auth/forgot-password', { email: user.email });
      expect(asked.status).toBe(200);
      expect(asked.body).toEqual({ ok: true });
    }
    // PORTAL_RESET_MAX_PER_ADDRESS defaults to 3 an hour. The messages are made after the answers: wait
    // until every request was handled, then count.
    await expect.poll(async () => (await unhandled(user.email)).length, { timeout: 30_000 }).toBe(0);
    expect(await outboxOf(user.email)).toHaveLength(3);
  });

  it('does the same work in the answer for known and unknown addresses: the request is recorded, nothing else', async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    const nobody = `nessuno-${Date.now()}@azero.veneto.it`;
    for (const email of [user.email, nobody]) expect((await a.anonymous.post('/api/portal/auth/forgot-password', { email })).status).toBe(200);
    // What the answer wrote is one request row each, alike but for the address: no trace of the lookup.
    const rows = await sql.query<Record<string, unknown>>('SELECT * FROM portal_reset_requests WHERE address IN (?, ?) ORDER BY id', [user.email, nobody]);
    expect(rows).toHaveLength(2);
    const shape = (row: Record<string, unknown>) => Object.keys(row).sort();
    expect(shape(rows[0])).toEqual(shape(rows[1]));
    expect(rows.map((row) => Boolean(row.admitted))).toEqual([true, true]);
    // The lookup happens after: the known address gets its mail, the unknown one nothing, and both are handled.
    await waitForMail(mailDir(), to(user.email));
    await expect.poll(async () => (await unhandled(user.email)).length + (await unhandled(nobody)).length, { timeout: 30_000 }).toBe(0);
    expect(await outboxOf(nobody)).toEqual([]);
  });

  it("keeps users-permissions' direct-send forgot-password closed, and its reset open", async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    expect((await a.anonymous.post('/api/auth/forgot-password', { email: user.email })).status).toBe(403);
    // Open to the public, refused only for the wrong code.
    const wrongCode = await a.anonymous.post('/api/auth/reset-password', { code: 'nonesiste', password: 'Cambiata2026!', passwordConfirmation: 'Cambiata2026!' });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body.error.message).toBe('Incorrect code provided');
  });

  // PostgreSQL: a row lock that SQLite, locking the whole file, cannot take beside a running instance.
  it.runIf(backend.name === 'postgres')('answers for a known address without reading or writing its account (its row locked meanwhile)', async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    const locker = await connect(backend.db);
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM up_users WHERE id = ? FOR UPDATE', [user.id]);
      // Were the lookup or the code's write part of the answer, the answer would wait for this lock.
      const answer = await Promise.race([
        a.anonymous.post('/api/portal/auth/forgot-password', { email: user.email }),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
      ]);
      expect(answer?.status, 'the answer while the account is locked').toBe(200);
      expect(await outboxOf(user.email)).toEqual([]);
    } finally {
      await locker.query('COMMIT');
      await locker.close();
    }
    const [mail] = await waitForMail(mailDir(), to(user.email));
    expect(resetCode(mail)).toBeDefined();
  });
});
