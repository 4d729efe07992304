/**
 * Whether a list request is a plain page of a scoped list: pagination by page, one sort field, nothing that
 * filters. Such a page can be found with an index-friendly query instead of the joins Strapi builds for the
 * organization scope (see README, Performance). Pure: no Strapi import.
 */
export interface PageRequest {
  page: number;
  pageSize: number;
  sort: { field: string; direction: 'asc' | 'desc' };
  /** Rows that tie on the sort field, by id in this direction (Strapi's own default: ascending). */
  idDirection: 'asc' | 'desc';
}

/** What a plain page may carry besides pagination and sort: these change what is shown, not which rows. */
const HARMLESS = new Set(['pagination', 'sort', 'populate', 'fields']);
const MAX_PAGE_SIZE = 100;

/** `narrowingParams`: the parameters the scope rules turn into a narrowing of their own (`mine`), which the page applies too. */
export function plainPageRequest(query: Record<string, unknown>, sortable: readonly string[], narrowingParams: readonly string[] = []): PageRequest | null {
  const narrowing = (key: string) => narrowingParams.includes(key) && typeof query[key] === 'string';
  if (Object.keys(query).some((key) => !HARMLESS.has(key) && !narrowing(key))) return null;
  const pagination = (query.pagination ?? {}) as Record<string, unknown>;
  if (typeof pagination !== 'object' || Object.keys(pagination).some((key) => key !== 'page' && key !== 'pageSize')) return null;
  const page = positiveInteger(pagination.page ?? '1');
  const pageSize = positiveInteger(pagination.pageSize ?? '25');
  if (!page || !pageSize || pageSize > MAX_PAGE_SIZE) return null;
  // One field, as `sort=reportedAt:desc` or `sort[0]=reportedAt:desc`, optionally followed by `id` (the portal's `sort[1]=id:desc`).
  const sorts = (Array.isArray(query.sort) ? query.sort : [query.sort]).map(parseSort);
  const [sort, byId] = sorts;
  if (sorts.length > 2 || !sort || !sortable.includes(sort.field) || (sorts.length === 2 && byId?.field !== 'id')) return null;
  return { page, pageSize, sort, idDirection: byId?.direction ?? 'asc' };
}

function parseSort(value: unknown): { field: string; direction: 'asc' | 'desc' } | null {
  const match = typeof value === 'string' ? /^([A-Za-z]+)(?::(asc|desc))?$/i.exec(value) : null;
  return match ? { field: match[1], direction: (match[2]?.toLowerCase() ?? 'asc') as 'asc' | 'desc' } : null;
}

function positiveInteger(value: unknown): number | null {
  const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isInteger(number) && number >= 1 ? number : null;
}
