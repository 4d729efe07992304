/**
 * The console's queue: which tickets each tab holds, how a request is read, which clock is running and how
 * it is shown. Pure: no Strapi import; the service turns these rules into one SQL query.
 */
import { FieldError } from '../../../../../api/ticket/input-rules';
import { TICKET_STATES, type TicketState } from '../../../../../api/ticket/lifecycle-rules';
import { clockState, PRIORITIES, type ClockState } from '../../../../sla/server/src/rules/clock-state';

export const QUEUE_TABS = ['mine', 'unassigned', 'open', 'risk', 'restored'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

/** The tickets someone still has to work: the queue's "open" tabs. Restored ones wait for the requester. */
export const OPEN_STATES = ['new', 'in_charge', 'suspended'] as const satisfies readonly TicketState[];
/** Every state the queue can show (the restored tab included). */
export const QUEUE_STATES = [...OPEN_STATES, 'restored'] as const satisfies readonly TicketState[];

// The ticket schema's enumerations (tests/unit/console-queue-rules.test.ts checks them against schema.json).
export const CHANNELS = ['phone', 'email', 'portal', 'api'] as const;
export const KINDS = ['incident', 'request'] as const;
export { PRIORITIES, TICKET_STATES };

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** Longer searches are cut: nobody types a 200-character ticket title into a search box. */
export const MAX_SEARCH_LENGTH = 100;

export interface QueueRequest {
  tab: QueueTab;
  page: number;
  pageSize: number;
  priority: string | null;
  organization: string | null;
  channel: string | null;
  category: string | null;
  state: TicketState | null;
  /** Lower-cased search text, or null. */
  q: string | null;
}

function single(field: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new FieldError(field, `${field} must be given once, as text`);
  return value.trim() || null;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | null {
  const text = single(field, value);
  if (text === null) return null;
  if (!(allowed as readonly string[]).includes(text)) throw new FieldError(field, `${field} must be one of ${allowed.join(', ')}`);
  return text as T;
}

function positive(field: string, value: unknown, fallback: number, max?: number): number {
  const text = single(field, value);
  if (text === null) return fallback;
  const number = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(number) || number < 1 || (max !== undefined && number > max)) {
    throw new FieldError(field, `${field} must be a whole number from 1${max === undefined ? '' : ` to ${max}`}`);
  }
  return number;
}

/** A document id as Strapi makes them (lower-case letters and digits), or the demo's and the bench's ids. */
function documentId(field: string, value: unknown): string | null {
  const text = single(field, value);
  if (text !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(text)) throw new FieldError(field, `${field} must be a documentId`);
  return text;
}

/** Reads `GET /spoc-console/queue`'s query; an unknown value is a FieldError naming the parameter. */
export function parseQueueRequest(query: Record<string, unknown>): QueueRequest {
  const q = single('q', query.q);
  return {
    tab: oneOf('tab', query.tab, QUEUE_TABS) ?? 'open',
    page: positive('page', query.page, 1),
    pageSize: positive('pageSize', query.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    priority: oneOf('priority', query.priority, PRIORITIES),
    organization: documentId('organization', query.organization),
    channel: oneOf('channel', query.channel, CHANNELS),
    category: documentId('category', query.category),
    state: oneOf('state', query.state, TICKET_STATES),
    q: q === null ? null : q.slice(0, MAX_SEARCH_LENGTH).toLowerCase(),
  };
}

/** A LIKE pattern that finds `text` anywhere, its own `%`, `_` and `\` taken literally (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export type ClockKind = 'take_charge' | 'restore';

/**
 * The clock the queue shows for a ticket in this state: take charge until someone takes it, then restore
 * (running, or paused by a suspension; stopped once restored). None for closed and cancelled tickets.
 */
export function queueClockKind(state: string): ClockKind | null {
  if (state === 'new') return 'take_charge';
  if (state === 'in_charge' || state === 'suspended' || state === 'restored') return 'restore';
  return null;
}

/** The columns of `sla_clocks` for one clock, read raw (SQLite gives numbers for instants and 0/1 for booleans). */
export interface ClockColumns {
  targetMinutes: unknown;
  dueAt: unknown;
  warnAt: unknown;
  elapsedMinutes: unknown;
  met: unknown;
  breached: unknown;
}

export interface QueueClock {
  kind: ClockKind;
  state: Exclude<ClockState, 'not_applicable'>;
  dueAt: string | null;
  targetMinutes: number;
  remainingMs: number | null;
}

export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}

const flag = (value: unknown): boolean | null => (value === null || value === undefined ? null : value === true || value === 1 || value === '1' || value === 't');

/** What the queue shows of the clock that matters for a ticket in `state`; null without a clock row. */
export function presentQueueClock(state: string, columns: ClockColumns | null, now: Date): QueueClock | null {
  const kind = queueClockKind(state);
  if (!kind || !columns || columns.targetMinutes === null || columns.targetMinutes === undefined) return null;
  const dueAt = toDate(columns.dueAt);
  const stopped = columns.elapsedMinutes !== null && columns.elapsedMinutes !== undefined;
  const shown = clockState({ dueAt, warnAt: toDate(columns.warnAt), met: flag(columns.met), breached: !!flag(columns.breached), stopped }, false, now);
  return {
    kind,
    state: shown === 'not_applicable' ? 'paused' : shown,
    dueAt: dueAt?.toISOString() ?? null,
    targetMinutes: Number(columns.targetMinutes),
    remainingMs: !stopped && dueAt ? dueAt.getTime() - now.getTime() : null,
  };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.ceil(total / pageSize);
}
