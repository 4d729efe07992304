/**
 * What a template may name, and how ticket facts read in each language. Pure: no Strapi import.
 */

export type Language = 'it' | 'en';
export const LANGUAGES: readonly Language[] = ['it', 'en'];

export const TICKET_EVENTS = ['ticket.opened', 'ticket.suspended', 'ticket.resumed', 'ticket.restored', 'ticket.closed', 'follow-up.public'] as const;
export const PROGRESS_EVENTS = ['ticket.progress'] as const;
export const ALERT_EVENTS = ['sla.warning', 'sla.breached'] as const;
export const DELIVERY_EVENTS = ['email.undelivered'] as const;
export const MAINTENANCE_EVENTS = ['maintenance.planned', 'maintenance.started', 'maintenance.completed'] as const;
/** Messages about a person's account, tied to no ticket or maintenance log. */
export const ACCOUNT_EVENTS = ['auth.password-reset'] as const;
export const EVENTS = [...TICKET_EVENTS, ...PROGRESS_EVENTS, ...ALERT_EVENTS, ...DELIVERY_EVENTS, ...MAINTENANCE_EVENTS, ...ACCOUNT_EVENTS] as const;
export type NotificationEvent = (typeof EVENTS)[number];
export type MaintenanceEvent = (typeof MAINTENANCE_EVENTS)[number];
export type AccountEvent = (typeof ACCOUNT_EVENTS)[number];
export type TicketEvent = Exclude<NotificationEvent, MaintenanceEvent | AccountEvent>;

export const isMaintenanceEvent = (event: string): event is MaintenanceEvent => (MAINTENANCE_EVENTS as readonly string[]).includes(event);
export const isAccountEvent = (event: string): event is AccountEvent => (ACCOUNT_EVENTS as readonly string[]).includes(event);

/** Who the message is written to: every template may greet them. */
const RECIPIENT = ['recipient', 'recipient.name'];

/** What every message about a ticket may name (empty when not relevant to the event). */
const TICKET_PLACEHOLDERS = [
  ...RECIPIENT,
  'ticket',
  'ticket.number',
  'ticket.title',
  'ticket.description',
  'ticket.kind',
  'ticket.priority',
  'ticket.channel',
  'ticket.state',
  'ticket.reportedAt',
  'ticket.registeredAt',
  'ticket.takenInChargeAt',
  'ticket.restoredAt',
  'ticket.closedAt',
  'ticket.resolution',
  'ticket.url',
  'organization',
  'organization.name',
  // The requester's name, or the recipient's when the message goes to the requester.
  'requester',
  'requester.name',
  'reason',
  'sla',
  'sla.policy',
  'sla.takeChargeDueAt',
  'sla.restoreDueAt',
  'sla.takeChargeOutcome',
  'sla.restoreOutcome',
  'followUps',
  'followUps.at',
  'followUps.author',
  'followUps.body',
  'followUp',
  'followUp.body',
  'followUp.author',
  'followUp.attachments',
];

const PROGRESS_PLACEHOLDERS = [...TICKET_PLACEHOLDERS, 'progress', 'progress.count', 'progress.nextAt', 'progress.nextStep'];

const ALERT_PLACEHOLDERS = [
  ...TICKET_PLACEHOLDERS,
  'ticket.assignee',
  'ticket.adminUrl',
  'alert',
  'alert.clock',
  'alert.threshold',
  'alert.dueAt',
  'alert.delay',
];

const DELIVERY_PLACEHOLDERS = [...TICKET_PLACEHOLDERS, 'ticket.adminUrl', 'bounce', 'bounce.recipient', 'bounce.subject', 'bounce.status', 'bounce.diagnostic'];

const MAINTENANCE_PLACEHOLDERS = [
  ...RECIPIENT,
  'organization',
  'organization.name',
  'maintenance',
  'maintenance.title',
  'maintenance.description',
  'maintenance.type',
  'maintenance.state',
  'maintenance.scheduledStart',
  'maintenance.scheduledEnd',
  'maintenance.actualStart',
  'maintenance.actualEnd',
  'maintenance.affectedServices',
  'maintenance.outcome',
];

const ACCOUNT_PLACEHOLDERS = [...RECIPIENT, 'account', 'account.email', 'account.username', 'reset', 'reset.url'];

/** The placeholders a template of this event may use; a template naming any other is refused when saved. */
export function placeholdersFor(event: NotificationEvent): readonly string[] {
  if (isAccountEvent(event)) return ACCOUNT_PLACEHOLDERS;
  if ((PROGRESS_EVENTS as readonly string[]).includes(event)) return PROGRESS_PLACEHOLDERS;
  if ((ALERT_EVENTS as readonly string[]).includes(event)) return ALERT_PLACEHOLDERS;
  if ((DELIVERY_EVENTS as readonly string[]).includes(event)) return DELIVERY_PLACEHOLDERS;
  if (isMaintenanceEvent(event)) return MAINTENANCE_PLACEHOLDERS;
  return TICKET_PLACEHOLDERS;
}

const LABELS: Record<Language, Record<string, Record<string, string>>> = {
  it: {
    kind: { incident: 'Guasto (incident)', request: 'Richiesta di servizio' },
    priority: { P1: 'P1 – bloccante', P2: 'P2 – alta', P3: 'P3 – media', P4: 'P4 – bassa' },
    channel: { phone: 'telefono', email: 'posta elettronica', portal: 'portale web', api: 'integrazione applicativa' },
    state: { new: 'registrata', in_charge: 'presa in carico', suspended: 'sospesa', restored: 'servizio ripristinato', closed: 'chiusa', cancelled: 'annullata' },
    outcome: { met: 'rispettato', missed: 'non rispettato', open: 'in corso', none: 'non applicabile' },
    clock: { takeCharge: 'presa in carico', restore: 'ripristino' },
    maintenanceType: { planned: 'programmata', preventive: 'preventiva', corrective: 'correttiva', evolutive: 'evolutiva' },
    maintenanceState: { planned: 'pianificata', in_progress: 'in corso', completed: 'completata', cancelled: 'annullata' },
  },
  en: {
    kind: { incident: 'Incident', request: 'Service request' },
    priority: { P1: 'P1 – blocking', P2: 'P2 – high', P3: 'P3 – medium', P4: 'P4 – low' },
    channel: { phone: 'phone', email: 'e-mail', portal: 'web portal', api: 'application integration' },
    state: { new: 'registered', in_charge: 'taken in charge', suspended: 'suspended', restored: 'service restored', closed: 'closed', cancelled: 'cancelled' },
    outcome: { met: 'met', missed: 'missed', open: 'running', none: 'not applicable' },
    clock: { takeCharge: 'take in charge', restore: 'restore' },
    maintenanceType: { planned: 'planned', preventive: 'preventive', corrective: 'corrective', evolutive: 'evolutive' },
    maintenanceState: { planned: 'planned', in_progress: 'in progress', completed: 'completed', cancelled: 'cancelled' },
  },
};

export function label(language: Language, group: string, value: string | null | undefined): string {
  if (!value) return '';
  return LABELS[language][group]?.[value] ?? value;
}

/**
 * Day, month, year, hour and minute of an instant in Europe/Rome, from one formatter made once.
 * Luxon's DateTime (the rest of the code's date library) asked Intl for the zone's offset anew for every
 * date, and an opening e-mail formats up to eight: a third of a millisecond of each ticket's CPU (issue 17).
 * tests/unit/render.test.ts checks every quarter hour of a year, both DST changes included, against Luxon.
 */
// Numeric parts only: the same in Italian and English, so one formatter serves both languages.
const romeParts = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Dates as an Italian (or English) reader expects them, in Europe/Rome: "01/07/2026 ore 10:05", "01/07/2026 10:05". */
export function formatInstant(value: Date | string | null | undefined, language: Language): string {
  if (!value) return '';
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of romeParts.formatToParts(new Date(value))) parts[part.type] = part.value;
  return `${parts.day}/${parts.month}/${parts.year}${language === 'it' ? ' ore ' : ' '}${parts.hour}:${parts.minute}`;
}

export function outcome(language: Language, met: boolean | null | undefined, stopped: boolean): string {
  if (!stopped) return label(language, 'outcome', 'open');
  if (met === null || met === undefined) return label(language, 'outcome', 'none');
  return label(language, 'outcome', met ? 'met' : 'missed');
}

/** A delay as people say it: "2 h 05 min", "35 min", "1 g 3 h" ("1 d 3 h"). */
export function formatDuration(ms: number, language: Language): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} ${language === 'it' ? 'g' : 'd'}`);
  if (hours) parts.push(`${hours} h`);
  if (rest || parts.length === 0) parts.push(`${rest} min`);
  return parts.join(' ');
}
