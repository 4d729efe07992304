import type { Core } from '@strapi/strapi';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { requestData } from '../../../../../utils/request-body';
import type { QuarantineService } from '../services/quarantine';

/** Thin admin edge over the supervisor's decisions on quarantined mail. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('email-intake').service('quarantine') as QuarantineService;
  return {
    async convert(ctx: KoaContext) {
      ctx.body = { data: await service().convert(asRoute(ctx).params.id, requestData(ctx)) };
    },
    async raw(ctx: KoaContext) {
      const { bytes } = await service().raw(asRoute(ctx).params.id);
      ctx.set('Content-Type', 'message/rfc822');
      ctx.set('Content-Disposition', `attachment; filename="${asRoute(ctx).params.id}.eml"`);
      ctx.body = bytes;
    },
    async discard(ctx: KoaContext) {
      ctx.body = { data: await service().discard(asRoute(ctx).params.id) };
    },
  };
};
