/**
 * Which attached files are stored, and how a stored file is served, whether it came by e-mail, the portal
 * or REST (each with its own limits, see config/attachments.ts and the e-mail intake's config). Pure: no
 * Strapi import, tested alone. The type is read from the bytes with magic-bytes.js, never from the name or
 * the declared type, which the sender chooses: "fattura.pdf" that starts with "MZ" is a Windows program.
 *
 * The decision on active content (HTML, SVG, XML, JavaScript, anything else a browser could run): it is
 * accepted and stored, and served only as a download of opaque bytes (`application/octet-stream`,
 * `Content-Disposition: attachment`, a sandbox CSP), never as a page of our origin. Refusing it would
 * refuse the Administration's everyday documents (FatturaPA invoices are XML, reports are saved as HTML),
 * and a refusal by name or declared type is beaten by renaming: what protects is how every file is served.
 * Programs (blockedTypes) are refused outright, as before.
 */
import { filetypeinfo } from 'magic-bytes.js';

export interface AttachmentPolicy {
  maxBytes: number;
  /** Types refused whatever their name (magic-bytes.js type names). */
  blockedTypes: readonly string[];
}

export const DEFAULT_BLOCKED_TYPES = ['exe', 'elf', 'mach-o', 'msi', 'dll', 'class', 'dex', 'apk', 'lnk', 'cab', 'jar', 'swf'];

/**
 * The file names a blocked type usually wears, so that a form can warn before the upload: magic-bytes.js
 * knows no extension for most of these. Only a courtesy, the bytes still decide.
 */
const TYPE_EXTENSIONS: Record<string, readonly string[]> = {
  exe: ['exe', 'com', 'scr', 'cpl', 'sys'],
  elf: ['elf', 'so'],
  'mach-o': ['dylib'],
  msi: ['msi', 'msp'],
  dll: ['dll', 'ocx'],
  class: ['class'],
  dex: ['dex'],
  apk: ['apk'],
  lnk: ['lnk'],
  cab: ['cab'],
  jar: ['jar'],
  swf: ['swf'],
};

/** The extensions of the given type names; a type this table does not know is taken as its own extension. */
export function extensionsOfTypes(types: readonly string[]): string[] {
  return [...new Set(types.flatMap((type) => TYPE_EXTENSIONS[type] ?? [type]))];
}

export type AttachmentVerdict = { accepted: true; detectedType: string | null } | { accepted: false; reason: string };

export function checkAttachment(bytes: Buffer, policy: AttachmentPolicy): AttachmentVerdict {
  if (bytes.length > policy.maxBytes) {
    return { accepted: false, reason: `too large: ${bytes.length} bytes, the limit is ${policy.maxBytes}` };
  }
  // The first match is the container as the bytes show it (a .docx is a zip first, not a jar).
  const detected = detectType(bytes);
  if (detected && policy.blockedTypes.includes(detected)) {
    return { accepted: false, reason: `file type not allowed: the content is "${detected}"` };
  }
  return { accepted: true, detectedType: detected };
}

/** The types a browser only displays, shown inline with the type their bytes prove (magic-bytes.js names). */
export const INLINE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

const INLINE_IMAGES = ['png', 'jpg', 'gif', 'webp'];

/** The type the first bytes of a file show, as magic-bytes.js names it in lower case, or null. */
export function detectType(head: Buffer): string | null {
  return filetypeinfo(head.subarray(0, 4096))[0]?.typename?.toLowerCase() ?? null;
}

export type Serving = { disposition: 'inline'; contentType: string } | { disposition: 'attachment'; contentType: 'application/octet-stream' };

/** How a stored file is served: inline only for INLINE_TYPES, by its bytes; everything else as opaque bytes to download. */
export function servingOf(head: Buffer): Serving {
  const type = detectType(head);
  const inline = type ? INLINE_TYPES[type] : undefined;
  return inline ? { disposition: 'inline', contentType: inline } : { disposition: 'attachment', contentType: 'application/octet-stream' };
}

/** Whether a mail's inline part may stand as an <img> in its HTML: a raster image by its bytes, as served inline. */
export function isInlineImage(head: Buffer): boolean {
  const type = detectType(head);
  return type !== null && INLINE_IMAGES.includes(type);
}
