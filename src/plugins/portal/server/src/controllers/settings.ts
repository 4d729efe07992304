import type { Core } from '@strapi/strapi';
import type { KoaContext } from '../../../../../access/scoped-controller';
import { getPortalService } from '../services/get-service';

/** GET /api/portal/settings: public, read by the sign-in and new-request pages. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: KoaContext) {
    ctx.body = { data: await getPortalService(strapi, 'settings').get() };
  },
});
