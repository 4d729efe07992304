import { fieldValidationError } from '../access/field-errors';
import { describeUnsafeInput, findUnsafeInput, isReservedKey, textProblem, type UnsafeInput } from '../access/input-safety';
import type { KoaContext } from '../access/scoped-controller';
import type { IncomingFile } from '../utils/request-body';

/**
 * Refuses, with a 400 naming the place, a request whose path, query or body holds a NUL, a lone surrogate or
 * a reserved key (access/input-safety.ts): REST, portal, calls and the admin panel alike, before any
 * controller, so that no such value reaches a database or an object (it gave 500s). Runs after strapi::body.
 */
export default () => async (ctx: KoaContext, next: () => Promise<void>) => {
  const found = unsafePath(ctx) ?? reservedQueryKey(ctx.querystring) ?? findUnsafeInput(ctx.query) ?? unsafeBody(ctx) ?? unsafeFileName(ctx);
  if (found) throw fieldValidationError(found.path, describeUnsafeInput(found));
  await next();
};

function unsafePath(ctx: KoaContext): UnsafeInput | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(ctx.path);
  } catch {
    // A percent sign that decodes to no character (an encoded lone surrogate, a cut sequence).
    return { path: ['path'], problem: 'lone-surrogate' };
  }
  const problem = textProblem(decoded);
  return problem ? { path: ['path'], problem } : null;
}

/**
 * The query parser (qs) silently drops keys that name Object.prototype's properties, so the parsed query
 * cannot show them: the raw keys are read (`filters[constructor][$eq]` → ['filters', 'constructor']).
 */
function reservedQueryKey(querystring: string): UnsafeInput | null {
  for (const pair of querystring ? querystring.split('&') : []) {
    let key: string;
    try {
      key = decodeURIComponent(pair.split('=')[0].replace(/\+/g, ' '));
    } catch {
      continue; // findUnsafeInput on the parsed query judges the values
    }
    const segments = key.split(/[[\]]+/).filter(Boolean);
    const at = segments.findIndex(isReservedKey);
    if (at >= 0) return { path: segments.slice(0, at + 1), problem: 'reserved-key' };
  }
  return null;
}

/** Paths inside `data` are named from it, as Strapi's validation names them (`['title']`). */
function unsafeBody(ctx: KoaContext): UnsafeInput | null {
  const body = (ctx.request as unknown as { body?: unknown }).body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return findUnsafeInput(body);
  const { data, ...rest } = body as Record<string, unknown>;
  return findUnsafeInput(parsedData(data)) ?? findUnsafeInput(rest);
}

/** A multipart form sends `data` as JSON text: walk what it says; text that is not JSON is walked as it is. */
function parsedData(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function unsafeFileName(ctx: KoaContext): UnsafeInput | null {
  const files = (ctx.request as unknown as { files?: Record<string, IncomingFile | IncomingFile[]> }).files ?? {};
  for (const file of Object.values(files).flat()) {
    const problem = textProblem(file.originalFilename ?? '');
    if (problem) return { path: ['files'], problem };
  }
  return null;
}

/**
 * strapi::body's parser (co-body) refuses a JSON body with a `__proto__` key with a bare 400 that names
 * nothing; given as its `onError`, this names the place, as the middleware above does for the other cases.
 * Any other parsing error goes on as it was.
 */
export function namedBodyError(error: Error & { body?: unknown }): never {
  if (/prototype property/.test(error.message) && typeof error.body === 'string') {
    let parsed: unknown;
    try {
      // Plain JSON.parse makes `__proto__` an own key, which is what is looked for.
      parsed = JSON.parse(error.body);
    } catch {
      throw error;
    }
    const body = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    const found = findUnsafeInput(parsedData(body.data)) ?? findUnsafeInput(body);
    if (found) throw fieldValidationError(found.path, describeUnsafeInput(found));
  }
  throw error;
}
