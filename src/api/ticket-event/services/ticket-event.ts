import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isPostgres } from '../../../utils/dialect';
import { hashEvent, verifyChain, type Actor, type ChainedContent, type ChainVerdict, type StoredChainedEvent } from '../hash-chain';
import { asTimelineWriter } from '../write-guard';

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
   * Appends one event to a ticket's chain. Joins the caller's transaction (the lifecycle change it records)
   * and locks the ticket row, so that concurrent appends on PostgreSQL queue instead of forking the chain.
   */
  async append(ticket: TicketRef, event: NewTicketEvent, actor: Actor) {
    return strapi.db.transaction(async ({ trx }) => {
      const knex = strapi.db.connection;
      let query = knex('tickets').transacting(trx).where({ id: ticket.id }).first('timeline_length', 'timeline_hash');
      if (isPostgres(strapi)) query = query.forUpdate();
      const head = await query;
      if (!head) throw new errors.NotFoundError('Ticket not found');

      const content: ChainedContent = {
        ticket: ticket.documentId,
        seq: Number(head.timeline_length ?? 0) + 1,
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
      const prevHash = (head.timeline_hash as string | null) ?? null;
      const hash = hashEvent(prevHash, content);

      const created = await asTimelineWriter(() =>
        strapi.documents(EVENT).create({
          data: { ...content, at: content.at, ticket: ticket.id, prevHash, hash } as never,
        })
      );
      await knex('tickets').transacting(trx).where({ id: ticket.id }).update({ timeline_length: content.seq, timeline_hash: hash });
      return { ...created, seq: content.seq, hash };
    });
  },

  /** Recomputes a ticket's whole chain from the stored rows and compares it with the head on the ticket. */
  async verify(ticketDocumentId: string): Promise<ChainVerdict & { ticket: string; number: string | null }> {
    const ticket = await strapi.db
      .query('api::ticket.ticket')
      .findOne({ where: { documentId: ticketDocumentId }, select: ['id', 'documentId', 'number', 'timelineLength', 'timelineHash'] });
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    const rows = await strapi.db.query(EVENT).findMany({ where: { ticket: { id: ticket.id } }, orderBy: { seq: 'asc' } });
    const events = rows.map((row): StoredChainedEvent => ({
      ticket: ticket.documentId,
      seq: Number(row.seq),
      type: row.type,
      at: new Date(row.at).toISOString(),
      visibility: row.visibility,
      actorType: row.actorType,
      actorId: row.actorId ?? null,
      actorName: row.actorName ?? null,
      fromStatus: row.fromStatus ?? null,
      toStatus: row.toStatus ?? null,
      data: row.data ?? null,
      prevHash: row.prevHash ?? null,
      hash: row.hash,
    }));
    const verdict = verifyChain(events, { length: Number(ticket.timelineLength ?? 0), hash: ticket.timelineHash ?? null });
    return { ticket: ticket.documentId, number: ticket.number ?? null, ...verdict };
  },
});

export type TimelineService = ReturnType<typeof timelineMethods>;

export default factories.createCoreService(EVENT, timelineMethods);
