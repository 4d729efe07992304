import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, Api, backends, createTicket, type Actors, startTestInstance } from '../support/api';
import { openSessions } from '../support/http';
import { connect, type Sql } from '../support/database';
import path from 'node:path';
import { ROOT, TEST_THREAD_SECRET, type RunningInstance } from '../support/instances';
import { formatTicketNumber } from '../../src/plugins/ticket-numbering/server/src/number-format';
import { threadToken } from '../../src/plugins/notifications/server/src/rules/thread-token';

const YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Rome', year: 'numeric' }).format(new Date());

describe.each(backends())('progressive numbers on $name', (backend) => {
  let a: Actors;
  let org: string;
  let sql: Sql;
  beforeAll(async () => {
    a = await actors(backend);
    org = a.organizations.azienda.documentId;
    sql = await connect(backend.db);
  });
  afterAll(() => sql.close());

  /** Every number of the year, in order: they must be exactly 1..N. */
  async function assertGapless() {
    const rows = await sql.query<{ number: string }>('SELECT number FROM tickets WHERE number LIKE ? ORDER BY number', [`HD-${YEAR}-%`]);
    const sequences = rows.map((row) => Number(row.number.split('-')[2]));
    expect(sequences).toEqual(sequences.map((_, index) => index + 1));
    return sequences.length;
  }

  it('formats numbers as PREFIX-YYYY-NNNNNN with the Rome year', async () => {
    const ticket = await createTicket(a.tool, org);
    expect(ticket.number).toMatch(new RegExp(`^HD-${YEAR}-\\d{6}$`));
  });

  it('gives 200 concurrent creations the numbers that follow, with no gap and no duplicate', async () => {
    let second: RunningInstance | null = null;
    const targets = [a.tool];
    if (backend.name === 'postgres') {
      // Two Strapi instances on one PostgreSQL, as in production.
      second = await startTestInstance(backend.db);
      targets.push((await actors(backend, second.url)).tool);
    }
    try {
      const before = await assertGapless();
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          targets[i % targets.length].post('/api/tickets', {
            data: { title: `Concorrenza ${i}`, kind: 'incident', priority: 'P4', channel: 'api', organization: org },
          })
        )
      );
      expect(results.map((r) => r.status)).toEqual(Array(200).fill(201));
      const numbers = results.map((r) => Number(r.body.data.number.split('-')[2])).sort((x, y) => x - y);
      expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => before + i + 1));
      expect(await assertGapless()).toBe(before + 200);
    } finally {
      await second?.stop();
    }
  });

  it('gives back the number of a creation that fails inside its transaction', async () => {
    const externalRef = `EXT-${backend.name}-${Date.now()}`;
    const first = await createTicket(a.tool, org, { externalRef });
    // The duplicate passes validation, takes a number, then hits the unique index: the number must return.
    const duplicate = await a.tool.post('/api/tickets', {
      data: { title: 'Retry of the same external call', kind: 'incident', priority: 'P3', organization: org, externalRef },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toContain('externalRef');
    const next = await createTicket(a.tool, org);
    expect(Number(next.number.split('-')[2])).toBe(Number(first.number.split('-')[2]) + 1);
    await assertGapless();
  });

  it('does not let a caller choose or change a number', async () => {
    const chosen = await a.tool.post('/api/tickets', { data: { title: 'x', organization: org, number: `HD-${YEAR}-999999` } });
    expect(chosen.status).toBe(400);
    expect(chosen.body.error.details.errors[0].path).toEqual(['number']);

    const ticket = await createTicket(a.tool, org);
    const changed = await a.tool.put(`/api/tickets/${ticket.documentId}`, { data: { number: `HD-${YEAR}-999998` } });
    expect(changed.status).toBe(400);
    expect(changed.body.error.message).toContain('number');
    expect((await a.tool.get(`/api/tickets/${ticket.documentId}`)).body.data.number).toBe(ticket.number);
  });

  it('loses and doubles no number when an instance is killed in the middle of creations', async () => {
    // PostgreSQL: a second instance on the shared database. SQLite: an instance of its own on a fresh file.
    const db = backend.name === 'postgres' ? backend.db : { client: 'sqlite' as const, location: path.join(ROOT, '.tmp', `kill-${process.pid}-${Date.now()}.db`) };
    const victim = await startTestInstance(db);
    const victimSql = backend.name === 'postgres' ? sql : await connect(db);
    try {
      const client = backend.name === 'postgres' ? (await actors(backend, victim.url)).tool : new Api(victim.url, (await openSessions(victim.url)).tool);
      const orgs = await client.get('/api/organizations?filters[code]=AZERO');
      const organization = orgs.body.data[0].documentId;
      let answered = 0;
      const inFlight = Array.from({ length: 120 }, (_, i) =>
        client
          .post('/api/tickets', { data: { title: `Prima del crash ${i}`, kind: 'incident', priority: 'P4', channel: 'api', organization } })
          .then((res) => {
            answered++;
            return res;
          })
          .catch(() => null)
      );
      // Kill -9 once some creations have committed and others are surely inside their transactions.
      while (answered < 25) await new Promise((resolve) => setTimeout(resolve, 5));
      victim.kill();
      const results = await Promise.all(inFlight);
      const confirmed = results.filter((res) => res?.status === 201).map((res) => res!.body.data.number as string);
      expect(confirmed.length).toBeGreaterThanOrEqual(25);
      expect(confirmed.length).toBeLessThan(120);

      const rows = await victimSql.query<{ number: string }>('SELECT number FROM tickets WHERE number LIKE ? ORDER BY number', [`HD-${YEAR}-%`]);
      const stored = rows.map((row) => row.number);
      // Every creation confirmed to its caller survived; nothing else left a number or a hole behind.
      for (const number of confirmed) expect(stored).toContain(number);
      const sequences = stored.map((number) => Number(number.split('-')[2]));
      expect(sequences).toEqual(sequences.map((_, index) => index + 1));
      const unnumbered = await victimSql.query<{ n: number }>('SELECT COUNT(*) AS n FROM tickets WHERE number IS NULL');
      expect(Number(unnumbered[0].n)).toBe(0);
    } finally {
      await victim.stop();
      if (victimSql !== sql) await victimSql.close();
    }
  });

  it("grows a digit past 999999, and the creation event, its hash and the e-mails name the number the ticket has", async () => {
    const scope = `HD-${YEAR}`;
    const [{ value: before }] = await sql.query<{ value: number }>('SELECT value FROM tn_counters WHERE scope = ?', [scope]);
    await sql.query('UPDATE tn_counters SET value = 999999 WHERE scope = ?', [scope]);
    try {
      const ticket = await createTicket(a.tool, org, { requesterEmail: 'cifra.in.piu@azero.veneto.it' });
      // formatTicketNumber's output, which the statement that takes the number on PostgreSQL writes too.
      expect(ticket.number).toBe(formatTicketNumber('HD', Number(YEAR), 1_000_000));
      const [event] = await sql.query<{ data: unknown }>(
        `SELECT e.data FROM ticket_events e JOIN ticket_events_ticket_lnk l ON l.ticket_event_id = e.id WHERE l.ticket_id = ? AND e.type = 'ticket.created'`,
        [ticket.id]
      );
      const data = (typeof event.data === 'string' ? JSON.parse(event.data) : event.data) as { number: string };
      expect(data.number).toBe(ticket.number);
      expect((await a.tool.get(`/api/tickets/${ticket.documentId}/verify-timeline`)).body.data.valid).toBe(true);
      const mails = await sql.query<{ subject: string; text: string; html: string }>('SELECT subject, text, html FROM notif_outbox WHERE ticket_id = ?', [ticket.id]);
      expect(mails.length).toBeGreaterThan(0);
      for (const mail of mails) {
        expect(mail.subject).toContain(`[${ticket.number}/${threadToken(ticket.number, TEST_THREAD_SECRET)}]`);
        expect(mail.text).toContain(`${ticket.number}/${threadToken(ticket.number, TEST_THREAD_SECRET)}`);
        expect(mail.html).toContain(`${ticket.number}/${threadToken(ticket.number, TEST_THREAD_SECRET)}`);
        expect(mail.subject + mail.text + mail.html).not.toMatch(/NUMBER[0-9A-F]{24}|TOKEN[0-9A-F]{24}/);
      }
    } finally {
      // Back to the year's sequence for the other tests' gapless check: this ticket is out of it.
      await sql.query(`DELETE FROM tickets WHERE number = ?`, [formatTicketNumber('HD', Number(YEAR), 1_000_000)]);
      await sql.query('UPDATE tn_counters SET value = ? WHERE scope = ?', [before, scope]);
    }
  });

  it('keeps a unique index on numbers in the database itself', async () => {
    const [one, two] = [await createTicket(a.tool, org), await createTicket(a.tool, org)];
    await expect(sql.query('UPDATE tickets SET number = ? WHERE id = ?', [one.number, two.id])).rejects.toThrow(/unique/i);
  });
});
