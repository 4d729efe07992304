import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const EVENT = 'api::ticket-event.ticket-event';
const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

/**
 * The timeline is append-only: the timeline service inserts events through the query layer, and every
 * write through the Document Service (admin panel, REST, plugins) is refused.
 */
export function registerTimelineDocumentMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid === EVENT && WRITES.has(context.action)) {
      throw new errors.ForbiddenError('The ticket timeline is append-only: events cannot be written, changed or deleted');
    }
    return next();
  });
}
