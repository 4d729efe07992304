import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { actorFromState } from '../../../../../api/ticket-event/actor';
import { parseInput } from '../../../../../utils/parse-input';
import { requestData } from '../../../../../utils/request-body';
import { getConsoleService } from '../services/get-service';
import { PERMISSIONS } from '../permissions';
import { CONSOLE_CHANNELS } from '../rules/registration-rules';

export const priority = z.enum(['P1', 'P2', 'P3', 'P4']);
export const kind = z.enum(['incident', 'request']);
const documentId = z.string().trim().min(1).max(100);

const classifyBody = z
  .object({ priority: priority.optional(), kind: kind.optional(), category: documentId.nullable().optional() })
  .refine((body) => body.priority !== undefined || body.kind !== undefined || body.category !== undefined, {
    path: ['priority'],
    message: 'give priority, kind or category',
  });

const registerBody = z.object({
  organization: documentId,
  requester: documentId.optional(),
  requesterName: z.string().trim().max(200).optional(),
  requesterEmail: z.union([z.string().trim().email(), z.literal('')]).optional(),
  requesterPhone: z.string().trim().max(40).optional(),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(50_000),
  category: documentId.nullable().optional(),
  kind,
  priority,
  channel: z.enum(CONSOLE_CHANNELS),
  reportedAt: z.string().optional(),
  reportedAtReason: z.string().trim().max(1000).optional(),
  call: documentId.optional(),
});

const assignBody = z.object({ assigneeId: z.number().int().positive() });

type Ability = { can(action: string): boolean };

/** Thin admin edge of the ticket workspace: read, register, assign, classify. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workspace = () => getConsoleService(strapi, 'workspace');

  return {
    async get(ctx: KoaContext) {
      ctx.body = { data: await workspace().get(asRoute(ctx).params.documentId) };
    },

    async register(ctx: KoaContext) {
      const route = asRoute(ctx);
      const input = parseInput(registerBody, requestData(ctx));
      ctx.status = 201;
      ctx.body = { data: await getConsoleService(strapi, 'registration').register(input, actorFromState(route.state)) };
    },

    async assign(ctx: KoaContext) {
      const route = asRoute(ctx);
      const { assigneeId } = parseInput(assignBody, requestData(ctx));
      const self = (route.state.user as { id: number }).id;
      // Taking a ticket is every operator's; handing it to someone else is a supervisor's.
      if (assigneeId !== self && !(route.state as { userAbility?: Ability }).userAbility?.can(PERMISSIONS.supervise)) {
        throw new errors.ForbiddenError('Only a supervisor can assign a ticket to another operator');
      }
      ctx.body = { data: await workspace().assign(route.params.documentId, assigneeId) };
    },

    async classifyPreview(ctx: KoaContext) {
      ctx.body = { data: await workspace().classifyPreview(asRoute(ctx).params.documentId, parseInput(classifyBody, requestData(ctx))) };
    },

    async classify(ctx: KoaContext) {
      ctx.body = { data: await workspace().classify(asRoute(ctx).params.documentId, parseInput(classifyBody, requestData(ctx))) };
    },
  };
};
