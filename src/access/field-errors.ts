import { errors } from '@strapi/utils';

/** A 400 that names the field, in the shape Strapi's own validation uses (details.errors[].path). */
export function fieldValidationError(field: string, message: string) {
  return new errors.ValidationError(message, {
    errors: [{ path: [field], message, name: 'ValidationError', value: null }],
  });
}
