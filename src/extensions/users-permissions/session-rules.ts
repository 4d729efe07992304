/**
 * When a portal session ends before its JWT expires: pure rules, no Strapi import.
 *
 * Each user has a session stamp, a random value replaced whenever what a session was granted on changes
 * (the password, a block, the organization). Every JWT carries the stamp current when it was issued, and
 * authentication compares it with the user's, read in the same row it already loads. A random value rather
 * than a time: a token issued in the same millisecond as the change, or by an instance whose clock runs
 * ahead, still carries the old value.
 */
import { randomBytes } from 'node:crypto';

/** The claim of users-permissions JWTs that carries the session stamp. */
export const STAMP_CLAIM = 'sst';

export function newStamp(): string {
  return randomBytes(18).toString('base64url');
}

/** The stamp a verified JWT payload carries; null when it has none (issued before any session ended). */
export function stampOf(payload: unknown): string | null {
  const value = payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[STAMP_CLAIM] : undefined;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Whether a token with this stamp still opens a session of a user whose stamp is `current`. A user none of
 * whose sessions ever ended has no stamp, and neither have the tokens issued to them (nor those issued before
 * this rule existed): both absent is equal.
 */
export function sessionStillValid(tokenStamp: string | null, current: string | null | undefined): boolean {
  return tokenStamp === (current ?? null);
}

/** What a session was granted on, beside the password. */
export interface SessionFacts {
  blocked: boolean;
  organizationId: number | null;
}

/** An update that blocks the user or moves it to another organization ends its sessions. */
export function endsSessions(before: SessionFacts, after: SessionFacts): boolean {
  return (!before.blocked && after.blocked) || before.organizationId !== after.organizationId;
}

/** Update data that sets a new password (a reset, a change, an administrator's edit). */
export function setsPassword(data: unknown): boolean {
  const password = data && typeof data === 'object' ? (data as Record<string, unknown>).password : undefined;
  return typeof password === 'string' && password !== '';
}

/** Update data that may block the user or move it: the facts are compared before and after the write. */
export function mayEndSessions(data: unknown): boolean {
  return !!data && typeof data === 'object' && ('blocked' in data || 'organization' in data);
}
