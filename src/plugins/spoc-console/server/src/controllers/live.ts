import type { Core } from '@strapi/strapi';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { respondWithStream, streamRequest } from '../../../../../api/ticket-event/live-hub';
import { getConsoleService } from '../services/get-service';

/** GET /spoc-console/live: a Server-Sent Events stream of every ticket change, for the operators' queues. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async stream(ctx: KoaContext) {
    const userId = (asRoute(ctx).state.user as { id: number }).id;
    respondWithStream(ctx, getConsoleService(strapi, 'live').open({ userId, ...streamRequest(ctx) }));
  },
});
