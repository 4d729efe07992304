import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { sanitize } from '@strapi/utils';
import { asTicketWriteError, createTicket, type TicketRow } from '../ticket-creation';
import { validateCreation } from '../../../database/entity-validation';

const TICKET = 'api::ticket.ticket';
const CREATED = 'entry.create';

type Data = Record<string, unknown>;

export interface RegisterParams {
  data: Data;
  /**
   * Relations the caller has already checked, by field: what `checkWrite` resolved (every record exists and
   * may be linked), or values of the caller's own (the portal user's organization and account). Written as
   * they are, without the Document Service's lookup of their document ids and the validator's count of them
   * (two statements per relation, issue 17). A field given here must not also be in `data`.
   */
  checkedLinks?: Record<string, number[]>;
  /** The response's shape, as a REST query gives it (Document Service syntax). */
  populate?: unknown;
  fields?: unknown;
}

/**
 * `register` is how our own writers (REST, portal, phone calls, e-mail intake) create a ticket: the rules of
 * ticket-creation.ts, with the row written through Strapi's Query Engine after the same steps the Document
 * Service takes (relation document ids to ids, the content type's validation). Why not the Document
 * Service itself: after its commit it re-reads every new entry with all its relations (8 queries for a
 * ticket) to emit `entry.create`, whether or not anything listens; that was a third of a ticket's CPU (README,
 * benchmark). Here the same event, with the same payload, goes out only while a webhook listens for it.
 */
export default factories.createCoreService(TICKET, ({ strapi }: { strapi: Core.Strapi }) => ({
  async register({ data, checkedLinks = {}, populate, fields }: RegisterParams): Promise<TicketRow> {
    const twice = Object.keys(checkedLinks).find((field) => field in data);
    if (twice) throw new Error(`register: ${twice} is given both in data and as a checked link`);
    let ticket: TicketRow;
    try {
      ticket = await createTicket(strapi, data, (row) => insertTicket(strapi, row, checkedLinks));
    } catch (error) {
      throw asTicketWriteError(error);
    }
    announceCreation(strapi, ticket);
    if (populate === undefined && fields === undefined) return ticket;
    const shaped = (await strapi.documents(TICKET).findOne({ documentId: ticket.documentId, populate, fields } as never)) as TicketRow;
    // The shaped read is a new object: it carries the clock row the creation wrote, as `ticket` did.
    return Object.assign(ticket, shaped);
  },
}));

/**
 * The Document Service's own steps for a creation (entries.ts), without its after-commit re-read; checked
 * links join the row after them, as the Query Engine takes relations (an id for a to-one, ids for a to-many).
 */
async function insertTicket(strapi: Core.Strapi, data: Data, checkedLinks: Record<string, number[]>): Promise<TicketRow> {
  const withIds = await strapi.documents.utils.transformData(data, { uid: TICKET });
  // Strapi's validation, with the ticket's schema built once (database/entity-validation.ts).
  const valid = await validateCreation(strapi, TICKET, withIds as Data, { isDraft: false });
  // A to-one named twice keeps the last, as the Document Service does (normalizeXToOneRelationValue). Every
  // linkable type has draft & publish and i18n off: a document id is one row, so the ids are what it links.
  const links = Object.fromEntries(Object.entries(checkedLinks).map(([field, ids]) => [field, isToOne(strapi, field) ? ids.at(-1) ?? null : ids]));
  // Draft & Publish is off: every ticket is "published" from its creation, as the Document Service stores it.
  return (await strapi.db.query(TICKET).create({ data: { ...(valid as Data), ...links, publishedAt: new Date() } })) as TicketRow;
}

function isToOne(strapi: Core.Strapi, field: string): boolean {
  const attribute = strapi.contentType(TICKET).attributes[field] as { type: string; relation?: string } | undefined;
  if (attribute?.type !== 'relation') throw new Error(`register: ${field} is not a relation of the ticket`);
  return attribute.relation === 'manyToOne' || attribute.relation === 'oneToOne';
}

/**
 * `entry.create` for a ticket, as the Document Service emits it (events.ts: the entry with every relation,
 * sanitized, after the commit), when Strapi's webhook runner listens for that event: it does so only while a
 * webhook subscribes to it. Without that map (a later Strapi), it is always emitted. Strapi's other reader of
 * every event, the Enterprise audit log, is not part of this edition: enabling it means emitting always.
 */
function announceCreation(strapi: Core.Strapi, ticket: TicketRow) {
  const runner = strapi.get('webhookRunner') as { listeners?: Map<string, unknown> } | undefined;
  if (runner?.listeners instanceof Map && !runner.listeners.has(CREATED)) return;
  const emit = async () => {
    const model = strapi.getModel(TICKET);
    const entry = await strapi.db.query(TICKET).findOne({ where: { id: ticket.id }, populate: everyRelation(model) });
    const sanitized = await sanitize.sanitizers.defaultSanitizeOutput({ schema: model, getModel: (uid) => strapi.getModel(uid as never) }, entry);
    await strapi.eventHub.emit(CREATED, { model: model.modelName, uid: model.uid, entry: sanitized });
  };
  // After the commit of the transaction the ticket was made in (a caller's, when there is one).
  strapi.db.transaction(({ onCommit }) => {
    onCommit(() => emit().catch((error) => strapi.log.error(`entry.create for ticket ${ticket.documentId} not emitted: ${error}`)));
  });
}

/** Every relation and media field of a content type, as the Document Service populates an event's entry. */
function everyRelation(model: { attributes: Record<string, { type: string }> }) {
  return Object.fromEntries(
    Object.entries(model.attributes)
      .filter(([, attribute]) => attribute.type === 'relation' || attribute.type === 'media')
      .map(([name, attribute]) => [name, attribute.type === 'media' ? { select: ['*'] } : true])
  );
}
