import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { isPostgres } from '../../../utils/dialect';
import { insertEvent } from '../event-store';
import type { NumberInStatement } from '../../../plugins/ticket-numbering/server/src/services/numbering';
import { announceAppended } from '../live-signal';
import { timelineScope } from '../portal-scope';
import { withScope } from '../../../access/portal-access';
import { canonicalEvent, hashEvent, normalizeContent, verifyChain, type Actor, type ChainedContent, type ChainVerdict, type StoredChainedEvent } from '../hash-chain';

const EVENT = 'api::ticket-event.ticket-event';

export interface NewTicketEvent {
  type: string;
  visibility?: 'public' | 'internal';
  fromStatus?: string | null;
  toStatus?: string | null;
  data?: Record<string, unknown> | null;
  at?: Date;
}

export interface TicketRef {
  id: number;
  documentId: string;
}

const timelineMethods = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Appends one event to a ticket's chain. Joins the caller's transaction (the change it records) and locks
   * the ticket row, so that concurrent appends on PostgreSQL queue instead of forking the chain. A caller
   * that just inserted the ticket passes its empty head and skips the lock; `ticketColumns` are set on the
   * ticket in the same statement as the new head, and `alongside` (other writes of the transaction) are
   * sent with it.
   */
  async append(
    ticket: TicketRef,
    event: NewTicketEvent,
    actor: Actor,
    options: {
      knownHead?: { length: number; hash: string | null };
      ticketColumns?: Record<string, unknown>;
      alongside?: readonly Knex.Sql[];
      /** A new ticket's number, taken in the event's statement: the event's data names it by its placeholder. */
      number?: NumberInStatement;
    } = {}
  ) {
    return strapi.db.transaction(async ({ trx, onCommit }) => {
      let head = options.knownHead;
      if (!head) {
        let query = strapi.db.connection('tickets').transacting(trx).where({ id: ticket.id }).first('timeline_length', 'timeline_hash');
        // NO KEY: the caller may already hold the row's key-share lock (its inserts reference the ticket); FOR UPDATE
        // would conflict with another such caller's and deadlock two follow-ups written at once.
        if (isPostgres(strapi)) query = query.forNoKeyUpdate();
        const row = await query;
        if (!row) throw new errors.NotFoundError('Ticket not found');
        head = { length: Number(row.timeline_length ?? 0), hash: (row.timeline_hash as string | null) ?? null };
      }

      const content: ChainedContent = {
        ticket: ticket.documentId,
        seq: head.length + 1,
        type: event.type,
        at: (event.at ?? new Date()).toISOString(),
        visibility: event.visibility ?? 'public',
        actorType: actor.type,
        actorId: actor.id ?? null,
        actorName: actor.name ?? null,
        fromStatus: event.fromStatus ?? null,
        toStatus: event.toStatus ?? null,
        data: event.data ?? null,
      };
      const prevHash = head.hash;
      if (options.number) {
        // The database puts the number in and hashes the text (event-store.ts): the same hash hashEvent gives.
        const { placeholder } = options.number;
        const numbered = { number: options.number, canonical: canonicalEvent(prevHash, content) };
        const stored = await insertEvent(strapi, trx, ticket.id, { ...content, prevHash, hash: '' }, options.ticketColumns, options.alongside, numbered);
        const data = JSON.parse(JSON.stringify(content.data).replaceAll(placeholder, stored.number!));
        return { id: stored.id, ...content, data, prevHash, hash: stored.hash, number: stored.number! };
      }
      const hash = hashEvent(prevHash, content);
      const { id } = await insertEvent(strapi, trx, ticket.id, { ...content, prevHash, hash }, options.ticketColumns, options.alongside);
      // PostgreSQL announces it from the insert itself (pg_notify); SQLite has one instance and no NOTIFY.
      if (!isPostgres(strapi)) onCommit(() => announceAppended({ id, organization: null }));
      return { id, ...content, prevHash, hash, number: null as string | null };
    });
  },

  /** A ticket's whole timeline, internal events included, oldest first (the console's workspace). */
  async list(ticketId: number) {
    return strapi.db.query(EVENT).findMany({
      where: { ticket: { id: ticketId } },
      select: ['seq', 'type', 'at', 'visibility', 'actorType', 'actorId', 'actorName', 'fromStatus', 'toStatus', 'data'],
      orderBy: { seq: 'asc' },
    }) as Promise<Array<{ seq: number; type: string; at: string; actorName: string | null; toStatus: string | null } & Record<string, unknown>>>;
  },

  /**
   * A ticket's timeline, oldest first, as its reader may see it: a portal user (their organization's id)
   * only the public events, by the same rule as `/api/ticket-events` (portal-scope.ts); an API token all.
   */
  async readableTimeline(ticketId: number, organizationId: number | null) {
    const ofTicket = { ticket: { id: ticketId } };
    const filters = organizationId ? withScope(ofTicket, timelineScope.scope(organizationId)) : ofTicket;
    return strapi.documents(EVENT).findMany({ filters, sort: 'seq:asc' } as never);
  },

  /** Who last moved the ticket into a state, and when: the latest event that set it. */
  async lastChangeTo(ticketId: number, state: string): Promise<{ by: string | null; at: string | null }> {
    const row = (await strapi.db.query(EVENT).findOne({
      where: { ticket: { id: ticketId }, toStatus: state },
      select: ['actorName', 'at'],
      orderBy: { seq: 'desc' },
    })) as { actorName: string | null; at: string | Date } | null;
    return { by: row?.actorName ?? null, at: row ? new Date(row.at).toISOString() : null };
  },

  /**
   * Recomputes a ticket's whole chain from the stored rows and compares it with the head on the ticket. The
   * head and the events are read as one: an append committing between two separate reads (an e-mail's delivery, an SLA sweep) made a sound chain look broken. On
   * PostgreSQL the ticket row is locked for share, which waits for an append in progress (appends lock it for
   * update); on SQLite the transaction holds the database's lock.
   */
  async verify(ticketDocumentId: string): Promise<ChainVerdict & { ticket: string; number: string | null }> {
    return strapi.db.transaction(async ({ trx }) => {
      const ticket = await strapi.db.query('api::ticket.ticket').findOne({ where: { documentId: ticketDocumentId }, select: ['id', 'documentId', 'number'] });
      if (!ticket) throw new errors.NotFoundError('Ticket not found');
      let headQuery = strapi.db.connection('tickets').transacting(trx).where({ id: ticket.id }).first('timeline_length', 'timeline_hash');
      if (isPostgres(strapi)) headQuery = headQuery.forShare();
      const head = await headQuery;
      const rows = await strapi.db.query(EVENT).findMany({ where: { ticket: { id: ticket.id } }, orderBy: { seq: 'asc' } });
      const events = rows.map((row): StoredChainedEvent => ({
        ...normalizeContent({ ...row, ticket: ticket.documentId, seq: Number(row.seq) }),
        prevHash: row.prevHash ?? null,
        hash: row.hash,
      }));
      const verdict = verifyChain(events, { length: Number(head?.timeline_length ?? 0), hash: (head?.timeline_hash as string | null) ?? null });
      return { ticket: ticket.documentId, number: ticket.number ?? null, ...verdict };
    });
  },
});

export type TimelineService = ReturnType<typeof timelineMethods>;

export default factories.createCoreService(EVENT, timelineMethods);
