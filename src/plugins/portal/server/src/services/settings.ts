import type { Core } from '@strapi/strapi';
import { OPEN_FOR_REQUESTER } from '../../../../../api/ticket/lifecycle-rules';
import { getAttachmentsService } from '../../../../../utils/services';

/** users-permissions' built-in e-mail and password sign-in: not a single sign-on provider. */
const NOT_SINGLE_SIGN_ON = new Set(['email']);

/**
 * What the portal shows before anyone signs in: the limits the server enforces on attachments, and the
 * single sign-on providers enabled in users-permissions (Settings → Users & Permissions → Providers).
 * Also the states in which a requester may still write on a ticket: the portal cannot import the
 * lifecycle rules, and a copy of them would drift.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async get() {
    const grant = ((await strapi.store({ type: 'plugin', name: 'users-permissions', key: 'grant' }).get()) ?? {}) as Record<string, { enabled?: boolean; label?: string }>;
    return {
      attachments: getAttachmentsService(strapi).describe(),
      openForRequester: OPEN_FOR_REQUESTER,
      singleSignOn: Object.entries(grant)
        .filter(([provider, settings]) => settings?.enabled && !NOT_SINGLE_SIGN_ON.has(provider))
        .map(([provider, settings]) => ({ provider, label: settings.label || provider.charAt(0).toUpperCase() + provider.slice(1) })),
    };
  },
});
