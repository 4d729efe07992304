import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';
import { connect, type Sql } from '../../support/database';

describe.each(backends())('tamper-evident timeline on $name', (backend) => {
  let a: Actors;
  let org: string;
  let sql: Sql;
  beforeAll(async () => {
    a = await actors(backend);
    org = a.organizations.quiet.documentId;
    sql = await connect(backend.db);
  });
  afterAll(() => sql.close());

  /** A ticket with a few events: created, take-charge, a public follow-up, suspend, resume. */
  async function ticketWithHistory() {
    const ticket = await createTicket(a.tool, org);
    await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
    await a.tool.post('/api/follow-ups', { data: { ticket: ticket.documentId, body: 'Serve il numero di inventario' } });
    await a.tool.post(`/api/tickets/${ticket.documentId}/suspend`, { data: { reason: 'In attesa del numero di inventario' } });
    await a.tool.post(`/api/tickets/${ticket.documentId}/resume`, {});
    return ticket;
  }

  const verify = (documentId: string) => a.tool.get(`/api/tickets/${documentId}/verify-timeline`);

  async function eventRows(ticketId: number) {
    return sql.query<{ id: number; seq: number; data: string }>(
      `SELECT e.id, e.seq, e.data FROM ticket_events e JOIN ticket_events_ticket_lnk l ON l.ticket_event_id = e.id
       WHERE l.ticket_id = ? ORDER BY e.seq`,
      [ticketId]
    );
  }

  it('chains every event to the previous one and verifies clean', async () => {
    const ticket = await ticketWithHistory();
    const res = await verify(ticket.documentId);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ valid: true, checked: 5, problems: [], number: ticket.number });
    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&sort=seq`);
    const list = events.body.data as { prevHash: string | null; hash: string; seq: number }[];
    expect(list[0].prevHash).toBeNull();
    list.slice(1).forEach((event, i) => expect(event.prevHash).toBe(list[i].hash));
  });

  it('verifies a sound chain as sound while events are being appended to it', async () => {
    // A supervisor's check during an e-mail's delivery or an SLA sweep: appends commit between its reads.
    const ticket = await createTicket(a.tool, org);
    const appends = Array.from({ length: 30 }, (_, i) => a.tool.post('/api/follow-ups', { data: { ticket: ticket.documentId, body: `Aggiornamento ${i}` } }));
    const checks = Array.from({ length: 30 }, () => verify(ticket.documentId));
    const [added, verdicts] = await Promise.all([Promise.all(appends), Promise.all(checks)]);
    expect(added.map((res) => res.status)).toEqual(Array(30).fill(201));
    expect(verdicts.map((res) => res.body.data.problems)).toEqual(Array(30).fill([]));
  });

  it('detects an UPDATE made directly in SQL', async () => {
    const ticket = await ticketWithHistory();
    const rows = await eventRows(ticket.id);
    await sql.query("UPDATE ticket_events SET to_status = 'closed' WHERE id = ?", [rows[3].id]);
    const res = await verify(ticket.documentId);
    expect(res.body.data.valid).toBe(false);
    expect(res.body.data.problems).toContainEqual({ seq: 4, reason: 'content does not match its hash' });
  });

  it('detects a rewritten timestamp even when the attacker recomputes nothing', async () => {
    const ticket = await ticketWithHistory();
    const rows = await eventRows(ticket.id);
    const earlier = new Date(Date.now() - 3_600_000);
    await sql.query('UPDATE ticket_events SET at = ? WHERE id = ?', [backend.name === 'sqlite' ? earlier.getTime() : earlier.toISOString(), rows[1].id]);
    expect((await verify(ticket.documentId)).body.data.valid).toBe(false);
  });

  it('detects a deleted event in the middle and at the end', async () => {
    const middle = await ticketWithHistory();
    const middleRows = await eventRows(middle.id);
    await sql.query('DELETE FROM ticket_events WHERE id = ?', [middleRows[2].id]);
    const res = await verify(middle.documentId);
    expect(res.body.data.valid).toBe(false);
    expect(res.body.data.problems.map((p: { reason: string }) => p.reason)).toContain('link to the previous event does not match');

    const last = await ticketWithHistory();
    const lastRows = await eventRows(last.id);
    await sql.query('DELETE FROM ticket_events WHERE id = ?', [lastRows.at(-1)!.id]);
    const res2 = await verify(last.documentId);
    expect(res2.body.data.valid).toBe(false);
    expect(res2.body.data.problems).toContainEqual({ seq: null, reason: 'the ticket records 5 events, 4 are stored' });
  });

  it('refuses edits and deletions of events through the admin panel', async () => {
    const ticket = await ticketWithHistory();
    const admin = a.admin;
    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}`);
    const eventId = events.body.data[0].documentId;
    const edit = await admin.put(`/content-manager/collection-types/api::ticket-event.ticket-event/${eventId}`, { type: 'forged' });
    expect(edit.status).toBe(403);
    const remove = await admin.delete(`/content-manager/collection-types/api::ticket-event.ticket-event/${eventId}`);
    expect(remove.status).toBe(403);
    const create = await admin.post('/content-manager/collection-types/api::ticket-event.ticket-event', {
      type: 'forged',
      seq: 99,
      at: new Date().toISOString(),
      actorType: 'system',
      hash: 'x',
    });
    expect(create.status).toBe(403);
    const removeTicket = await admin.delete(`/content-manager/collection-types/api::ticket.ticket/${ticket.documentId}`);
    expect(removeTicket.status).toBe(403);
    expect((await verify(ticket.documentId)).body.data.valid).toBe(true);
  });
});
