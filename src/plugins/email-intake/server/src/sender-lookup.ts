import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isPostgres } from '../../../../utils/dialect';
import { onCurrentTransaction } from '../../../../utils/knex-in-transaction';
import { joinTable, tableName } from '../../../../utils/schema-metadata';
import { senderDomain } from './rules/quarantine-reasons';
import type { SenderCandidate } from './rules/sender-identity';

const USER = 'plugin::users-permissions.user';
const TICKET = 'api::ticket.ticket';
const ORGANIZATION = 'api::organization.organization';

type CandidateRow = { source: SenderCandidate['source']; user_id: number | null; name: string | null; organization_id: number | null; email_domains: string | null };

/**
 * What the database knows of a sender's address, for `chooseIdentity` (rules/sender-identity.ts): the portal
 * user with that e-mail, the last ticket reported from it, the organizations whose domains may list its
 * domain. One statement, a UNION ALL of the three reads, where the Query Engine took three (four with a
 * user's organization) on every message taken in (issue 17). Each part sits in a subquery of its own:
 * SQLite takes no LIMIT or ORDER BY on a part of a compound SELECT. Its NULLs are typed: PostgreSQL gives an
 * untyped NULL in a subquery the type text, which the integer column of another part does not match.
 */
export async function senderCandidates(strapi: Core.Strapi, address: string): Promise<SenderCandidate[]> {
  const knex = strapi.db.connection;
  const userOrganization = joinTable(strapi, USER, 'organization');
  const ticketOrganization = joinTable(strapi, TICKET, 'organization');
  // The expression of the index tickets_requester_email_lower_idx (bootstrap/database-indexes.ts).
  const requesterEmail = isPostgres(strapi) ? 'LOWER(CAST(t.requester_email AS VARCHAR))' : 'LOWER(t.requester_email)';
  const part = (query: Knex.QueryBuilder, alias: string) => knex.select('*').from(query.as(alias));

  const user = knex
    .select(knex.raw("'user' as source"), 'u.id as user_id', 'u.username as name', `ul.${userOrganization.inverseJoinColumn.name} as organization_id`, knex.raw('CAST(NULL AS TEXT) as email_domains'))
    .from(`${tableName(strapi, USER)} as u`)
    .leftJoin(`${userOrganization.name} as ul`, `ul.${userOrganization.joinColumn.name}`, 'u.id')
    .where('u.email', address)
    .where('u.blocked', false)
    .limit(1);
  const contact = knex
    .select(knex.raw("'contact' as source"), knex.raw('CAST(NULL AS INTEGER) as user_id'), 't.requester_name as name', `tl.${ticketOrganization.inverseJoinColumn.name} as organization_id`, knex.raw('CAST(NULL AS TEXT) as email_domains'))
    .from(`${tableName(strapi, TICKET)} as t`)
    .leftJoin(`${ticketOrganization.name} as tl`, `tl.${ticketOrganization.joinColumn.name}`, 't.id')
    .whereRaw(`${requesterEmail} = LOWER(?)`, [address])
    .orderBy('t.id', 'desc')
    .limit(1);
  const parts = [part(user, 'user_part'), part(contact, 'contact_part')];
  const domain = senderDomain(address);
  if (domain) {
    // A superset (the domain anywhere in the list); chooseIdentity keeps an exact entry only.
    const organizations = knex
      .select(knex.raw("'domain' as source"), knex.raw('CAST(NULL AS INTEGER) as user_id'), knex.raw('CAST(NULL AS TEXT) as name'), 'o.id as organization_id', 'o.email_domains as email_domains')
      .from(`${tableName(strapi, ORGANIZATION)} as o`)
      .whereRaw('LOWER(o.email_domains) LIKE ?', [`%${domain}%`]);
    parts.push(part(organizations, 'domain_part'));
  }
  const [first, ...rest] = parts;
  const rows = (await onCurrentTransaction(strapi, rest.length ? first.unionAll(rest) : first)) as CandidateRow[];
  return rows.map((row): SenderCandidate => {
    const organizationId = row.organization_id === null ? null : Number(row.organization_id);
    if (row.source === 'user') return { source: 'user', userId: Number(row.user_id), name: row.name, organizationId };
    if (row.source === 'contact') return { source: 'contact', name: row.name, organizationId };
    return { source: 'domain', organizationId: Number(organizationId), emailDomains: row.email_domains };
  });
}
