import type { Core } from '@strapi/strapi';
import { portalOrganizationId } from '../../../../../access/portal-access';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { respondWithStream, streamRequest } from '../../../../../api/ticket-event/live-hub';
import { getPortalService } from '../services/get-service';

/**
 * GET /api/portal/live: a Server-Sent Events stream of the timeline events the portal user may see.
 * The response is the stream itself; Koa pipes it, so the action returns at once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async stream(ctx: KoaContext) {
    const route = asRoute(ctx);
    // Only portal sessions pass this route's authentication (routes/live.ts); a user with no organization gets 403.
    const organizationId = await portalOrganizationId(strapi, route);
    if (!organizationId) return ctx.unauthorized();
    const timing = streamRequest(ctx);
    const stream = getPortalService(strapi, 'live').open({
      userId: route.state.user!.id,
      organizationId,
      // Authentication has just compared the JWT's stamp with this one (src/extensions/users-permissions/sessions.ts).
      stamp: (route.state.user as { sessionStamp?: string | null }).sessionStamp ?? null,
      ...timing,
    });
    respondWithStream(ctx, stream);
  },
});
