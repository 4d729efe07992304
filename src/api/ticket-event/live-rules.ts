/**
 * How a live stream of the timeline replays, de-duplicates and reads its wake-ups, for every audience (the
 * portal's users, the console's operators). Pure: no Strapi import.
 */

/**
 * A replay reads at most `limit + 1` rows: with more than `limit` the client has missed too much to catch
 * up event by event, and is told to reload (`event: reset`) instead.
 */
export function replayPlan<T>(rows: T[], limit: number): { reset: boolean; events: T[] } {
  return rows.length > limit ? { reset: true, events: [] } : { reset: false, events: rows };
}

/** Reads a `pg_notify` payload of the timeline (`{"id":N,"organization":M|null}`); anything else is null. */
export function parseWakeUp(payload: string | undefined): { id: number; organization: number | null } | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as { id?: unknown; organization?: unknown };
    if (!Number.isSafeInteger(value.id)) return null;
    const organization = Number.isSafeInteger(value.organization) ? (value.organization as number) : null;
    return { id: value.id as number, organization };
  } catch {
    return null;
  }
}

/**
 * The ids a stream has already been sent, so that an event reached both by a replay and by a wake-up, or
 * by two wake-ups, goes out once. Bounded: only recent ids can come twice.
 */
export class RecentIds {
  private readonly ids = new Set<number>();

  constructor(private readonly capacity = 2000) {}

  has(id: number): boolean {
    return this.ids.has(id);
  }

  add(id: number) {
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      // Sets iterate in insertion order: the first is the oldest.
      this.ids.delete(this.ids.values().next().value as number);
    }
  }
}

/** Milliseconds until a JWT's `exp` (seconds since the epoch), capped to what setTimeout accepts; null without exp. */
export function msUntilExpiry(exp: number | null, nowMs: number): number | null {
  if (exp === null) return null;
  return Math.max(0, Math.min(exp * 1000 - nowMs, 2_147_483_647));
}

/** Reads a `pg_notify` payload that says a user's sessions ended (`{"sessionsEnded":N}`); anything else is null. */
export function parseSessionsEnded(payload: string | undefined): number | null {
  if (!payload) return null;
  try {
    const value = (JSON.parse(payload) as { sessionsEnded?: unknown }).sessionsEnded;
    return Number.isSafeInteger(value) ? (value as number) : null;
  } catch {
    return null;
  }
}

/** Whether a `pg_notify` payload says that roles, permissions or settings changed (`{"accessChanged":true}`). */
export function parseAccessChanged(payload: string | undefined): boolean {
  if (!payload) return false;
  try {
    return (JSON.parse(payload) as { accessChanged?: unknown }).accessChanged === true;
  } catch {
    return false;
  }
}

/** A timeline row as a live stream reads it (the audience's visibility already applied by the query). */
export interface TimelineEventRow {
  id: number;
  type: string;
  at: string | Date | number;
  ticket?: { documentId: string; number: string | null } | null;
}

/** Which ticket an event changed and how: what every audience's `event: ticket` message is made of. Null without a ticket. */
export function eventSummary(row: TimelineEventRow): { documentId: string; number: string | null; type: string; at: string } | null {
  if (!row.ticket) return null;
  return { documentId: row.ticket.documentId, number: row.ticket.number ?? null, type: row.type, at: new Date(row.at).toISOString() };
}
