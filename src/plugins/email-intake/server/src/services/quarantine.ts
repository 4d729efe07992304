import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../../../access/field-errors';
import { conflict } from '../../../../../utils/http-errors';
import { parseMail } from '../rules/parse';
import type { IntakeService } from './intake';

const QUARANTINE = 'plugin::email-intake.quarantine';

type Row = Record<string, any>; // quarantine rows, read field by field

/** A supervisor's decision on a held message: make it a ticket of the organization they choose, or discard it. */
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

    async convert(documentId: string, input: { organization?: unknown }) {
      if (typeof input.organization !== 'string' || !input.organization) throw fieldValidationError('organization', 'organization is required: the documentId of the organization the request belongs to');
      return strapi.db.transaction(async () => {
        const row = await held(documentId);
        const organization = (await strapi.db.query('api::organization.organization').findOne({ where: { documentId: input.organization }, select: ['id'] })) as Row | null;
        if (!organization) throw fieldValidationError('organization', 'organization not found');
        const mail = await parseMail(Buffer.from(row.raw, 'base64'));
        const sender = mail.from?.address ?? row.sender ?? 'sconosciuto';
        const identity = await intake().identify(sender);
        const result = await intake().newTicket(mail, { mailbox: row.mailbox, receivedAt: new Date(row.receivedAt) }, { ...identity, organizationId: organization.id }, sender, null);
        await strapi.db.query(QUARANTINE).update({ where: { id: row.id }, data: { state: 'converted', ticketNumber: result.ticketNumber } });
        return { state: 'converted', ticketNumber: result.ticketNumber };
      });
    },

    async discard(documentId: string) {
      return strapi.db.transaction(async () => {
        const row = await held(documentId);
        await strapi.db.query(QUARANTINE).update({ where: { id: row.id }, data: { state: 'discarded' } });
        return { state: 'discarded' };
      });
    },
  };
};

export type QuarantineService = ReturnType<typeof quarantine>;
export default quarantine;
