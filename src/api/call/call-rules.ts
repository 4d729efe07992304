/**
 * What a call record must say. Pure: no Strapi import, tested alone.
 */
import { FieldError, parseInstant, REPORTED_AT_CLOCK_SKEW_MS } from '../ticket/input-rules';

export interface CallInput {
  callId: string | null;
  /** Null only for a call the operator answered in the console before knowing the number. */
  callerNumber: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

const text = (field: string, value: unknown, max: number, required: boolean): string | null => {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw new FieldError(field, `${field} is required`);
    return null;
  }
  if (typeof value !== 'string') throw new FieldError(field, `${field} must be a string`);
  if (value.trim().length > max) throw new FieldError(field, `${field} must be at most ${max} characters`);
  return value.trim();
};

/**
 * A call as the telephony system or the console reports it: when it started, and when it ended if it has.
 * The PBX always knows the number; an operator who answers with no PBX may type it later (`numberRequired`).
 */
export function checkCallInput(data: Record<string, unknown>, now: Date, { numberRequired = true } = {}): CallInput {
  const callId = text('callId', data.callId, 120, false);
  const callerNumber = text('callerNumber', data.callerNumber, 60, numberRequired);
  if (data.startedAt === undefined || data.startedAt === null) throw new FieldError('startedAt', 'startedAt is required');
  const startedAt = parseInstant('startedAt', data.startedAt);
  if (startedAt.getTime() > now.getTime() + REPORTED_AT_CLOCK_SKEW_MS) throw new FieldError('startedAt', 'startedAt cannot be in the future');
  const endedAt = data.endedAt === undefined || data.endedAt === null ? null : parseInstant('endedAt', data.endedAt);
  if (endedAt && endedAt.getTime() < startedAt.getTime()) throw new FieldError('endedAt', 'endedAt cannot be before startedAt');
  if (endedAt && endedAt.getTime() > now.getTime() + REPORTED_AT_CLOCK_SKEW_MS) throw new FieldError('endedAt', 'endedAt cannot be in the future');
  return { callId, callerNumber, startedAt, endedAt };
}
