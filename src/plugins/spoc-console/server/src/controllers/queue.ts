import type { Core } from '@strapi/strapi';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { toHttpError } from '../../../../../api/ticket/http-errors';
import { parseQueueRequest } from '../rules/queue-rules';
import { getConsoleService } from '../services/get-service';

/** GET /spoc-console/queue and /queue/options: the operators' queue, for any admin with the work permission. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: KoaContext) {
    const route = asRoute(ctx);
    let request;
    try {
      request = parseQueueRequest((route.query ?? {}) as Record<string, unknown>);
    } catch (error) {
      throw toHttpError(error);
    }
    ctx.body = await getConsoleService(strapi, 'queue').list(request, (route.state.user as { id: number }).id);
  },

  async options(ctx: KoaContext) {
    ctx.body = { data: await getConsoleService(strapi, 'queue').options() };
  },
});
