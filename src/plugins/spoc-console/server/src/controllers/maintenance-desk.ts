import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { parseInput } from '../../../../../utils/parse-input';
import { requestData } from '../../../../../utils/request-body';
import { getConsoleService } from '../services/get-service';
import { MAINTENANCE_ACTIONS } from '../rules/maintenance-rules';

const documentId = z.string().trim().min(1).max(100);
const instant = z.string().datetime({ offset: true });
const fields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(50_000).nullable(),
  type: z.enum(['planned', 'preventive', 'corrective', 'evolutive']),
  organization: documentId,
  scheduledStart: instant,
  scheduledEnd: instant,
  affectedServices: z.string().trim().max(2000).nullable(),
  tickets: z.array(z.string().trim().min(1).max(100)).max(100),
};
const createBody = z.object({ ...fields, description: fields.description.optional(), affectedServices: fields.affectedServices.optional(), tickets: fields.tickets.optional() });
const updateBody = z.object(fields).partial();
const listQuery = z.object({ from: instant, to: instant, organization: documentId.optional() }).refine((query) => Date.parse(query.to) > Date.parse(query.from), { path: ['to'], message: 'to must be after from' });
const actionBody = z.object({ outcome: z.string().trim().max(5000).optional() });
const actionParam = z.enum(MAINTENANCE_ACTIONS);

/** Thin admin edge of the maintenance desk: the calendar's activities, their creation, edits and steps. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const desk = () => getConsoleService(strapi, 'maintenanceDesk');
  return {
    async list(ctx: KoaContext) {
      const query = parseInput(listQuery, asRoute(ctx).query);
      ctx.body = { data: await desk().list(new Date(query.from), new Date(query.to), query.organization) };
    },
    async get(ctx: KoaContext) {
      ctx.body = { data: await desk().get(asRoute(ctx).params.documentId) };
    },
    async create(ctx: KoaContext) {
      ctx.status = 201;
      ctx.body = { data: await desk().create(parseInput(createBody, requestData(ctx))) };
    },
    async update(ctx: KoaContext) {
      ctx.body = { data: await desk().update(asRoute(ctx).params.documentId, parseInput(updateBody, requestData(ctx))) };
    },
    async perform(ctx: KoaContext) {
      const route = asRoute(ctx);
      const action = parseInput(z.object({ action: actionParam }), { action: route.params.action }).action;
      ctx.body = { data: await desk().perform(route.params.documentId, action, parseInput(actionBody, requestData(ctx))) };
    },
  };
};
