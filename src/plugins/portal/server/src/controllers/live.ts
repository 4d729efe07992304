import type { Core } from '@strapi/strapi';
import { fieldValidationError } from '../../../../../access/field-errors';
import { portalOrganizationId } from '../../../../../access/portal-access';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { msUntilExpiry } from '../rules/live-events';
import { bearerExpiry, resumeFrom } from '../rules/sse';
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
    const resume = resumeFrom(ctx.get('last-event-id'), (route.query as Record<string, unknown> | undefined)?.lastEventId);
    if (resume && 'invalid' in resume) throw fieldValidationError('lastEventId', 'lastEventId must be the id of the last event received');

    const stream = getPortalService(strapi, 'live').open({
      userId: route.state.user!.id,
      organizationId,
      // Authentication has just compared the JWT's stamp with this one (src/extensions/users-permissions/sessions.ts).
      stamp: (route.state.user as { sessionStamp?: string | null }).sessionStamp ?? null,
      resumeAfter: resume?.value,
      expiresInMs: msUntilExpiry(bearerExpiry(ctx.get('authorization')), Date.now()),
    });
    ctx.res.once('close', () => stream.close());
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx and similar proxies would otherwise hold the events back in their buffers.
      'X-Accel-Buffering': 'no',
    });
    ctx.status = 200;
    ctx.body = stream.body;
  },
});
