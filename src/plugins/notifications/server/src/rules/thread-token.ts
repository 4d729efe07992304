/**
 * The signed reference our ticket messages carry, so that a reply finds its ticket even when the mail
 * client drops In-Reply-To and References: the ticket number and a short HMAC of it keyed by a server
 * secret, `HD-2026-000123/3f9a0c1b2e`. The number alone can be typed by anyone (and is only trusted from
 * the ticket's participants); the signed reference can only come from a message we sent about that ticket.
 * Pure: no Strapi import, tested alone.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** 10 hex digits, 40 bits: short enough for a subject line, far beyond guessing one by mail. */
export const TOKEN_LENGTH = 10;

/** What the token is the HMAC of: the ticket number after this prefix. */
export const TOKEN_MESSAGE_PREFIX = 'ticket-thread\n';

/**
 * The tokens' own key, derived from the secret, with its HMAC pads (`hmacKeyPads`): PostgreSQL signs new
 * tickets' numbers with them, so the database sees a key good for thread tokens only, never the secret (by
 * default one of APP_KEYS). Made once per secret: every ticket's opening e-mails need them.
 */
interface ThreadKey {
  key: Buffer;
  inner: Buffer;
  outer: Buffer;
}
const threadKeys = new Map<string, ThreadKey>();
function threadKey(secret: string): ThreadKey {
  let made = threadKeys.get(secret);
  if (!made) {
    const key = createHmac('sha256', secret).update('spoc-desk thread token key').digest();
    // RFC 2104: the key (32 bytes, no longer than SHA-256's 64-byte block) zero-padded to a block, XORed.
    const padded = Buffer.concat([key, Buffer.alloc(64 - key.length)]);
    made = { key, inner: padded.map((byte) => byte ^ 0x36) as Buffer, outer: padded.map((byte) => byte ^ 0x5c) as Buffer };
    threadKeys.set(secret, made);
  }
  return made;
}

export function threadToken(number: string, secret: string): string {
  return createHmac('sha256', threadKey(secret).key).update(`${TOKEN_MESSAGE_PREFIX}${number}`).digest('hex').slice(0, TOKEN_LENGTH);
}

/** The token of messages sent before the derived key (keyed by the secret itself): still verified in replies. */
function legacyThreadToken(number: string, secret: string): string {
  return createHmac('sha256', secret).update(`${TOKEN_MESSAGE_PREFIX}${number}`).digest('hex').slice(0, TOKEN_LENGTH);
}

/**
 * The thread tokens' HMAC-SHA256 key padded and XORed as RFC 2104 does before hashing, so that
 * HMAC(m) = SHA-256(outer ‖ SHA-256(inner ‖ m)): what lets PostgreSQL, which has sha256() and no HMAC,
 * sign a number only it knows yet (a new ticket's, taken in the statement that records the ticket's e-mails).
 */
export function hmacKeyPads(secret: string): { inner: Buffer; outer: Buffer } {
  const { inner, outer } = threadKey(secret);
  return { inner, outer };
}

/** `HD-2026-000123/3f9a0c1b2e`: what the subject tag and the footer line carry. */
export function threadReference(number: string, secret: string): string {
  return `${number}/${threadToken(number, secret)}`;
}

/** The tag every ticket message's subject starts with. */
export function subjectTag(number: string, secret: string): string {
  return subjectTagOf(threadReference(number, secret));
}

export function subjectTagOf(reference: string): string {
  return `[${reference}]`;
}

/** The last line of every ticket message: replies that quote the message keep it even under a new subject. */
export function footerLine(number: string, secret: string, language: 'it' | 'en'): string {
  return footerLineOf(threadReference(number, secret), language);
}

export function footerLineOf(reference: string, language: 'it' | 'en'): string {
  return language === 'it'
    ? `Riferimento della richiesta: ${reference} (conservarlo nelle risposte)`
    : `Request reference: ${reference} (keep it in your replies)`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The ticket numbers whose signed reference appears in the text (subject, body, addresses), and those whose
 * reference is there but does not verify: forged, altered, or signed with another secret.
 */
export function signedNumbers(text: string, numberPrefix: string, secret: string): { verified: string[]; forged: string[] } {
  // Six digits or more: past 999999 a number grows a digit (number-format.ts).
  const pattern = new RegExp(`\\b(${escapeRegExp(numberPrefix)}-\\d{4}-\\d{6,})/([0-9a-f]{${TOKEN_LENGTH}})(?![0-9a-z])`, 'gi');
  const verified = new Set<string>();
  const forged = new Set<string>();
  for (const [, number, token] of text.matchAll(pattern)) {
    const canonical = numberPrefix + number.slice(numberPrefix.length);
    const given = Buffer.from(token.toLowerCase());
    const matches = (expected: string) => timingSafeEqual(Buffer.from(expected), given);
    if (matches(threadToken(canonical, secret)) || matches(legacyThreadToken(canonical, secret))) verified.add(canonical);
    else forged.add(canonical);
  }
  return { verified: [...verified], forged: [...forged].filter((number) => !verified.has(number)) };
}
