import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminName, currentActor } from '../ticket-event/actor';
import { getSlaTracker, getTimelineService } from '../../utils/services';
import { changedProtectedField, FieldError } from './input-rules';
import { asTicketWriteError, createTicket, type TicketRow } from './ticket-creation';
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
 * The rules for tickets written through the Document Service (the admin panel, the seed, REST updates): a
 * creation follows ticket-creation.ts, no edit of protected fields, every other edit recorded, no deletion
 * (a ticket is evidence: cancel it instead).
 */
export function registerTicketDocumentMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== TICKET) return next();
    const params = context.params as { data?: Data; documentId?: string };
    try {
      switch (context.action) {
        case 'create':
          return (await createTicket(strapi, params.data ?? {}, (data) => {
            params.data = data;
            return next() as unknown as Promise<TicketRow>;
          })) as unknown as NextResult;
        case 'update':
          return await updateTicket(strapi, params, next);
        case 'delete':
          throw new errors.ForbiddenError('Tickets are never deleted: cancel the ticket instead');
        default:
          return next();
      }
    } catch (error) {
      throw asTicketWriteError(error);
    }
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
  const named = AUDITED_RELATIONS.filter((field) => field in data);
  const descriptionChanged = 'description' in data && String(data.description ?? '') !== String(current.description ?? '');
  if (Object.keys(changes).length === 0 && named.length === 0 && !descriptionChanged) return next();

  return strapi.db.transaction(async () => {
    // A relation the write names may link what was already linked (the Content Manager sends every relation
    // of the form): only those whose target changed are recorded, and only they recompute the SLA.
    const before = await linkedIds(strapi, current.id, named);
    const result = await next();
    const after = await linkedIds(strapi, current.id, named);
    const relations = named.filter((field) => before[field] !== after[field]);
    if (Object.keys(changes).length === 0 && relations.length === 0 && !descriptionChanged) return result;
    const actor = currentActor(strapi);
    // Who the ticket went to, by name: the timeline must say it without a lookup of ids that may change.
    const assignee = relations.includes('assignee') ? { assignee: await assigneeOf(strapi, current.id) } : {};
    await getTimelineService(strapi).append(current, { type: 'ticket.updated', visibility: 'internal', data: { changes, relations, descriptionChanged, ...assignee } }, actor);
    // A different priority, kind, category or organization may mean other targets or another policy (D7).
    if (SLA_INPUTS.some((field) => field in changes || relations.includes(field))) {
      await getSlaTracker(strapi).refresh(current.id, { rematch: true, reason: 'ticket.updated', actor });
    }
    return result;
  });
}

/** The id each relation links (null when none), to tell a relation changed from one merely named. */
async function linkedIds(strapi: Core.Strapi, ticketId: number, fields: string[]): Promise<Record<string, number | null>> {
  if (fields.length === 0) return {};
  const ticket = (await strapi.db.query(TICKET).findOne({
    where: { id: ticketId },
    select: ['id'],
    populate: Object.fromEntries(fields.map((field) => [field, { select: ['id'] }])),
  })) as Record<string, { id: number } | null> | null;
  return Object.fromEntries(fields.map((field) => [field, ticket?.[field]?.id ?? null]));
}

async function assigneeOf(strapi: Core.Strapi, ticketId: number) {
  const ticket = (await strapi.db.query(TICKET).findOne({
    where: { id: ticketId },
    select: ['id'],
    populate: { assignee: { select: ['id', 'firstname', 'lastname', 'email'] } },
  })) as { assignee?: { id: number; firstname?: string; lastname?: string; email?: string } | null } | null;
  return ticket?.assignee ? { id: ticket.assignee.id, name: adminName(ticket.assignee) } : null;
}
