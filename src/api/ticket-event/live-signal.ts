import { EventEmitter } from 'node:events';

/**
 * Wake-ups for the portal's live updates. The event table stays the source of truth: a wake-up only says
 * "event N of organization O was committed", and listeners read what they may show from the table.
 * PostgreSQL: `pg_notify` on this channel in the inserting statement, delivered on commit to every instance.
 * SQLite (one instance): this emitter, fired after commit.
 */
export const LIVE_CHANNEL = 'spoc_live';

export interface TimelineWakeUp {
  id: number;
  /** The ticket's organization; null when unknown (SQLite) or when the ticket has none. */
  organization: number | null;
}

export const timelineAppended = new EventEmitter();
timelineAppended.setMaxListeners(0);

export function announceAppended(wakeUp: TimelineWakeUp) {
  timelineAppended.emit('appended', wakeUp);
}

/**
 * A user's sessions ended (new password, block, another organization): that user's open streams close.
 * The same channel: on PostgreSQL `pg_notify` with `{"sessionsEnded": userId}` in the changing transaction;
 * on SQLite this emitter's `sessions-ended`, after commit.
 */
export function announceSessionsEnded(userId: number) {
  timelineAppended.emit('sessions-ended', userId);
}

export function sessionsEndedPayload(userId: number): string {
  return JSON.stringify({ sessionsEnded: userId });
}

/**
 * Roles, permissions or settings changed (src/access/cached-access.ts): every instance forgets what it cached
 * of them. The same channel: on PostgreSQL `pg_notify` with this payload in the changing transaction; on
 * SQLite this emitter's `access-changed`, after commit.
 */
export const ACCESS_CHANGED_PAYLOAD = JSON.stringify({ accessChanged: true });

export function announceAccessChanged() {
  timelineAppended.emit('access-changed');
}
