import type { Core } from '@strapi/strapi';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { getPortalService } from '../services/get-service';
import type { PortalAccount } from '../services/account';
import { portalUserId } from './portal-user';
import { checkWrite } from '../../../../../access/write-check';

/** GET/PUT /api/portal/me: the signed-in user's account. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The organization's internal id stays on the server. */
  const present = ({ organization: { id: _id, ...organization }, ...account }: PortalAccount) => ({ ...account, organization });

  return {
    async find(ctx: KoaContext) {
      ctx.body = { data: present(await getPortalService(strapi, 'account').get(portalUserId(ctx))) };
    },

    async update(ctx: KoaContext) {
      const userId = portalUserId(ctx);
      // Only `{ data: { language } }`: a bare body names no language (400 naming it, from the account service).
      const body = (asRoute(ctx).request.body ?? {}) as { data?: unknown };
      const data = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as Record<string, unknown>) : {};
      await checkWrite(strapi, 'portal.account', data, { uid: 'plugin::users-permissions.user', organizationId: null, writer: 'portal' });
      ctx.body = { data: present(await getPortalService(strapi, 'account').setLanguage(userId, data.language)) };
    },
  };
};
