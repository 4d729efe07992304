/**
 * The headers of every stored file we serve. Pure: no Strapi import, tested alone.
 * A file is evidence, never a page of our origin: the browser must not sniff it into HTML (nosniff), must
 * not run anything in it even when it is shown (CSP sandbox, nothing may load), and must not keep it in a
 * shared cache (the link is personal). Only the types a browser merely displays are shown inline, with
 * the type their bytes prove; everything else is a download of opaque bytes.
 */
import { servingOf } from '../ticket/attachment-policy';

export const FILE_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'";

/** RFC 6266 / 8187: an ASCII fallback name, and the real name percent-encoded in UTF-8. */
export function contentDisposition(disposition: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_').slice(0, 200) || 'file';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function fileResponseHeaders(head: Buffer, filename: string): Record<string, string> {
  const serving = servingOf(head);
  return {
    'Content-Type': serving.contentType,
    'Content-Disposition': contentDisposition(serving.disposition, filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': FILE_CONTENT_SECURITY_POLICY,
    // The signed URL is personal and short-lived: the reader's browser may keep it a while, shared caches may not.
    'Cache-Control': 'private, max-age=300',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
