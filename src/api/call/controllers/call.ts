import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { asRoute, type KoaContext } from '../../../access/scoped-controller';
import { actorFromState } from '../../ticket-event/actor';
import { toHttpError } from '../../ticket/http-errors';
import { requestData } from '../../../utils/request-body';
import type { CallService } from '../services/call';

const CALL = 'api::call.call';


/** Thin edge over the call service: telephony systems and the SPOC console report calls and register their tickets. */
export default factories.createCoreController(CALL, ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.service(CALL) as unknown as CallService;
  return {
    async create(ctx: KoaContext) {
      try {
        const { call, created } = await service().record(requestData(ctx), null);
        ctx.status = created ? 201 : 200;
        ctx.body = { data: { ...call, caller: await service().matchCaller(String(call.callerNumber)) } };
      } catch (error) {
        throw toHttpError(error);
      }
    },

    async registerTicket(ctx: KoaContext) {
      const route = asRoute(ctx);
      try {
        const ticket = await service().registerTicket(route.params.id, requestData(ctx), actorFromState(route.state));
        ctx.status = 201;
        ctx.body = { data: ticket };
      } catch (error) {
        throw toHttpError(error);
      }
    },
  };
});
