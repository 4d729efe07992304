/**
 * What of an inbound message's body is stored. Pure: no Strapi import, tested alone.
 * HTML goes through sanitize-html (no scripts, no styles, no remote images: a tracking pixel must not
 * load when an operator opens the ticket); replies lose their quoted history and signature through
 * email-reply-parser, which knows the quoting styles of the common mail clients.
 */
import sanitizeHtml from 'sanitize-html';
import EmailReplyParser from 'email-reply-parser';

export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'span', 'font', 'center'],
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    // Inline images (cid:) are rewritten to stored attachments by the caller; nothing remote is loaded.
    allowedSchemesByTag: { img: ['cid', 'data'], a: ['http', 'https', 'mailto', 'tel'] },
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
  }).trim();
}

/** The text of an HTML-only message, through the same sanitizer with no tag allowed. */
export function htmlToPlainText(html: string): string {
  return sanitizeHtml(html.replace(/<(br|\/p|\/div|\/li|\/tr)\b[^>]*>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
}

/** The new text of a reply, without the quoted message and the signature. */
export function replyText(text: string): string {
  const visible = new EmailReplyParser().read(text.replace(/\r\n/g, '\n')).getVisibleText().trim();
  // A reply that is nothing but a quotation (or that the parser reads as one) keeps its full text.
  return visible || text.trim();
}

/** A title for a ticket from a subject: reply prefixes and our tag removed, never empty. */
export function titleFromSubject(subject: string | null | undefined, fallback: string): string {
  const cleaned = (subject ?? '')
    .replace(/\[[A-Z]{1,10}-\d{4}-\d{6}\]/g, '')
    .replace(/^\s*((re|r|fw|fwd|i|inoltra|aw|wg|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return (cleaned || fallback).slice(0, 200);
}
