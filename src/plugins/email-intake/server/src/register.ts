import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/** Quarantined mail is evidence: the panel lists it; only the convert and discard routes change it. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (context, next) => {
    if (context.uid === 'plugin::email-intake.quarantine' && ['create', 'update', 'delete', 'clone'].includes(context.action)) {
      throw new errors.ForbiddenError('Quarantined messages are converted into tickets or discarded, not edited');
    }
    return next();
  });
};
