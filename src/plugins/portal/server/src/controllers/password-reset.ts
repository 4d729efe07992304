import type { Core } from '@strapi/strapi';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { getPortalService } from '../services/get-service';

/** POST /api/portal/auth/forgot-password: always the same answer, whether or not the address is known. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async forgot(ctx: KoaContext) {
    const body = asRoute(ctx).request.body as { email?: unknown } | undefined;
    await getPortalService(strapi, 'passwordReset').request(body?.email, ctx.request.ip);
    ctx.body = { ok: true };
  },
});
