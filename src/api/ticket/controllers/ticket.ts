import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../access/field-errors';
import { isPortalUser, portalOrganizationId } from '../../../access/portal-access';
import {
  asRoute,
  coreHelpers,
  scopedFind,
  scopedFindOne,
  scopedQuery,
  type CoreHelpers,
  type KoaContext,
  type ScopeRules,
} from '../../../access/scoped-controller';
import { actorFromState } from '../../ticket-event/actor';
import { getLifecycleService, getTimelineService } from '../../../utils/services';
import { toHttpError } from '../http-errors';
import type { LifecycleAction } from '../lifecycle-rules';

const TICKET = 'api::ticket.ticket';

/** Portal users: their organization's tickets; populate nothing that leads elsewhere or to internal notes. */
const rules: ScopeRules = {
  uid: TICKET,
  scope: (organizationId) => ({ organization: { id: organizationId } }),
  populate: (organizationId) => ({
    category: true,
    organization: { fields: ['name', 'code'] },
    attachments: true,
    followUps: { filters: { visibility: 'public' }, populate: { attachments: true } },
    maintenanceLogs: { filters: { organization: { id: organizationId } } },
  }),
};

function bodyData(ctx: KoaContext): Record<string, unknown> {
  const body = (asRoute(ctx).request.body ?? {}) as { data?: unknown };
  const data = body.data ?? body;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new errors.ValidationError('The body must be a JSON object: { "data": { ... } }');
  }
  return { ...(data as Record<string, unknown>) };
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

export default factories.createCoreController(TICKET, ({ strapi }: { strapi: Core.Strapi }) => {
  const runAction = async (core: CoreHelpers, ctx: KoaContext, action: LifecycleAction) => {
    const data = bodyData(ctx);
    const route = asRoute(ctx);
    const organizationId = await portalOrganizationId(strapi, route);
    try {
      const ticket = await getLifecycleService(strapi).perform(
        route.params.id,
        action,
        { reason: text(data.reason), resolution: text(data.resolution) },
        actorFromState(route.state),
        { organizationId }
      );
      return core.transformResponse(await core.sanitizeOutput(ticket, ctx));
    } catch (error) {
      throw toHttpError(error);
    }
  };

  return {
    find(ctx: KoaContext) {
      return scopedFind(strapi, coreHelpers(this), ctx, rules);
    },

    findOne(ctx: KoaContext) {
      return scopedFindOne(strapi, coreHelpers(this), ctx, rules);
    },

    async create(ctx: KoaContext) {
      const core = coreHelpers(this);
      const route = asRoute(ctx);
      const data = bodyData(ctx);
      const organizationId = await portalOrganizationId(strapi, route);
      if (organizationId) {
        // The portal registers the request as it is submitted, for the user's own organization (D7).
        for (const field of ['reportedAt', 'organization', 'requester'] as const) {
          if (field in data) throw fieldValidationError(field, `${field} is set by the portal and cannot be given`);
        }
        if (data.channel !== undefined && data.channel !== 'portal') {
          throw fieldValidationError('channel', 'channel must be "portal" for portal requests');
        }
      } else if (!data.organization) {
        throw fieldValidationError('organization', 'organization is required');
      }
      await core.validateInput(data, ctx);
      const input = (await core.sanitizeInput(data, ctx)) as Record<string, unknown>;
      if (organizationId) {
        Object.assign(input, { channel: 'portal', organization: organizationId, requester: route.state.user!.id });
      } else {
        input.channel = input.channel ?? 'api';
      }
      const query = await scopedQuery(strapi, core, ctx, rules);
      const ticket = await strapi.service(TICKET).create({ ...query, data: input });
      ctx.status = 201;
      return core.transformResponse(await core.sanitizeOutput(ticket, ctx));
    },

    takeCharge(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'take-charge');
    },
    suspend(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'suspend');
    },
    resume(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'resume');
    },
    restore(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'restore');
    },
    reopen(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'reopen');
    },
    close(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'close');
    },
    cancel(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'cancel');
    },

    /** Supervisor correction of the report time, with a reason; recorded in the timeline. */
    async correctReportedAt(ctx: KoaContext) {
      const core = coreHelpers(this);
      const route = asRoute(ctx);
      if (isPortalUser(route)) throw new errors.ForbiddenError('Forbidden');
      const data = bodyData(ctx);
      try {
        const ticket = await getLifecycleService(strapi).correctReportedAt(
          route.params.id,
          { reportedAt: data.reportedAt, reason: text(data.reason) },
          actorFromState(route.state)
        );
        return core.transformResponse(await core.sanitizeOutput(ticket, ctx));
      } catch (error) {
        throw toHttpError(error);
      }
    },

    /** Recomputes the ticket's timeline chain: any edit or deletion made behind the application shows here. */
    async verifyTimeline(ctx: KoaContext) {
      const route = asRoute(ctx);
      if (isPortalUser(route)) throw new errors.ForbiddenError('Forbidden');
      ctx.body = { data: await getTimelineService(strapi).verify(route.params.id) };
    },
  };
});
