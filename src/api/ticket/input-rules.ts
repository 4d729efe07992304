/**
 * Which ticket fields callers may write, and the rules for `reportedAt` (D7: the SLA clocks start there).
 * Pure: no Strapi import, tested alone.
 */

/** Set only by numbering, lifecycle actions and the timeline; never by a create or a generic update. */
export const SYSTEM_FIELDS = [
  'number',
  'state',
  'registeredAt',
  'takenInChargeAt',
  'restoredAt',
  'closedAt',
  'cancelledAt',
  'resolution',
  'suspensionReason',
  'cancellationReason',
  'timelineLength',
  'timelineHash',
] as const;

/** Changed after creation only by a supervisor's correction, with a reason. */
export const CORRECTION_ONLY_FIELDS = ['reportedAt'] as const;

/** Before saving, the call or mail may be at most this old: registration must be contemporaneous (D7). */
export const REPORTED_AT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Tolerated clock difference with the client that measured the call start. */
export const REPORTED_AT_CLOCK_SKEW_MS = 5 * 1000;

export class FieldError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

/** Values a create may carry for a system field without setting it (the admin panel sends defaults). */
function isUnset(field: string, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (field === 'state') return value === 'new';
  if (field === 'timelineLength') return value === 0 || value === '0';
  return false;
}

export function assertNoSystemFieldsOnCreate(data: Record<string, unknown>): void {
  for (const field of SYSTEM_FIELDS) {
    if (!isUnset(field, data[field])) throw new FieldError(field, `${field} is set by the system and cannot be given`);
  }
}

/** The first protected field whose incoming value differs from the stored one, if any. */
export function changedProtectedField(current: Record<string, unknown>, incoming: Record<string, unknown>): string | null {
  for (const field of [...SYSTEM_FIELDS, ...CORRECTION_ONLY_FIELDS]) {
    if (field in incoming && !sameValue(current[field], incoming[field])) return field;
  }
  return null;
}

export function parseInstant(field: string, value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new FieldError(field, `${field} must be an ISO 8601 date-time`);
  return date;
}

/** `reportedAt` given at registration: not in the future, not older than the contemporaneity window. */
export function checkReportedAt(value: unknown, now: Date): Date {
  const reportedAt = parseInstant('reportedAt', value);
  if (reportedAt.getTime() > now.getTime() + REPORTED_AT_CLOCK_SKEW_MS) {
    throw new FieldError('reportedAt', 'reportedAt cannot be in the future');
  }
  if (now.getTime() - reportedAt.getTime() > REPORTED_AT_MAX_AGE_MS) {
    throw new FieldError('reportedAt', 'reportedAt cannot be more than 24 hours before registration');
  }
  return reportedAt;
}

/** A supervisor's correction: any past instant up to the registration itself. */
export function checkCorrectedReportedAt(value: unknown, registeredAt: Date, now: Date): Date {
  const reportedAt = parseInstant('reportedAt', value);
  if (reportedAt.getTime() > now.getTime() + REPORTED_AT_CLOCK_SKEW_MS) {
    throw new FieldError('reportedAt', 'reportedAt cannot be in the future');
  }
  if (reportedAt.getTime() > registeredAt.getTime() + REPORTED_AT_CLOCK_SKEW_MS) {
    throw new FieldError('reportedAt', 'reportedAt cannot be later than the registration of the ticket');
  }
  return reportedAt;
}

function sameValue(stored: unknown, incoming: unknown): boolean {
  if ((stored === null || stored === undefined) && (incoming === null || incoming === undefined || incoming === '')) return true;
  if (stored instanceof Date || incoming instanceof Date || looksLikeInstant(stored) || looksLikeInstant(incoming)) {
    const a = toTime(stored);
    const b = toTime(incoming);
    return a !== null && a === b;
  }
  return String(stored) === String(incoming);
}

function looksLikeInstant(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value);
}

function toTime(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const time = new Date(value as string).getTime();
  return Number.isNaN(time) ? null : time;
}
