import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { actorFromState } from '../../../../../api/ticket-event/actor';
import { parseInput } from '../../../../../utils/parse-input';
import { requestData } from '../../../../../utils/request-body';
import type { QuarantineService } from '../services/quarantine';

const listQuery = z.object({ state: z.enum(['held', 'converted', 'discarded', 'all']).default('held') });

/** Thin admin edge over the supervisor's desk of quarantined mail ("Quarantena"). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('email-intake').service('quarantine') as QuarantineService;
  const decider = (ctx: KoaContext) => {
    const actor = actorFromState(asRoute(ctx).state);
    return { name: actor.name ?? `admin ${actor.id}` };
  };
  return {
    async list(ctx: KoaContext) {
      ctx.body = { data: await service().list(parseInput(listQuery, asRoute(ctx).query).state) };
    },
    async preview(ctx: KoaContext) {
      ctx.body = { data: await service().preview(asRoute(ctx).params.id) };
    },
    async raw(ctx: KoaContext) {
      const { bytes } = await service().raw(asRoute(ctx).params.id);
      ctx.set('Content-Type', 'message/rfc822');
      ctx.set('Content-Disposition', `attachment; filename="${asRoute(ctx).params.id}.eml"`);
      ctx.body = bytes;
    },
    async convert(ctx: KoaContext) {
      ctx.body = { data: await service().convert(asRoute(ctx).params.id, requestData(ctx), decider(ctx)) };
    },
    async attach(ctx: KoaContext) {
      ctx.body = { data: await service().attach(asRoute(ctx).params.id, requestData(ctx), decider(ctx)) };
    },
    async discard(ctx: KoaContext) {
      ctx.body = { data: await service().discard(asRoute(ctx).params.id, requestData(ctx), decider(ctx)) };
    },
    async allowDomain(ctx: KoaContext) {
      ctx.body = { data: await service().allowDomain(asRoute(ctx).params.id, requestData(ctx)) };
    },
  };
};
