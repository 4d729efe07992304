import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { parseInput } from '../../../../../utils/parse-input';
import { requestData } from '../../../../../utils/request-body';
import { getConsoleService } from '../services/get-service';

const language = z.enum(['it', 'en']).optional();
// `locale` as the console's contract names it; `language` as the content type and the e-mail templates do.
const listQuery = z.object({ language, locale: language });
const renderBody = z.object({ ticket: z.string().trim().min(1).max(100) });

/** Canned replies: the active ones in the operator's language (or `?language=`), and one rendered on a ticket. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: KoaContext) {
    const route = asRoute(ctx);
    const query = parseInput(listQuery, ctx.query ?? {});
    const preferred = (route.state.user as { preferedLanguage?: string | null }).preferedLanguage === 'en' ? 'en' : 'it';
    ctx.body = { data: await getConsoleService(strapi, 'cannedReplies').list(query.language ?? query.locale ?? preferred) };
  },

  async render(ctx: KoaContext) {
    const { ticket } = parseInput(renderBody, requestData(ctx));
    ctx.body = { data: await getConsoleService(strapi, 'cannedReplies').render(asRoute(ctx).params.documentId, ticket) };
  },
});
