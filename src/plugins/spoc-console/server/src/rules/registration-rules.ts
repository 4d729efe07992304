/**
 * Registering a ticket from the console (D7: registration contemporaneous with the call). Pure: no Strapi
 * import, tested alone (tests/unit/console-rules.test.ts).
 */
import { FieldError, parseInstant, REPORTED_AT_CLOCK_SKEW_MS } from '../../../../../api/ticket/input-rules';

/** How far back an operator may set `reportedAt` without saying why: the form was opened at the call's start. */
export const REGISTRATION_GRACE_MS = 15 * 60_000;

export const CONSOLE_CHANNELS = ['phone', 'email', 'api'] as const;

export interface RegistrationTime {
  reportedAt: Date;
  /** Why the call is registered later than it came: kept in the ticket's timeline. */
  reason: string | null;
}

/**
 * `reportedAt` of a console registration: now when left out; up to 15 minutes back as it is; earlier only
 * with `reportedAtReason`; never in the future. The 24-hour bound of every registration applies after this.
 */
export function registrationTime(input: { reportedAt?: unknown; reportedAtReason?: unknown }, now: Date): RegistrationTime {
  const reason = typeof input.reportedAtReason === 'string' && input.reportedAtReason.trim() ? input.reportedAtReason.trim() : null;
  if (input.reportedAt === undefined || input.reportedAt === null || input.reportedAt === '') return { reportedAt: now, reason: null };
  const reportedAt = parseInstant('reportedAt', input.reportedAt);
  if (reportedAt.getTime() > now.getTime() + REPORTED_AT_CLOCK_SKEW_MS) throw new FieldError('reportedAt', 'reportedAt cannot be in the future');
  if (now.getTime() - reportedAt.getTime() > REGISTRATION_GRACE_MS && !reason) {
    throw new FieldError('reportedAtReason', 'reportedAtReason is required when reportedAt is more than 15 minutes ago');
  }
  return { reportedAt, reason };
}

/** A ticket registered from a call takes its channel and its `reportedAt` from the call: neither may be given otherwise. */
export function assertFromCall(input: { channel?: unknown; reportedAt?: unknown; reportedAtReason?: unknown }): void {
  if (input.channel !== undefined && input.channel !== 'phone') throw new FieldError('channel', 'channel is phone for a ticket registered from a call');
  for (const field of ['reportedAt', 'reportedAtReason'] as const) {
    if (input[field] !== undefined && input[field] !== null && input[field] !== '') throw new FieldError(field, `${field} is the call's start for a ticket registered from a call`);
  }
}
