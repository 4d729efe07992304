import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { KoaContext } from '../access/scoped-controller';

const PREFIX = '/portal';

/**
 * Serves the portal single-page app's deep links: strapi::public serves the files of public/portal, and
 * any other GET under /portal/ that is not a file (a client-side route such as /portal/requests/abc)
 * gets index.html, so that a bookmarked or reloaded page opens (STRAPI-NOTES).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const indexFile = path.join(strapi.dirs.static.public, 'portal', 'index.html');

  return async (ctx: KoaContext, next: () => Promise<void>) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === PREFIX) {
      ctx.redirect(`${PREFIX}/${ctx.querystring ? `?${ctx.querystring}` : ''}`);
      return;
    }
    if (!ctx.path.startsWith(`${PREFIX}/`)) return next();
    await next();
    // A missing asset (a name with an extension) stays a 404; a route of the app gets the app.
    if (ctx.status !== 404 || ctx.body || path.extname(ctx.path) !== '') return;
    if (!existsSync(indexFile)) return;
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    // The page names its hashed bundles: it must be re-read after a deploy, the bundles need not.
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = createReadStream(indexFile);
  };
};
