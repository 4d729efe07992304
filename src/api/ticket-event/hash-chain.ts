/**
 * The tamper-evident chain of a ticket's timeline. Pure: no Strapi import, tested alone.
 *
 * Each event's hash is SHA-256 over the previous event's hash and the event's content in RFC 8785
 * canonical JSON (stable key order, so PostgreSQL's jsonb reordering does not matter). Changing, deleting
 * or reordering any stored event breaks the chain from that point on; deleting the last events is caught
 * by the head (length and last hash) kept on the ticket row.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export type ActorType = 'user' | 'admin' | 'api-token' | 'system';

export interface Actor {
  type: ActorType;
  id?: string | null;
  name?: string | null;
}

/** What the hash covers: every stored column of an event except the hashes themselves. */
export interface ChainedContent {
  ticket: string; // the ticket's documentId
  seq: number;
  type: string;
  at: string; // ISO 8601 with milliseconds, UTC
  visibility: 'public' | 'internal';
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  data: unknown;
}

export interface StoredChainedEvent extends ChainedContent {
  prevHash: string | null;
  hash: string;
}

export interface ChainHead {
  length: number;
  hash: string | null;
}

export interface ChainProblem {
  seq: number | null;
  reason: string;
}

export interface ChainVerdict {
  valid: boolean;
  checked: number;
  problems: ChainProblem[];
}

export function hashEvent(prevHash: string | null, content: ChainedContent): string {
  return createHash('sha256').update(canonicalEvent(prevHash, content), 'utf8').digest('hex');
}

/**
 * The text an event's hash is the SHA-256 of (UTF-8). Exported for a writer that lets PostgreSQL hash it
 * (sha256() is built in) once a value only the database knows is put in: a new ticket's number.
 */
export function canonicalEvent(prevHash: string | null, content: ChainedContent): string {
  return canonicalize({ prevHash: prevHash ?? null, content: normalizeContent(content) }) ?? '';
}

/** Verifies events ordered by seq against each other and against the head stored on the ticket. */
export function verifyChain(events: StoredChainedEvent[], head: ChainHead): ChainVerdict {
  const problems: ChainProblem[] = [];
  let previous: string | null = null;
  events.forEach((event, index) => {
    const expectedSeq = index + 1;
    if (event.seq !== expectedSeq) {
      problems.push({ seq: event.seq, reason: `expected event #${expectedSeq} here, found #${event.seq}` });
    }
    if ((event.prevHash ?? null) !== previous) {
      problems.push({ seq: event.seq, reason: 'link to the previous event does not match' });
    }
    if (hashEvent(event.prevHash ?? null, event) !== event.hash) {
      problems.push({ seq: event.seq, reason: 'content does not match its hash' });
    }
    previous = event.hash;
  });
  if (head.length !== events.length) {
    problems.push({ seq: null, reason: `the ticket records ${head.length} events, ${events.length} are stored` });
  }
  if ((head.hash ?? null) !== previous) {
    problems.push({ seq: null, reason: 'the last stored event is not the one the ticket records' });
  }
  return { valid: problems.length === 0, checked: events.length, problems };
}

/** Only the covered fields, in a JSON-safe form: a stored row carries more columns (id, timestamps). */
export function normalizeContent(content: ChainedContent): ChainedContent {
  return {
    ticket: content.ticket,
    seq: content.seq,
    type: content.type,
    at: new Date(content.at).toISOString(),
    visibility: content.visibility,
    actorType: content.actorType,
    actorId: content.actorId ?? null,
    actorName: content.actorName ?? null,
    fromStatus: content.fromStatus ?? null,
    toStatus: content.toStatus ?? null,
    data: content.data ?? null,
  };
}
