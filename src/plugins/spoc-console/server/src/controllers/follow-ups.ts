import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { parseInput } from '../../../../../utils/parse-input';
import { requestData, requestFiles } from '../../../../../utils/request-body';
import { getConsoleService } from '../services/get-service';

const followUpBody = z.object({ visibility: z.enum(['public', 'internal']), bodyHtml: z.string().min(1).max(200_000) });

/** The composer's edge: JSON, or multipart with the fields (or a `data` JSON part) and the files. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: KoaContext) {
    const input = parseInput(followUpBody, requestData(ctx));
    ctx.status = 201;
    ctx.body = { data: await getConsoleService(strapi, 'followUps').add(asRoute(ctx).params.documentId, input, requestFiles(ctx)) };
  },
});
