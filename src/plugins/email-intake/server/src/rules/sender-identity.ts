/**
 * Who wrote a message, from what the database knows of the address. Pure: no Strapi import, tested alone.
 *
 * Strongest first: a portal user with that e-mail (not blocked), with their organization; else whoever
 * last reported a ticket from that address, when that ticket has an organization (the name they gave
 * then); else an organization that lists the address's domain among its `emailDomains`.
 */
import { domainList, senderDomain } from './quarantine-reasons';

/** One candidate the sender query (sender-lookup.ts) found, by its source. */
export type SenderCandidate =
  | { source: 'user'; userId: number; name: string | null; organizationId: number | null }
  | { source: 'contact'; name: string | null; organizationId: number | null }
  | { source: 'domain'; organizationId: number; emailDomains: string | null };

export interface SenderIdentity {
  userId: number | null;
  name: string | null;
  organizationId: number | null;
}

export function chooseIdentity(candidates: readonly SenderCandidate[], address: string): SenderIdentity {
  const user = candidates.find((candidate) => candidate.source === 'user');
  if (user) return { userId: user.userId, name: user.name, organizationId: user.organizationId };
  const contact = candidates.find((candidate) => candidate.source === 'contact');
  if (contact?.organizationId) return { userId: null, name: contact.name, organizationId: contact.organizationId };
  const domain = senderDomain(address);
  const organization = domain ? candidates.find((candidate) => candidate.source === 'domain' && domainList(candidate.emailDomains).includes(domain)) : undefined;
  return { userId: null, name: null, organizationId: organization?.organizationId ?? null };
}
