import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { actorFromState } from '../../../../../api/ticket-event/actor';
import { parseInput } from '../../../../../utils/parse-input';
import { requestData } from '../../../../../utils/request-body';
import type { CallbacksService } from '../services/callbacks';
import type { ProgressService } from '../services/progress';

const listQuery = z.object({ state: z.enum(['open', 'done', 'all']).default('open') });

/** Thin edge over the call-back tasks and the progress sweep, for the SPOC console and API tools. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('notifications').service('callbacks') as CallbacksService;

  return {
    async find(ctx: KoaContext) {
      const { state } = parseInput(listQuery, asRoute(ctx).query);
      ctx.body = { data: await service().list(state) };
    },

    async complete(ctx: KoaContext) {
      const route = asRoute(ctx);
      ctx.body = { data: await service().complete(route.params.id, requestData(ctx), actorFromState(route.state)) };
    },

    /** The progress sweep on demand; the cron runs it every minute anyway. */
    async runProgress(ctx: KoaContext) {
      ctx.body = { data: await (strapi.plugin('notifications').service('progress') as ProgressService).run() };
    },
  };
};
