/**
 * What the console's live stream sends operators. Pure: no Strapi import. How streams replay, de-duplicate
 * and hear wake-ups is the shared hub's (src/api/ticket-event/live-hub.ts).
 */
import type { LiveHubSettings } from '../../../../../api/ticket-event/live-hub';
import { eventSummary } from '../../../../../api/ticket-event/live-rules';

/** The `data` of an `event: ticket` message: which ticket changed and how (internal events too), so that a queue refreshes. */
export const consoleMessage = eventSummary;

/** Operators see every organization: all their streams are one group. */
export const ALL_TICKETS = 0;

/**
 * A queue open in several tabs and on the wall screen; a heartbeat short enough that a blocked operator or a
 * removed permission closes the stream within it.
 */
export const CONSOLE_LIVE_SETTINGS: LiveHubSettings = { maxStreamsPerUser: 10, replayLimit: 500, heartbeatSeconds: 15 };

/** The holders whose stream must close: those no longer among the active admins with the work permission. */
export function endedHolders<H extends { userId: number }>(holders: H[], stillAllowed: ReadonlySet<number>): Set<H> {
  return new Set(holders.filter((holder) => !stillAllowed.has(holder.userId)));
}
