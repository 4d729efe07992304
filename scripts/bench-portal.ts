/**
 * The portal's list endpoint under load (`npm run bench`, issue 6): 100,000 tickets over several
 * organizations, inserted in bulk SQL with the rows Strapi itself keeps for them (organization links, SLA
 * clocks), then a portal user's first page of 25, newest first, at 10 connections.
 */
import pg from 'pg';
import type { Api } from '../tests/support/http';

export const PORTAL_LIST_PATH = '/api/tickets?pagination[page]=1&pagination[pageSize]=25&sort=reportedAt:desc';
/** How many tickets the list figures run over; `npm run bench -- scale` asks for 1,000,000. */
const TICKETS = 100_000;

/**
 * The statements behind PORTAL_LIST_PATH, to time the database alone. `strapi`: the page and total Strapi
 * 5.54 builds for the organization scope (read with DEBUG=knex:query); `plain`: what src/access/scoped-page.ts
 * sends instead for such a plain page (then 25 rows by id).
 */
export function portalListStatements(organizationId: number) {
  const scoped = `FROM tickets AS t0 LEFT JOIN tickets_organization_lnk AS t1 ON t0.id = t1.ticket_id LEFT JOIN organizations AS t2 ON t1.organization_id = t2.id WHERE (t2.id = $1)`;
  return {
    strapi: [
      { text: `SELECT DISTINCT t0.reported_at, t0.id, t0.* ${scoped} ORDER BY t0.reported_at DESC, t0.id ASC LIMIT $2`, values: [organizationId, 25] },
      { text: `SELECT count(DISTINCT t0.id) AS count ${scoped} LIMIT $2`, values: [organizationId, 1] },
    ],
    plain: [
      {
        text: `SELECT r.id FROM tickets AS r WHERE EXISTS (SELECT 1 FROM tickets_organization_lnk WHERE tickets_organization_lnk.ticket_id = r.id AND tickets_organization_lnk.organization_id = $1)
               ORDER BY r.reported_at DESC, r.id ASC LIMIT $2 OFFSET 0`,
        values: [organizationId, 25],
      },
      { text: `SELECT count(*) AS n FROM tickets_organization_lnk WHERE organization_id = $1`, values: [organizationId] },
    ],
  };
}

const EXTRA_ORGANIZATIONS = 9;

/** Adds organizations and `tickets` tickets, spread over them and over the last year; returns how many the given organization holds. */
export async function loadPortalTickets(connectionString: string, tool: Api, organizationCode: string, tickets = TICKETS): Promise<number> {
  for (let i = 1; i <= EXTRA_ORGANIZATIONS; i++) {
    const res = await tool.post('/api/organizations', { data: { name: `Ente di carico ${i}`, code: `BENCH-${i}` } });
    if (res.status !== 201) throw new Error(`organization ${i}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const organizations = (await client.query(`SELECT id FROM organizations WHERE code = $1 OR code LIKE 'BENCH-%' ORDER BY id`, [organizationCode])).rows.map((row) => Number(row.id));
    const policy = (await client.query(`SELECT id, name FROM sla_policies WHERE is_default ORDER BY id LIMIT 1`)).rows[0] as { id: number; name: string };
    await client.query('BEGIN');
    // States in realistic shares: most closed, some open in each state; clocks as the tracker stores them.
    await client.query(
      `WITH s AS (
         SELECT g, now() - (g % 365) * interval '1 day' - (g * 7 % 1440) * interval '1 minute' AS ts, 'P' || (1 + g % 4) AS priority,
                CASE WHEN g % 20 = 0 THEN 'new' WHEN g % 20 = 1 THEN 'in_charge' WHEN g % 20 = 2 THEN 'suspended' WHEN g % 20 = 3 THEN 'restored'
                     WHEN g % 20 = 4 THEN 'cancelled' ELSE 'closed' END AS state,
                ($3::int[])[1 + g % cardinality($3::int[])] AS organization_id
         FROM generate_series(1, $1::int) g
       ), t AS (
         INSERT INTO tickets (document_id, number, title, kind, priority, channel, state, reported_at, registered_at, taken_in_charge_at,
                              restored_at, closed_at, cancelled_at, created_at, updated_at, published_at, timeline_length)
         SELECT 'portal-bench-' || g, 'PB-' || lpad(g::text, 7, '0'), 'Richiesta di carico ' || g, 'incident', priority,
                (ARRAY['phone','email','portal','api'])[1 + g % 4], state, ts, ts + interval '30 seconds',
                CASE WHEN state IN ('new', 'cancelled') THEN NULL ELSE ts + interval '20 minutes' END,
                CASE WHEN state IN ('restored', 'closed') THEN ts + interval '3 hours' END,
                CASE WHEN state = 'closed' THEN ts + interval '1 day' END,
                CASE WHEN state = 'cancelled' THEN ts + interval '1 hour' END,
                ts, ts, ts, 0
         FROM s RETURNING id, document_id, priority, state, reported_at
       ), linked AS (
         INSERT INTO tickets_organization_lnk (ticket_id, organization_id)
         SELECT t.id, s.organization_id FROM t JOIN s ON t.document_id = 'portal-bench-' || s.g
       )
       INSERT INTO sla_clocks (document_id, ticket_id, policy_id, policy_name, calendar_name, priority, take_charge_minutes, restore_minutes,
                               take_charge_due_at, restore_due_at, take_charge_elapsed_minutes, take_charge_met, take_charge_breached,
                               restore_elapsed_minutes, restore_met, restore_breached, restore_paused_minutes, created_at, updated_at, published_at)
       SELECT 'portal-bench-clock-' || id, id, $2, $4, 'H24', priority, tc, rs, reported_at + tc * interval '1 minute', reported_at + rs * interval '1 minute',
              CASE WHEN state IN ('new', 'cancelled') THEN NULL ELSE 20 END, CASE WHEN state IN ('new', 'cancelled') THEN NULL ELSE 20 <= tc END, false,
              CASE WHEN state IN ('restored', 'closed') THEN 180 END, CASE WHEN state IN ('restored', 'closed') THEN 180 <= rs END, false, 0,
              reported_at, reported_at, reported_at
       FROM (SELECT id, priority, state, reported_at,
                    CASE priority WHEN 'P1' THEN 30 WHEN 'P2' THEN 60 WHEN 'P3' THEN 240 ELSE 480 END AS tc,
                    CASE priority WHEN 'P1' THEN 240 WHEN 'P2' THEN 480 WHEN 'P3' THEN 1440 ELSE 4320 END AS rs
             FROM t) x`,
      [tickets, policy.id, organizations, policy.name]
    );
    await client.query('COMMIT');
    // What autovacuum does soon after a bulk load on a live database: statistics, and the visibility map
    // that lets the organization's count run on indexes alone.
    await client.query('VACUUM ANALYZE tickets');
    await client.query('VACUUM ANALYZE tickets_organization_lnk');
    await client.query('VACUUM ANALYZE sla_clocks');
    return Number(
      (
        await client.query(
          `SELECT COUNT(*)::int AS n FROM tickets_organization_lnk l JOIN organizations o ON o.id = l.organization_id WHERE o.code = $1`,
          [organizationCode]
        )
      ).rows[0].n
    );
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
