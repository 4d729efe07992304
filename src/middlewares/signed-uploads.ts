import type { Core } from '@strapi/strapi';
import { verifySignedPath } from 'strapi-provider-upload-signed-local/signature';
import type { KoaContext } from '../access/scoped-controller';

interface UploadConfig {
  providerOptions?: { secret?: string };
}

/**
 * Serves /uploads only on a URL signed by the upload provider: attachments belong to one organization and
 * must not be fetched by guessing a file name. Runs before strapi::public, which serves the bytes.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const secret = (strapi.config.get('plugin::upload') as UploadConfig).providerOptions?.secret ?? '';

  return async (ctx: KoaContext, next: () => Promise<void>) => {
    if (!ctx.path.startsWith('/uploads/') || ctx.path === '/uploads/.gitkeep') return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const query = ctx.query as Record<string, string | undefined>;
    const verdict = verifySignedPath(secret, ctx.path, query.exp, query.sig);
    if (verdict !== 'valid') {
      ctx.status = 403;
      ctx.body = {
        data: null,
        error: {
          status: 403,
          name: 'ForbiddenError',
          message: verdict === 'expired' ? 'This file link has expired: reload the page to get a new one' : 'A signed link is required to read this file',
          details: {},
        },
      };
      return;
    }
    await next();
    // The signed URL is personal and short-lived: browsers may keep it, shared caches may not.
    ctx.set('Cache-Control', 'private, max-age=300');
    ctx.set('X-Content-Type-Options', 'nosniff');
  };
};
