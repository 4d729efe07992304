import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { parseInput } from '../../../../../utils/parse-input';
import { getConsoleService } from '../services/get-service';
import { kind, priority } from './workspace';

const requestersQuery = z.object({ q: z.string().max(200).optional() });
const targetsQuery = z.object({
  priority: priority.optional(),
  kind: kind.optional(),
  organization: z.string().min(1).max(100).optional(),
  category: z.string().min(1).max(100).optional(),
});

/** The registration form's reads: the organization's people, the SLA targets a priority implies. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async requesters(ctx: KoaContext) {
    const { q } = parseInput(requestersQuery, ctx.query ?? {});
    ctx.body = { data: await getConsoleService(strapi, 'lookups').requesters(asRoute(ctx).params.documentId, q) };
  },

  async slaTargets(ctx: KoaContext) {
    ctx.body = { data: await getConsoleService(strapi, 'lookups').slaTargets(parseInput(targetsQuery, ctx.query ?? {})) };
  },
});
