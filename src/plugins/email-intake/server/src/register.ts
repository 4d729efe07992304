import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { signHtmlFields } from '../../../../utils/upload-urls';

const HTML_OWNERS = ['api::ticket.ticket', 'api::follow-up.follow-up'];
const RESULTS_WITH_ENTRIES = ['findMany', 'findOne', 'findFirst', 'create', 'update'];

interface SigningProvider {
  isPrivate?: () => boolean | Promise<boolean>;
  getSignedUrl?: (file: { url: string }) => { url: string } | Promise<{ url: string }>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Quarantined mail is evidence: the panel lists it; only the convert and discard routes change it. */
  strapi.documents.use(async (context, next) => {
    if (context.uid === 'plugin::email-intake.quarantine' && ['create', 'update', 'delete', 'clone'].includes(context.action)) {
      throw new errors.ForbiddenError('Quarantined messages are converted into tickets or discarded, not edited');
    }
    return next();
  });

  /**
   * The stored HTML of mail names its inline images by their plain /uploads/ URL, which the server does not
   * serve (signed-uploads middleware): every read signs them, as the upload plugin signs media fields, so
   * the portal, REST tools and the admin panel all get links that work, and that expire.
   */
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (!HTML_OWNERS.includes(context.uid) || !RESULTS_WITH_ENTRIES.includes(context.action)) return result;
    const provider = strapi.plugin('upload').provider as SigningProvider;
    if (!provider.getSignedUrl || !(await provider.isPrivate?.())) return result;
    // Providers may sign asynchronously: the paths are collected first (signing each with itself changes
    // nothing), signed, then written in.
    const paths = new Set<string>();
    signHtmlFields(result, (path) => (paths.add(path), path));
    if (paths.size === 0) return result;
    const signed = new Map<string, string>();
    for (const path of paths) signed.set(path, (await provider.getSignedUrl({ url: path })).url);
    signHtmlFields(result, (path) => signed.get(path) ?? path);
    return result;
  });
};

