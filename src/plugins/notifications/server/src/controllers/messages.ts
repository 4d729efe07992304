import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { conflict } from '../../../../../utils/http-errors';
import { parseInput } from '../../../../../utils/parse-input';
import { getNotificationMessages } from '../../../../../utils/services';
import { MESSAGE_FILTERS, RetryNotAllowedError } from '../services/messages';

const listQuery = z.object({
  state: z.enum(MESSAGE_FILTERS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** Thin admin edge over the outbox: supervisors list messages and retry those that failed for good. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: KoaContext) {
    const { results, pagination } = await getNotificationMessages(strapi).list(parseInput(listQuery, ctx.query));
    ctx.body = { data: results, meta: { pagination } };
  },

  async retry(ctx: KoaContext) {
    try {
      ctx.body = { data: await getNotificationMessages(strapi).retry(asRoute(ctx).params.documentId) };
    } catch (error) {
      if (error instanceof RetryNotAllowedError) throw conflict(error.message, { state: error.state });
      throw error;
    }
  },
});
