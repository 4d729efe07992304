import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isPostgres } from '../../../utils/dialect';
import { getOutbox, getSlaTracker, getTimelineService } from '../../../utils/services';
import type { Actor } from '../../ticket-event/hash-chain';
import { checkCorrectedReportedAt } from '../input-rules';
import { planTransition, TransitionNotAllowedError, type ActionInput, type LifecycleAction, type TicketState } from '../lifecycle-rules';
import type { TicketEvent } from '../../../plugins/notifications/server/src/rules/variables';

const TICKET = 'api::ticket.ticket';

/** The e-mail each action sends the requester (and, for restore and close, the organization): D6, D8. */
export const NOTIFIED: Partial<Record<LifecycleAction, TicketEvent>> = {
  suspend: 'ticket.suspended',
  resume: 'ticket.resumed',
  restore: 'ticket.restored',
  close: 'ticket.closed',
};

export interface TicketScope {
  /** Restrict to one organization's tickets (portal users); a ticket outside it is "not found". */
  organizationId?: number | null;
}

interface LockedTicket {
  id: number;
  documentId: string;
  state: TicketState;
  takenInChargeAt: Date | null;
  registeredAt: Date | null;
  reportedAt: Date | null;
  organization?: { id: number } | null;
  assignee?: { id: number } | null;
}

const lifecycle = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Runs one lifecycle action: checks it against the current state, sets state and timestamps and writes
   * the timeline event, all in one transaction with the ticket row locked, so two operators acting at
   * once cannot both succeed from the same state.
   */
  async perform(
    documentId: string,
    action: LifecycleAction,
    input: ActionInput & { assigneeId?: number | null },
    actor: Actor,
    scope: TicketScope = {}
  ) {
    return strapi.db.transaction(async () => {
      const ticket = await this.lock(documentId, scope);
      const now = new Date();
      const plan = await this.plan(ticket, action, input, now);
      const data: Record<string, unknown> = { ...plan.patch };
      // An operator who takes charge from the admin panel becomes the assignee unless one is already set.
      if (action === 'take-charge' && input.assigneeId && !ticket.assignee) data.assignee = input.assigneeId;
      await strapi.db.query(TICKET).update({ where: { id: ticket.id }, data });
      await getTimelineService(strapi).append(
        ticket,
        { type: `ticket.${action}`, fromStatus: plan.from, toStatus: plan.to, at: now, data: plan.eventData },
        actor
      );
      await getSlaTracker(strapi).refresh(ticket.id, { now });
      const mail = NOTIFIED[action];
      if (mail) {
        const outbox = getOutbox(strapi);
        await outbox.enqueue(mail, await outbox.prepare(ticket.id, { followUps: mail === 'ticket.closed' }), { reason: input.reason ?? null });
      }
      return this.load(documentId);
    });
  },

  /**
   * The transition, or the refusal with who set the current state and when, so that an operator acting on a
   * stale screen reads "già presa in carico da Anna Conti alle 10:42".
   */
  async plan(ticket: LockedTicket, action: LifecycleAction, input: ActionInput, now: Date) {
    try {
      return planTransition(ticket.state, action, input, now, ticket.takenInChargeAt ? new Date(ticket.takenInChargeAt) : null);
    } catch (error) {
      if (!(error instanceof TransitionNotAllowedError)) throw error;
      const { by, at } = await getTimelineService(strapi).lastChangeTo(ticket.id, ticket.state);
      throw new TransitionNotAllowedError(error.action, error.state, by, at);
    }
  },

  /** A supervisor's correction of when the user reported: recorded with the old value and the reason. */
  async correctReportedAt(documentId: string, input: { reportedAt?: unknown; reason?: string | null }, actor: Actor) {
    return strapi.db.transaction(async () => {
      const ticket = await this.lock(documentId, {});
      const reason = input.reason?.trim();
      const now = new Date();
      const reportedAt = checkCorrectedReportedAt(input.reportedAt, new Date(ticket.registeredAt ?? now), now);
      if (!reason) throw new errors.ValidationError('reason is required to correct reportedAt', { errors: [{ path: ['reason'], message: 'reason is required' }] });
      await strapi.db.query(TICKET).update({ where: { id: ticket.id }, data: { reportedAt } });
      await getTimelineService(strapi).append(
        ticket,
        {
          type: 'ticket.reported-at-corrected',
          at: now,
          data: { from: ticket.reportedAt ? new Date(ticket.reportedAt).toISOString() : null, to: reportedAt.toISOString(), reason },
        },
        actor
      );
      // Both clocks run from reportedAt: their dues move with it.
      await getSlaTracker(strapi).refresh(ticket.id, { now, reason: 'reportedAt corrected', actor });
      return this.load(documentId);
    });
  },

  /** Loads the ticket inside the current transaction, after locking its row on PostgreSQL. */
  async lock(documentId: string, scope: TicketScope): Promise<LockedTicket> {
    if (isPostgres(strapi)) {
      // Lock first, then read: the read then sees any concurrent action that committed before us.
      await strapi.db.transaction(({ trx }) =>
        strapi.db.connection('tickets').transacting(trx).where({ document_id: documentId }).forNoKeyUpdate().select('id')
      );
    }
    const ticket = (await strapi.db.query(TICKET).findOne({
      where: { documentId },
      select: ['id', 'documentId', 'state', 'takenInChargeAt', 'registeredAt', 'reportedAt'],
      populate: { organization: { select: ['id'] }, assignee: { select: ['id'] } },
    })) as LockedTicket | null;
    if (!ticket || (scope.organizationId != null && ticket.organization?.id !== scope.organizationId)) {
      throw new errors.NotFoundError('Ticket not found');
    }
    return ticket;
  },

  load(documentId: string) {
    return strapi.documents(TICKET).findOne({
      documentId,
      populate: { organization: true, category: true, assignee: { fields: ['firstname', 'lastname'] } },
    });
  },
});

export type LifecycleService = ReturnType<typeof lifecycle>;
export default lifecycle;
