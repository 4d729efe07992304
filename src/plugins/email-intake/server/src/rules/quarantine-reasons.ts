/**
 * Why the intake held a message, as a code the desk can name in words and filter on. The intake writes the
 * reason as a sentence for the record (services/intake.ts); this reads it back. Pure: no Strapi import,
 * tested alone (tests/unit/mail-intake-rules.test.ts).
 */
export const QUARANTINE_REASONS = ['unknown_sender', 'not_participant', 'rate', 'too_large', 'unreadable', 'no_sender', 'other'] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

const PATTERNS: Array<[RegExp, QuarantineReason]> = [
  [/^unknown sender /, 'unknown_sender'],
  [/^the subject names .* is not one of its participants$/, 'not_participant'],
  [/^held: more than \d+ messages in an hour/, 'rate'],
  [/^message too large/, 'too_large'],
  [/^unreadable message/, 'unreadable'],
  [/^no sender address/, 'no_sender'],
];

export function quarantineReason(reason: string | null | undefined): QuarantineReason {
  const text = (reason ?? '').trim();
  return PATTERNS.find(([pattern]) => pattern.test(text))?.[1] ?? 'other';
}

/** The domain of a sender's address, lower case; null when there is none to allow. */
export function senderDomain(address: string | null | undefined): string | null {
  const match = /@([a-z0-9.-]+\.[a-z]{2,})$/i.exec((address ?? '').trim());
  return match ? match[1].toLowerCase() : null;
}

/** An organization's allowed domains (comma-separated, as the Content Manager edits them), lower case. */
export function domainList(domains: string | null | undefined): string[] {
  return String(domains ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

/** An organization's allowed domains with one more. */
export function withDomain(domains: string | null | undefined, domain: string): string {
  const list = domainList(domains);
  return (list.includes(domain) ? list : [...list, domain]).join(', ');
}
