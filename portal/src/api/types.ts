/** The shapes the portal reads from Strapi's REST API (the fields it uses, not every field). */
export type TicketState = 'new' | 'in_charge' | 'suspended' | 'restored' | 'closed' | 'cancelled';
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export type Channel = 'phone' | 'email' | 'portal' | 'api';
/** The SLA plugin's clock states (src/plugins/sla/server/src/rules/clock-state.ts), each with a label in it.ts and en.ts. */
export type ClockState = 'on_time' | 'at_risk' | 'breached' | 'met' | 'paused' | 'not_applicable';

export interface Clock {
  targetMinutes: number;
  dueAt: string | null;
  elapsedMinutes: number | null;
  met: boolean | null;
  breached: boolean;
  state: ClockState;
  remainingMs: number | null;
}

export interface Sla {
  policy: string;
  calendar: string;
  takeCharge: Clock;
  restore: Clock & { pausedMinutes: number };
}

export interface Media {
  id: number;
  documentId: string;
  name: string;
  url: string;
  size: number;
  mime: string;
}

export interface Category {
  id: number;
  documentId: string;
  name: string;
  code: string;
  description?: string | null;
}

export interface FollowUp {
  id: number;
  documentId: string;
  body: string;
  /** A mail-born follow-up's HTML, sanitized by the e-mail intake, image links signed on read. */
  bodyHtml?: string | null;
  authorType: 'requester' | 'operator' | 'system';
  authorName: string | null;
  channel: Channel | null;
  createdAt: string;
  attachments?: Media[] | null;
}

export interface Ticket {
  id: number;
  documentId: string;
  number: string;
  title: string;
  description: string | null;
  /** A mail-born ticket's HTML, sanitized by the e-mail intake, image links signed on read. */
  descriptionHtml?: string | null;
  kind: 'incident' | 'request';
  priority: Priority;
  channel: Channel;
  state: TicketState;
  affectedService: string | null;
  reportedAt: string;
  takenInChargeAt: string | null;
  restoredAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  suspensionReason: string | null;
  cancellationReason: string | null;
  resolution: string | null;
  category?: Category | null;
  attachments?: Media[] | null;
  followUps?: FollowUp[] | null;
  sla: Sla | null;
}

export interface TimelineEvent {
  id: number;
  documentId: string;
  type: string;
  at: string;
  actorType?: string | null;
  actorName?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  data?: Record<string, unknown> | null;
}

export interface MaintenanceLog {
  id: number;
  documentId: string;
  title: string;
  description: string | null;
  type: 'planned' | 'preventive' | 'corrective' | 'evolutive';
  state: 'planned' | 'in_progress' | 'completed' | 'cancelled';
  scheduledStart: string | null;
  scheduledEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  affectedServices: string | null;
  outcome: string | null;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface ListResponse<T> {
  data: T[];
  meta: { pagination: Pagination };
}

export interface Me {
  id: number;
  username: string;
  email: string;
  language: 'it' | 'en';
  role: 'Staff' | 'Referente';
  organization: { documentId: string; name: string; code: string };
}
