import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentActor } from '../ticket-event/actor';
import { getAttachmentsService, getOutbox, getTimelineService } from '../../utils/services';

const FOLLOW_UP = 'api::follow-up.follow-up';

/**
 * A follow-up enters its ticket's timeline in the same transaction that stores it, with a digest of its
 * body, so the chain also shows if the text is changed later. Follow-ups are never edited or deleted.
 */
export function registerFollowUpDocumentMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== FOLLOW_UP) return next();
    if (context.action === 'update' || context.action === 'delete') {
      throw new errors.ForbiddenError('Follow-ups are part of the ticket record and cannot be changed or deleted');
    }
    if (context.action !== 'create') return next();
    asOperatorInThePanel(strapi, context.params as { data?: Record<string, unknown> });

    return strapi.db.transaction(async () => {
      const created = (await next()) as { id: number; documentId: string };
      const followUp = (await strapi.db.query(FOLLOW_UP).findOne({
        where: { id: created.id },
        populate: { ticket: { select: ['id', 'documentId'] }, attachments: { select: ['id', 'name'] } },
      })) as { documentId: string; body: string; visibility: 'public' | 'internal'; authorType: string; authorName?: string | null; channel: string; ticket?: { id: number; documentId: string } | null; attachments?: { id: number; name: string }[] };
      if (!followUp.ticket) throw new errors.ValidationError('ticket is required', { errors: [{ path: ['ticket'], message: 'ticket is required' }] });
      await getTimelineService(strapi).append(
        followUp.ticket,
        {
          type: 'follow-up.added',
          visibility: followUp.visibility,
          data: {
            followUp: followUp.documentId,
            authorType: followUp.authorType,
            channel: followUp.channel,
            bodySha256: createHash('sha256').update(followUp.body ?? '', 'utf8').digest('hex'),
            attachments: await getAttachmentsService(strapi).evidence((followUp.attachments ?? []).map((file) => file.id)),
          },
        },
        currentActor(strapi)
      );
      // The requester hears of every public message from the SPOC.
      if (followUp.visibility === 'public' && followUp.authorType === 'operator') {
        const outbox = getOutbox(strapi);
        await outbox.enqueue('follow-up.public', await outbox.prepare(followUp.ticket.id), {
          followUp: { body: followUp.body, author: followUp.authorName || 'SPOC', attachments: (followUp.attachments ?? []).map((file) => file.name).join(', ') },
        });
      }
      return created;
    });
  });
}

/**
 * A follow-up written in the admin panel (the Content Manager's form, whose defaults say "requester" and
 * "api") is the signed-in operator's, on the console channel, whatever the form sends: the record must not
 * say the requester wrote what the SPOC did.
 */
function asOperatorInThePanel(strapi: Core.Strapi, params: { data?: Record<string, unknown> }) {
  const actor = currentActor(strapi);
  if (actor.type !== 'admin' || !params.data) return;
  Object.assign(params.data, { authorType: 'operator', authorAdmin: Number(actor.id), authorName: actor.name, authorUser: null, channel: 'console' });
}
