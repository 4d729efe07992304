import type { Core } from '@strapi/strapi';
import { entityFromRow } from '../database/entity-rows';
import { onCurrentTransaction } from '../utils/knex-in-transaction';
import { joinTable, scalarColumns, tableName } from '../utils/schema-metadata';

const USER = 'plugin::users-permissions.user';
const ROLE = 'plugin::users-permissions.role';
const ROLE_PREFIX = 'role__';
const ORGANIZATION_COLUMN = 'organization__id';

/** The organization each authenticated user was read with, for `portalOrganizationId` (portal-access.ts). */
const organizations = new WeakMap<object, number | null>();

/** The organization id read with this user object: a number, null for none, undefined when not read with it. */
export function organizationReadWith(user: object | undefined): number | null | undefined {
  return user ? organizations.get(user) : undefined;
}

/**
 * The user a portal JWT names, as users-permissions' `fetchAuthenticatedUser` returns it (every field, and
 * its `role`), read in one statement with the role and the organization link. users-permissions reads the
 * user and then the role, and the organization scopes then read the link: three statements on every
 * portal request (issue 17). Rows become entities through the Query Engine's own mapping (entity-rows.ts).
 */
export async function readAuthenticatedUser(strapi: Core.Strapi, id: unknown): Promise<({ id: number; role: Record<string, unknown> | null } & Record<string, unknown>) | null> {
  const knex = strapi.db.connection;
  const roleLink = joinTable(strapi, USER, 'role');
  const organizationLink = joinTable(strapi, USER, 'organization');
  const roleColumns = scalarColumns(strapi, ROLE);
  const query = knex(`${tableName(strapi, USER)} as u`)
    .leftJoin(`${roleLink.name} as rl`, `rl.${roleLink.joinColumn.name}`, 'u.id')
    .leftJoin(`${tableName(strapi, ROLE)} as r`, 'r.id', `rl.${roleLink.inverseJoinColumn.name}`)
    .where('u.id', id as number)
    .first([
      'u.*',
      ...roleColumns.map((column) => `r.${column} as ${ROLE_PREFIX}${column}`),
      knex(organizationLink.name).select(organizationLink.inverseJoinColumn.name).where(organizationLink.joinColumn.name, knex.ref('u.id')).limit(1).as(ORGANIZATION_COLUMN),
    ]);
  const row = (await onCurrentTransaction(strapi, query)) as Record<string, unknown> | undefined;
  if (!row) return null;
  // The user's mapping keeps its own columns only: the role's (prefixed) and the link's are not among them.
  const user = entityFromRow(strapi, USER, row) as { id: number; role: Record<string, unknown> | null } & Record<string, unknown>;
  const roleRow = Object.fromEntries(roleColumns.map((column) => [column, row[`${ROLE_PREFIX}${column}`]]));
  user.role = roleRow.id == null ? null : entityFromRow(strapi, ROLE, roleRow);
  organizations.set(user, row[ORGANIZATION_COLUMN] == null ? null : Number(row[ORGANIZATION_COLUMN]));
  return user;
}
