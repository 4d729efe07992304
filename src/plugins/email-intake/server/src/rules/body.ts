/**
 * What of an inbound message's body is stored. Pure: no Strapi import, tested alone.
 * HTML goes through sanitize-html (no scripts, no styles, no remote images: a tracking pixel must not
 * load when an operator opens the ticket); replies lose their quoted history and signature through
 * email-reply-parser, which knows the quoting styles of the common mail clients.
 */
import sanitizeHtml from 'sanitize-html';
import EmailReplyParser from 'email-reply-parser';
import { escapeHtml } from '../../../../notifications/server/src/rules/render';

export interface HtmlOptions {
  /** Inline images (Content-ID without angle brackets → the stored file's URL): `cid:` sources are rewritten to them. */
  inlineImages?: Record<string, string>;
  /** Replies: the elements where mail clients put the quoted message and the signature are dropped. */
  dropQuotes?: boolean;
}

/**
 * Where the common clients put the quoted message and the signature in their HTML: Gmail, Apple Mail and
 * Thunderbird (blockquote type=cite), Thunderbird's attribution line and signature, Yahoo, Outlook's
 * signature. Outlook writes its quote as siblings after a marker, which an element filter cannot drop:
 * `replyHtml`'s check catches it.
 */
function isQuoteOrSignature(frame: sanitizeHtml.IFrame): boolean {
  const classes = ` ${frame.attribs.class ?? ''} `;
  if (frame.tag === 'blockquote' && (frame.attribs.type ?? '').toLowerCase() === 'cite') return true;
  if (/ (gmail_quote|gmail_quote_container|gmail_signature|moz-cite-prefix|moz-signature|yahoo_quoted) /.test(classes)) return true;
  return frame.attribs.id === 'Signature';
}

const RASTER_DATA_URL = /^data:image\/(png|jpe?g|gif|webp|bmp);base64,/i;

/** A label in place of an image we do not show: Italian first, then English. */
const imagePlaceholder = (what: string, alt: string | undefined) => `[${what}${alt ? `: ${alt}` : ''}]`;

export function sanitizeMailHtml(html: string, options: HtmlOptions = {}): string {
  const inline = options.inlineImages ?? {};
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'span', 'font', 'center'],
    allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'title', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    // Images: the stored inline parts (relative /api/files/ URLs set by the transform below, never taken from
    // the message) and embedded raster images only: nothing remote loads.
    allowedSchemesByTag: { img: ['data'], a: ['http', 'https', 'mailto', 'tel'] },
    allowProtocolRelative: false,
    transformTags: {
      // Only absolute links: a relative one would point into this server (its /api/files/ are signed on reading).
      a: (tagName, attribs): sanitizeHtml.Tag => ({
        tagName,
        attribs: /^(https?:|mailto:|tel:)/i.test((attribs.href ?? '').trim()) ? { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } : attribs.title ? { title: attribs.title } : {},
      }),
      img: (tagName, attribs): sanitizeHtml.Tag => {
        const src = (attribs.src ?? '').trim();
        const cid = /^cid:(.+)$/i.exec(src)?.[1]?.replace(/^<|>$/g, '');
        if (cid !== undefined) {
          const url = inline[cid];
          if (url) return { tagName, attribs: { ...attribs, src: url } };
          return { tagName: 'span', attribs: {}, text: imagePlaceholder('immagine non disponibile / image not available', attribs.alt) };
        }
        if (/^https?:/i.test(src)) {
          // A tracking pixel is dropped (an empty span); a real picture becomes a link the reader may follow.
          if (['0', '1'].includes(attribs.width ?? '') || ['0', '1'].includes(attribs.height ?? '')) return { tagName: 'span', attribs: {}, text: '' };
          return { tagName: 'a', attribs: { href: src, rel: 'noopener noreferrer nofollow', target: '_blank' }, text: imagePlaceholder('immagine esterna non caricata / remote image not loaded', attribs.alt) };
        }
        if (RASTER_DATA_URL.test(src)) return { tagName, attribs };
        return { tagName: 'span', attribs: {}, text: imagePlaceholder('immagine non disponibile / image not available', attribs.alt) };
      },
    },
    ...(options.dropQuotes ? { exclusiveFilter: isQuoteOrSignature } : {}),
  }).trim();
}

/** Plain text as HTML: paragraphs at blank lines, line breaks kept, everything escaped. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br />')}</p>`)
    .join('\n');
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
/** What a client's HTML may say beyond the trimmed text and still be kept: an attribution line ("Il giorno … ha scritto:"). */
const TOLERATED_EXTRA_WORDS = 15;

/**
 * The HTML of a reply, without quoted history and signature. email-reply-parser's cut of the text is the
 * authority on what is new; the HTML with the clients' quote and signature elements dropped (`html` is
 * sanitized with `dropQuotes`) is kept when its text says no more than that, so the new part keeps its
 * formatting and pasted screenshots. When the markup does not show where the quote starts (Outlook
 * writes it as plain paragraphs after a rule), the HTML is made from the trimmed text instead: showing the
 * quoted history again is worse than losing the formatting.
 */
export function replyHtml(html: string, trimmedText: string): string {
  const known = new Set(words(trimmedText));
  const extra = words(htmlToPlainText(html)).filter((word) => !known.has(word)).length;
  return extra <= TOLERATED_EXTRA_WORDS && html.trim() ? html : textToHtml(trimmedText);
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
    .replace(/\[[A-Z]{1,10}-\d{4}-\d{6}(\/[0-9a-f]+)?\]/g, '')
    .replace(/^\s*((re|r|fw|fwd|i|inoltra|aw|wg|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return (cleaned || fallback).slice(0, 200);
}
