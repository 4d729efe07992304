import type { Core } from '@strapi/strapi';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { getPortalService } from '../services/get-service';
import type { PortalAccount } from '../services/account';
import { portalUserId } from './portal-user';
import { checkWrite } from '../../../../../access/write-check';
import { requestData } from '../../../../../utils/request-body';

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
      const data = requestData(ctx);
      await checkWrite(strapi, 'portal.account', data, { uid: 'plugin::users-permissions.user', organizationId: null, writer: 'portal' });
      ctx.body = { data: present(await getPortalService(strapi, 'account').setLanguage(userId, data.language)) };
    },
  };
};
