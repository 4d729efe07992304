import type { Core } from '@strapi/strapi';
import { createId } from '@paralleldrive/cuid2';
import type { Knex } from 'knex';
import { isPostgres } from '../../utils/dialect';
import type { ChainedContent } from './hash-chain';
import { joinTable } from '../../utils/schema-metadata';
import { LIVE_CHANNEL } from './live-signal';
import { NUMBER_SQL, type NumberInStatement } from '../../plugins/ticket-numbering/server/src/services/numbering';

const EVENT = 'api::ticket-event.ticket-event';

export interface EventRow extends ChainedContent {
  prevHash: string | null;
  hash: string;
}

/**
 * A new ticket's event, written with the number taken in the same statement (numbering's
 * `numberInStatement`): its data and the text its hash is the SHA-256 of (`canonical`) carry the
 * placeholder, which PostgreSQL replaces with the number before storing the data and hashing the text.
 */
export interface NumberedEvent {
  number: NumberInStatement;
  canonical: string;
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
  alongside: readonly Knex.Sql[] = [],
  numbered?: NumberedEvent
): Promise<{ id: number; number: string | null; hash: string }> {
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
    // Each value's SQL and bindings: a plain parameter, or (numbered) the placeholder replaced by the number.
    const withNumber = (expression: string) => `REPLACE(${expression}, ?, ${NUMBER_SQL})`;
    const eventValues: Array<[string, string, unknown[]]> = Object.entries(values).map(([column, value]) => {
      if (numbered && column === 'data') return [column, `CAST(${withNumber('?')} AS jsonb)`, [value, numbered.number.placeholder]];
      if (numbered && column === 'hash') return [column, `ENCODE(SHA256(CONVERT_TO(${withNumber('?')}, 'UTF8')), 'hex')`, [numbered.canonical, numbered.number.placeholder]];
      return [column, column === 'data' ? 'CAST(? AS jsonb)' : '?', [value]];
    });
    const headValues: Array<[string, string, unknown[]]> = Object.entries(head).map(([column, value]) => {
      if (numbered && column === 'timeline_hash') return [column, '(SELECT hash FROM ev)', []];
      if (numbered && column === 'number') return [column, NUMBER_SQL, []];
      return [column, '?', [value]];
    });
    // Data-modifying CTEs all run, whether or not the final statement reads them; the number's come first.
    const ctes = [...(numbered ? [numbered.number.cte] : []), ...alongside.map((statement, i) => ({ sql: `w${i} AS (${statement.sql})`, bindings: statement.bindings }))];
    const result = await knex
      .raw(
        `WITH ${ctes.map((cte) => `${cte.sql}, `).join('')}ev AS (
           INSERT INTO ticket_events (${eventValues.map(([column]) => `"${column}"`).join(', ')})
           VALUES (${eventValues.map(([, sql]) => sql).join(', ')}) RETURNING id, hash
         ), lnk AS (
           INSERT INTO "${link.name}" (${linkColumns.map((c) => `"${c}"`).join(', ')})
           SELECT id, ${linkValues.map(() => '?').join(', ')} FROM ev
         )
         UPDATE tickets SET ${headValues.map(([column, sql]) => `"${column}" = ${sql}`).join(', ')} WHERE id = ?
         RETURNING (SELECT id FROM ev) AS event_id, (SELECT hash FROM ev) AS hash, ${numbered ? NUMBER_SQL : 'NULL'} AS number,
           -- the portal's live wake-up: part of this transaction, so delivered on commit only
           pg_notify('${LIVE_CHANNEL}', json_build_object('id', (SELECT id FROM ev),
             'organization', (SELECT "${owner.inverseJoinColumn.name}" FROM "${owner.name}" WHERE "${owner.joinColumn.name}" = tickets.id LIMIT 1))::text)`,
        [
          ...ctes.flatMap((cte) => cte.bindings),
          ...eventValues.flatMap(([, , bindings]) => bindings),
          ...linkValues,
          ...headValues.flatMap(([, , bindings]) => bindings),
          ticketId,
        ] as Knex.RawBinding[]
      )
      .transacting(trx);
    const [stored] = result.rows as Array<{ event_id: number | string; hash: string; number: string | null }>;
    return { id: Number(stored.event_id), number: stored.number, hash: stored.hash };
  }

  if (numbered) throw new Error('insertEvent: a number is taken in the statement on PostgreSQL only');
  for (const statement of alongside) await knex.raw(statement.sql, statement.bindings as Knex.RawBinding[]).transacting(trx);
  const [inserted] = await knex('ticket_events').transacting(trx).insert(values).returning('id');
  const eventId = Number(typeof inserted === 'object' ? inserted.id : inserted);
  await knex(link.name)
    .transacting(trx)
    .insert(Object.fromEntries(linkColumns.map((column, i) => [column, i === 0 ? eventId : linkValues[i - 1]])));
  await knex('tickets').transacting(trx).where({ id: ticketId }).update(head);
  return { id: eventId, number: null, hash: row.hash };
}
