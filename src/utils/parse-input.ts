import type { z, ZodTypeAny } from 'zod';
import { fieldValidationError } from '../access/field-errors';

/** Parses a request's query or body with a zod schema; the first problem becomes a 400 that names its field. */
export function parseInput<S extends ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.') || 'data';
  throw fieldValidationError(field, `${field}: ${issue.message}`);
}
