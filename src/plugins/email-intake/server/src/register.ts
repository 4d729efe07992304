import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Types changed only through this plugin's own services, which write with the query engine: quarantined
 * mail is evidence (the panel lists it; only convert and discard change it), and a mailbox's password is
 * encrypted by the mailboxes service, which a generic edit would bypass.
 */
const MAILBOX = 'plugin::email-intake.mailbox';
const GUARDED: Record<string, string> = {
  'plugin::email-intake.quarantine': 'Quarantined messages are converted into tickets or discarded, not edited',
  [MAILBOX]: 'Intake mailboxes are managed in Settings → SPOC Desk → Caselle e-mail',
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (context, next) => {
    if (GUARDED[context.uid] && ['create', 'update', 'delete', 'clone'].includes(context.action)) {
      throw new errors.ForbiddenError(GUARDED[context.uid]);
    }
    const result = await next();
    // `private` keeps an attribute out of the content API only: the content manager would show a
    // mailbox's sealed password to a super admin. Our services read with the query engine, not through here.
    if (context.uid === MAILBOX) for (const entry of [result].flat()) if (entry && typeof entry === 'object') delete (entry as { password?: unknown }).password;
    return result;
  });
};
