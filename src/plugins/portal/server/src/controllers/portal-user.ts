import { errors } from '@strapi/utils';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { isPortalUser } from '../../../../../access/portal-access';

/** The signed-in users-permissions user; an API token is not a person of the portal (403). */
export function portalUserId(ctx: KoaContext): number {
  const route = asRoute(ctx);
  if (!isPortalUser(route)) throw new errors.ForbiddenError('Forbidden');
  return route.state.user!.id;
}
