import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../../access/field-errors';
import { getOutbox } from '../../../../utils/services';
import { eventProblem, isNotificationEvent, templateProblem } from './rules/template-check';

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
    const given = data.event !== undefined;
    const wrongEvent = given ? eventProblem(data.event) : null;
    if (wrongEvent) throw fieldValidationError(wrongEvent.field, wrongEvent.message);
    // Each event offers its own placeholders; an update that leaves the event alone keeps the stored one.
    const event = given ? data.event : await storedEvent(strapi, context.params as { documentId?: string });
    const problem = templateProblem(isNotificationEvent(event) ? event : null, data);
    if (problem) throw fieldValidationError(problem.field, problem.message);
    const result = await next();
    getOutbox(strapi).forgetTemplates();
    return result;
  });
};

async function storedEvent(strapi: Core.Strapi, params: { documentId?: string }): Promise<string | null> {
  if (!params.documentId) return null;
  const stored = (await strapi.db.query(TEMPLATE).findOne({ where: { documentId: params.documentId }, select: ['event'] })) as { event: string } | null;
  return stored?.event ?? null;
}
