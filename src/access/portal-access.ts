import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { onCurrentTransaction } from '../utils/knex-in-transaction';
import { joinTable } from '../utils/schema-metadata';
import { organizationReadWith } from './authenticated-user';

/**
 * Organization scoping for portal users (users-permissions JWT). API tokens are not scoped: they see what
 * their token type allows. Scopes are applied after Strapi's sanitizeQuery, which silently drops filters
 * on relations the caller may not read (STRAPI-NOTES), and populate is rebuilt from an allow-list so that
 * nested relations cannot reach another organization's rows.
 */

export interface RequestContext {
  state: {
    user?: { id: number };
    auth?: { strategy?: { name?: string } };
    portalOrganizationId?: number;
  };
}

export function isPortalUser(ctx: RequestContext): boolean {
  return ctx.state.auth?.strategy?.name === 'users-permissions' && !!ctx.state.user;
}

/** The caller's organization id when a portal user, null for API tokens. A portal user with none sees nothing. */
export async function portalOrganizationId(strapi: Core.Strapi, ctx: RequestContext): Promise<number | null> {
  if (!isPortalUser(ctx)) return null;
  if (ctx.state.portalOrganizationId) return ctx.state.portalOrganizationId;
  // Authentication read it with the user (authenticated-user.ts); otherwise one read of the link row.
  let organizationId = organizationReadWith(ctx.state.user);
  if (organizationId === undefined) {
    const link = joinTable(strapi, 'plugin::users-permissions.user', 'organization');
    const row = (await onCurrentTransaction(
      strapi,
      strapi.db.connection(link.name).where(link.joinColumn.name, ctx.state.user!.id).first(link.inverseJoinColumn.name)
    )) as Record<string, number> | undefined;
    organizationId = row?.[link.inverseJoinColumn.name];
  }
  if (!organizationId) throw new errors.ForbiddenError('Your account is not attached to an organization');
  ctx.state.portalOrganizationId = organizationId;
  return organizationId;
}

export type PopulateSpec = boolean | Record<string, unknown>;

/**
 * Rebuilds `populate` keeping only allowed top-level relations, each with the spec we choose (filters,
 * nested populate). Accepts every form Strapi accepts: '*', 'a,b', ['a', 'b'], { a: ... }.
 */
export function restrictPopulate(requested: unknown, allowed: Record<string, PopulateSpec>): Record<string, unknown> | undefined {
  const keys = requestedKeys(requested);
  const wanted = keys === '*' ? Object.keys(allowed) : keys.filter((key) => key in allowed);
  if (wanted.length === 0) return undefined;
  return Object.fromEntries(wanted.map((key) => [key, allowed[key]]));
}

function requestedKeys(populate: unknown): string[] | '*' {
  if (populate === undefined || populate === null || populate === false) return [];
  if (populate === '*' || populate === true) return '*';
  if (typeof populate === 'string') return populate.split(',').map((key) => key.trim().split('.')[0]).filter(Boolean);
  if (Array.isArray(populate)) {
    if (populate.includes('*')) return '*';
    return populate.flatMap((entry) => (typeof entry === 'string' ? [entry.split('.')[0]] : []));
  }
  if (typeof populate === 'object') return Object.keys(populate as object);
  return [];
}

/** AND-combines the caller's filters with a scope, so that no caller filter can widen it. */
export function withScope(filters: unknown, scope: Record<string, unknown>): Record<string, unknown> {
  if (!filters || (typeof filters === 'object' && Object.keys(filters as object).length === 0)) return scope;
  return { $and: [filters, scope] };
}
