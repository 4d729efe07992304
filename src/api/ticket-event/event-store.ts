import type { Core } from '@strapi/strapi';
import { createId } from '@paralleldrive/cuid2';
import type { Knex } from 'knex';
import { isPostgres } from '../../utils/dialect';
import type { ChainedContent } from './hash-chain';
import { joinTable } from '../../utils/schema-metadata';
import { LIVE_CHANNEL } from './live-signal';

const EVENT = 'api::ticket-event.ticket-event';

export interface EventRow extends ChainedContent {
  prevHash: string | null;
  hash: string;
}

/**
 * Writes one event row, its link to the ticket and the ticket's new chain head (plus any other ticket
 * columns the caller sets in the same breath, such as the number of a new ticket). On PostgreSQL it is a
 * single statement: every round trip here is spent inside the caller's transaction, and for ticket
 * creation inside the numbering lock that all concurrent creations queue on. `alongside` are other writes
 * of the same transaction that ride in that statement (the opening e-mails of a new ticket). The link
 * table's names come from Strapi's own metadata rather than being spelled here.
 */
export async function insertEvent(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  ticketId: number,
  row: EventRow,
  ticketColumns: Record<string, unknown> = {},
  alongside: readonly Knex.Sql[] = []
): Promise<number> {
  const knex = strapi.db.connection;
  const link = joinTable(strapi, EVENT, 'ticket');
  const owner = joinTable(strapi, 'api::ticket.ticket', 'organization');
  const now = new Date();
  const values = {
    document_id: createId(),
    seq: row.seq,
    type: row.type,
    at: new Date(row.at),
    visibility: row.visibility,
    actor_type: row.actorType,
    actor_id: row.actorId,
    actor_name: row.actorName,
    from_status: row.fromStatus,
    to_status: row.toStatus,
    data: JSON.stringify(row.data ?? null),
    prev_hash: row.prevHash,
    hash: row.hash,
    created_at: now,
    updated_at: now,
    published_at: now,
  };
  const head = { timeline_length: row.seq, timeline_hash: row.hash, ...ticketColumns };
  const linkColumns = [link.joinColumn.name, link.inverseJoinColumn.name, ...(link.inverseOrderColumnName ? [link.inverseOrderColumnName] : [])];
  const linkValues = [ticketId, ...(link.inverseOrderColumnName ? [row.seq] : [])];

  if (isPostgres(strapi)) {
    const columns = Object.keys(values);
    const setters = Object.keys(head).map((column) => `"${column}" = ?`);
    // Data-modifying CTEs all run, whether or not the final statement reads them.
    const others = alongside.map((statement, i) => `w${i} AS (${statement.sql}), `).join('');
    const result = await knex
      .raw(
        `WITH ${others}ev AS (
           INSERT INTO ticket_events (${columns.map((c) => `"${c}"`).join(', ')})
           VALUES (${columns.map((c) => (c === 'data' ? '?::jsonb' : '?')).join(', ')}) RETURNING id
         ), lnk AS (
           INSERT INTO "${link.name}" (${linkColumns.map((c) => `"${c}"`).join(', ')})
           SELECT id, ${linkValues.map(() => '?').join(', ')} FROM ev
         )
         UPDATE tickets SET ${setters.join(', ')} WHERE id = ?
         RETURNING (SELECT id FROM ev) AS event_id,
           -- the portal's live wake-up: part of this transaction, so delivered on commit only
           pg_notify('${LIVE_CHANNEL}', json_build_object('id', (SELECT id FROM ev),
             'organization', (SELECT "${owner.inverseJoinColumn.name}" FROM "${owner.name}" WHERE "${owner.joinColumn.name}" = tickets.id LIMIT 1))::text)`,
        [...alongside.flatMap((statement) => statement.bindings), ...Object.values(values), ...linkValues, ...Object.values(head), ticketId] as Knex.RawBinding[]
      )
      .transacting(trx);
    return Number(result.rows[0].event_id);
  }

  for (const statement of alongside) await knex.raw(statement.sql, statement.bindings as Knex.RawBinding[]).transacting(trx);
  const [inserted] = await knex('ticket_events').transacting(trx).insert(values).returning('id');
  const eventId = Number(typeof inserted === 'object' ? inserted.id : inserted);
  await knex(link.name)
    .transacting(trx)
    .insert(Object.fromEntries(linkColumns.map((column, i) => [column, i === 0 ? eventId : linkValues[i - 1]])));
  await knex('tickets').transacting(trx).where({ id: ticketId }).update(head);
  return eventId;
}
