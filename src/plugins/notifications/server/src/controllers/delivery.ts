import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { isCaptureName } from 'strapi-provider-email-capture/files';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { parseInput } from '../../../../../utils/parse-input';
import { getCapturedMail, getNotificationMessages } from '../../../../../utils/services';
import type { NotificationsConfig } from '../config';

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
// A name the capture provider makes, nothing else: no separator, so nothing outside the capture folder.
const nameParams = z.object({ name: z.string().refine(isCaptureName, 'not the name of a captured message') });

/** Thin admin edge over where mail goes: the delivery mode, and the messages captured in development. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The mode and its address, never the SMTP password (MailDelivery does not hold it). */
  async mode(ctx: KoaContext) {
    const { delivery } = strapi.config.get('plugin::notifications') as NotificationsConfig;
    ctx.body = { data: { ...delivery, waiting: await getNotificationMessages(strapi).count('pending') } };
  },

  async captured(ctx: KoaContext) {
    const { results, total } = await getCapturedMail(strapi).list(parseInput(listQuery, ctx.query).limit);
    ctx.body = { data: results, meta: { total } };
  },

  async capturedOne(ctx: KoaContext) {
    ctx.body = { data: await getCapturedMail(strapi).preview(parseInput(nameParams, asRoute(ctx).params).name) };
  },

  /** The .eml itself, as a download: never rendered by the browser. */
  async capturedRaw(ctx: KoaContext) {
    const { name } = parseInput(nameParams, asRoute(ctx).params);
    const raw = await getCapturedMail(strapi).raw(name);
    ctx.set('Content-Type', 'message/rfc822');
    ctx.set('Content-Disposition', `attachment; filename="${name}"`);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = raw;
  },
});
