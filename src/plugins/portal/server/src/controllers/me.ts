import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { isPortalUser } from '../../../../../access/portal-access';
import { getPortalService } from '../services/get-service';
import type { PortalAccount } from '../services/account';

/** GET/PUT /api/portal/me: the signed-in user's account. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Only a users-permissions user has an account here; an API token is not a person. */
  const userId = (ctx: KoaContext) => {
    const route = asRoute(ctx);
    if (!isPortalUser(route)) throw new errors.ForbiddenError('Forbidden');
    return route.state.user!.id;
  };
  /** The organization's internal id stays on the server. */
  const present = ({ organization: { id: _id, ...organization }, ...account }: PortalAccount) => ({ ...account, organization });

  return {
    async find(ctx: KoaContext) {
      ctx.body = { data: present(await getPortalService(strapi, 'account').get(userId(ctx))) };
    },

    async update(ctx: KoaContext) {
      const body = asRoute(ctx).request.body as { data?: { language?: unknown } } | undefined;
      ctx.body = { data: present(await getPortalService(strapi, 'account').setLanguage(userId(ctx), body?.data?.language)) };
    },
  };
};
