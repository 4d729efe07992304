/**
 * The console's screen rules with no React and no Strapi in them: the queue's view as a URL, the countdown's
 * words and colours, the confirmation a lifecycle action needs, what the "Nuova richiesta" form may send.
 * Tested alone in tests/unit/console-ui-rules.test.ts.
 */

export const QUEUE_TABS = ['mine', 'unassigned', 'open', 'risk', 'restored'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const QUEUE_FILTERS = ['priority', 'organization', 'channel', 'category', 'state', 'q'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export interface QueueView {
  tab: QueueTab;
  page: number;
  pageSize: number;
  filters: Partial<Record<QueueFilter, string>>;
}

export const DEFAULT_VIEW: QueueView = { tab: 'open', page: 1, pageSize: 25, filters: {} };

/** The queue's view from the page's query string: anything unknown or malformed falls back to the default. */
export function viewFromSearch(search: string): QueueView {
  const params = new URLSearchParams(search);
  const tab = params.get('tab');
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const filters: QueueView['filters'] = {};
  for (const name of QUEUE_FILTERS) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return {
    tab: (QUEUE_TABS as readonly string[]).includes(tab ?? '') ? (tab as QueueTab) : DEFAULT_VIEW.tab,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_VIEW.pageSize,
    filters,
  };
}

/** The query string of a view: the page's URL and the server's query are the same text. */
export function searchOfView(view: QueueView): string {
  const params = new URLSearchParams({ tab: view.tab, page: String(view.page), pageSize: String(view.pageSize) });
  for (const name of QUEUE_FILTERS) {
    const value = view.filters[name];
    if (value) params.set(name, value);
  }
  return params.toString();
}

/** A change of tab or filter starts again from the first page. */
export function withFilter(view: QueueView, name: QueueFilter, value: string | null): QueueView {
  const filters = { ...view.filters };
  if (value) filters[name] = value;
  else delete filters[name];
  return { ...view, filters, page: 1 };
}

export type ClockKind = 'take_charge' | 'restore';
export type ClockState = 'on_time' | 'at_risk' | 'breached' | 'paused' | 'met';

export interface ClockLike {
  state: ClockState;
  dueAt: string | null;
  remainingMs: number | null;
}

/** Server time minus browser time, from the server's `serverTime` and when the answer was asked and received. */
export function clockOffset(serverTime: string, sentAt: number, receivedAt: number): number {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return 0;
  return server - (sentAt + receivedAt) / 2;
}

/**
 * Milliseconds left on a running clock at the browser's `now` corrected by `offset`; negative once due.
 * Null for a clock that does not run (paused, met) or has no due time.
 */
export function remainingAt(clock: ClockLike, now: number, offset: number): number | null {
  if (clock.state === 'paused' || clock.state === 'met' || !clock.dueAt) return null;
  return Date.parse(clock.dueAt) - (now + offset);
}

/** "2 h 05 min", "4 min 09 s", "1 g 3 h": the two largest units, so that the queue's column stays narrow. */
export function formatDuration(ms: number, units = { d: 'g', h: 'h', m: 'min', s: 's' }): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days} ${units.d} ${hours} ${units.h}`;
  if (hours > 0) return `${hours} ${units.h} ${pad(minutes)} ${units.m}`;
  return `${minutes} ${units.m} ${pad(seconds)} ${units.s}`;
}

/**
 * The state a clock shows now: the server's state, except that a running clock whose due time passed while
 * the page was open reads breached at once (the server's sweep confirms it moments later).
 */
export function displayedState(clock: ClockLike, remaining: number | null): ClockState {
  if (remaining !== null && remaining <= 0 && (clock.state === 'on_time' || clock.state === 'at_risk')) return 'breached';
  return clock.state;
}

/** The design system's badge colours of a clock state. */
export function clockTone(state: ClockState): { background: string; text: string; border: string } {
  switch (state) {
    case 'breached':
      return { background: 'danger100', text: 'danger700', border: 'danger200' };
    case 'at_risk':
      return { background: 'warning100', text: 'warning700', border: 'warning200' };
    case 'on_time':
      return { background: 'success100', text: 'success700', border: 'success200' };
    case 'paused':
      return { background: 'neutral150', text: 'neutral800', border: 'neutral300' };
    default:
      return { background: 'primary100', text: 'primary700', border: 'primary200' };
  }
}

/** The lifecycle actions in the order the action bar shows them; the server names take-charge either way. */
export const ACTION_ORDER = ['take-charge', 'suspend', 'resume', 'restore', 'reopen', 'close', 'cancel'] as const;
export type ConsoleAction = (typeof ACTION_ORDER)[number];

export function normalizeAction(action: string): ConsoleAction | null {
  const dashed = action.replace(/_/g, '-');
  return (ACTION_ORDER as readonly string[]).includes(dashed) ? (dashed as ConsoleAction) : null;
}

/** The allowed actions of a ticket as the bar shows them: known ones only, in the bar's order. */
export function actionBar(allowed: readonly string[]): ConsoleAction[] {
  const known = new Set(allowed.map(normalizeAction).filter((action): action is ConsoleAction => action !== null));
  return ACTION_ORDER.filter((action) => known.has(action));
}

/** What an action's confirmation must collect before it is sent. */
export function actionNeeds(action: ConsoleAction): { reason: boolean; resolution: boolean; attributable: boolean } {
  return { reason: action === 'suspend' || action === 'cancel', resolution: action === 'restore', attributable: action === 'suspend' };
}

/** The body of an action, or the name of the field still missing. */
export function actionBody(
  action: ConsoleAction,
  input: { reason?: string; resolution?: string; attributableToAdministration?: boolean }
): { ok: true; body: Record<string, unknown> } | { ok: false; missing: 'reason' | 'resolution' } {
  const needs = actionNeeds(action);
  const reason = input.reason?.trim() ?? '';
  const resolution = input.resolution?.trim() ?? '';
  if (needs.reason && !reason) return { ok: false, missing: 'reason' };
  if (needs.resolution && !resolution) return { ok: false, missing: 'resolution' };
  const body: Record<string, unknown> = {};
  if (needs.reason) body.reason = reason;
  if (needs.resolution) body.resolution = resolution;
  if (needs.attributable) body.attributableToAdministration = Boolean(input.attributableToAdministration);
  return { ok: true, body };
}

/** A 409's details as the server sends them on a stale state. */
export interface ConflictDetails {
  action?: string;
  state?: string;
  by?: string | null;
  at?: string | null;
}

export function conflictDetails(details: unknown): ConflictDetails | null {
  if (!details || typeof details !== 'object') return null;
  const value = details as Record<string, unknown>;
  if (typeof value.state !== 'string') return null;
  return {
    action: typeof value.action === 'string' ? value.action : undefined,
    state: value.state,
    by: typeof value.by === 'string' ? value.by : null,
    at: typeof value.at === 'string' ? value.at : null,
  };
}

/** How far back a registration may date its reportedAt without a reason (the clause: contemporaneous). */
export const REPORTED_AT_GRACE_MS = 15 * 60_000;

/**
 * The reportedAt the form sends: the moment the form opened, unless the operator gave an earlier one; a
 * time more than 15 minutes before the opening needs a reason, a future one is refused.
 */
export function reportedAtOfForm(
  openedAt: Date,
  chosen: string | null,
  reason: string,
  now: Date
): { ok: true; reportedAt: string; reason: string | null } | { ok: false; field: 'reportedAt' | 'reportedAtReason'; problem: 'invalid' | 'future' | 'reason' } {
  if (!chosen) return { ok: true, reportedAt: openedAt.toISOString(), reason: null };
  const at = new Date(chosen);
  if (Number.isNaN(at.getTime())) return { ok: false, field: 'reportedAt', problem: 'invalid' };
  if (at.getTime() > now.getTime() + 60_000) return { ok: false, field: 'reportedAt', problem: 'future' };
  const needsReason = now.getTime() - at.getTime() > REPORTED_AT_GRACE_MS;
  if (needsReason && !reason.trim()) return { ok: false, field: 'reportedAtReason', problem: 'reason' };
  return { ok: true, reportedAt: at.toISOString(), reason: needsReason ? reason.trim() : null };
}

/** A `datetime-local` value (local wall time of the browser) for a date. */
export function toDateTimeLocal(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Whether a picked file may be attached, by the server's limits; the problem when it may not. */
export function fileProblem(
  file: { name: string; size: number },
  limits: { maxBytes: number; blockedExtensions: readonly string[] }
): 'size' | 'type' | null {
  const extension = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (limits.blockedExtensions.map((blocked) => blocked.replace(/^\./, '').toLowerCase()).includes(extension)) return 'type';
  if (file.size > limits.maxBytes) return 'size';
  return null;
}

/** "2 MB", "512 kB": a limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}

/** A telephone number as a `tel:` link target: digits and a leading plus only. */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/[^0-9]/g, '')}`;
}

/** The fields whose change a `ticket.updated` or `sla.recomputed` event records, in the order the timeline names them. */
export const CHANGE_FIELDS = [
  'title', 'kind', 'priority', 'channel', 'requesterName', 'requesterEmail', 'requesterPhone', 'externalRef',
  'policy', 'calendar', 'takeChargeDueAt', 'restoreDueAt',
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

export interface FieldChange {
  field: ChangeField;
  from: string | null;
  to: string | null;
  /** The values are instants (ISO strings), to be shown in the reader's time zone. */
  instant: boolean;
}

/** What an event's `data.changes` says changed, fields we have no words for left out (a later version's). */
export function fieldChanges(changes: unknown): FieldChange[] {
  if (!changes || typeof changes !== 'object') return [];
  const value = (raw: unknown) => (raw === null || raw === undefined || raw === '' ? null : String(raw));
  return CHANGE_FIELDS.flatMap((field) => {
    const change = (changes as Record<string, { from?: unknown; to?: unknown } | undefined>)[field];
    if (!change || typeof change !== 'object') return [];
    return [{ field, from: value(change.from), to: value(change.to), instant: field.endsWith('DueAt') }];
  });
}

/** Why the SLA clocks were recomputed, from the reason the server records (`sla.recomputed`'s `data.reason`). */
export function recomputeCause(reason: unknown): 'ticketChanged' | 'reportedAtCorrected' | 'rulesChanged' | null {
  if (reason === 'ticket.updated') return 'ticketChanged';
  if (reason === 'reportedAt corrected') return 'reportedAtCorrected';
  if (typeof reason === 'string' && reason.startsWith('sla ')) return 'rulesChanged';
  return null;
}
