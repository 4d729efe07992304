import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../../../../../api/ticket-event/hash-chain';
import { fieldValidationError } from '../../../../../access/field-errors';
import { conflict } from '../../../../../utils/http-errors';
import { getTimelineService } from '../../../../../utils/services';
import { toHttpError } from '../../../../../api/ticket/http-errors';
import { checkCallbackCompletion } from '../rules/callback-rules';

const CALLBACK = 'plugin::notifications.callback';

type Row = Record<string, any>; // call-back rows with their ticket, read field by field

export interface CallbackOutcome {
  outcome?: unknown;
  note?: unknown;
  calledAt?: unknown;
}

/** The call-back tasks progress notices create, and their completion by the operator who phoned. */
const callbacks = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(state: 'open' | 'done' | 'all' = 'open') {
    const rows = (await strapi.db.query(CALLBACK).findMany({
      where: state === 'all' ? {} : { state },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      populate: { ticket: { select: ['documentId', 'number', 'title', 'priority', 'state'], populate: { organization: { select: ['name', 'code'] } } } },
      limit: 500,
    })) as Row[];
    return rows.map((row) => ({
      documentId: row.documentId,
      state: row.state,
      noticeCount: row.noticeCount,
      dueAt: row.dueAt,
      contactName: row.contactName,
      contactPhone: row.contactPhone,
      calledAt: row.calledAt,
      outcome: row.outcome,
      note: row.note ?? null,
      doneBy: row.doneBy,
      ticket: row.ticket
        ? {
            documentId: row.ticket.documentId,
            number: row.ticket.number,
            title: row.ticket.title,
            priority: row.ticket.priority,
            state: row.ticket.state,
            organization: row.ticket.organization?.name ?? null,
          }
        : null,
    }));
  },

  /** Records who phoned, when and with what outcome, on the task and in the ticket's timeline, together. */
  async complete(documentId: string, input: CallbackOutcome, actor: Actor) {
    let completion;
    try {
      completion = checkCallbackCompletion(input);
    } catch (error) {
      throw toHttpError(error);
    }
    const { outcome, note } = completion;
    const calledAt = input.calledAt === undefined || input.calledAt === null ? new Date() : new Date(String(input.calledAt));
    if (Number.isNaN(calledAt.getTime())) throw fieldValidationError('calledAt', 'calledAt must be a date and time (ISO 8601)');
    if (calledAt.getTime() > Date.now() + 60_000) throw fieldValidationError('calledAt', 'calledAt cannot be in the future');

    return strapi.db.transaction(async ({ trx }) => {
      const task = (await strapi.db.query(CALLBACK).findOne({ where: { documentId }, populate: { ticket: { select: ['id', 'documentId'] } } })) as Row | null;
      if (!task) throw new errors.NotFoundError('Call-back task not found');
      // Marked done once: the row is updated only while still open, so two operators cannot both record it.
      const updated = await strapi.db
        .connection('notif_callbacks')
        .transacting(trx)
        .where({ id: task.id, state: 'open' })
        .update({ state: 'done', called_at: calledAt, outcome, note, done_by: actor.name, updated_at: new Date() });
      if (!updated) throw conflict(`Call-back task is already "done"`, { state: 'done' });
      if (task.ticket) {
        await getTimelineService(strapi).append(
          { id: task.ticket.id, documentId: task.ticket.documentId },
          {
            type: 'callback.done',
            visibility: 'internal',
            at: new Date(),
            data: { noticeCount: task.noticeCount, calledAt: calledAt.toISOString(), contactName: task.contactName, contactPhone: task.contactPhone, outcome, note },
          },
          actor
        );
      }
      return { ...task, state: 'done', calledAt, outcome, note, doneBy: actor.name, ticket: task.ticket?.documentId ?? null };
    });
  },
});

export type CallbacksService = ReturnType<typeof callbacks>;
export default callbacks;
