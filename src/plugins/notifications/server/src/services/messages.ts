import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getOutboxWorker } from '../../../../../utils/services';
import { OUTBOX_TABLE } from './outbox';

const MESSAGE = 'plugin::notifications.message';
const TICKET = 'api::ticket.ticket';

export const MESSAGE_STATES = ['pending', 'sending', 'sent', 'captured', 'failed', 'undelivered'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];
/** A list's filter: a state, or `retrying` (pending again after a failed attempt, not failed for good). */
export const MESSAGE_FILTERS = [...MESSAGE_STATES, 'retrying'] as const;
export type MessageFilter = (typeof MESSAGE_FILTERS)[number];

const whereOf = (filter: MessageFilter | undefined) =>
  filter === 'retrying' ? { state: 'pending', attempts: { $gt: 0 } } : filter ? { state: filter } : {};

/** What supervisors see of an outbox message: delivery facts, not the rendered body. */
const FIELDS = [
  'documentId',
  'state',
  'event',
  'language',
  'recipient',
  'subject',
  'messageId',
  'attempts',
  'lastError',
  'smtpResponse',
  'sentAt',
  'createdAt',
  'nextAttemptAt',
  'ticketId',
  'maintenanceLogId',
];

type MessageRow = Record<string, unknown> & { ticketId: number | null };

/** Only a message that failed for good goes back to the queue: the others are queued, on their way or sent. */
export class RetryNotAllowedError extends Error {
  constructor(readonly state: string) {
    super(`Only a failed message can be retried; this one is ${state}`);
  }
}

/** The outbox seen from the admin panel: messages by state, and a second chance for those that failed for good. */
const messages = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Each row with the number of its ticket, read in one query for the whole page. */
  const withTicketNumbers = async (rows: MessageRow[]) => {
    const ids = [...new Set(rows.map((row) => row.ticketId).filter((id): id is number => typeof id === 'number'))];
    const tickets = ids.length
      ? ((await strapi.db.query(TICKET).findMany({ where: { id: { $in: ids } }, select: ['id', 'number'] })) as Array<{ id: number; number: string }>)
      : [];
    const numbers = new Map(tickets.map((ticket) => [ticket.id, ticket.number]));
    return rows.map((row) => ({ ...row, ticketNumber: row.ticketId ? (numbers.get(row.ticketId) ?? null) : null }));
  };

  return {
    /** Newest first. */
    async list(query: { state?: MessageFilter; page: number; pageSize: number }) {
      const { results, pagination } = await strapi.db.query(MESSAGE).findPage({
        select: FIELDS,
        where: whereOf(query.state),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        page: query.page,
        pageSize: query.pageSize,
      });
      return { results: await withTicketNumbers(results as MessageRow[]), pagination };
    },

    /** The messages of one ticket, oldest first (the console's workspace). */
    async forTicket(ticketId: number) {
      return strapi.db.query(MESSAGE).findMany({ select: FIELDS, where: { ticketId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }) as Promise<MessageRow[]>;
    },

    async count(filter: MessageFilter) {
      return strapi.db.query(MESSAGE).count({ where: whereOf(filter) });
    },

    async findOne(documentId: string) {
      const row = (await strapi.db.query(MESSAGE).findOne({ select: FIELDS, where: { documentId } })) as MessageRow | null;
      if (!row) throw new errors.NotFoundError('Message not found');
      return (await withTicketNumbers([row]))[0];
    },

    /**
     * Puts a failed message back in the queue with a fresh count of attempts. It is sent as recorded, with
     * its Message-ID, never rendered again: what the recipient gets is what the outbox says was meant.
     * The last error stays until the next attempt replaces it.
     */
    async retry(documentId: string) {
      return strapi.db.transaction(async ({ trx }) => {
        const now = new Date();
        const updated = await strapi.db
          .connection(OUTBOX_TABLE)
          .transacting(trx)
          .where({ document_id: documentId, state: 'failed' })
          .update({ state: 'pending', attempts: 0, next_attempt_at: now, lease_until: null, updated_at: now });
        if (!updated) {
          // Not there, or not failed (already retried by someone else, say): tell which.
          const current = await strapi.db.connection(OUTBOX_TABLE).transacting(trx).where({ document_id: documentId }).first('state');
          if (!current) throw new errors.NotFoundError('Message not found');
          throw new RetryNotAllowedError(current.state);
        }
        await getOutboxWorker(strapi).runAfterCommit();
        // Read before the commit, so the answer is the queued message, not whatever the worker has made of it since.
        return this.findOne(documentId);
      });
    },
  };
};

export type MessagesService = ReturnType<typeof messages>;
export default messages;
