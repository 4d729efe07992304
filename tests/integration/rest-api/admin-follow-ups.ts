import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, type Actors } from '../../support/api';
import { connect } from '../../support/database';

/**
 * A follow-up an operator writes in the admin panel (the Content Manager) is the operator's: whatever the
 * form sends (its defaults are "requester" and "api"), it is recorded as written by the signed-in operator,
 * on the console channel, and the timeline says so.
 */
describe.each(backends())('follow-ups written in the admin panel on $name', (backend) => {
  let a: Actors;
  beforeAll(async () => {
    a = await actors(backend);
  });

  it("records the signed-in operator as the author, on the console channel, whatever the form says", async () => {
    const ticket = await createTicket(a.tool, a.organizations.quiet.documentId, { title: 'Seguito dal pannello' });
    const res = await a.operator.post('/content-manager/collection-types/api::follow-up.follow-up', {
      body: 'Abbiamo verificato il collegamento di rete.',
      visibility: 'internal',
      // What the Content Manager's form sends by default, and what a forged form could send.
      authorType: 'requester',
      authorName: 'Mario Rossi',
      channel: 'api',
      ticket: { connect: [{ documentId: ticket.documentId }] },
    });
    expect(res.status).toBe(201);
    const created = await a.tool.get(`/api/follow-ups/${res.body.data.documentId}`);
    expect(created.body.data).toMatchObject({ authorType: 'operator', channel: 'console', authorName: 'Oscar Operatore' });
    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&filters[type]=follow-up.added`);
    expect(events.body.data[0]).toMatchObject({ actorType: 'admin', actorName: 'Oscar Operatore', data: expect.objectContaining({ authorType: 'operator', channel: 'console' }) });
    // The link to the admin user (which API tokens cannot populate) is read from its link row.
    const sql = await connect(backend.db);
    try {
      const authors = await sql.query<{ email: string }>(
        'SELECT u.email FROM follow_ups f JOIN follow_ups_author_admin_lnk l ON l.follow_up_id = f.id JOIN admin_users u ON u.id = l.user_id WHERE f.document_id = ?',
        [res.body.data.documentId]
      );
      expect(authors.map((row) => row.email)).toEqual([DEMO.operator]);
    } finally {
      await sql.close();
    }
  });
});
