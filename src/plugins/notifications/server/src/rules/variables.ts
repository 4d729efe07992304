/**
 * What a template may name, and how ticket facts read in each language. Pure: no Strapi import.
 */
import { DateTime } from 'luxon';

export type Language = 'it' | 'en';
export const LANGUAGES: readonly Language[] = ['it', 'en'];

export const EVENTS = ['ticket.opened', 'ticket.suspended', 'ticket.resumed', 'ticket.restored', 'ticket.closed', 'follow-up.public'] as const;
export type NotificationEvent = (typeof EVENTS)[number];

/** Every placeholder a template may use; all are given for every event (empty when not relevant). */
export const ALLOWED_PLACEHOLDERS = [
  'ticket',
  'ticket.number',
  'ticket.title',
  'ticket.description',
  'ticket.kind',
  'ticket.priority',
  'ticket.channel',
  'ticket.status',
  'ticket.reportedAt',
  'ticket.registeredAt',
  'ticket.takenInChargeAt',
  'ticket.restoredAt',
  'ticket.closedAt',
  'ticket.resolution',
  'ticket.url',
  'organization',
  'organization.name',
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
] as const;

const LABELS: Record<Language, Record<string, Record<string, string>>> = {
  it: {
    kind: { incident: 'Guasto (incident)', request: 'Richiesta di servizio' },
    priority: { P1: 'P1 – bloccante', P2: 'P2 – alta', P3: 'P3 – media', P4: 'P4 – bassa' },
    channel: { phone: 'telefono', email: 'posta elettronica', portal: 'portale web', api: 'integrazione applicativa' },
    status: { new: 'registrata', in_charge: 'presa in carico', suspended: 'sospesa', restored: 'servizio ripristinato', closed: 'chiusa', cancelled: 'annullata' },
    outcome: { met: 'rispettato', missed: 'non rispettato', open: 'in corso', none: 'non applicabile' },
  },
  en: {
    kind: { incident: 'Incident', request: 'Service request' },
    priority: { P1: 'P1 – blocking', P2: 'P2 – high', P3: 'P3 – medium', P4: 'P4 – low' },
    channel: { phone: 'phone', email: 'e-mail', portal: 'web portal', api: 'application integration' },
    status: { new: 'registered', in_charge: 'taken in charge', suspended: 'suspended', restored: 'service restored', closed: 'closed', cancelled: 'cancelled' },
    outcome: { met: 'met', missed: 'missed', open: 'running', none: 'not applicable' },
  },
};

export function label(language: Language, group: string, value: string | null | undefined): string {
  if (!value) return '';
  return LABELS[language][group]?.[value] ?? value;
}

/** Dates as an Italian (or English) reader expects them, in Europe/Rome. */
export function formatInstant(value: Date | string | null | undefined, language: Language): string {
  if (!value) return '';
  const date = DateTime.fromJSDate(new Date(value), { zone: 'Europe/Rome' }).setLocale(language === 'it' ? 'it-IT' : 'en-GB');
  return date.toFormat(language === 'it' ? "dd/LL/yyyy 'ore' HH:mm" : 'dd/LL/yyyy HH:mm');
}

export function outcome(language: Language, met: boolean | null | undefined, stopped: boolean): string {
  if (!stopped) return label(language, 'outcome', 'open');
  if (met === null || met === undefined) return label(language, 'outcome', 'none');
  return label(language, 'outcome', met ? 'met' : 'missed');
}
