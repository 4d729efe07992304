/**
 * An inbound message read with mailparser into the fields the intake uses. No Strapi import: tested alone,
 * on the corpus of real-world (often malformed) mail.
 */
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import iconv from 'iconv-lite';
import { cleanText } from '../../../../../access/input-safety';

export interface InboundMail {
  messageId: string | null;
  subject: string;
  from: { address: string; name: string } | null;
  to: string[];
  date: Date | null;
  inReplyTo: string | null;
  references: string[];
  text: string;
  html: string | null;
  attachments: Attachment[];
  headers: ParsedMail['headers'];
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((object) => object.value.map((entry) => entry.address ?? '').filter(Boolean));

/**
 * mailparser leaves the text of a UTF-7 encoded word (a malformed one, with spaces inside, as Exchange
 * wrote them) undecoded: "+ANw-bermittlung". iconv-lite, mailparser's own decoder, reads it.
 */
function decodeUtf7Leftovers(subject: string, rawSubject: string): string {
  if (!/utf-7/i.test(rawSubject) || !/\+[A-Za-z0-9+/]+-/.test(subject)) return subject;
  return iconv.decode(Buffer.from(subject, 'latin1'), 'utf7');
}

const EIGHT_BIT_RELATIVES: Record<string, string[]> = {
  'iso-2022-jp': ['shift_jis', 'euc-jp'],
  gb2312: ['gbk', 'gb18030'],
  'iso-gb2312': ['gbk', 'gb18030'],
  'ks_c_5601-1987': ['euc-kr'],
};

/**
 * A subject of raw 8-bit bytes with no declared charset (older Chinese and Russian clients write them)
 * decodes to U+FFFD; the charsets the message declares for its parts are the best guess for its header.
 */
function decodeUndeclared8bit(subject: string, raw: Buffer): string {
  if (!subject.includes('\uFFFD')) return subject;
  const latin = raw.subarray(0, 200_000).toString('latin1');
  const header = /^Subject:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(latin)?.[1];
  if (!header) return subject;
  const declared = [...latin.matchAll(/charset\s*=\s*"?([\w.:-]+)/gi)].map((match) => match[1].toLowerCase());
  // A 7-bit declared charset cannot be what wrote 8-bit bytes: its 8-bit relatives are tried after it.
  // Single-byte charsets decode any bytes without complaint, so they are the last resort.
  const singleByte = (charset: string) => /^(iso-8859|windows-125|cp125|latin|us-ascii|ascii)/.test(charset);
  const all = ['utf-8', ...declared.flatMap((charset) => [charset, ...(EIGHT_BIT_RELATIVES[charset] ?? [])])];
  const candidates = [...new Set([...all.filter((charset) => !singleByte(charset)), ...all.filter(singleByte)])];
  for (const charset of candidates) {
    if (!iconv.encodingExists(charset)) continue;
    const decoded = iconv.decode(Buffer.from(header.replace(/\r?\n[ \t]+/g, ' '), 'latin1'), charset).trim();
    if (!decoded.includes('\uFFFD')) return decoded;
  }
  return subject;
}

export async function parseMail(raw: Buffer): Promise<InboundMail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, maxHtmlLengthToParse: 5_000_000 });
  const rawSubject = mail.headerLines.find((line) => line.key === 'subject')?.line ?? '';
  const sender = Array.isArray(mail.from) ? mail.from[0] : mail.from;
  const first = sender?.value.find((entry: { address?: string }) => entry.address);
  const references = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  // Mail is text from outside that nobody can be asked to correct: a NUL (PostgreSQL refuses it) is dropped,
  // a lone surrogate becomes U+FFFD, in every text the intake stores.
  const clean = (value: string | undefined | null) => (typeof value === 'string' ? cleanText(value) : value);
  for (const attachment of mail.attachments) attachment.filename = clean(attachment.filename) ?? undefined;
  return {
    messageId: clean(mail.messageId) ?? null,
    subject: cleanText(decodeUndeclared8bit(decodeUtf7Leftovers((mail.subject ?? '').replace(/\s+/g, ' ').trim(), rawSubject), raw)),
    from: first?.address ? { address: cleanText(first.address.toLowerCase()), name: cleanText(first.name ?? '') } : null,
    to: [...addresses(mail.to), ...addresses(mail.cc)].map(cleanText),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    inReplyTo: clean(mail.inReplyTo) ?? null,
    references: references.map(cleanText),
    text: cleanText(mail.text ?? ''),
    html: typeof mail.html === 'string' ? cleanText(mail.html) : null,
    attachments: mail.attachments,
    headers: mail.headers,
  };
}

/**
 * The header block of a message alone (everything before the first empty line, within the first 256 KiB):
 * enough for the sender and subject of a message too large to parse whole.
 */
export function headerBlock(raw: Buffer): Buffer {
  const head = raw.subarray(0, 256 * 1024);
  const crlf = head.indexOf('\r\n\r\n');
  const lf = head.indexOf('\n\n');
  const end = [crlf, lf].filter((at) => at >= 0).sort((x, y) => x - y)[0] ?? head.length;
  return Buffer.concat([head.subarray(0, end), Buffer.from('\r\n\r\n')]);
}
