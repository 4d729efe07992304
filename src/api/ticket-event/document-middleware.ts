import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isTimelineWriter } from './write-guard';

const EVENT = 'api::ticket-event.ticket-event';
const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

/** The timeline is append-only: only the timeline service creates events, nobody edits or deletes them. */
export function registerTimelineDocumentMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid === EVENT && WRITES.has(context.action) && !(context.action === 'create' && isTimelineWriter())) {
      throw new errors.ForbiddenError('The ticket timeline is append-only: events cannot be written, changed or deleted');
    }
    return next();
  });
}
