/**
 * The templates every installation starts with, in clear and formal Italian as a public administration
 * writes, and in English. Supervisors edit them in the admin panel; placeholders are checked on save.
 */
import type { Language, NotificationEvent } from './rules/variables';

type Seed = { subject: string; body: string };

const FOOTER_IT = `\n\nPer seguire la richiesta: {{ticket.url}}\nPer aggiungere informazioni è sufficiente rispondere a questo messaggio, lasciando invariato l'oggetto.\n\nCordiali saluti,\nIl servizio di Help Desk (SPOC)`;
const FOOTER_EN = `\n\nFollow the request here: {{ticket.url}}\nTo add information, simply reply to this message without changing the subject.\n\nKind regards,\nThe Help Desk (SPOC)`;

export const DEFAULT_TEMPLATES: Record<NotificationEvent, Record<Language, Seed>> = {
  'ticket.opened': {
    it: {
      subject: 'Registrazione della segnalazione: {{ticket.title}}',
      body: `Gentile {{requester.name}},\n\nla Sua segnalazione è stata registrata con il numero {{ticket.number}}.\n\nOggetto: {{ticket.title}}\nTipo: {{ticket.kind}}\nPriorità: {{ticket.priority}}\nCanale: {{ticket.channel}}\nData e ora della segnalazione: {{ticket.reportedAt}}\n\nTermine per la presa in carico: {{sla.takeChargeDueAt}}\nTermine per il ripristino: {{sla.restoreDueAt}}` + FOOTER_IT,
    },
    en: {
      subject: 'Your request has been registered: {{ticket.title}}',
      body: `Dear {{requester.name}},\n\nyour request has been registered with number {{ticket.number}}.\n\nSubject: {{ticket.title}}\nType: {{ticket.kind}}\nPriority: {{ticket.priority}}\nChannel: {{ticket.channel}}\nReported at: {{ticket.reportedAt}}\n\nTake-in-charge due by: {{sla.takeChargeDueAt}}\nRestore due by: {{sla.restoreDueAt}}` + FOOTER_EN,
    },
  },
  'ticket.suspended': {
    it: {
      subject: 'Richiesta sospesa in attesa di riscontro',
      body: `Gentile {{requester.name}},\n\nla lavorazione della richiesta {{ticket.number}} ({{ticket.title}}) è sospesa per il seguente motivo:\n\n{{reason}}\n\nLa lavorazione riprenderà appena ricevuto quanto indicato.` + FOOTER_IT,
    },
    en: {
      subject: 'Request on hold pending your reply',
      body: `Dear {{requester.name}},\n\nwork on request {{ticket.number}} ({{ticket.title}}) is on hold for this reason:\n\n{{reason}}\n\nWork will resume as soon as we receive what is needed.` + FOOTER_EN,
    },
  },
  'ticket.resumed': {
    it: {
      subject: 'Ripresa della lavorazione',
      body: `Gentile {{requester.name}},\n\nla lavorazione della richiesta {{ticket.number}} ({{ticket.title}}) è ripresa.` + FOOTER_IT,
    },
    en: {
      subject: 'Work has resumed',
      body: `Dear {{requester.name}},\n\nwork on request {{ticket.number}} ({{ticket.title}}) has resumed.` + FOOTER_EN,
    },
  },
  'ticket.restored': {
    it: {
      subject: 'Servizio ripristinato',
      body: `Gentile {{requester.name}},\n\nper la richiesta {{ticket.number}} ({{ticket.title}}) il servizio è stato ripristinato il {{ticket.restoredAt}}.\n\nSoluzione adottata:\n{{ticket.resolution}}\n\nSe il problema non risulta risolto può segnalarlo rispondendo a questo messaggio o dal portale: la richiesta sarà riaperta.` + FOOTER_IT,
    },
    en: {
      subject: 'Service restored',
      body: `Dear {{requester.name}},\n\nfor request {{ticket.number}} ({{ticket.title}}) the service was restored on {{ticket.restoredAt}}.\n\nSolution:\n{{ticket.resolution}}\n\nIf the problem is not solved, reply to this message or use the portal: the request will be reopened.` + FOOTER_EN,
    },
  },
  'ticket.closed': {
    it: {
      subject: 'Chiusura della richiesta: {{ticket.title}}',
      body: `Gentile {{requester.name}},\n\nla richiesta {{ticket.number}} ({{ticket.title}}) è stata chiusa il {{ticket.closedAt}}.\n\nSoluzione e azioni intraprese:\n{{ticket.resolution}}\n{{#followUps}}\n- {{at}}, {{author}}: {{body}}{{/followUps}}\n\nTempi:\nsegnalazione {{ticket.reportedAt}}; presa in carico {{ticket.takenInChargeAt}}; ripristino {{ticket.restoredAt}}.\nLivelli di servizio ({{sla.policy}}): presa in carico {{sla.takeChargeOutcome}}, ripristino {{sla.restoreOutcome}}.` + FOOTER_IT,
    },
    en: {
      subject: 'Request closed: {{ticket.title}}',
      body: `Dear {{requester.name}},\n\nrequest {{ticket.number}} ({{ticket.title}}) was closed on {{ticket.closedAt}}.\n\nSolution and actions taken:\n{{ticket.resolution}}\n{{#followUps}}\n- {{at}}, {{author}}: {{body}}{{/followUps}}\n\nTimes:\nreported {{ticket.reportedAt}}; taken in charge {{ticket.takenInChargeAt}}; restored {{ticket.restoredAt}}.\nService levels ({{sla.policy}}): take in charge {{sla.takeChargeOutcome}}, restore {{sla.restoreOutcome}}.` + FOOTER_EN,
    },
  },
  'follow-up.public': {
    it: {
      subject: 'Aggiornamento sulla richiesta: {{ticket.title}}',
      body: `Gentile {{requester.name}},\n\nsulla richiesta {{ticket.number}} ({{ticket.title}}) è stato aggiunto il seguente aggiornamento da {{followUp.author}}:\n\n{{followUp.body}}` + FOOTER_IT,
    },
    en: {
      subject: 'Update on your request: {{ticket.title}}',
      body: `Dear {{requester.name}},\n\n{{followUp.author}} added this update to request {{ticket.number}} ({{ticket.title}}):\n\n{{followUp.body}}` + FOOTER_EN,
    },
  },
};
