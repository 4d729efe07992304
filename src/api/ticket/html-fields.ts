import type { Core } from '@strapi/strapi';
import { signHtmlFields } from '../../utils/upload-urls';

const HTML_OWNERS = ['api::ticket.ticket', 'api::follow-up.follow-up'];
const RESULTS_WITH_ENTRIES = ['findMany', 'findOne', 'findFirst', 'create', 'update'];

interface SigningProvider {
  isPrivate?: () => boolean | Promise<boolean>;
  getSignedUrl?: (file: { url: string }) => { url: string } | Promise<{ url: string }>;
}

/**
 * The e-mail intake stores a message's HTML (ticket `descriptionHtml`, follow-up `bodyHtml`) with its inline
 * images named by their plain /api/files/ URL, which the server serves only signed (src/api/file):
 * every read signs them, as the upload plugin signs media fields, so the portal, REST tools and the admin
 * panel all get links that work, and that expire.
 */
export function registerHtmlFieldSigning(strapi: Core.Strapi) {
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
}
