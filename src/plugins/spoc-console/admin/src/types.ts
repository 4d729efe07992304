/** The shapes the console's server routes answer with (the API contract of issue 15). */
import type { ClockKind, ClockState } from './rules/console-ui-rules';
import type { MaintenanceLog } from '../../../../../portal/src/api/types';
import type { ClockCompliance, PenaltyTotals } from '../../../sla/server/src/rules/penalties';

export interface Named {
  documentId: string;
  name: string;
}

export interface QueueClock {
  kind: ClockKind;
  state: ClockState;
  dueAt: string | null;
  targetMinutes: number;
  remainingMs: number | null;
}

export interface QueueRow {
  documentId: string;
  number: string;
  title: string;
  state: string;
  priority: string;
  kind: string;
  channel: string;
  reportedAt: string;
  organization: Named | null;
  requester: { documentId?: string; name: string; email?: string | null; phone?: string | null } | null;
  category: Named | null;
  assignee: { id: number; name: string } | null;
  clock: QueueClock | null;
}

export type QueueCounts = Record<'mine' | 'unassigned' | 'open' | 'risk' | 'restored', number>;

export interface QueueAnswer {
  data: QueueRow[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number }; counts: QueueCounts; serverTime: string };
}

export interface QueueOptions {
  organizations: Named[];
  categories: Named[];
  priorities: string[];
  channels: string[];
  states: string[];
  operators: Array<{ id: number; name: string }>;
}

export interface WorkspaceClock {
  kind: ClockKind;
  state: ClockState;
  targetMinutes: number | null;
  startedAt: string | null;
  dueAt: string | null;
  stoppedAt: string | null;
  remainingMs: number | null;
  pausedIntervals?: Array<{ from: string; to: string | null; reason?: string | null }>;
}

export interface TimelineEntry {
  id?: number | string;
  type: string;
  at?: string;
  createdAt?: string;
  actorName?: string | null;
  actor?: { name?: string | null; type?: string } | null;
  visibility?: string;
  data?: Record<string, unknown> | null;
  summary?: string | null;
}

export interface OutboxMessage {
  id: number | string;
  recipients?: string[] | string;
  to?: string | string[];
  subject: string;
  state: string;
  smtpResponse?: string | null;
  sentAt?: string | null;
  createdAt?: string;
}

export interface Workspace {
  ticket: {
    documentId: string;
    number: string;
    title: string;
    descriptionHtml?: string | null;
    state: string;
    priority: string;
    kind: string;
    channel: string;
    reportedAt: string;
    reportedAtCorrected?: boolean | null;
    organization: Named | null;
    requester: { name: string | null; email?: string | null; phone?: string | null } | null;
    category: Named | null;
    assignee: { id: number; name: string } | null;
    resolution?: string | null;
    createdAt: string;
    updatedAt: string;
  };
  sla: { clocks: WorkspaceClock[]; explanation?: unknown };
  allowedActions: string[];
  timeline: TimelineEntry[];
  messages: OutboxMessage[];
  calls: Array<Record<string, unknown>>;
  followUps: FollowUp[];
  notices?: {
    actions?: Record<string, ActionNotice>;
    publicFollowUp?: { event: string; recipients: Recipient[] };
  };
  attachmentLimits?: { maxBytes: number; maxFiles: number; blockedExtensions: string[] };
}

export interface Recipient {
  address: string;
  name?: string | null;
}

/** What an action sends and which clock it stops, pauses or resumes (the workspace's `notices.actions`). */
export interface ActionNotice {
  emails: Array<{ event: string; recipients: Recipient[] }>;
  clocks: { stops: ClockKind | null; pauses: ClockKind | null; resumes: ClockKind | null };
}

export interface CannedReply {
  documentId: string;
  title: string;
  body?: string;
}

export interface FollowUp {
  documentId: string;
  visibility: 'public' | 'internal';
  authorType?: string;
  authorName?: string | null;
  channel?: string;
  body?: string | null;
  bodyHtml?: string | null;
  attachments?: Array<{ id: number; name: string; size?: number; url?: string }>;
  createdAt: string;
}

export interface LiveTicketEvent {
  documentId: string;
  number: string;
  type: string;
  at: string;
}

/** A ticket as the phone desk lists it (the caller's, or what a call became). */
export interface DeskTicket {
  documentId: string;
  number: string;
  title: string;
  state: string;
  priority: string;
  reportedAt: string | null;
  closedAt: string | null;
}

/** A call as the phone desk answers it (GET /spoc-console/calls, /desk/status). */
export interface DeskCall {
  documentId: string;
  callId: string | null;
  callerNumber: string | null;
  startedAt: string;
  endedAt: string | null;
  dismissedAt: string | null;
  operator?: { id: number; name: string | null } | null;
  ticket?: DeskTicket | null;
}

/** What every page of the console polls: the operator's waiting calls and the call-backs due. */
export interface DeskStatus {
  calls: DeskCall[];
  callbacks: { open: number; overdue: number };
}

/** A waiting call with who is calling and what they asked before (GET /spoc-console/calls/:documentId). */
export interface CallDetail {
  call: DeskCall;
  caller: {
    requester: { id: number; documentId: string; username: string; email: string } | null;
    requesterName: string | null;
    requesterEmail: string | null;
    organization: { id: number; documentId: string; name: string } | null;
  };
  openTickets: DeskTicket[];
  closedTickets: DeskTicket[];
}

/** A call-back task (GET /notifications/callbacks). */
export interface CallbackTask {
  documentId: string;
  state: 'open' | 'done';
  noticeCount: number;
  dueAt: string;
  contactName: string | null;
  contactPhone: string | null;
  calledAt: string | null;
  outcome: 'reached' | 'not_reached' | 'message_left' | null;
  note: string | null;
  doneBy: string | null;
  ticket: { documentId: string; number: string; title: string; priority: string; state: string; organization: string | null } | null;
}

/** A message the e-mail intake held (GET /email-intake/quarantine). */
export interface QuarantinedMail {
  documentId: string;
  mailbox: string | null;
  receivedAt: string | null;
  sender: string | null;
  subject: string | null;
  reason: string | null;
  reasonCode: 'unknown_sender' | 'not_participant' | 'rate' | 'too_large' | 'unreadable' | 'no_sender' | 'other';
  state: 'held' | 'converted' | 'discarded';
  ticketNumber: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** A held message to read safely (GET /email-intake/quarantine/:documentId): sanitized HTML or text. */
export interface QuarantinePreview extends QuarantinedMail {
  from: { address: string; name: string } | null;
  to: string[];
  text: string | null;
  html: string | null;
  attachments: Array<{ name: string | null; contentType: string; size: number }>;
}

/** A maintenance activity (GET /spoc-console/maintenance): the portal's fields, with what the desk adds. */
export interface Maintenance extends Omit<MaintenanceLog, 'id'> {
  organization: { documentId: string; name: string } | null;
  tickets: Array<{ documentId: string; number: string; title: string; state: string }>;
  actions: Array<'start' | 'complete' | 'cancel'>;
}

/** A clock's compliance over the month, as the SLA report computes it (without its penalty points). */
type Compliance = Omit<ClockCompliance, 'pointsBelow' | 'pointPenalty'>;

/** The supervisors' board (GET /spoc-console/board). */
export interface BoardFigures {
  generatedAt: string;
  periods: { day: { from: string; to: string }; month: { from: string; to: string } };
  openTickets: Array<{ priority: string; state: string; count: number }>;
  breachesToday: { takeCharge: number; restore: number; total: number };
  compliance: { takeCharge: Compliance; restore: Compliance; byPriority: Array<{ priority: string; tickets: number; takeCharge: number | null; restore: number | null }> };
  penalties: PenaltyTotals;
  breachesThisMonth: number;
  mail: { failedToday: number; failedThisMonth: number; backlog: { waiting: number; oldestSeconds: number | null } };
  intake: Array<{ mailbox: string; lastReadAt: string | null; lagSeconds: number | null; lastError: string | null }>;
  callbacksOverdue: number;
  registrationLag: Array<{ channel: string; tickets: number; meanSeconds: number | null; medianSeconds: number | null; p90Seconds: number | null; maxSeconds: number | null }>;
}
