import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Types changed only through this plugin's own services, which write with the query engine: quarantined
 * mail is evidence (the panel lists it; only convert and discard change it), and a mailbox's password is
 * encrypted by the mailboxes service, which a generic edit would bypass.
 */
const GUARDED: Record<string, string> = {
  'plugin::email-intake.quarantine': 'Quarantined messages are converted into tickets or discarded, not edited',
  'plugin::email-intake.mailbox': 'Intake mailboxes are managed in Settings → SPOC Desk → Caselle e-mail',
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (context, next) => {
    if (GUARDED[context.uid] && ['create', 'update', 'delete', 'clone'].includes(context.action)) {
      throw new errors.ForbiddenError(GUARDED[context.uid]);
    }
    return next();
  });
};
