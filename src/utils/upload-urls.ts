/**
 * Stored HTML (the e-mail intake's bodies) names its inline images by their plain `/api/files/<key>` URL;
 * the files are served only on a signed, expiring URL, so the HTML is signed when it is read and the
 * signatures are taken off again before a stored value is compared. Only `<img src>` is touched: the
 * sanitizer lets no other attribute hold a relative URL. Pure: no Strapi import, tested alone.
 */
const IMAGE_SOURCE = /(<img\b[^>]*?\bsrc=")(\/api\/files\/[^"?#/]+)(?:\?[^"]*)?(")/g;

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function signUploadSources(html: string, sign: (path: string) => string): string {
  return html.replace(IMAGE_SOURCE, (_match, before: string, path: string, after: string) => `${before}${escapeAttribute(sign(path))}${after}`);
}

export function unsignUploadSources(html: string): string {
  return html.replace(IMAGE_SOURCE, (_match, before: string, path: string, after: string) => `${before}${path}${after}`);
}

/** The stored-HTML fields of our content types: ticket `descriptionHtml`, follow-up `bodyHtml`. */
export const HTML_FIELDS = ['descriptionHtml', 'bodyHtml'] as const;

/**
 * Signs the image sources of every HTML field in a read result, in place: an entry, a list of entries, and
 * the relations populated into them (a ticket's follow-ups, a follow-up's ticket), a few levels deep.
 */
export function signHtmlFields(value: unknown, sign: (path: string) => string, depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) signHtmlFields(item, sign, depth + 1);
    return;
  }
  const entry = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(entry)) {
    if ((HTML_FIELDS as readonly string[]).includes(key) && typeof field === 'string') entry[key] = signUploadSources(field, sign);
    else if (field !== null && typeof field === 'object' && !(field instanceof Date)) signHtmlFields(field, sign, depth + 1);
  }
}
