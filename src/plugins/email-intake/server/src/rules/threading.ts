/**
 * Which ticket an inbound message answers. Pure: no Strapi import, tested alone.
 *
 * Our messages carry Message-IDs we made (`<ticket.DOCUMENTID@domain>` for a ticket's first message,
 * `<OUTBOXID@domain>` for the others) and the ticket number in the subject. Headers are evidence of a
 * reply; so is the signed reference our messages carry in the subject and footer (`HD-2026-000123/3f9a0c1b2e`,
 * see notifications' thread-token.ts); the bare number alone is not (anyone can type a number), so the
 * caller learns which one matched.
 */
import { signedNumbers } from '../../../../notifications/server/src/rules/thread-token';

export interface ThreadClues {
  /** Document ids of tickets named by our thread roots in In-Reply-To/References. */
  ticketDocumentIds: string[];
  /** Our other Message-IDs the message answers: outbox rows, each of one ticket. */
  messageIds: string[];
  /** Ticket numbers whose signed reference is in the subject, the body or the recipients, and verifies. */
  signedNumbers: string[];
  /** Signed references that do not verify (forged or altered): their numbers count as typed ones only. */
  forgedNumbers: string[];
  /** Ticket numbers in the subject: `[HD-2026-000123]` or a bare `HD-2026-000123`. */
  numbers: string[];
}

export interface ThreadInput {
  inReplyTo?: unknown;
  references?: unknown;
  subject?: string | null;
  /** Where else a reply keeps our signed reference: the body (quoted footer), the recipients. */
  body?: string | null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every <id> in In-Reply-To and References, in order, without duplicates. */
export function referencedIds(inReplyTo: unknown, references: unknown): string[] {
  const text = [inReplyTo, references].flat().filter((v) => typeof v === 'string').join(' ');
  return [...new Set(text.match(/<[^<>\s]+>/g) ?? [])];
}

export function threadClues(input: ThreadInput, messageIdDomain: string, numberPrefix: string, threadSecret: string): ThreadClues {
  const ours = new RegExp(`^<(?:ticket\\.([a-z0-9]+)|([a-z0-9]+))@${escapeRegExp(messageIdDomain)}>$`, 'i');
  const ticketDocumentIds: string[] = [];
  const messageIds: string[] = [];
  for (const id of referencedIds(input.inReplyTo, input.references)) {
    const match = ours.exec(id);
    if (!match) continue;
    if (match[1]) ticketDocumentIds.push(match[1]);
    else messageIds.push(id);
  }
  const numberPattern = new RegExp(`\\b${escapeRegExp(numberPrefix)}-\\d{4}-\\d{6}\\b`, 'g');
  const numbers = [...new Set((input.subject ?? '').match(numberPattern) ?? [])];
  const signed = signedNumbers(`${input.subject ?? ''}\n${input.body ?? ''}`, numberPrefix, threadSecret);
  return { ticketDocumentIds: [...new Set(ticketDocumentIds)], messageIds, signedNumbers: signed.verified, forgedNumbers: signed.forged, numbers };
}

/** The Message-IDs of ours that a delivery report quotes: the messages that did not arrive. */
export function bouncedMessageIds(raw: string, messageIdDomain: string): string[] {
  const pattern = new RegExp(`^(?:Message-ID|Original-Message-ID|X-Original-Message-ID)\\s*:\\s*(<[^<>\\s]+@${escapeRegExp(messageIdDomain)}>)`, 'gim');
  return [...new Set([...raw.matchAll(pattern)].map((match) => match[1]))];
}

/** The recipient and status a delivery report gives (RFC 3464 fields), when it gives them. */
export function deliveryStatus(raw: string): { recipient: string | null; status: string | null; diagnostic: string | null } {
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'im').exec(raw)?.[1]?.trim() ?? null;
  const recipient = field('Final-Recipient') ?? field('Original-Recipient');
  return { recipient: recipient?.replace(/^rfc822\s*;\s*/i, '') ?? null, status: field('Status'), diagnostic: field('Diagnostic-Code') };
}
