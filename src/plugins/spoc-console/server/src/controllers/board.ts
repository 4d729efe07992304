import type { Core } from '@strapi/strapi';
import type { KoaContext } from '../../../../../access/scoped-controller';
import { getConsoleService } from '../services/get-service';

/** Thin admin edge of the supervisors' board. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async figures(ctx: KoaContext) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await getConsoleService(strapi, 'board').figures() };
  },
});
