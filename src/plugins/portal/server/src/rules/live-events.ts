/**
 * What the portal's live stream sends. Pure: no Strapi import. How streams replay and read their wake-ups
 * is the shared hub's (src/api/ticket-event/live-rules.ts).
 */

/** A timeline row as read for the stream (visibility already applied by the query). */
export interface VisibleEventRow {
  id: number;
  type: string;
  at: string | Date;
  ticket?: { documentId: string; number: string | null } | null;
}

/** The `data` of an `event: ticket` message: enough for the portal to refresh the right queries. */
export interface LiveTicketMessage {
  ticketDocumentId: string;
  number: string | null;
  type: string;
  at: string;
}

export function liveMessage(row: VisibleEventRow): LiveTicketMessage | null {
  if (!row.ticket) return null;
  return { ticketDocumentId: row.ticket.documentId, number: row.ticket.number ?? null, type: row.type, at: new Date(row.at).toISOString() };
}
