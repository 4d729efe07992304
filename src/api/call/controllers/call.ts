import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { asRoute, type KoaContext } from '../../../access/scoped-controller';
import { actorFromState } from '../../ticket-event/actor';
import { toHttpError } from '../../ticket/http-errors';
import { requestData } from '../../../utils/request-body';
import type { CallService } from '../services/call';
import { portalOrganizationId } from '../../../access/portal-access';
import { checkWrite } from '../../../access/write-check';

const CALL = 'api::call.call';

/** Thin edge over the call service: telephony systems and the SPOC console report calls and register their tickets. */
export default factories.createCoreController(CALL, ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.service(CALL) as unknown as CallService;
  return {
    async create(ctx: KoaContext) {
      const data = requestData(ctx);
      await checkWrite(strapi, 'call.record', data, { uid: CALL, organizationId: await portalOrganizationId(strapi, asRoute(ctx)) });
      try {
        const { call, created } = await service().record(data, null);
        ctx.status = created ? 201 : 200;
        ctx.body = { data: { ...call, caller: await service().matchCaller(String(call.callerNumber)) } };
      } catch (error) {
        throw toHttpError(error);
      }
    },

    async registerTicket(ctx: KoaContext) {
      const route = asRoute(ctx);
      const data = requestData(ctx);
      try {
        // The call's own messages for channel and reportedAt first (they come from the call), then the write rule.
        service().assertTicketFields(data);
        await checkWrite(strapi, 'call.ticket', data, { uid: 'api::ticket.ticket', organizationId: await portalOrganizationId(strapi, route) });
        const ticket = await service().registerTicket(route.params.id, data, actorFromState(route.state));
        ctx.status = 201;
        ctx.body = { data: ticket };
      } catch (error) {
        throw toHttpError(error);
      }
    },
  };
});
