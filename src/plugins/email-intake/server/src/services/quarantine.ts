import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../../../access/field-errors';
import { conflict } from '../../../../../utils/http-errors';
import { asSystem } from '../../../../../api/ticket-event/actor';
import { sanitizeMailHtml } from '../rules/body';
import { parseMail } from '../rules/parse';
import { quarantineReason, senderDomain, withDomain } from '../rules/quarantine-reasons';
import type { IntakeService } from './intake';

const QUARANTINE = 'plugin::email-intake.quarantine';

const TICKET = 'api::ticket.ticket';
const ORGANIZATION = 'api::organization.organization';
const STATES = ['held', 'converted', 'discarded'] as const;

type Row = Record<string, any>; // quarantine rows, read field by field

/** Who decided, and when: kept on the row with what they decided. */
export interface Decider {
  name: string;
}

const summary = (row: Row) => ({
  documentId: row.documentId,
  mailbox: row.mailbox ?? null,
  receivedAt: row.receivedAt ? new Date(row.receivedAt).toISOString() : null,
  sender: row.sender ?? null,
  subject: row.subject ?? null,
  reason: row.reason ?? null,
  reasonCode: quarantineReason(row.reason),
  state: row.state,
  ticketNumber: row.ticketNumber ?? null,
  decidedBy: row.decidedBy ?? null,
  decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
  decisionNote: row.decisionNote ?? null,
});

/**
 * A supervisor's decision on a held message: a ticket of the organization they choose (reported when the
 * mail arrived), a follow-up of an existing ticket, or discarded with a reason; each recorded with who and
 * when. And the sender's domain allowed to the organization, for the next mail to pass.
 */
const quarantine = ({ strapi }: { strapi: Core.Strapi }) => {
  const intake = () => strapi.plugin('email-intake').service('intake') as IntakeService;

  const held = async (documentId: string) => {
    const row = (await strapi.db.query(QUARANTINE).findOne({ where: { documentId } })) as Row | null;
    if (!row) throw new errors.NotFoundError('Quarantined message not found');
    if (row.state !== 'held') throw conflict(`The message is already "${row.state}"`, { state: row.state });
    return row;
  };

  return {
    /** The message exactly as it arrived, for a supervisor to open in a mail client. */
    async raw(documentId: string): Promise<{ bytes: Buffer; subject: string }> {
      const row = (await strapi.db.query(QUARANTINE).findOne({ where: { documentId } })) as Row | null;
      if (!row) throw new errors.NotFoundError('Quarantined message not found');
      return { bytes: Buffer.from(row.raw ?? '', 'base64'), subject: row.subject ?? '' };
    },

    /** The held messages (or the decided ones), newest first, with the reason as a code. */
    async list(state: (typeof STATES)[number] | 'all' = 'held') {
      const rows = (await strapi.db.query(QUARANTINE).findMany({
        where: state === 'all' ? {} : { state },
        select: ['documentId', 'mailbox', 'receivedAt', 'sender', 'subject', 'reason', 'state', 'ticketNumber', 'decidedBy', 'decidedAt', 'decisionNote'],
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        limit: 500,
      })) as Row[];
      return rows.map(summary);
    },

    /**
     * A held message to read safely: the HTML through the intake's sanitizer (no script, no remote image, no
     * form), or the text; attachments by name only. The raw message is a download of its own (`raw`).
     */
    async preview(documentId: string) {
      const row = (await strapi.db.query(QUARANTINE).findOne({ where: { documentId } })) as Row | null;
      if (!row) throw new errors.NotFoundError('Quarantined message not found');
      let mail = null;
      try {
        mail = await parseMail(Buffer.from(row.raw ?? '', 'base64'));
      } catch {
        // An unreadable message has no preview: its raw download is all there is.
      }
      return {
        ...summary(row),
        from: mail?.from ?? null,
        to: mail?.to ?? [],
        text: mail?.text ?? null,
        html: mail?.html ? sanitizeMailHtml(mail.html) : null,
        attachments: (mail?.attachments ?? []).map((attachment) => ({ name: attachment.filename ?? null, contentType: attachment.contentType, size: attachment.size })),
      };
    },

    async convert(documentId: string, input: { organization?: unknown; requester?: unknown }, by: Decider) {
      if (typeof input.organization !== 'string' || !input.organization) throw fieldValidationError('organization', 'organization is required: the documentId of the organization the request belongs to');
      if (input.requester !== undefined && input.requester !== null && (typeof input.requester !== 'string' || !input.requester)) throw fieldValidationError('requester', 'requester must be the documentId of a user of the organization');
      return strapi.db.transaction(async () => {
        const row = await held(documentId);
        const organization = (await strapi.db.query(ORGANIZATION).findOne({ where: { documentId: input.organization }, select: ['id'] })) as Row | null;
        if (!organization) throw fieldValidationError('organization', 'organization not found');
        const requester = input.requester
          ? ((await strapi.db.query('plugin::users-permissions.user').findOne({ where: { documentId: input.requester, organization: { id: organization.id } }, select: ['id', 'username'] })) as Row | null)
          : null;
        if (input.requester && !requester) throw fieldValidationError('requester', 'requester: no such user in the organization');
        const mail = await parseMail(Buffer.from(row.raw, 'base64'));
        const sender = mail.from?.address ?? row.sender ?? 'sconosciuto';
        const identity = requester ? { userId: requester.id as number, name: requester.username as string } : await intake().identify(sender);
        // reportedAt is the mail's arrival: the clock started when the Administration wrote, not when a supervisor looked.
        const result = await intake().newTicket(mail, { mailbox: row.mailbox, receivedAt: new Date(row.receivedAt) }, { ...identity, organizationId: organization.id }, sender, null);
        await decide(row, 'converted', by, { ticketNumber: result.ticketNumber ?? undefined });
        return { state: 'converted', ticketNumber: result.ticketNumber };
      });
    },

    /** "Aggiungi a HD-…": the message becomes a follow-up of an existing ticket that still takes replies. */
    async attach(documentId: string, input: { ticket?: unknown }, by: Decider) {
      if (typeof input.ticket !== 'string' || !input.ticket.trim()) throw fieldValidationError('ticket', 'ticket is required: its number (HD-…) or documentId');
      const key = input.ticket.trim();
      return strapi.db.transaction(async () => {
        const row = await held(documentId);
        const ticket = (await strapi.db.query(TICKET).findOne({
          where: { $or: [{ number: key.toUpperCase() }, { documentId: key }] },
          populate: { organization: { select: ['id'] }, requester: { select: ['id', 'email'] } },
        })) as Row | null;
        if (!ticket) throw new errors.NotFoundError('Ticket not found');
        if (!intake().takesReplies(ticket)) throw conflict(`Cannot add a message to a ticket in state "${ticket.state}"`, { action: 'add-message', state: ticket.state });
        const mail = await parseMail(Buffer.from(row.raw, 'base64'));
        const sender = mail.from?.address ?? row.sender ?? 'sconosciuto';
        // The sender's message, as the intake would have added it: not the supervisor's writing (asSystem).
        const identity = await intake().identify(sender);
        const result = await asSystem(strapi, () => intake().reply(ticket, mail, identity, sender));
        await decide(row, 'converted', by, { ticketNumber: ticket.number, note: 'follow-up' });
        return { state: 'converted', ticketNumber: ticket.number, outcome: result.outcome };
      });
    },

    async discard(documentId: string, input: { reason?: unknown }, by: Decider) {
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (!reason) throw fieldValidationError('reason', 'reason is required: why the message is discarded');
      if (reason.length > 1000) throw fieldValidationError('reason', 'reason must be at most 1000 characters');
      return strapi.db.transaction(async () => {
        const row = await held(documentId);
        await decide(row, 'discarded', by, { note: reason });
        return { state: 'discarded' };
      });
    },

    /** "Aggiungi il dominio del mittente all'organizzazione": the next mail from that domain opens a ticket of it. */
    async allowDomain(documentId: string, input: { organization?: unknown }) {
      if (typeof input.organization !== 'string' || !input.organization) throw fieldValidationError('organization', 'organization is required');
      return strapi.db.transaction(async () => {
        const row = (await strapi.db.query(QUARANTINE).findOne({ where: { documentId }, select: ['id', 'sender'] })) as Row | null;
        if (!row) throw new errors.NotFoundError('Quarantined message not found');
        const domain = senderDomain(row.sender);
        if (!domain) throw conflict('The message has no sender "domain" to allow', { state: 'no-domain' });
        const organization = (await strapi.db.query(ORGANIZATION).findOne({ where: { documentId: input.organization }, select: ['id', 'name', 'emailDomains'] })) as Row | null;
        if (!organization) throw fieldValidationError('organization', 'organization not found');
        const emailDomains = withDomain(organization.emailDomains, domain);
        if (emailDomains.length > 1000) throw fieldValidationError('organization', "the organization's allowed domains are full (1000 characters)");
        await strapi.db.query(ORGANIZATION).update({ where: { id: organization.id }, data: { emailDomains } });
        return { domain, organization: organization.name, emailDomains };
      });
    },
  };

  async function decide(row: Row, state: 'converted' | 'discarded', by: Decider, what: { ticketNumber?: string; note?: string }) {
    await strapi.db.query(QUARANTINE).update({
      where: { id: row.id },
      data: { state, decidedBy: by.name, decidedAt: new Date(), ...(what.ticketNumber ? { ticketNumber: what.ticketNumber } : {}), decisionNote: what.note ?? null },
    });
  }
};

export type QuarantineService = ReturnType<typeof quarantine>;
export default quarantine;
