/** Pure rules of the forgotten-password request (no Strapi import). */

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** An e-mail address as people type it, trimmed and lower-cased; null when it is not one. */
export function normalizeEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.trim().toLowerCase();
  return email.length <= 320 && EMAIL.test(email) ? email : null;
}

export interface ResetLimits {
  /** Requests for one address within the window. */
  perAddress: number;
  /** Requests from one client address within the window. */
  perIp: number;
  windowMinutes: number;
}

/** Whether a request may send a message, given the requests already seen in the window (this one not included). */
export function withinResetLimits(seen: { byAddress: number; byIp: number }, limits: ResetLimits): boolean {
  return seen.byAddress < limits.perAddress && seen.byIp < limits.perIp;
}

