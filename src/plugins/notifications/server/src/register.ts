import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { unknownPlaceholders } from './rules/render';
import { EVENTS, placeholdersFor, type NotificationEvent } from './rules/variables';

const TEMPLATE = 'plugin::notifications.template';
/** Evidence and derived rows: written by the outbox worker and the progress sweep alone. */
const READ_ONLY = ['plugin::notifications.message', 'plugin::notifications.callback'];

/** A template that names a field no event provides, or does not parse, is refused when saved, not when sent. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (context, next) => {
    if (READ_ONLY.includes(context.uid) && ['create', 'update', 'delete', 'clone'].includes(context.action)) {
      throw new errors.ForbiddenError('Outbox messages and call-back tasks are records: retry a message or mark a call-back done instead');
    }
    if (context.uid !== TEMPLATE || !['create', 'update'].includes(context.action)) return next();
    const data = ((context.params as { data?: Record<string, unknown> }).data ?? {}) as Record<string, unknown>;
    if (typeof data.event === 'string' && !(EVENTS as readonly string[]).includes(data.event)) {
      throw invalid('event', `event must be one of: ${EVENTS.join(', ')}`);
    }
    // Each event offers its own placeholders; an update that leaves the event alone keeps the stored one.
    const event = (typeof data.event === 'string' ? data.event : await storedEvent(strapi, context.params as { documentId?: string })) as NotificationEvent | null;
    const allowed = event ? placeholdersFor(event) : [];
    for (const field of ['subject', 'body'] as const) {
      if (typeof data[field] !== 'string') continue;
      let unknown: string[];
      try {
        unknown = unknownPlaceholders(data[field] as string, allowed);
      } catch (error) {
        throw invalid(field, `${field} is not a valid template: ${(error as Error).message}`);
      }
      if (unknown.length > 0) throw invalid(field, `${field} uses unknown placeholders: ${unknown.map((name) => `{{${name}}}`).join(', ')}`);
    }
    return next();
  });
};

async function storedEvent(strapi: Core.Strapi, params: { documentId?: string }): Promise<string | null> {
  if (!params.documentId) return null;
  const stored = (await strapi.db.query(TEMPLATE).findOne({ where: { documentId: params.documentId }, select: ['event'] })) as { event: string } | null;
  return stored?.event ?? null;
}

function invalid(field: string, message: string) {
  return new errors.ValidationError(message, { errors: [{ path: [field], message }] });
}
