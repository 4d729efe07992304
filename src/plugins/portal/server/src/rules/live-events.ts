/**
 * What the portal's live stream sends. Pure: no Strapi import. How streams replay and read their wake-ups
 * is the shared hub's (src/api/ticket-event/live-rules.ts).
 */
import { eventSummary, type TimelineEventRow } from '../../../../../api/ticket-event/live-rules';

/** A timeline row as read for the stream (visibility already applied by the query). */
export type VisibleEventRow = TimelineEventRow;

/** The `data` of an `event: ticket` message: enough for the portal to refresh the right queries. */
export interface LiveTicketMessage {
  ticketDocumentId: string;
  number: string | null;
  type: string;
  at: string;
}

export function liveMessage(row: VisibleEventRow): LiveTicketMessage | null {
  const summary = eventSummary(row);
  if (!summary) return null;
  const { documentId, ...rest } = summary;
  return { ticketDocumentId: documentId, ...rest };
}
