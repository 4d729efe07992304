/**
 * Which SLA policy applies to a ticket. Pure: no Strapi import, tested alone.
 *
 * A policy matches when each rule it sets (organizations, categories, kind) includes the ticket; among
 * matching policies the most specific wins (the most rules set), then the lowest rank, then the oldest.
 * With no match, the default policy applies.
 */
export interface PolicyRules {
  id: number;
  isDefault: boolean;
  rank: number;
  organizationIds: number[];
  categoryIds: number[];
  kind: 'incident' | 'request' | null;
}

export interface TicketFacts {
  organizationId: number | null;
  categoryId: number | null;
  kind: string | null;
}

function specificity(policy: PolicyRules): number {
  return (policy.organizationIds.length > 0 ? 1 : 0) + (policy.categoryIds.length > 0 ? 1 : 0) + (policy.kind ? 1 : 0);
}

export function matches(policy: PolicyRules, ticket: TicketFacts): boolean {
  if (policy.organizationIds.length > 0 && (ticket.organizationId == null || !policy.organizationIds.includes(ticket.organizationId))) return false;
  if (policy.categoryIds.length > 0 && (ticket.categoryId == null || !policy.categoryIds.includes(ticket.categoryId))) return false;
  if (policy.kind && policy.kind !== ticket.kind) return false;
  return true;
}

export function choosePolicy<P extends PolicyRules>(policies: P[], ticket: TicketFacts): P | null {
  const candidates = policies.filter((policy) => !policy.isDefault && specificity(policy) > 0 && matches(policy, ticket));
  candidates.sort((a, b) => specificity(b) - specificity(a) || a.rank - b.rank || a.id - b.id);
  return candidates[0] ?? policies.find((policy) => policy.isDefault) ?? null;
}
