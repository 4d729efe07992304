/**
 * The templates every installation starts with, in clear and formal Italian as a public administration
 * writes, and in English. Supervisors edit them in the admin panel; placeholders are checked on save.
 */
import type { Language, NotificationEvent } from './rules/variables';

type Seed = { subject: string; body: string };

const FOOTER_IT = `\n\nPer seguire la richiesta: {{ticket.url}}\nPer aggiungere informazioni è sufficiente rispondere a questo messaggio, lasciando invariato l'oggetto.\n\nCordiali saluti,\nIl servizio di Help Desk (SPOC)`;
const FOOTER_EN = `\n\nFollow the request here: {{ticket.url}}\nTo add information, simply reply to this message without changing the subject.\n\nKind regards,\nThe Help Desk (SPOC)`;

const STAFF_FOOTER_IT = `\n\nScheda nel pannello SPOC: {{ticket.adminUrl}}\n\nMessaggio automatico di SPOC Desk.`;
const STAFF_FOOTER_EN = `\n\nTicket in the SPOC panel: {{ticket.adminUrl}}\n\nAutomatic message from SPOC Desk.`;
const MAINTENANCE_FOOTER_IT = `\n\nPer informazioni è sufficiente rispondere a questo messaggio.\n\nCordiali saluti,\nIl servizio di Help Desk (SPOC)`;
const MAINTENANCE_FOOTER_EN = `\n\nFor information, simply reply to this message.\n\nKind regards,\nThe Help Desk (SPOC)`;

export const DEFAULT_TEMPLATES: Record<NotificationEvent, Record<Language, Seed>> = {
  'ticket.opened': {
    it: {
      subject: 'Registrazione della segnalazione: {{ticket.title}}',
      body: `Gentile {{recipient.name}},\n\nla Sua segnalazione è stata registrata con il numero {{ticket.number}}.\n\nOggetto: {{ticket.title}}\nTipo: {{ticket.kind}}\nPriorità: {{ticket.priority}}\nCanale: {{ticket.channel}}\nData e ora della segnalazione: {{ticket.reportedAt}}\n\nTermine per la presa in carico: {{sla.takeChargeDueAt}}\nTermine per il ripristino: {{sla.restoreDueAt}}` + FOOTER_IT,
    },
    en: {
      subject: 'Your request has been registered: {{ticket.title}}',
      body: `Dear {{recipient.name}},\n\nyour request has been registered with number {{ticket.number}}.\n\nSubject: {{ticket.title}}\nType: {{ticket.kind}}\nPriority: {{ticket.priority}}\nChannel: {{ticket.channel}}\nReported at: {{ticket.reportedAt}}\n\nTake-in-charge due by: {{sla.takeChargeDueAt}}\nRestore due by: {{sla.restoreDueAt}}` + FOOTER_EN,
    },
  },
  'ticket.suspended': {
    it: {
      subject: 'Richiesta sospesa in attesa di riscontro',
      body: `Gentile {{recipient.name}},\n\nla lavorazione della richiesta {{ticket.number}} ({{ticket.title}}) è sospesa per il seguente motivo:\n\n{{reason}}\n\nLa lavorazione riprenderà appena ricevuto quanto indicato.` + FOOTER_IT,
    },
    en: {
      subject: 'Request on hold pending your reply',
      body: `Dear {{recipient.name}},\n\nwork on request {{ticket.number}} ({{ticket.title}}) is on hold for this reason:\n\n{{reason}}\n\nWork will resume as soon as we receive what is needed.` + FOOTER_EN,
    },
  },
  'ticket.resumed': {
    it: {
      subject: 'Ripresa della lavorazione',
      body: `Gentile {{recipient.name}},\n\nla lavorazione della richiesta {{ticket.number}} ({{ticket.title}}) è ripresa.` + FOOTER_IT,
    },
    en: {
      subject: 'Work has resumed',
      body: `Dear {{recipient.name}},\n\nwork on request {{ticket.number}} ({{ticket.title}}) has resumed.` + FOOTER_EN,
    },
  },
  'ticket.restored': {
    it: {
      subject: 'Servizio ripristinato',
      body: `Gentile {{recipient.name}},\n\nper la richiesta {{ticket.number}} ({{ticket.title}}) il servizio è stato ripristinato il {{ticket.restoredAt}}.\n\nSoluzione adottata:\n{{ticket.resolution}}\n\nSe il problema non risulta risolto può segnalarlo rispondendo a questo messaggio o dal portale: la richiesta sarà riaperta.` + FOOTER_IT,
    },
    en: {
      subject: 'Service restored',
      body: `Dear {{recipient.name}},\n\nfor request {{ticket.number}} ({{ticket.title}}) the service was restored on {{ticket.restoredAt}}.\n\nSolution:\n{{ticket.resolution}}\n\nIf the problem is not solved, reply to this message or use the portal: the request will be reopened.` + FOOTER_EN,
    },
  },
  'ticket.closed': {
    it: {
      subject: 'Chiusura della richiesta: {{ticket.title}}',
      body: `Gentile {{recipient.name}},\n\nla richiesta {{ticket.number}} ({{ticket.title}}) è stata chiusa il {{ticket.closedAt}}.\n\nSoluzione e azioni intraprese:\n{{ticket.resolution}}\n{{#followUps}}\n- {{at}}, {{author}}: {{body}}{{/followUps}}\n\nTempi:\nsegnalazione {{ticket.reportedAt}}; presa in carico {{ticket.takenInChargeAt}}; ripristino {{ticket.restoredAt}}.\nLivelli di servizio ({{sla.policy}}): presa in carico {{sla.takeChargeOutcome}}, ripristino {{sla.restoreOutcome}}.` + FOOTER_IT,
    },
    en: {
      subject: 'Request closed: {{ticket.title}}',
      body: `Dear {{recipient.name}},\n\nrequest {{ticket.number}} ({{ticket.title}}) was closed on {{ticket.closedAt}}.\n\nSolution and actions taken:\n{{ticket.resolution}}\n{{#followUps}}\n- {{at}}, {{author}}: {{body}}{{/followUps}}\n\nTimes:\nreported {{ticket.reportedAt}}; taken in charge {{ticket.takenInChargeAt}}; restored {{ticket.restoredAt}}.\nService levels ({{sla.policy}}): take in charge {{sla.takeChargeOutcome}}, restore {{sla.restoreOutcome}}.` + FOOTER_EN,
    },
  },
  'follow-up.public': {
    it: {
      subject: 'Aggiornamento sulla richiesta: {{ticket.title}}',
      body: `Gentile {{recipient.name}},\n\nsulla richiesta {{ticket.number}} ({{ticket.title}}) è stato aggiunto il seguente aggiornamento da {{followUp.author}}:\n\n{{followUp.body}}{{#followUp.attachments}}\n\nAllegati (consultabili dal portale): {{followUp.attachments}}{{/followUp.attachments}}` + FOOTER_IT,
    },
    en: {
      subject: 'Update on your request: {{ticket.title}}',
      body: `Dear {{recipient.name}},\n\n{{followUp.author}} added this update to request {{ticket.number}} ({{ticket.title}}):\n\n{{followUp.body}}{{#followUp.attachments}}\n\nAttachments (on the portal): {{followUp.attachments}}{{/followUp.attachments}}` + FOOTER_EN,
    },
  },
  'ticket.progress': {
    it: {
      subject: 'Stato di avanzamento della richiesta: {{ticket.title}}',
      body: `Gentile {{recipient.name}},\n\nLe comunichiamo lo stato di avanzamento della richiesta {{ticket.number}} ({{ticket.title}}), segnalata il {{ticket.reportedAt}} con priorità {{ticket.priority}}.\n\nStato attuale: {{ticket.state}}\n{{#reason}}Motivo della sospensione: {{reason}}\n{{/reason}}Presa in carico: {{sla.takeChargeOutcome}} (termine {{sla.takeChargeDueAt}})\nRipristino: {{sla.restoreOutcome}} (termine {{sla.restoreDueAt}})\n\nUltimi aggiornamenti:{{#followUps}}\n- {{at}}, {{author}}: {{body}}{{/followUps}}{{^followUps}} nessuno finora.{{/followUps}}\n\nProssimi passi: {{progress.nextStep}}\nQuesta è la comunicazione n. {{progress.count}}; la prossima, se la richiesta sarà ancora aperta, il {{progress.nextAt}}.` + FOOTER_IT,
    },
    en: {
      subject: 'Progress of request: {{ticket.title}}',
      body: `Dear {{recipient.name}},\n\nthis is the progress of request {{ticket.number}} ({{ticket.title}}), reported on {{ticket.reportedAt}} with priority {{ticket.priority}}.\n\nCurrent status: {{ticket.state}}\n{{#reason}}Reason for the suspension: {{reason}}\n{{/reason}}Take in charge: {{sla.takeChargeOutcome}} (due {{sla.takeChargeDueAt}})\nRestore: {{sla.restoreOutcome}} (due {{sla.restoreDueAt}})\n\nLatest updates:{{#followUps}}\n- {{at}}, {{author}}: {{body}}{{/followUps}}{{^followUps}} none so far.{{/followUps}}\n\nNext steps: {{progress.nextStep}}\nThis is notice no. {{progress.count}}; the next one, if the request is still open, on {{progress.nextAt}}.` + FOOTER_EN,
    },
  },
  'sla.warning': {
    it: {
      subject: 'Avviso SLA: {{alert.threshold}} del tempo di {{alert.clock}} trascorso',
      body: `Ticket {{ticket.number}} ({{ticket.title}}), {{organization.name}}, priorità {{ticket.priority}}, stato {{ticket.state}}.\n\nÈ trascorso il {{alert.threshold}} del tempo di {{alert.clock}}: il termine scade il {{alert.dueAt}}.\nIncaricato: {{ticket.assignee}}` + STAFF_FOOTER_IT,
    },
    en: {
      subject: 'SLA warning: {{alert.threshold}} of the {{alert.clock}} time elapsed',
      body: `Ticket {{ticket.number}} ({{ticket.title}}), {{organization.name}}, priority {{ticket.priority}}, status {{ticket.state}}.\n\n{{alert.threshold}} of the {{alert.clock}} time has elapsed: it is due on {{alert.dueAt}}.\nAssignee: {{ticket.assignee}}` + STAFF_FOOTER_EN,
    },
  },
  'sla.breached': {
    it: {
      subject: 'SLA violato: {{alert.clock}} oltre il termine',
      body: `Ticket {{ticket.number}} ({{ticket.title}}), {{organization.name}}, priorità {{ticket.priority}}, stato {{ticket.state}}.\n\nIl termine di {{alert.clock}} è scaduto il {{alert.dueAt}}; ritardo al momento dell'avviso: {{alert.delay}}.\nIncaricato: {{ticket.assignee}}` + STAFF_FOOTER_IT,
    },
    en: {
      subject: 'SLA breached: {{alert.clock}} overdue',
      body: `Ticket {{ticket.number}} ({{ticket.title}}), {{organization.name}}, priority {{ticket.priority}}, status {{ticket.state}}.\n\nThe {{alert.clock}} time was due on {{alert.dueAt}}; delay when this alert was raised: {{alert.delay}}.\nAssignee: {{ticket.assignee}}` + STAFF_FOOTER_EN,
    },
  },
  'maintenance.planned': {
    it: {
      subject: 'Manutenzione pianificata: {{maintenance.title}}',
      body: `Gentile {{recipient.name}},\n\nLe comunichiamo che è stata pianificata una manutenzione {{maintenance.type}} per {{organization.name}}.\n\nIntervento: {{maintenance.title}}\n{{maintenance.description}}\n\nFinestra prevista: dal {{maintenance.scheduledStart}} al {{maintenance.scheduledEnd}}\nServizi interessati: {{maintenance.affectedServices}}` + MAINTENANCE_FOOTER_IT,
    },
    en: {
      subject: 'Maintenance planned: {{maintenance.title}}',
      body: `Dear {{recipient.name}},\n\n{{maintenance.type}} maintenance has been planned for {{organization.name}}.\n\nWork: {{maintenance.title}}\n{{maintenance.description}}\n\nWindow: from {{maintenance.scheduledStart}} to {{maintenance.scheduledEnd}}\nAffected services: {{maintenance.affectedServices}}` + MAINTENANCE_FOOTER_EN,
    },
  },
  'maintenance.started': {
    it: {
      subject: 'Manutenzione iniziata: {{maintenance.title}}',
      body: `Gentile {{recipient.name}},\n\nLe comunichiamo che la manutenzione "{{maintenance.title}}" è iniziata il {{maintenance.actualStart}}.\n\nFine prevista: {{maintenance.scheduledEnd}}\nServizi interessati: {{maintenance.affectedServices}}` + MAINTENANCE_FOOTER_IT,
    },
    en: {
      subject: 'Maintenance started: {{maintenance.title}}',
      body: `Dear {{recipient.name}},\n\nthe maintenance "{{maintenance.title}}" started on {{maintenance.actualStart}}.\n\nExpected end: {{maintenance.scheduledEnd}}\nAffected services: {{maintenance.affectedServices}}` + MAINTENANCE_FOOTER_EN,
    },
  },
  'maintenance.completed': {
    it: {
      subject: 'Manutenzione completata: {{maintenance.title}}',
      body: `Gentile {{recipient.name}},\n\nLe comunichiamo che la manutenzione "{{maintenance.title}}" è stata completata il {{maintenance.actualEnd}} (iniziata il {{maintenance.actualStart}}).\n\nServizi interessati: {{maintenance.affectedServices}}\nEsito: {{maintenance.outcome}}` + MAINTENANCE_FOOTER_IT,
    },
    en: {
      subject: 'Maintenance completed: {{maintenance.title}}',
      body: `Dear {{recipient.name}},\n\nthe maintenance "{{maintenance.title}}" was completed on {{maintenance.actualEnd}} (started on {{maintenance.actualStart}}).\n\nAffected services: {{maintenance.affectedServices}}\nOutcome: {{maintenance.outcome}}` + MAINTENANCE_FOOTER_EN,
    },
  },
  'email.undelivered': {
    it: {
      subject: 'E-mail non recapitata: {{bounce.subject}}',
      body: `Il messaggio "{{bounce.subject}}" inviato a {{bounce.recipient}} per il ticket {{ticket.number}} ({{ticket.title}}, {{organization.name}}) non è stato recapitato.\n\nEsito del server di posta: {{bounce.status}} {{bounce.diagnostic}}\n\nLa comunicazione è obbligatoria: verificare l'indirizzo e informare il destinatario per altra via.` + STAFF_FOOTER_IT,
    },
    en: {
      subject: 'E-mail not delivered: {{bounce.subject}}',
      body: `The message "{{bounce.subject}}" sent to {{bounce.recipient}} for ticket {{ticket.number}} ({{ticket.title}}, {{organization.name}}) was not delivered.\n\nMail server outcome: {{bounce.status}} {{bounce.diagnostic}}\n\nThis notice is mandatory: check the address and reach the recipient another way.` + STAFF_FOOTER_EN,
    },
  },
  'auth.password-reset': {
    it: {
      subject: 'Reimpostazione della password del portale',
      body: `Gentile {{recipient.name}},\n\nabbiamo ricevuto una richiesta di reimpostazione della password per l'account {{account.email}} del portale dell'Help Desk.\n\nPer scegliere una nuova password apra questo collegamento:\n{{reset.url}}\n\nIl collegamento vale una sola volta e smette di funzionare se ne viene richiesto un altro. Se non ha chiesto Lei la reimpostazione, ignori questo messaggio: la password attuale resta valida.\n\nMessaggio automatico: non rispondere.\n\nCordiali saluti,\nIl servizio di Help Desk (SPOC)`,
    },
    en: {
      subject: 'Resetting your portal password',
      body: `Dear {{recipient.name}},\n\nwe received a request to reset the password of the account {{account.email}} on the Help Desk portal.\n\nTo choose a new password, open this link:\n{{reset.url}}\n\nThe link works once and stops working when another one is requested. If you did not ask for this, ignore this message: your current password stays valid.\n\nAutomatic message: please do not reply.\n\nKind regards,\nThe Help Desk (SPOC)`,
    },
  },
};
