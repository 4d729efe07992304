import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../access/field-errors';
import { currentActor } from '../ticket-event/actor';
import { getAttachmentsService, getNumberingService, getOutbox, getSlaClock, getSlaTracker, getTimelineService } from '../../utils/services';
import { assertNoSystemFieldsOnCreate, changedProtectedField, checkReportedAt, FieldError } from './input-rules';
import { mapUniqueViolation } from './unique-violations';
import { unsignUploadSources } from '../../utils/upload-urls';

const TICKET = 'api::ticket.ticket';

/** Fields whose changes a generic update records in the timeline, with old and new value. */
const AUDITED_FIELDS = ['title', 'kind', 'priority', 'channel', 'requesterName', 'requesterEmail', 'requesterPhone', 'externalRef'];
const AUDITED_RELATIONS = ['category', 'organization', 'assignee', 'requester'];
/** The fields an SLA policy and its targets depend on. */
const SLA_INPUTS = ['priority', 'kind', 'category', 'organization'];

type Data = Record<string, unknown>;
/** What a Document Service middleware's `next` resolves to; our code only reads id and fields from it. */
type NextResult = Awaited<ReturnType<Parameters<Parameters<Core.Strapi['documents']['use']>[0]>[1]>>;

/**
 * Every writer of tickets (REST, admin panel, intake, seed) goes through the Document Service, so the rules
 * live here: a number and a `ticket.created` event in the creation's own transaction, no edit of protected
 * fields, every other edit recorded, no deletion (a ticket is evidence: cancel it instead).
 */
export function registerTicketDocumentMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== TICKET) return next();
    const params = context.params as { data?: Data; documentId?: string };
    try {
      switch (context.action) {
        case 'create':
          return await createTicket(strapi, params, next);
        case 'update':
          return await updateTicket(strapi, params, next);
        case 'delete':
          throw new errors.ForbiddenError('Tickets are never deleted: cancel the ticket instead');
        default:
          return next();
      }
    } catch (error) {
      if (error instanceof FieldError) throw fieldValidationError(error.field, error.message);
      throw mapUniqueViolation(error);
    }
  });
}

async function createTicket(strapi: Core.Strapi, params: { data?: Data }, next: () => Promise<NextResult>) {
  const data: Data = { ...(params.data ?? {}) };
  const now = new Date();
  assertNoSystemFieldsOnCreate(data);
  const reportedAt = data.reportedAt ? checkReportedAt(data.reportedAt, now) : now;

  return strapi.db.transaction(async () => {
    params.data = { ...data, number: null, status: 'new', reportedAt, registeredAt: now, timelineLength: 0, timelineHash: null, resolution: null };
    const ticket = (await next()) as unknown as { id: number; documentId: string } & Data;
    // Writes that wait for the timeline event's statement: fewer round trips inside the transaction.
    const alongside: Knex.Sql[] = [];
    const sla = await getSlaTracker(strapi).start(ticket.id, now, alongside);
    if (sla) getSlaClock(strapi).rememberWritten(ticket, sla.row);
    const evidence = await getAttachmentsService(strapi).evidence(attachmentIds(data.attachments));
    // Everything the opening e-mail needs is read before the number is taken (D6: every request is notified).
    const mail = await getOutbox(strapi).prepare(ticket.id, { ticket: { ...ticket }, clock: sla?.row ?? null });
    // The number is taken last, just before the commit: the counter row stays locked for as short a time
    // as possible, since every concurrent creation queues on it.
    const number = await getNumberingService(strapi).allocate(now);
    mail.ticket.number = number;
    await getOutbox(strapi).enqueue('ticket.opened', mail, {}, { alongside });
    const event = await getTimelineService(strapi).append(
      ticket,
      {
        type: 'ticket.created',
        toStatus: 'new',
        at: now,
        data: {
          number,
          title: ticket.title,
          kind: ticket.kind,
          priority: ticket.priority,
          channel: ticket.channel,
          reportedAt: reportedAt.toISOString(),
          registeredAt: now.toISOString(),
          attachments: evidence,
          sla: sla?.recorded ?? null,
        },
      },
      currentActor(strapi),
      // A ticket inserted a moment ago in this transaction: nobody else can hold its row, its chain is empty.
      { knownHead: { length: 0, hash: null }, ticketColumns: { number }, alongside }
    );
    // The caller gets the ticket as stored: its number and the chain head the event just moved.
    Object.assign(ticket, { number, timelineLength: event.seq, timelineHash: event.hash });
    return ticket as unknown as NextResult;
  });
}

async function updateTicket(strapi: Core.Strapi, params: { data?: Data; documentId?: string }, next: () => Promise<NextResult>) {
  const data = params.data ?? {};
  const current = (await strapi.db.query(TICKET).findOne({ where: { documentId: params.documentId } })) as
    | ({ id: number; documentId: string } & Data)
    | null;
  if (!current) return next();

  const protectedField = changedProtectedField(current, data);
  if (protectedField === 'reportedAt') {
    throw new FieldError('reportedAt', 'reportedAt can only be changed by a supervisor correction with a reason');
  }
  if (protectedField) {
    throw new FieldError(protectedField, `${protectedField} cannot be changed by an update: use the lifecycle actions`);
  }
  // The mail as received stays as received. Reads sign its image links: an editor sending back what it read
  // (the admin panel does) changes nothing.
  if ('descriptionHtml' in data && unsignUploadSources(String(data.descriptionHtml ?? '')) !== String(current.descriptionHtml ?? '')) {
    throw new FieldError('descriptionHtml', 'descriptionHtml is the e-mail as received and cannot be changed');
  }

  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of AUDITED_FIELDS) {
    if (field in data && String(data[field] ?? '') !== String(current[field] ?? '')) {
      changes[field] = { from: current[field] ?? null, to: data[field] ?? null };
    }
  }
  const relations = AUDITED_RELATIONS.filter((field) => field in data);
  const descriptionChanged = 'description' in data && String(data.description ?? '') !== String(current.description ?? '');
  if (Object.keys(changes).length === 0 && relations.length === 0 && !descriptionChanged) return next();

  return strapi.db.transaction(async () => {
    const result = await next();
    const actor = currentActor(strapi);
    await getTimelineService(strapi).append(current, { type: 'ticket.updated', visibility: 'internal', data: { changes, relations, descriptionChanged } }, actor);
    // A different priority, kind, category or organization may mean other targets or another policy (D7).
    if (SLA_INPUTS.some((field) => field in changes || relations.includes(field))) {
      await getSlaTracker(strapi).refresh(current.id, { rematch: true, reason: 'ticket.updated', actor });
    }
    return result;
  });
}

/** Media ids as the Document Service accepts them: an id, a list of ids, or of { id } objects. */
function attachmentIds(value: unknown): number[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.map((entry) => Number(typeof entry === 'object' && entry ? (entry as { id: unknown }).id : entry)).filter(Number.isInteger);
}
