import type { Core } from '@strapi/strapi';
import type { KoaContext } from '../../../../../access/scoped-controller';
import { portalUserId } from './portal-user';
import { getPortalService } from '../services/get-service';

/** GET /api/portal/reports/activity?from&to: the referent's organization over a period. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async activity(ctx: KoaContext) {
    const query = ctx.query as { from?: unknown; to?: unknown };
    ctx.body = { data: await getPortalService(strapi, 'activityReport').build(portalUserId(ctx), query) };
  },
});
