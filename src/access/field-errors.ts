import { errors } from '@strapi/utils';

/**
 * A 400 that names the field, in the shape Strapi's own validation uses (details.errors[].path): a field name,
 * or the path to a nested place (`['category', 'connect', 0, 'documentId']`).
 */
export function fieldValidationError(field: string | Array<string | number>, message: string) {
  return new errors.ValidationError(message, {
    errors: [{ path: Array.isArray(field) ? field : [field], message, name: 'ValidationError', value: null }],
  });
}
