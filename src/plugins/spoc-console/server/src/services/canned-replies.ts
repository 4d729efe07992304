import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Language } from '../../../../notifications/server/src/rules/variables';
import { getOutbox } from '../../../../../utils/services';
import { ticketRef } from './workspace';

export const CANNED_REPLY = 'plugin::spoc-console.canned-reply';
/** A canned reply is the text of a public follow-up: it may name what that e-mail's template may name. */
export const CANNED_REPLY_EVENT = 'follow-up.public';

export interface CannedReply {
  documentId: string;
  title: string;
  body: string;
  language: Language;
}

/** Risposte predefinite: listed for the operator's language, rendered on a ticket as its e-mails are. */
const cannedReplies = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(language: Language): Promise<CannedReply[]> {
    return (await strapi.db.query(CANNED_REPLY).findMany({
      where: { active: true, language },
      select: ['documentId', 'title', 'body', 'language'],
      orderBy: [{ title: 'asc' }, { id: 'asc' }],
    })) as CannedReply[];
  },

  async render(documentId: string, ticketDocumentId: string) {
    const reply = (await strapi.db.query(CANNED_REPLY).findOne({ where: { documentId }, select: ['body', 'language'] })) as Pick<CannedReply, 'body' | 'language'> | null;
    if (!reply) throw new errors.NotFoundError('Canned reply not found');
    const ticket = await ticketRef(strapi, ticketDocumentId);
    return getOutbox(strapi).renderOnTicket(ticket.id, reply.body, reply.language);
  },
});

export type CannedRepliesService = ReturnType<typeof cannedReplies>;
export default cannedReplies;
