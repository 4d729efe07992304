/**
 * Who wrote a message, from what the database knows of the address. Pure: no Strapi import, tested alone.
 *
 * Strongest first: a portal user with that e-mail (not blocked), with their organization; else whoever
 * last reported a ticket from that address, when that ticket has an organization (the name they gave
 * then); else an organization that lists the address's domain among its `emailDomains`.
 */

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

/** The domain of an address, lowercased; '' when it has none. */
export const domainOf = (address: string) => (address.split('@')[1] ?? '').toLowerCase();

/** Whether a comma-separated list of domains (an organization's `emailDomains`) names `domain` exactly. */
export function listsDomain(emailDomains: string | null, domain: string): boolean {
  return String(emailDomains ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .includes(domain);
}

export function chooseIdentity(candidates: readonly SenderCandidate[], address: string): SenderIdentity {
  const user = candidates.find((candidate) => candidate.source === 'user');
  if (user) return { userId: user.userId, name: user.name, organizationId: user.organizationId };
  const contact = candidates.find((candidate) => candidate.source === 'contact');
  if (contact?.organizationId) return { userId: null, name: contact.name, organizationId: contact.organizationId };
  const domain = domainOf(address);
  const organization = candidates.find((candidate) => candidate.source === 'domain' && listsDomain(candidate.emailDomains, domain));
  return { userId: null, name: null, organizationId: organization?.organizationId ?? null };
}
