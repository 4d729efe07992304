import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { actorFromState } from '../../../../../api/ticket-event/actor';
import { toHttpError } from '../../../../../api/ticket/http-errors';
import { isLifecycleAction } from '../../../../../api/ticket/lifecycle-rules';
import { getLifecycleService, getTimelineService } from '../../../../../utils/services';

/** Thin admin-panel edge over the same lifecycle service the REST API uses; the actor is the logged-in operator. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const body = (ctx: KoaContext) => ((asRoute(ctx).request.body ?? {}) as Record<string, unknown>);
  const text = (value: unknown) => (typeof value === 'string' ? value : null);

  return {
    async perform(ctx: KoaContext) {
      const route = asRoute(ctx);
      const { id, action } = route.params;
      if (!isLifecycleAction(action)) throw new errors.NotFoundError(`Unknown action "${action}"`);
      const input = body(ctx);
      const operator = route.state.user as { id: number };
      try {
        const ticket = await getLifecycleService(strapi).perform(
          id,
          action,
          {
            reason: text(input.reason),
            resolution: text(input.resolution),
            attributableToAdministration: typeof input.attributableToAdministration === 'boolean' ? input.attributableToAdministration : null,
            assigneeId: operator.id,
          },
          actorFromState(route.state)
        );
        ctx.body = { data: ticket };
      } catch (error) {
        throw toHttpError(error);
      }
    },

    async correctReportedAt(ctx: KoaContext) {
      const route = asRoute(ctx);
      const input = body(ctx);
      try {
        const ticket = await getLifecycleService(strapi).correctReportedAt(
          route.params.id,
          { reportedAt: input.reportedAt, reason: text(input.reason) },
          actorFromState(route.state)
        );
        ctx.body = { data: ticket };
      } catch (error) {
        throw toHttpError(error);
      }
    },

    async verifyTimeline(ctx: KoaContext) {
      ctx.body = { data: await getTimelineService(strapi).verify(asRoute(ctx).params.id) };
    },
  };
};
