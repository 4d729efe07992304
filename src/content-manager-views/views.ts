/**
 * How the Content Manager shows each content type of ours to operators: Italian labels (and a description
 * where a field needs one), list columns, default sort, the edit layout's rows, the technical fields hidden
 * from the edit view, the protected ones read-only, and the field relation pickers show (`mainField`).
 * Pure data, no Strapi import: src/bootstrap/content-manager-views.ts applies it, merge.ts decides which
 * keys it may still change.
 */

export interface FieldView {
  /** Shown above the input and as the list column's head. */
  label: string;
  /** Shown under the input. */
  description?: string;
  /** Technical: not in the edit view (still readable through the API). */
  hidden?: true;
  /** Shown, never editable in the form: set by the system or by the lifecycle actions. */
  readOnly?: true;
  /** For a relation: the target's field its picker and list cell show. */
  mainField?: string;
}

/** A row of the edit view: field names, or [name, width in a 12-column grid] where the type's default is not wanted. */
export type EditRow = ReadonlyArray<string | readonly [string, number]>;

export interface TypeView {
  /** What pickers and titles show for a record of this type. */
  mainField: string;
  sortBy: string;
  sortOrder: 'ASC' | 'DESC';
  /** List columns, in order. */
  list: readonly string[];
  edit: readonly EditRow[];
  /** Every attribute of the type, each with its label. */
  fields: Readonly<Record<string, FieldView>>;
}

/** Relations to these targets show these fields in pickers and list cells (a name, never an id). */
const ADMIN_USER = 'email';
const PORTAL_USER = 'username';

const TICKET: TypeView = {
  mainField: 'number',
  // Newest first: the operator's work starts with what just came in.
  sortBy: 'reportedAt',
  sortOrder: 'DESC',
  list: ['number', 'title', 'state', 'priority', 'organization', 'assignee', 'reportedAt'],
  edit: [
    ['number', 'state', 'reportedAt'].map((name) => [name, 4] as const),
    [['title', 12]],
    ['description'],
    ['kind', 'priority', 'channel'].map((name) => [name, 4] as const),
    ['organization', 'category'],
    ['assignee', 'affectedService'],
    ['requester', 'requesterName'],
    ['requesterEmail', 'requesterPhone'],
    ['externalRef', 'attachments'],
    ['registeredAt', 'takenInChargeAt'].map((name) => [name, 4] as const),
    ['restoredAt', 'closedAt', 'cancelledAt'].map((name) => [name, 4] as const),
    [['resolution', 12]],
    ['suspensionReason', 'cancellationReason'],
    ['followUps', 'maintenanceLogs'],
  ],
  fields: {
    number: { label: 'Numero', description: 'Assegnato dal sistema al salvataggio', readOnly: true },
    title: { label: 'Oggetto' },
    description: { label: 'Descrizione' },
    descriptionHtml: { label: 'Descrizione (HTML della e-mail)', hidden: true },
    kind: { label: 'Tipo' },
    priority: { label: 'Priorità', description: 'P1 bloccante, P2 alta, P3 media, P4 bassa: decide i tempi SLA' },
    category: { label: 'Categoria', mainField: 'name' },
    affectedService: { label: 'Servizio interessato' },
    channel: { label: 'Canale', description: 'Come è arrivata la segnalazione' },
    state: { label: 'Stato', description: 'Cambia solo con le azioni (presa in carico, sospensione, ripristino, chiusura, annullamento)', readOnly: true },
    reportedAt: { label: 'Segnalata il', description: 'Inizio della chiamata o arrivo della richiesta: da qui partono i tempi SLA (al salvataggio, se vuoto, è adesso)', readOnly: true },
    registeredAt: { label: 'Registrata il', readOnly: true },
    takenInChargeAt: { label: 'Presa in carico il', readOnly: true },
    restoredAt: { label: 'Ripristinata il', readOnly: true },
    closedAt: { label: 'Chiusa il', readOnly: true },
    cancelledAt: { label: 'Annullata il', readOnly: true },
    suspensionReason: { label: 'Motivo della sospensione', readOnly: true },
    cancellationReason: { label: "Motivo dell'annullamento", readOnly: true },
    resolution: { label: 'Soluzione', description: 'Scritta con il ripristino; va nella e-mail di chiusura', readOnly: true },
    externalRef: { label: 'Riferimento esterno', description: 'Numero della pratica in un altro sistema, se c’è' },
    requester: { label: 'Richiedente (utente del portale)', mainField: PORTAL_USER },
    requesterName: { label: 'Nome del richiedente' },
    requesterEmail: { label: 'E-mail del richiedente' },
    requesterPhone: { label: 'Telefono del richiedente' },
    organization: { label: 'Amministrazione', mainField: 'name' },
    assignee: { label: 'Assegnata a', mainField: ADMIN_USER },
    attachments: { label: 'Allegati' },
    followUps: { label: 'Seguiti', mainField: 'body', readOnly: true },
    maintenanceLogs: { label: 'Manutenzioni collegate', mainField: 'title' },
    timelineLength: { label: 'Eventi nella cronologia', hidden: true, readOnly: true },
    timelineHash: { label: 'Impronta della cronologia', hidden: true, readOnly: true },
  },
};

const FOLLOW_UP: TypeView = {
  mainField: 'body',
  sortBy: 'createdAt',
  sortOrder: 'DESC',
  list: ['ticket', 'body', 'visibility', 'authorType', 'authorName', 'channel', 'createdAt'],
  edit: [
    ['ticket', 'visibility'],
    [['body', 12]],
    ['authorType', 'channel'],
    ['authorAdmin', 'authorUser'],
    ['authorName', 'attachments'],
  ],
  fields: {
    ticket: { label: 'Segnalazione', mainField: 'number' },
    body: { label: 'Testo' },
    bodyHtml: { label: 'Testo (HTML della e-mail)', hidden: true },
    visibility: { label: 'Visibilità', description: 'Pubblico: lo vede il richiedente; interno: solo gli operatori' },
    // The document middleware sets these for a follow-up written in the panel: the operator signed in, console.
    authorType: { label: 'Autore', description: 'Per un seguito scritto qui: operatore, al salvataggio', readOnly: true },
    authorName: { label: "Nome dell'autore", readOnly: true },
    authorUser: { label: 'Autore (utente del portale)', mainField: PORTAL_USER, readOnly: true },
    authorAdmin: { label: 'Autore (operatore)', mainField: ADMIN_USER, readOnly: true },
    channel: { label: 'Canale', description: 'Per un seguito scritto qui: console SPOC, al salvataggio', readOnly: true },
    attachments: { label: 'Allegati' },
  },
};

const MAINTENANCE_LOG: TypeView = {
  mainField: 'title',
  sortBy: 'scheduledStart',
  sortOrder: 'DESC',
  list: ['title', 'type', 'state', 'organization', 'scheduledStart', 'scheduledEnd'],
  edit: [
    [['title', 8], ['state', 4]],
    ['type', 'organization'],
    ['description'],
    ['scheduledStart', 'scheduledEnd'],
    ['actualStart', 'actualEnd'],
    ['affectedServices', 'outcome'],
    ['tickets', 'attachments'],
  ],
  fields: {
    title: { label: 'Titolo' },
    description: { label: 'Descrizione' },
    type: { label: 'Tipo' },
    state: { label: 'Stato' },
    scheduledStart: { label: 'Inizio previsto' },
    scheduledEnd: { label: 'Fine prevista' },
    actualStart: { label: 'Inizio effettivo' },
    actualEnd: { label: 'Fine effettiva' },
    affectedServices: { label: 'Servizi interessati' },
    outcome: { label: 'Esito' },
    organization: { label: 'Amministrazione', description: 'Vuoto: riguarda tutte le Amministrazioni', mainField: 'name' },
    tickets: { label: 'Segnalazioni collegate', mainField: 'number' },
    attachments: { label: 'Allegati' },
  },
};

const ORGANIZATION: TypeView = {
  mainField: 'name',
  sortBy: 'name',
  sortOrder: 'ASC',
  list: ['name', 'code', 'referentName', 'notificationEmail', 'language'],
  edit: [
    ['name', 'code'],
    ['referentName', 'referentEmail'],
    ['referentPhone', 'notificationEmail'],
    ['emailDomains', 'language'],
  ],
  fields: {
    name: { label: 'Nome' },
    code: { label: 'Codice', description: 'Lettere maiuscole, cifre, - e _' },
    referentName: { label: 'Referente' },
    referentEmail: { label: 'E-mail del referente', description: 'Riceve gli avvisi di avanzamento degli interventi lunghi' },
    referentPhone: { label: 'Telefono del referente' },
    notificationEmail: { label: 'E-mail per le notifiche' },
    emailDomains: { label: 'Domini e-mail', description: 'Separati da virgola: le e-mail da questi domini aprono segnalazioni per questa Amministrazione' },
    language: { label: 'Lingua delle comunicazioni' },
  },
};

const CATEGORY: TypeView = {
  mainField: 'name',
  sortBy: 'name',
  sortOrder: 'ASC',
  list: ['name', 'code', 'description'],
  edit: [['name', 'code'], [['description', 12]]],
  fields: {
    name: { label: 'Nome' },
    code: { label: 'Codice' },
    description: { label: 'Descrizione' },
  },
};

const CALL: TypeView = {
  mainField: 'callerNumber',
  sortBy: 'startedAt',
  sortOrder: 'DESC',
  list: ['startedAt', 'callerNumber', 'operator', 'ticket', 'endedAt'],
  edit: [
    ['callerNumber', 'callerNumberE164'],
    ['startedAt', 'endedAt'],
    ['operator', 'ticket'],
    ['callId', 'dismissedAt'],
  ],
  fields: {
    callId: { label: 'Identificativo della chiamata', description: 'Assegnato dal centralino', readOnly: true },
    callerNumber: { label: 'Numero del chiamante' },
    callerNumberE164: { label: 'Numero (formato internazionale)', readOnly: true },
    startedAt: { label: 'Inizio chiamata' },
    endedAt: { label: 'Fine chiamata' },
    dismissedAt: { label: 'Chiusa senza richiesta', description: "Quando l'operatore l'ha chiusa senza registrare né aggiornare una richiesta", readOnly: true },
    operator: { label: 'Operatore', mainField: ADMIN_USER },
    ticket: { label: 'Segnalazione', mainField: 'number' },
  },
};

const TICKET_EVENT: TypeView = {
  mainField: 'type',
  sortBy: 'at',
  sortOrder: 'DESC',
  list: ['ticket', 'seq', 'type', 'at', 'actorName', 'visibility'],
  edit: [
    ['ticket', 'seq', 'type'].map((name) => [name, 4] as const),
    ['at', 'visibility'],
    ['actorType', 'actorName'],
    ['fromStatus', 'toStatus'],
    ['data'],
  ],
  // The timeline is append-only and hash-chained: nothing of it is edited in the panel.
  fields: {
    ticket: { label: 'Segnalazione', mainField: 'number', readOnly: true },
    seq: { label: 'N.', readOnly: true },
    type: { label: 'Evento', readOnly: true },
    at: { label: 'Quando', readOnly: true },
    visibility: { label: 'Visibilità', readOnly: true },
    actorType: { label: 'Tipo di autore', readOnly: true },
    actorId: { label: "Identificativo dell'autore", hidden: true, readOnly: true },
    actorName: { label: 'Autore', readOnly: true },
    fromStatus: { label: 'Stato precedente', readOnly: true },
    toStatus: { label: 'Nuovo stato', readOnly: true },
    data: { label: 'Dettagli', readOnly: true },
    prevHash: { label: 'Impronta precedente', hidden: true, readOnly: true },
    hash: { label: 'Impronta', hidden: true, readOnly: true },
  },
};

const SLA_CALENDAR: TypeView = {
  mainField: 'name',
  sortBy: 'name',
  sortOrder: 'ASC',
  list: ['name', 'code', 'timeZone', 'alwaysOpen', 'italianHolidays'],
  edit: [
    ['name', 'code'],
    ['timeZone', 'alwaysOpen', 'italianHolidays'].map((name) => [name, 4] as const),
    [['patronDay', 4]],
    ['hours'],
    ['closedDates'],
  ],
  fields: {
    name: { label: 'Nome' },
    code: { label: 'Codice' },
    timeZone: { label: 'Fuso orario' },
    alwaysOpen: { label: 'Sempre aperto (24x7)' },
    hours: { label: 'Orari di apertura', description: 'Per giorno della settimana (0 domenica … 6 sabato): elenco di intervalli {"from":"08:00","to":"18:00"}' },
    italianHolidays: { label: 'Festività nazionali italiane' },
    patronDay: { label: 'Santo patrono (MM-GG)', description: 'Ad esempio 06-13 per Padova' },
    closedDates: { label: 'Altre chiusure', description: 'Elenco di date AAAA-MM-GG' },
  },
};

const targets = (priority: string) => ({
  [`${priority}TakeChargeMinutes`]: { label: `${priority.toUpperCase()}: presa in carico (minuti)` },
  [`${priority}RestoreMinutes`]: { label: `${priority.toUpperCase()}: ripristino (minuti)` },
  [`${priority}ProgressMinutes`]: { label: `${priority.toUpperCase()}: avviso di avanzamento ogni (minuti)` },
});

const SLA_POLICY: TypeView = {
  mainField: 'name',
  sortBy: 'rank',
  sortOrder: 'ASC',
  list: ['name', 'isDefault', 'rank', 'calendar', 'kind'],
  edit: [
    [['name', 6], ['isDefault', 3], ['rank', 3]],
    ['calendar', 'kind'],
    ['organizations', 'categories'],
    ...['p1', 'p2', 'p3', 'p4'].map((p) => [`${p}TakeChargeMinutes`, `${p}RestoreMinutes`, `${p}ProgressMinutes`].map((name) => [name, 4] as const)),
    [['complianceThreshold', 4]],
    ['warningFractions'],
    ['phoneNoticePriorities'],
  ],
  fields: {
    name: { label: 'Nome' },
    isDefault: { label: 'Predefinita', description: 'Vale quando nessun’altra politica corrisponde' },
    rank: { label: 'Ordine', description: 'Tra più politiche che corrispondono vale quella con il numero più basso' },
    calendar: { label: 'Calendario', mainField: 'name' },
    ...targets('p1'),
    ...targets('p2'),
    ...targets('p3'),
    ...targets('p4'),
    warningFractions: { label: 'Soglie di preavviso', description: 'Frazioni del tempo previsto, ad esempio [0.75, 0.9]' },
    phoneNoticePriorities: { label: 'Priorità con avviso telefonico', description: 'Ad esempio ["P1"]' },
    complianceThreshold: { label: 'Soglia di conformità (%)' },
    organizations: { label: 'Amministrazioni', description: 'Vuoto: tutte', mainField: 'name' },
    categories: { label: 'Categorie', description: 'Vuoto: tutte', mainField: 'name' },
    kind: { label: 'Tipo di segnalazione', description: 'Vuoto: entrambi' },
  },
};

const SLA_CONTRACT: TypeView = {
  mainField: 'id',
  sortBy: 'id',
  sortOrder: 'ASC',
  list: ['contractValue', 'complianceThreshold', 'capShare'],
  edit: [
    ['contractValue', 'complianceThreshold', 'capShare'].map((name) => [name, 4] as const),
    [['penaltyPerPointBelowThreshold', 4]],
    ['takeChargePenaltyPerHour'],
    ['restorePenaltyPerHour'],
  ],
  fields: {
    contractValue: { label: 'Valore del contratto (€)' },
    capShare: { label: 'Tetto delle penali', description: 'Quota del valore del contratto, ad esempio 0,1 per il 10%' },
    complianceThreshold: { label: 'Soglia di conformità (%)' },
    takeChargePenaltyPerHour: { label: 'Penale per ora di ritardo nella presa in carico (€)', description: 'Per priorità, ad esempio {"P1": 100}' },
    restorePenaltyPerHour: { label: 'Penale per ora di ritardo nel ripristino (€)', description: 'Per priorità, ad esempio {"P1": 200}' },
    penaltyPerPointBelowThreshold: { label: 'Penale per punto sotto soglia (€)' },
  },
};

const SLA_CLOCK: TypeView = {
  mainField: 'ticketId',
  sortBy: 'computedAt',
  sortOrder: 'DESC',
  list: ['ticketId', 'priority', 'policyName', 'takeChargeDueAt', 'restoreDueAt', 'restoreBreached'],
  edit: [
    [['ticketId', 4], ['priority', 4], ['computedAt', 4]],
    ['policyName', 'calendarName'],
    ['takeChargeMinutes', 'takeChargeElapsedMinutes', 'takeChargeMet', 'takeChargeBreached'].map((name) => [name, 3] as const),
    ['takeChargeDueAt', 'takeChargeWarnAt'],
    ['restoreMinutes', 'restoreElapsedMinutes', 'restorePausedMinutes'].map((name) => [name, 4] as const),
    ['restoreMet', 'restoreBreached'].map((name) => [name, 4] as const),
    ['restoreDueAt', 'restoreWarnAt'],
  ],
  // Computed by the SLA engine only.
  fields: {
    ticketId: { label: 'Segnalazione (id)', readOnly: true },
    policyId: { label: 'Politica (id)', hidden: true, readOnly: true },
    policyName: { label: 'Politica', readOnly: true },
    calendarId: { label: 'Calendario (id)', hidden: true, readOnly: true },
    calendarName: { label: 'Calendario', readOnly: true },
    priority: { label: 'Priorità', readOnly: true },
    takeChargeMinutes: { label: 'Presa in carico: tempo previsto (min)', readOnly: true },
    restoreMinutes: { label: 'Ripristino: tempo previsto (min)', readOnly: true },
    warningFractions: { label: 'Soglie di preavviso', hidden: true, readOnly: true },
    takeChargeDueAt: { label: 'Presa in carico entro', readOnly: true },
    takeChargeWarnAt: { label: 'Preavviso presa in carico', readOnly: true },
    takeChargeElapsedMinutes: { label: 'Presa in carico: minuti trascorsi', readOnly: true },
    takeChargeMet: { label: 'Presa in carico nei tempi', readOnly: true },
    takeChargeBreached: { label: 'Presa in carico scaduta', readOnly: true },
    restoreDueAt: { label: 'Ripristino entro', readOnly: true },
    restoreWarnAt: { label: 'Preavviso ripristino', readOnly: true },
    restoreElapsedMinutes: { label: 'Ripristino: minuti trascorsi', readOnly: true },
    restorePausedMinutes: { label: 'Ripristino: minuti sospesi', readOnly: true },
    restoreMet: { label: 'Ripristino nei tempi', readOnly: true },
    restoreBreached: { label: 'Ripristino scaduto', readOnly: true },
    nextCheckAt: { label: 'Prossimo controllo', hidden: true, readOnly: true },
    computedAt: { label: 'Calcolato il', readOnly: true },
  },
};

const CALLBACK: TypeView = {
  mainField: 'contactName',
  sortBy: 'dueAt',
  sortOrder: 'ASC',
  list: ['ticket', 'state', 'dueAt', 'contactName', 'contactPhone', 'calledAt'],
  edit: [
    ['ticket', 'state'],
    ['dueAt', 'calledAt'],
    ['contactName', 'contactPhone'],
    ['outcome', 'doneBy'],
    ['note'],
  ],
  fields: {
    ticket: { label: 'Segnalazione', mainField: 'number', readOnly: true },
    noticeCount: { label: 'Avviso n.', hidden: true, readOnly: true },
    state: { label: 'Stato' },
    dueAt: { label: 'Da chiamare entro', readOnly: true },
    contactName: { label: 'Referente da chiamare' },
    contactPhone: { label: 'Telefono' },
    calledAt: { label: 'Chiamato il' },
    outcome: { label: 'Esito della chiamata' },
    note: { label: 'Nota', description: 'Che cosa è stato detto al referente' },
    doneBy: { label: 'Chiamato da' },
  },
};

const MESSAGE: TypeView = {
  mainField: 'subject',
  sortBy: 'createdAt',
  sortOrder: 'DESC',
  list: ['createdAt', 'recipient', 'subject', 'event', 'state', 'attempts'],
  edit: [
    ['recipient', 'state'],
    [['subject', 12]],
    ['event', 'language'],
    ['attempts', 'nextAttemptAt', 'sentAt'].map((name) => [name, 4] as const),
    [['lastError', 12]],
    ['text', 'smtpResponse'],
  ],
  // Written by the outbox and its worker only.
  fields: {
    state: { label: 'Stato', readOnly: true },
    event: { label: 'Evento', readOnly: true },
    language: { label: 'Lingua', readOnly: true },
    recipient: { label: 'Destinatario', readOnly: true },
    subject: { label: 'Oggetto', readOnly: true },
    text: { label: 'Testo', readOnly: true },
    html: { label: 'Testo (HTML)', hidden: true, readOnly: true },
    ticketId: { label: 'Segnalazione (id)', hidden: true, readOnly: true },
    maintenanceLogId: { label: 'Manutenzione (id)', hidden: true, readOnly: true },
    messageId: { label: 'Message-ID', hidden: true, readOnly: true },
    inReplyTo: { label: 'In-Reply-To', hidden: true, readOnly: true },
    attempts: { label: 'Tentativi', readOnly: true },
    nextAttemptAt: { label: 'Prossimo tentativo', readOnly: true },
    leaseUntil: { label: 'In invio fino a', hidden: true, readOnly: true },
    lastError: { label: 'Ultimo errore', readOnly: true },
    smtpResponse: { label: 'Risposta del server di posta', readOnly: true },
    sentAt: { label: 'Inviato il', readOnly: true },
  },
};

const TEMPLATE: TypeView = {
  mainField: 'event',
  sortBy: 'event',
  sortOrder: 'ASC',
  list: ['event', 'language', 'subject'],
  edit: [['event', 'language'], [['subject', 12]], [['body', 12]]],
  fields: {
    event: { label: 'Evento', readOnly: true },
    language: { label: 'Lingua', readOnly: true },
    subject: { label: 'Oggetto' },
    body: { label: 'Testo', description: 'I segnaposto {{…}} sono sostituiti con i dati della segnalazione' },
  },
};

const QUARANTINE: TypeView = {
  mainField: 'subject',
  sortBy: 'receivedAt',
  sortOrder: 'DESC',
  list: ['receivedAt', 'sender', 'subject', 'mailbox', 'state', 'ticketNumber'],
  edit: [
    ['sender', 'receivedAt'],
    [['subject', 12]],
    ['mailbox', 'state'],
    ['reason', 'ticketNumber'],
    ['decidedBy', 'decidedAt'],
    [['decisionNote', 12]],
  ],
  fields: {
    messageKey: { label: 'Chiave del messaggio', hidden: true, readOnly: true },
    mailbox: { label: 'Casella', readOnly: true },
    receivedAt: { label: 'Ricevuta il', readOnly: true },
    sender: { label: 'Mittente', readOnly: true },
    subject: { label: 'Oggetto', readOnly: true },
    reason: { label: 'Motivo della quarantena', readOnly: true },
    state: { label: 'Stato', readOnly: true },
    ticketNumber: { label: 'Segnalazione', readOnly: true },
    decidedBy: { label: 'Deciso da', readOnly: true },
    decidedAt: { label: 'Deciso il', readOnly: true },
    decisionNote: { label: 'Motivo della decisione', readOnly: true },
    raw: { label: 'Messaggio originale', hidden: true, readOnly: true },
  },
};

const MAILBOX: TypeView = {
  mainField: 'name',
  sortBy: 'name',
  sortOrder: 'ASC',
  list: ['name', 'host', 'user', 'folder', 'enabled'],
  edit: [
    ['name', 'enabled'],
    [['host', 6], ['port', 3], ['secure', 3]],
    ['user', 'password'],
    ['folder', 'processedFolder', 'quarantineFolder'].map((name) => [name, 4] as const),
  ],
  fields: {
    name: { label: 'Nome' },
    host: { label: 'Server IMAP' },
    port: { label: 'Porta' },
    secure: { label: 'TLS' },
    user: { label: 'Utente' },
    password: { label: 'Password' },
    folder: { label: 'Cartella da leggere' },
    processedFolder: { label: 'Cartella dei messaggi elaborati' },
    quarantineFolder: { label: 'Cartella della quarantena' },
    enabled: { label: 'Attiva' },
  },
};

const CANNED_REPLY: TypeView = {
  mainField: 'title',
  sortBy: 'title',
  sortOrder: 'ASC',
  list: ['title', 'language', 'active'],
  edit: [['title', 'language'], ['active'], [['body', 12]]],
  fields: {
    title: { label: 'Titolo' },
    language: { label: 'Lingua' },
    active: { label: 'Attiva', description: 'Solo le risposte attive sono proposte agli operatori nella console' },
    body: { label: 'Testo', description: "I segnaposto {{…}} dell'e-mail di aggiornamento (es. {{requester.name}}, {{ticket.number}}) sono sostituiti con i dati della segnalazione" },
  },
};

/** By content type uid. Types of ours not listed here keep Strapi's generated view. */
export const CONTENT_MANAGER_VIEWS: Readonly<Record<string, TypeView>> = {
  'api::ticket.ticket': TICKET,
  'api::follow-up.follow-up': FOLLOW_UP,
  'api::maintenance-log.maintenance-log': MAINTENANCE_LOG,
  'api::organization.organization': ORGANIZATION,
  'api::category.category': CATEGORY,
  'api::call.call': CALL,
  'api::ticket-event.ticket-event': TICKET_EVENT,
  'plugin::sla.calendar': SLA_CALENDAR,
  'plugin::sla.policy': SLA_POLICY,
  'plugin::sla.contract': SLA_CONTRACT,
  'plugin::sla.clock': SLA_CLOCK,
  'plugin::notifications.callback': CALLBACK,
  'plugin::notifications.message': MESSAGE,
  'plugin::notifications.template': TEMPLATE,
  'plugin::email-intake.quarantine': QUARANTINE,
  'plugin::email-intake.mailbox': MAILBOX,
  'plugin::spoc-console.canned-reply': CANNED_REPLY,
};
