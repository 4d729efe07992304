import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { allowedActions, LIFECYCLE_ACTIONS, type TicketState } from '../../../../../api/ticket/lifecycle-rules';
import { NOTIFIED } from '../../../../../api/ticket/services/lifecycle';
import { adminName } from '../../../../../api/ticket-event/actor';
import { textToHtml } from '../../../../email-intake/server/src/rules/body';
import { conflict } from '../../../../../utils/http-errors';
import { fieldValidationError } from '../../../../../access/field-errors';
import { PERMISSIONS } from '../permissions';
import {
  getAttachmentsService,
  getNotificationMessages,
  getOutbox,
  getSlaClock,
  getSlaTracker,
  getTimelineService,
} from '../../../../../utils/services';
import { CLOCK_EFFECTS, consoleClocks, deliveryState, WORKABLE_STATES, type ClockRow, type Suspension } from '../rules/workspace-rules';

const TICKET = 'api::ticket.ticket';
const FOLLOW_UP = 'api::follow-up.follow-up';
const CALL = 'api::call.call';
const CATEGORY = 'api::category.category';

type Row = Record<string, any>; // rows of our own schemas, read field by field

export interface TicketRef {
  id: number;
  documentId: string;
  state: TicketState;
}

/** A ticket by document id, or 404. */
export async function ticketRef(strapi: Core.Strapi, documentId: string): Promise<TicketRef> {
  const ticket = (await strapi.db.query(TICKET).findOne({ where: { documentId }, select: ['id', 'documentId', 'state'] })) as TicketRef | null;
  if (!ticket) throw new errors.NotFoundError('Ticket not found');
  return ticket;
}

/** The 409 of an action the ticket's state refuses, saying who set that state and when (as the lifecycle's). */
export async function stateConflict(strapi: Core.Strapi, ticket: TicketRef, action: string) {
  const { by, at } = await getTimelineService(strapi).lastChangeTo(ticket.id, ticket.state);
  return conflict(`Cannot ${action} a ticket in state "${ticket.state}"`, { action, state: ticket.state, by, at });
}

/** A ticket still being worked (new, in charge, suspended), or 409 naming its state. */
export async function workableTicket(strapi: Core.Strapi, documentId: string, action: string): Promise<TicketRef> {
  const ticket = await ticketRef(strapi, documentId);
  if (!WORKABLE_STATES.includes(ticket.state)) throw await stateConflict(strapi, ticket, action);
  return ticket;
}

/** A category by document id (null clears it), or 400 naming `category`. */
export async function categoryId(strapi: Core.Strapi, documentId: string | null): Promise<number | null> {
  if (documentId === null) return null;
  const category = (await strapi.db.query(CATEGORY).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
  if (!category) throw fieldValidationError('category', 'category: no such category');
  return category.id;
}


const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

/** One page per ticket for an operator: the ticket, both clocks, what can be done and what it sends, and its whole record. */
const workspace = ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(documentId: string, now = new Date()) {
    const ticket = (await strapi.documents(TICKET).findOne({
      documentId,
      // Whole related rows: the query validation refuses naming some of their fields (the users' e-mail).
      populate: { organization: true, requester: true, category: true, assignee: true, attachments: true },
    } as never)) as Row | null;
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    const outbox = getOutbox(strapi);
    const [states, explanation, timeline, messages, calls, followUps, prepared] = await Promise.all([
      getSlaClock(strapi).stateFor([{ id: ticket.id, state: ticket.state }], now),
      // No policy applies (none configured): the workspace still opens, without clocks.
      getSlaClock(strapi).explain(documentId, now).catch((error) => (error instanceof errors.NotFoundError ? null : Promise.reject(error))),
      getTimelineService(strapi).list(ticket.id),
      getNotificationMessages(strapi).forTicket(ticket.id),
      strapi.db.query(CALL).findMany({ where: { ticket: { id: ticket.id } }, populate: { operator: { select: ['id', 'firstname', 'lastname'] } }, orderBy: { startedAt: 'asc' } }) as Promise<Row[]>,
      strapi.documents(FOLLOW_UP).findMany({
        filters: { ticket: { id: ticket.id } },
        populate: { attachments: true, authorAdmin: { fields: ['firstname', 'lastname'] } },
        sort: ['createdAt:asc', 'id:asc'],
      } as never) as unknown as Promise<Row[]>,
      outbox.prepare(ticket.id),
    ]);
    const sla = states.get(ticket.id) as { policy: string; calendar: string; takeCharge: ClockRow; restore: ClockRow } | null;
    const suspensions = (explanation?.restore.suspensions ?? []) as Suspension[];
    const recipients = (event: Parameters<typeof outbox.recipients>[0]) => outbox.recipients(event, prepared).map(({ address, name }) => ({ address, name }));
    const requester = ticket.requester as Row | null;
    const limits = getAttachmentsService(strapi).describe();

    return {
      ticket: {
        documentId: ticket.documentId,
        number: ticket.number,
        title: ticket.title,
        description: ticket.description ?? null,
        descriptionHtml: ticket.descriptionHtml || (ticket.description ? textToHtml(ticket.description) : null),
        state: ticket.state,
        priority: ticket.priority,
        kind: ticket.kind,
        channel: ticket.channel,
        reportedAt: iso(ticket.reportedAt),
        registeredAt: iso(ticket.registeredAt),
        reportedAtCorrected: timeline.some((event) => event.type === 'ticket.reported-at-corrected'),
        takenInChargeAt: iso(ticket.takenInChargeAt),
        restoredAt: iso(ticket.restoredAt),
        closedAt: iso(ticket.closedAt),
        cancelledAt: iso(ticket.cancelledAt),
        suspensionReason: ticket.suspensionReason ?? null,
        cancellationReason: ticket.cancellationReason ?? null,
        organization: ticket.organization ? { documentId: ticket.organization.documentId, name: ticket.organization.name } : null,
        requester: {
          documentId: requester?.documentId ?? null,
          name: ticket.requesterName || requester?.username || null,
          email: requester?.email ?? ticket.requesterEmail ?? null,
          phone: ticket.requesterPhone || requester?.phone || null,
        },
        category: ticket.category ? { documentId: ticket.category.documentId, name: ticket.category.name } : null,
        assignee: ticket.assignee ? { id: ticket.assignee.id, name: adminName(ticket.assignee) } : null,
        resolution: ticket.resolution ?? null,
        attachments: ((ticket.attachments ?? []) as Row[]).map(attachment),
        createdAt: iso(ticket.createdAt),
        updatedAt: iso(ticket.updatedAt),
      },
      sla: {
        policy: sla?.policy ?? null,
        calendar: sla?.calendar ?? null,
        clocks: consoleClocks(ticket as never, sla, suspensions),
        explanation,
      },
      allowedActions: allowedActions(ticket.state),
      timeline: timeline.map((event) => ({ ...event, at: iso(event.at) })),
      messages: messages.map((message) => ({
        documentId: message.documentId,
        event: message.event,
        recipients: [message.recipient],
        subject: message.subject,
        state: deliveryState(String(message.state)),
        outboxState: message.state,
        attempts: message.attempts,
        lastError: message.lastError ?? null,
        smtpResponse: message.smtpResponse ?? null,
        sentAt: iso(message.sentAt),
        createdAt: iso(message.createdAt),
      })),
      calls: calls.map((call) => ({
        documentId: call.documentId,
        callId: call.callId ?? null,
        callerNumber: call.callerNumber,
        startedAt: iso(call.startedAt),
        endedAt: iso(call.endedAt),
        operator: call.operator ? { id: call.operator.id, name: adminName(call.operator) } : null,
      })),
      followUps: followUps.map((followUp) => ({
        documentId: followUp.documentId,
        visibility: followUp.visibility,
        authorType: followUp.authorType,
        authorName: followUp.authorName || adminName(followUp.authorAdmin),
        channel: followUp.channel,
        body: followUp.body,
        bodyHtml: followUp.bodyHtml || textToHtml(followUp.body ?? ''),
        attachments: ((followUp.attachments ?? []) as Row[]).map(attachment),
        createdAt: iso(followUp.createdAt),
      })),
      notices: {
        actions: Object.fromEntries(
          LIFECYCLE_ACTIONS.map((action) => {
            const event = NOTIFIED[action];
            return [action, { emails: event ? [{ event, recipients: recipients(event) }] : [], clocks: CLOCK_EFFECTS[action] }];
          })
        ),
        publicFollowUp: { event: 'follow-up.public', recipients: recipients('follow-up.public') },
      },
      attachmentLimits: { maxBytes: limits.maxFileBytes, maxFiles: limits.maxFiles, blockedExtensions: limits.blockedExtensions },
    };
  },

  /** The SLA of the ticket after a change of priority, kind or category, beside the current one; nothing is saved. */
  async classifyPreview(documentId: string, change: { priority?: 'P1' | 'P2' | 'P3' | 'P4'; kind?: string; category?: string | null }, now = new Date()) {
    const ticket = await ticketRef(strapi, documentId);
    const preview = await getSlaTracker(strapi).preview(
      ticket.id,
      { priority: change.priority, kind: change.kind, ...(change.category !== undefined ? { categoryId: await categoryId(strapi, change.category) } : {}) },
      now
    );
    if (!preview) return { policy: null, clocks: [] };
    const { stored, values } = preview;
    const clock = (kind: 'take_charge' | 'restore', targetMinutes: number, dueAt: Date | null) => ({
      kind,
      targetMinutes,
      dueAt: dueAt?.toISOString() ?? null,
      before: stored ? { targetMinutes: Number(stored[`${kind}_minutes`]), dueAt: iso(stored[`${kind}_due_at`]) } : null,
    });
    return {
      policy: values.policyName,
      calendar: values.calendarName,
      priority: values.priority,
      clocks: [clock('take_charge', values.takeChargeMinutes, values.takeChargeDueAt), clock('restore', values.restoreMinutes, values.restoreDueAt)],
    };
  },

  /** Saves a new priority, kind or category: the ticket's own update path records it and recomputes the SLA (rematch). */
  async classify(documentId: string, change: { priority?: string; kind?: string; category?: string | null }) {
    await workableTicket(strapi, documentId, 'classify');
    const data: Record<string, unknown> = {};
    if (change.priority) data.priority = change.priority;
    if (change.kind) data.kind = change.kind;
    if (change.category !== undefined) data.category = await categoryId(strapi, change.category);
    await strapi.documents(TICKET).update({ documentId, data: data as never });
    return this.summary(documentId);
  },

  /**
   * Makes an operator the ticket's assignee through the ticket's own update path (recorded in its timeline).
   * The assignee must be an active admin who may work tickets (else 400 naming assigneeId).
   */
  async assign(documentId: string, assigneeId: number) {
    await workableTicket(strapi, documentId, 'assign');
    const user = (await strapi.db.query('admin::user').findOne({ where: { id: assigneeId }, select: ['id', 'isActive', 'blocked'] })) as Row | null;
    const ability = user?.isActive && !user.blocked ? await strapi.service('admin::permission').engine.generateUserAbility(user) : null;
    if (!ability?.can(PERMISSIONS.work)) {
      throw fieldValidationError('assigneeId', 'assigneeId must be an active operator who may work tickets');
    }
    await strapi.documents(TICKET).update({ documentId, data: { assignee: assigneeId } as never });
    return this.summary(documentId);
  },

  /** What an assignment or a classification answers: the ticket's working fields and its SLA state. */
  async summary(documentId: string) {
    const ticket = (await strapi.db.query(TICKET).findOne({
      where: { documentId },
      select: ['id', 'documentId', 'number', 'state', 'priority', 'kind'],
      populate: { category: { select: ['documentId', 'name'] }, assignee: { select: ['id', 'firstname', 'lastname', 'email'] } },
    })) as Row;
    const sla = (await getSlaClock(strapi).stateFor([{ id: ticket.id, state: ticket.state }])).get(ticket.id) ?? null;
    return {
      documentId: ticket.documentId,
      number: ticket.number,
      state: ticket.state,
      priority: ticket.priority,
      kind: ticket.kind,
      category: ticket.category ? { documentId: ticket.category.documentId, name: ticket.category.name } : null,
      assignee: ticket.assignee ? { id: ticket.assignee.id, name: adminName(ticket.assignee) } : null,
      sla,
    };
  },
});

function attachment(file: Row) {
  return { id: file.id, name: file.name, mime: file.mime, size: file.size, url: file.url };
}

export type WorkspaceService = ReturnType<typeof workspace>;
export default workspace;
