import type { Core } from '@strapi/strapi';
import { fieldValidationError } from '../../../../../access/field-errors';
import type { IncomingFile } from '../../../../../utils/request-body';
import { getAttachmentsService, getOutbox } from '../../../../../utils/services';
import { htmlToPlainText, sanitizeMailHtml } from '../../../../email-intake/server/src/rules/body';
import { NO_PUBLIC_FOLLOW_UP } from '../rules/workspace-rules';
import { stateConflict, ticketRef } from './workspace';

const FOLLOW_UP = 'api::follow-up.follow-up';

/**
 * The composer: a public follow-up (the requester's e-mail goes through the outbox) or an internal note (no
 * e-mail), with attachments. Stored through the follow-up's own path: its document middleware names the
 * operator as author, writes the timeline event and records the e-mail, in one transaction.
 */
const followUps = ({ strapi }: { strapi: Core.Strapi }) => ({
  async add(documentId: string, input: { visibility: 'public' | 'internal'; bodyHtml: string }, files: IncomingFile[]) {
    const ticket = await ticketRef(strapi, documentId);
    if (input.visibility === 'public' && NO_PUBLIC_FOLLOW_UP.includes(ticket.state)) {
      throw await stateConflict(strapi, ticket, 'follow-up');
    }
    // The editor's HTML through the intake's sanitizer: what a mail may carry, a note may too, and no more.
    const bodyHtml = sanitizeMailHtml(input.bodyHtml);
    const body = htmlToPlainText(bodyHtml);
    if (!body) throw fieldValidationError('bodyHtml', 'bodyHtml: the message is empty');
    const outbox = getOutbox(strapi);
    const recipients = input.visibility === 'public' ? outbox.recipients('follow-up.public', await outbox.prepare(ticket.id)) : [];
    const created = (await getAttachmentsService(strapi).storeWhile(files, (stored) =>
      strapi.service(FOLLOW_UP).create({
        data: { ticket: ticket.id, body, bodyHtml, visibility: input.visibility, ...(stored.length > 0 ? { attachments: stored.map((file) => file.id) } : {}) },
        populate: { attachments: true },
      })
    )) as { documentId: string; visibility: string; createdAt: string; attachments?: Array<{ id: number; name: string }> };
    return {
      documentId: created.documentId,
      visibility: created.visibility,
      body,
      bodyHtml,
      attachments: (created.attachments ?? []).map((file) => ({ id: file.id, name: file.name })),
      createdAt: new Date(created.createdAt).toISOString(),
      recipients: recipients.map(({ address, name }) => ({ address, name })),
    };
  },
});

export type FollowUpsService = ReturnType<typeof followUps>;
export default followUps;
