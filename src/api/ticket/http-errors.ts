import { FieldError } from './input-rules';
import { MissingFieldError, TransitionNotAllowedError } from './lifecycle-rules';
import { fieldValidationError } from '../../access/field-errors';
import { conflict } from '../../utils/http-errors';

/** Maps the lifecycle's domain errors to HTTP at the controller edge: 409 names the state (and who set it, when), 400 the field. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof TransitionNotAllowedError) {
    return conflict(error.message, { action: error.action, state: error.state, by: error.by, at: error.at });
  }
  if (error instanceof MissingFieldError || error instanceof FieldError) {
    return fieldValidationError(error.field, error.message);
  }
  return error;
}
