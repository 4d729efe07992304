import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { isPortalUser } from '../../../../../access/portal-access';
import type { ClockService } from '../services/clock';
import type { SweepService } from '../services/sweep';

const READABLE = { calendars: 'plugin::sla.calendar', policies: 'plugin::sla.policy' } as const;

/** Thin edge: calendars and policies for API tools, and the sweep on demand. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const forbidPortal = (ctx: KoaContext) => {
    if (isPortalUser(asRoute(ctx))) throw new errors.ForbiddenError('Forbidden');
  };

  return {
    async list(ctx: KoaContext) {
      forbidPortal(ctx);
      const uid = READABLE[asRoute(ctx).params.collection as keyof typeof READABLE];
      if (!uid) throw new errors.NotFoundError('Not found');
      const populate = uid === 'plugin::sla.policy' ? { calendar: true, organizations: { fields: ['name', 'code'] }, categories: { fields: ['name', 'code'] } } : undefined;
      ctx.body = { data: await strapi.documents(uid).findMany({ populate } as never) };
    },

    async explain(ctx: KoaContext) {
      forbidPortal(ctx);
      ctx.body = { data: await (strapi.plugin('sla').service('clock') as ClockService).explain(asRoute(ctx).params.id) };
    },

    async sweep(ctx: KoaContext) {
      forbidPortal(ctx);
      ctx.body = { data: await (strapi.plugin('sla').service('sweep') as SweepService).run() };
    },
  };
};
