import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { actorFromState } from '../../../../../api/ticket-event/actor';
import { parseInput } from '../../../../../utils/parse-input';
import { requestData } from '../../../../../utils/request-body';
import { getConsoleService } from '../services/get-service';
import { romeToday } from '../rules/phone-desk-rules';
import { toHttpError } from '../../../../../api/ticket/http-errors';

const documentId = z.string().trim().min(1).max(100);
const callerNumber = z.string().trim().min(1).max(60);
const answerBody = z.object({ callerNumber: callerNumber.optional() });
const updateBody = z
  .object({ callerNumber: callerNumber.optional(), ended: z.literal(true).optional() })
  
  .refine((body) => body.callerNumber !== undefined || body.ended !== undefined, { path: ['callerNumber'], message: 'give callerNumber or ended' });
const attachBody = z.object({ ticket: documentId, note: z.string().trim().max(10_000).optional() });
const listQuery = z.object({ day: z.string().optional(), operator: z.coerce.number().int().positive().optional() });

/** Thin admin edge of the phone desk: the operator's waiting calls, a call's caller, what a call becomes. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const desk = () => getConsoleService(strapi, 'phoneDesk');
  const operatorOf = (ctx: KoaContext) => (asRoute(ctx).state.user as { id: number }).id;

  return {
    async status(ctx: KoaContext) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await desk().status(operatorOf(ctx)) };
    },

    async list(ctx: KoaContext) {
      const query = parseInput(listQuery, asRoute(ctx).query);
      try {
        ctx.body = { data: await desk().list(query.day || romeToday(new Date()), query.operator) };
      } catch (error) {
        throw toHttpError(error);
      }
    },

    async get(ctx: KoaContext) {
      ctx.body = { data: await desk().call(asRoute(ctx).params.documentId) };
    },

    async answer(ctx: KoaContext) {
      const { callerNumber } = parseInput(answerBody, requestData(ctx));
      ctx.status = 201;
      ctx.body = { data: await desk().answer(operatorOf(ctx), callerNumber ?? null) };
    },

    async update(ctx: KoaContext) {
      ctx.body = { data: await desk().update(asRoute(ctx).params.documentId, operatorOf(ctx), parseInput(updateBody, requestData(ctx))) };
    },

    async dismiss(ctx: KoaContext) {
      ctx.body = { data: await desk().dismiss(asRoute(ctx).params.documentId, operatorOf(ctx)) };
    },

    async attach(ctx: KoaContext) {
      const route = asRoute(ctx);
      const { ticket, note } = parseInput(attachBody, requestData(ctx));
      ctx.body = { data: await desk().attach(route.params.documentId, ticket, note || null, actorFromState(route.state)) };
    },
  };
};
