import createError from 'http-errors';

/**
 * 409 Conflict for domain errors (an impossible transition, a duplicate external reference). Strapi's
 * error middleware formats http-errors like its own errors: { data: null, error: { status, name, message, details } }.
 */
export function conflict(message: string, details: Record<string, unknown> = {}) {
  return createError(409, message, { details });
}
