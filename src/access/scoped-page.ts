import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { joinTable } from '../utils/schema-metadata';
import { onCurrentTransaction } from '../utils/knex-in-transaction';
import type { PageRequest } from './page-request';
import type { RelationLink } from './scoped-controller';

/**
 * The ids of one page of an organization's rows, and their total, for a plain page request. Strapi reaches
 * the organization through LEFT JOINs with DISTINCT, which PostgreSQL cannot stop early on: with 100,000
 * tickets it sorts the whole organization, and counts through a join of every ticket. Here the page walks
 * the sort column's index and checks each row's organization link (EXISTS on its (organization, ticket)
 * index); the total counts the link rows alone, in the same statement. The rows themselves are then loaded by Strapi, by id and
 * under the usual scope, so this only chooses which ids, never what may be seen.
 */
export async function scopedPageIds(
  strapi: Core.Strapi,
  uid: string,
  scope: { organizationId: number; narrowing: RelationLink | null },
  request: PageRequest
): Promise<{ ids: number[]; total: number }> {
  const meta = strapi.db.metadata.get(uid as never) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const sortColumn = meta.attributes[request.sort.field]?.columnName;
  if (!sortColumn) throw new Error(`${uid} has no column for ${request.sort.field}`);
  const organization = joinTable(strapi, uid, 'organization');
  const narrowing = scope.narrowing ? { link: joinTable(strapi, uid, scope.narrowing.relation), id: scope.narrowing.id } : null;

  const linked = (q: Knex.QueryBuilder, link: typeof organization, id: number) =>
    q.whereExists((sub) =>
      sub.select(strapi.db.connection.raw('1')).from(link.name).whereRaw(`${link.name}.${link.joinColumn.name} = r.id`).andWhere(`${link.name}.${link.inverseJoinColumn.name}`, id)
    );
  const scoped = () => {
    let q = linked(strapi.db.connection(`${meta.tableName} as r`), organization, scope.organizationId);
    if (narrowing) q = linked(q, narrowing.link, narrowing.id);
    return q;
  };
  // Every link row names an existing row (foreign key, cascade): counting them counts the organization's rows.
  const counting = () =>
    narrowing
      ? scoped().count({ n: '*' })
      : strapi.db.connection(organization.name).where(organization.inverseJoinColumn.name, scope.organizationId).count({ n: '*' });
  // The total rides along with the page, as a subquery that does not depend on the row (computed once): one
  // round trip, not two (issue 17). A page past the end has no row to carry it: then it is asked alone.
  const rows = (await onCurrentTransaction(
    strapi,
    scoped()
      .select('r.id', counting().as('total'))
      .orderBy(`r.${sortColumn}`, request.sort.direction)
      .orderBy('r.id', request.idDirection)
      .limit(request.pageSize)
      .offset((request.page - 1) * request.pageSize)
  )) as Array<{ id: number; total: number | string }>;
  const total = rows.length > 0 ? rows[0].total : ((await onCurrentTransaction(strapi, counting().first())) as { n: number | string } | undefined)?.n;
  return { ids: rows.map((row) => Number(row.id)), total: Number(total ?? 0) };
}
