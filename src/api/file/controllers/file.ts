import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { verifySignedPath } from 'strapi-provider-upload-signed-local/signature';
import { FILE_URL_PREFIX, isFileKey } from 'strapi-provider-upload-signed-local/files';
import type { KoaContext } from '../../../access/scoped-controller';
import { getFileService } from '../../../utils/services';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The key is the router's decoded path segment: checked against the strict key pattern (no separator, no
   * dot but the extension's) before anything else, so no spelling reaches outside the store; the signature
   * is then checked on that exact key, and the file must be one a row of the media library names.
   */
  async serve(ctx: KoaContext) {
    const key = String(ctx.params?.key ?? '');
    if (!isFileKey(key)) throw new errors.NotFoundError('No such file');
    const query = ctx.query as Record<string, string | undefined>;
    const service = getFileService(strapi);
    const verdict = verifySignedPath(service.secret(), `${FILE_URL_PREFIX}${key}`, query.exp, query.sig);
    if (verdict === 'expired') throw new errors.ForbiddenError('This file link has expired: reload the page to get a new one');
    if (verdict !== 'valid') throw new errors.ForbiddenError('A signed link is required to read this file');
    const file = await service.open(key);
    if (!file) throw new errors.NotFoundError('No such file');
    ctx.set(file.headers);
    ctx.length = file.size;
    // HEAD (answered by the GET route) sends no body: no file is opened for it.
    if (ctx.method === 'HEAD') ctx.status = 200;
    else ctx.body = file.read();
  },
});
