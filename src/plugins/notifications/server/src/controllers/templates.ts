import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { parseInput } from '../../../../../utils/parse-input';
import { requestData } from '../../../../../utils/request-body';
import { getNotificationTemplates } from '../../../../../utils/services';
import { EVENTS, LANGUAGES, type Language } from '../rules/variables';

const texts = { subject: z.string(), body: z.string() };
const previewBody = z.object({
  event: z.enum(EVENTS),
  language: z.enum(LANGUAGES as [Language, ...Language[]]),
  ...texts,
  documentId: z.string().min(1).optional(),
});
const updateBody = z.object(texts);

/** Thin admin edge of the template editor: list, preview, save. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: KoaContext) {
    const { templates, placeholders } = await getNotificationTemplates(strapi).list();
    ctx.body = { data: templates, meta: { placeholders } };
  },

  async preview(ctx: KoaContext) {
    ctx.body = { data: await getNotificationTemplates(strapi).preview(parseInput(previewBody, requestData(ctx))) };
  },

  async update(ctx: KoaContext) {
    ctx.body = { data: await getNotificationTemplates(strapi).update(asRoute(ctx).params.documentId, parseInput(updateBody, requestData(ctx))) };
  },
});
