/**
 * Which attached files are stored, whether they come by e-mail, the portal or REST (each with its own
 * limits, see config/attachments.ts and the e-mail intake's config). Pure: no Strapi import, tested alone.
 * The type is read from the bytes with magic-bytes.js, never from the name or the declared type, which
 * the sender chooses: "fattura.pdf" that starts with "MZ" is a Windows program.
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
  const detected = filetypeinfo(bytes.subarray(0, 4096))[0]?.typename?.toLowerCase() ?? null;
  if (detected && policy.blockedTypes.includes(detected)) {
    return { accepted: false, reason: `file type not allowed: the content is "${detected}"` };
  }
  return { accepted: true, detectedType: detected };
}
