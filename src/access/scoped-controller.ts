import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { portalOrganizationId, restrictPopulate, withScope, type PopulateSpec, type RequestContext } from './portal-access';
import { plainPageRequest } from './page-request';
import { scopedPageIds } from './scoped-page';
import { assertReadableQuery, readableTree, type AttributeShape } from './readable-query';
import { FieldError } from '../api/ticket/input-rules';
import { fieldValidationError } from './field-errors';

/** The rows linked to one record through a relation: a filter for Strapi's query, an EXISTS on the link table for the fast page. */
export interface RelationLink {
  relation: string;
  id: number;
}

/** How one content type is scoped for portal users: the filter that keeps their organization's rows, and what they may populate. */
export interface ScopeRules {
  uid: UID.ContentType;
  scope: (organizationId: number) => Record<string, unknown>;
  populate: (organizationId: number) => Record<string, PopulateSpec>;
  /**
   * A narrower view a portal user may ask for with a query parameter that Strapi's filters cannot express
   * for them (e.g. `?mine=true`: a filter on `requester` would be dropped, since users are not readable).
   * One link, so that Strapi's query and the fast page (scoped-page.ts) apply the same rule.
   */
  narrow?: { param: string; link: (userId: number, value: unknown) => RelationLink | null };
  /**
   * Fields a plain page (pagination and one sort, no filter) may be sorted by, for which the page's ids are
   * found with an index-friendly query (scoped-page.ts); other requests go through Strapi's own query.
   */
  plainPageSort?: readonly string[];
  /** Adds computed facts to sanitized entities before they are sent (the SLA state of tickets). */
  decorate?: (strapi: Core.Strapi, entities: Array<Record<string, unknown>>) => Promise<void>;
}

/** The Koa context Strapi hands to controller actions. */
export type KoaContext = Parameters<Core.ControllerHandler>[0];

/** What our controllers read from the context: route params, body, auth state. */
export type RouteContext = KoaContext & RequestContext & { params: Record<string, string>; request: { body?: unknown } };

export const asRoute = (ctx: KoaContext) => ctx as unknown as RouteContext;

/** The helpers every core controller has (validate, sanitize, transform); Strapi's own types mark them optional. */
export interface CoreHelpers {
  validateQuery(ctx: KoaContext): Promise<void>;
  sanitizeQuery(ctx: KoaContext): Promise<Record<string, unknown>>;
  validateInput(data: unknown, ctx: KoaContext): Promise<void>;
  sanitizeInput(data: unknown, ctx: KoaContext): Promise<unknown>;
  sanitizeOutput(data: unknown, ctx: KoaContext): Promise<unknown>;
  transformResponse(data: unknown, meta?: Record<string, unknown>): unknown;
}

export const coreHelpers = (controller: unknown) => controller as CoreHelpers;

type Controller = CoreHelpers;
type FindService = { find(query: Record<string, unknown>): Promise<{ results: unknown[]; pagination: unknown }> };
type Ctx = KoaContext;

export async function scopedQuery(strapi: Core.Strapi, controller: Controller, ctx: Ctx, rules: ScopeRules) {
  // Most writes come with no query string at all: nothing to validate, sanitize or scope.
  if (Object.keys((ctx.query ?? {}) as object).length === 0 && !asRoute(ctx).state.user) return {};
  const organizationId = await portalOrganizationId(strapi, asRoute(ctx));
  // Before Strapi validates and sanitizes (which drops what it may not read, silently): a key the reader may not use is a 400 naming it.
  if (organizationId) assertReadable(strapi, (ctx.query ?? {}) as Record<string, unknown>, rules, organizationId);
  await controller.validateQuery(ctx);
  const query = await controller.sanitizeQuery(ctx);
  if (organizationId) {
    query.filters = withScope(query.filters, rules.scope(organizationId));
    const narrowing = narrowingOf(ctx, rules);
    if (narrowing) query.filters = withScope(query.filters, { [narrowing.relation]: { id: narrowing.id } });
    query.populate = restrictPopulate(query.populate, rules.populate(organizationId));
  }
  return query;
}

/** Filters, sorts and fields of a portal user's query name only what the same rules' populate lets it read. */
function assertReadable(strapi: Core.Strapi, query: Record<string, unknown>, rules: ScopeRules, organizationId: number) {
  const attributesOf = (uid: string) => (strapi.getModel(uid as UID.Schema)?.attributes ?? {}) as unknown as Record<string, AttributeShape>;
  try {
    assertReadableQuery(query, readableTree(attributesOf, rules.uid, rules.populate(organizationId)));
  } catch (error) {
    if (error instanceof FieldError) throw fieldValidationError(error.field, error.message);
    throw error;
  }
}

/** The narrowing a portal user asked for, if any (the caller has checked it is a portal user). */
function narrowingOf(ctx: Ctx, rules: ScopeRules): RelationLink | null {
  const value = ((ctx.query ?? {}) as Record<string, unknown>)[rules.narrow?.param ?? ''];
  return rules.narrow && value !== undefined ? rules.narrow.link(asRoute(ctx).state.user!.id, value) : null;
}

export async function scopedFind(strapi: Core.Strapi, controller: Controller, ctx: Ctx, rules: ScopeRules) {
  const query = await scopedQuery(strapi, controller, ctx, rules);
  const { results, pagination } =
    (await plainPage(strapi, ctx, rules, query)) ??
    // Strapi's find reads the page and then the total, each in a transaction of its own: in one, they cost
    // one BEGIN and COMMIT instead of two (issue 17; the same reads, in one snapshot's worth of time).
    (await strapi.db.transaction(() => (strapi.service(rules.uid as never as UID.Service) as FindService).find(query)));
  const sanitized = (await controller.sanitizeOutput(results, ctx)) as Array<Record<string, unknown>>;
  await rules.decorate?.(strapi, sanitized);
  return controller.transformResponse(sanitized, { pagination });
}

/** A portal user's plain page: its ids found fast (scoped-page.ts), its rows loaded by Strapi by id under the same scope. */
async function plainPage(strapi: Core.Strapi, ctx: Ctx, rules: ScopeRules, query: Record<string, unknown>) {
  const organizationId = rules.plainPageSort ? await portalOrganizationId(strapi, asRoute(ctx)) : null;
  const narrowingParams = rules.narrow ? [rules.narrow.param] : [];
  const request = organizationId ? plainPageRequest((ctx.query ?? {}) as Record<string, unknown>, rules.plainPageSort!, narrowingParams) : null;
  if (!organizationId || !request) return null;
  const { ids, total } = await scopedPageIds(strapi, rules.uid, { organizationId, narrowing: narrowingOf(ctx, rules) }, request);
  const pagination = { page: request.page, pageSize: request.pageSize, pageCount: Math.ceil(total / request.pageSize), total };
  if (ids.length === 0) return { results: [], pagination };
  const { results } = await (strapi.service(rules.uid as never as UID.Service) as FindService).find({
    ...query,
    filters: withScope(query.filters, { id: { $in: ids } }),
    // The total is known already: no second count.
    pagination: { page: 1, pageSize: ids.length, withCount: false },
  });
  const order = new Map(ids.map((id, index) => [id, index]));
  return { results: (results as Array<{ id: number }>).sort((x, y) => order.get(x.id)! - order.get(y.id)!), pagination };
}

/** By id, through the same scoped query: a row of another organization is simply not found. */
export async function scopedFindOne(strapi: Core.Strapi, controller: Controller, ctx: Ctx, rules: ScopeRules) {
  const query = await scopedQuery(strapi, controller, ctx, rules);
  const { results } = await (strapi.service(rules.uid as never as UID.Service) as FindService).find({
    ...query,
    filters: withScope(query.filters, { documentId: asRoute(ctx).params.id }),
    // One document or none: nothing to count.
    pagination: { page: 1, pageSize: 1, withCount: false },
  });
  if (!results[0]) throw new errors.NotFoundError('Not found');
  const sanitized = (await controller.sanitizeOutput(results[0], ctx)) as Record<string, unknown>;
  await rules.decorate?.(strapi, [sanitized]);
  return controller.transformResponse(sanitized);
}

/** The scoped `find` and `findOne` of a content type's controller, to spread into it. */
export function scopedReads(strapi: Core.Strapi, rules: ScopeRules) {
  return {
    find(this: unknown, ctx: KoaContext) {
      return scopedFind(strapi, coreHelpers(this), ctx, rules);
    },
    findOne(this: unknown, ctx: KoaContext) {
      return scopedFindOne(strapi, coreHelpers(this), ctx, rules);
    },
  };
}
