import portalEn from '../../../portal/src/i18n/en';
import portalIt, { type Messages } from '../../../portal/src/i18n/it';

/** A ticket's state, priority, kind and channel: the portal's own words, so that the two never drift apart. */
const ticketWords = (words: Messages) => ({
  ...words.state,
  P1: words.priority.P1,
  P2: words.priority.P2,
  P3: words.priority.P3,
  P4: words.priority.P4,
  ...words.kind,
  ...words.channel,
});

/**
 * The values of our enumerations as people read them. The Content Manager's form labels each option of an
 * enumeration with the translation whose id is the raw value (`formatMessage({ id: value })`), so these keys
 * are bare values; the list view shows them through content-manager/enumeration-cells.tsx. One value has one
 * label everywhere: a maintenance of type `planned` and one in state `planned` both read "Pianificata".
 */
export const ENUMERATIONS_IT = {
  ...ticketWords(portalIt),
  console: 'Console SPOC',
  // Follow-ups and timeline events
  public: 'Pubblico',
  internal: 'Interno',
  requester: 'Richiedente',
  operator: 'Operatore',
  system: 'Sistema',
  user: 'Utente del portale',
  admin: 'Operatore del pannello',
  'api-token': 'Integrazione (token API)',
  // Maintenance: type and state
  planned: 'Pianificata',
  preventive: 'Preventiva',
  corrective: 'Correttiva',
  evolutive: 'Evolutiva',
  in_progress: 'In corso',
  completed: 'Completata',
  // Languages
  it: 'Italiano',
  en: 'Inglese',
  // Call-backs, outbox, quarantine
  open: 'Da fare',
  done: 'Fatta',
  reached: 'Raggiunto',
  not_reached: 'Non raggiunto',
  message_left: 'Messaggio lasciato',
  pending: 'In coda',
  sending: 'In invio',
  sent: 'Inviato',
  captured: 'Trattenuto (sviluppo, senza SMTP)',
  failed: 'Non recapitabile',
  undelivered: 'Non recapitato',
  held: 'In quarantena',
  converted: 'Diventata segnalazione',
  discarded: 'Scartata',
} as const;

export const ENUMERATIONS_EN: Record<keyof typeof ENUMERATIONS_IT, string> = {
  ...ticketWords(portalEn),
  console: 'SPOC console',
  public: 'Public',
  internal: 'Internal',
  requester: 'Requester',
  operator: 'Operator',
  system: 'System',
  user: 'Portal user',
  admin: 'Panel operator',
  'api-token': 'Integration (API token)',
  planned: 'Planned',
  preventive: 'Preventive',
  corrective: 'Corrective',
  evolutive: 'Evolutive',
  in_progress: 'In progress',
  completed: 'Completed',
  it: 'Italian',
  en: 'English',
  open: 'To do',
  done: 'Done',
  reached: 'Reached',
  not_reached: 'Not reached',
  message_left: 'Message left',
  pending: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  captured: 'Captured (development, no SMTP)',
  failed: 'Failed',
  undelivered: 'Undelivered',
  held: 'Held',
  converted: 'Became a ticket',
  discarded: 'Discarded',
};
