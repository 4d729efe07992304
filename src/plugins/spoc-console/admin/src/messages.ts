/**
 * Every word of the console, Italian first and English beside it: one entry per key, so a key cannot have
 * one language and miss the other. Keys are registered under the plugin's prefix (`spoc-console.<key>`).
 */
import * as React from 'react';
import { useIntl } from 'react-intl';
import portalEn from '../../../../../portal/src/i18n/en';
import portalIt from '../../../../../portal/src/i18n/it';

export const PREFIX = 'spoc-console';

const MESSAGES = {
  'menu.console': ['Console SPOC', 'SPOC console'],
  'queue.title': ['Coda delle richieste', 'Ticket queue'],
  'queue.subtitle': ['Le richieste aperte, la più urgente per prima', 'Open tickets, most urgent first'],
  'queue.new': ['Nuova richiesta', 'New ticket'],
  'queue.tabs': ['Viste della coda', 'Queue views'],
  'queue.tab.mine': ['Mie', 'Mine'],
  'queue.tab.unassigned': ['Non assegnate', 'Unassigned'],
  'queue.tab.open': ['Tutte aperte', 'All open'],
  'queue.tab.risk': ['A rischio o scadute', 'At risk or breached'],
  'queue.tab.restored': ['Risolte in attesa di conferma', 'Restored, awaiting confirmation'],
  'queue.filters': ['Filtri', 'Filters'],
  'queue.filter.any': ['Tutti', 'Any'],
  'queue.filter.anyFem': ['Tutte', 'Any'],
  'queue.search': ['Cerca per numero, oggetto o richiedente', 'Search by number, title or requester'],
  'queue.search.submit': ['Cerca', 'Search'],
  'queue.clear': ['Azzera i filtri', 'Clear filters'],
  'queue.empty': ['Nessuna richiesta in questa vista.', 'No ticket in this view.'],
  'queue.results': ['{total, plural, one {1 richiesta} other {# richieste}}', '{total, plural, one {1 ticket} other {# tickets}}'],
  'queue.page': ['Pagina {page} di {pages}', 'Page {page} of {pages}'],
  'queue.previous': ['Pagina precedente', 'Previous page'],
  'queue.next': ['Pagina successiva', 'Next page'],
  'queue.pageSize': ['Righe per pagina', 'Rows per page'],
  'queue.live.on': ['In tempo reale', 'Live'],
  'queue.live.off': ['Riconnessione…', 'Reconnecting…'],
  'queue.loadError': ['La coda non si è caricata: {message}', 'The queue did not load: {message}'],
  'col.number': ['Numero', 'Number'],
  'col.title': ['Oggetto', 'Title'],
  'col.organization': ['Amministrazione', 'Organization'],
  'col.requester': ['Richiedente', 'Requester'],
  'col.organizationRequester': ['Amministrazione e richiedente', 'Organization and requester'],
  'col.channel': ['Canale', 'Channel'],
  'col.priority': ['Priorità', 'Priority'],
  'col.state': ['Stato', 'State'],
  'col.category': ['Categoria', 'Category'],
  'col.kind': ['Tipo', 'Kind'],
  'col.assignee': ['Assegnata a', 'Assignee'],
  'col.due': ['Scadenza SLA', 'SLA due'],
  'col.reportedAt': ['Segnalata il', 'Reported at'],
  'clock.take_charge': ['Presa in carico', 'Take in charge'],
  'clock.restore': ['Ripristino', 'Restore'],
  'clock.on_time': ['Nei tempi', 'On time'],
  'clock.at_risk': ['A rischio', 'At risk'],
  'clock.breached': ['Scaduto', 'Breached'],
  'clock.paused': ['Sospeso', 'Paused'],
  'clock.met': ['Rispettato', 'Met'],
  'clock.left': ['mancano {time}', '{time} left'],
  'clock.over': ['scaduto da {time}', '{time} overdue'],
  'clock.due': ['entro {due}', 'due {due}'],
  'clock.none': ['Nessun orologio attivo', 'No running clock'],
  'clock.target': ['Obiettivo: {minutes} min', 'Target: {minutes} min'],
  'clock.startedAt': ['Avviato', 'Started'],
  'clock.dueAt': ['Scadenza', 'Due'],
  'clock.stoppedAt': ['Fermato', 'Stopped'],
  'clock.paused.intervals': ['Sospensioni', 'Pauses'],
  'clock.explanation': ['Come è calcolato', 'How it is computed'],
  'explain.policy': ['Politica «{policy}», calendario «{calendar}»', 'Policy "{policy}", calendar "{calendar}"'],
  'explain.takeCharge': ['Presa in carico: {elapsed} min lavorativi su {target}', 'Take in charge: {elapsed} working min of {target}'],
  'explain.restore': ['Ripristino: {elapsed} min lavorativi su {target}, esclusi {paused} min di sospensione', 'Restore: {elapsed} working min of {target}, {paused} min of suspension left out'],
  'explain.warnings': ['Avvisi al {fractions} dell\'obiettivo', 'Warnings at {fractions} of the target'],
  'explain.suspension': ['Sospensione dal {from} al {to}: {reason}', 'Suspension from {from} to {to}: {reason}'],
  'ws.back': ['Torna alla coda', 'Back to the queue'],
  'ws.loadError': ['La richiesta non si è caricata: {message}', 'The ticket did not load: {message}'],
  'ws.details': ['Dettagli', 'Details'],
  'ws.description': ['Descrizione', 'Description'],
  'ws.resolution': ['Soluzione', 'Resolution'],
  'ws.clocks': ['Orologi SLA', 'SLA clocks'],
  'ws.actions': ['Azioni', 'Actions'],
  'ws.noActions': ['Nessuna azione possibile in questo stato.', 'No action is possible in this state.'],
  'ws.reportedAtCorrected': ['(corretta)', '(corrected)'],
  'ws.unassigned': ['Non assegnata', 'Unassigned'],
  'ws.call': ['Chiama {phone}', 'Call {phone}'],
  'ws.mail': ['Scrivi a {email}', 'E-mail {email}'],
  'ws.live': ['Questa richiesta è cambiata: aggiornata.', 'This ticket changed: reloaded.'],
  'action.take-charge': ['Prendi in carico', 'Take in charge'],
  'action.suspend': ['Sospendi', 'Suspend'],
  'action.resume': ['Riprendi', 'Resume'],
  'action.restore': ['Ripristina', 'Restore'],
  'action.reopen': ['Riapri', 'Reopen'],
  'action.close': ['Chiudi', 'Close'],
  'action.cancel': ['Annulla la richiesta', 'Cancel the ticket'],
  'confirm.take-charge': ['La richiesta passa a «In lavorazione» e viene assegnata a te: l\'orologio di presa in carico si ferma.', 'The ticket moves to "In progress" and is assigned to you: the take-in-charge clock stops.'],
  'confirm.suspend': ['La richiesta viene sospesa. Se l\'attesa dipende dall\'Amministrazione, l\'orologio di ripristino si ferma fino alla ripresa.', 'The ticket is suspended. If the wait is the Administration\'s doing, the restore clock stops until it resumes.'],
  'confirm.resume': ['La richiesta torna «In lavorazione»: l\'orologio di ripristino riparte.', 'The ticket goes back to "In progress": the restore clock runs again.'],
  'confirm.restore': ['La richiesta passa a «Risolta»: l\'orologio di ripristino si ferma e il richiedente riceve la soluzione per e-mail.', 'The ticket becomes "Restored": the restore clock stops and the requester receives the solution by e-mail.'],
  'confirm.reopen': ['La richiesta torna «In lavorazione»: l\'orologio di ripristino riparte.', 'The ticket goes back to "In progress": the restore clock runs again.'],
  'confirm.close': ['La richiesta viene chiusa: il richiedente riceve l\'e-mail di chiusura con la soluzione.', 'The ticket is closed: the requester receives the closure e-mail with the solution.'],
  'confirm.cancel': ['La richiesta viene annullata con il motivo indicato: gli orologi si fermano.', 'The ticket is cancelled with the given reason: the clocks stop.'],
  'confirm.title': ['{action}: {number}', '{action}: {number}'],
  'confirm.mail': ['E-mail «{what}» a {to}', 'E-mail "{what}" to {to}'],
  'confirm.stops': ['Si ferma l\'orologio di {clock}.', 'The {clock} clock stops.'],
  'confirm.pauses': ['Si sospende l\'orologio di {clock} (se l\'attesa è attribuibile all\'Amministrazione).', 'The {clock} clock pauses (if the wait is the Administration\'s doing).'],
  'confirm.resumes': ['Riparte l\'orologio di {clock}.', 'The {clock} clock runs again.'],
  'confirm.noMails': ['Nessuna e-mail viene inviata.', 'No e-mail is sent.'],
  'confirm.ok': ['Conferma', 'Confirm'],
  'confirm.back': ['Indietro', 'Back'],
  'field.reason': ['Motivo', 'Reason'],
  'field.resolution': ['Soluzione adottata', 'Resolution'],
  'field.attributable': ['Attesa attribuibile all\'Amministrazione (sospende l\'orologio di ripristino)', 'Wait attributable to the Administration (pauses the restore clock)'],
  'field.required': ['Campo obbligatorio', 'Required'],
  'done.action': ['Azione «{action}» eseguita.', 'Action "{action}" done.'],
  'conflict.in_charge': ['già presa in carico', 'already taken in charge'],
  'conflict.suspended': ['già sospesa', 'already suspended'],
  'conflict.restored': ['già risolta', 'already restored'],
  'conflict.closed': ['già chiusa', 'already closed'],
  'conflict.cancelled': ['già annullata', 'already cancelled'],
  'conflict.new': ['ancora da prendere in carico', 'not yet taken in charge'],
  'conflict.byAt': ['La richiesta è {what} da {by} alle {at}. La pagina è stata ricaricata.', 'The ticket is {what} by {by} at {at}. The page was reloaded.'],
  'conflict.plain': ['La richiesta è {what}. La pagina è stata ricaricata.', 'The ticket is {what}. The page was reloaded.'],
  'assign.title': ['Assegnazione', 'Assignment'],
  'assign.me': ['Assegna a me', 'Assign to me'],
  'assign.other': ['Assegna a un altro operatore', 'Assign to another operator'],
  'assign.pick': ['Operatore', 'Operator'],
  'assign.submit': ['Assegna', 'Assign'],
  'assign.done': ['Assegnata a {name}.', 'Assigned to {name}.'],
  'classify.title': ['Classificazione', 'Classification'],
  'classify.open': ['Cambia priorità, categoria o tipo', 'Change priority, category or kind'],
  'classify.preview': ['Anteprima SLA', 'SLA preview'],
  'classify.save': ['Salva la classificazione', 'Save the classification'],
  'classify.previewText': ['Con questa classificazione (politica «{policy}»), senza salvare:', 'With this classification (policy "{policy}"), not saved:'],
  'classify.previewClock': ['{clock}: {target} min, entro {due} (ora: {before})', '{clock}: {target} min, due {due} (now: {before})'],
  'classify.done': ['Classificazione salvata: scadenze ricalcolate.', 'Classification saved: due times recomputed.'],
  'classify.none': ['Nessuna categoria', 'No category'],
  'composer.title': ['Scrivi', 'Write'],
  'composer.public': ['Risposta al richiedente (e-mail)', 'Reply to the requester (e-mail)'],
  'composer.internal': ['Nota interna (nessuna e-mail)', 'Internal note (no e-mail)'],
  'composer.visibility': ['Tipo di messaggio', 'Kind of message'],
  'composer.to': ['L\'e-mail va a: {to}', 'The e-mail goes to: {to}'],
  'composer.noRecipient': ['Il richiedente non ha un indirizzo e-mail: la risposta resta visibile sul portale, nessuna e-mail.', 'The requester has no e-mail address: the reply stays visible on the portal, no e-mail.'],
  'composer.noMail': ['Solo gli operatori la vedono: nessuna e-mail.', 'Only operators see it: no e-mail.'],
  'composer.body': ['Testo', 'Text'],
  'composer.canned': ['Risposta predefinita', 'Canned reply'],
  'composer.cannedPick': ['Inserisci una risposta predefinita', 'Insert a canned reply'],
  'composer.attachments': ['Allegati', 'Attachments'],
  'composer.drop': ['Trascina qui i file oppure premi per sceglierli', 'Drop files here or press to choose them'],
  'composer.limits': ['Fino a {count} file, massimo {size} ciascuno; non ammessi: {blocked}.', 'Up to {count} files, at most {size} each; not allowed: {blocked}.'],
  'composer.tooBig': ['{name}: supera {size}.', '{name}: larger than {size}.'],
  'composer.badType': ['{name}: formato non ammesso.', '{name}: file type not allowed.'],
  'composer.tooMany': ['Al massimo {count} file.', 'At most {count} files.'],
  'composer.remove': ['Rimuovi {name}', 'Remove {name}'],
  'composer.send': ['Invia', 'Send'],
  'composer.sentPublic': ['Inviata a {to}.', 'Sent to {to}.'],
  'composer.sentInternal': ['Nota interna salvata.', 'Internal note saved.'],
  'composer.empty': ['Scrivi il testo prima di inviare.', 'Write the text before sending.'],
  'timeline.title': ['Cronologia', 'Timeline'],
  // Internal events the portal never shows, so it has no words for them.
  'event.sla.warning': ['Avviso SLA: {clock} al {percent} dell\'obiettivo', 'SLA warning: {clock} at {percent} of the target'],
  'event.sla.breached': ['SLA scaduto: {clock}', 'SLA breached: {clock}'],
  'event.ticket.reported-at-declared': ['Registrazione tardiva: orario di segnalazione dichiarato', 'Late registration: reported time declared'],
  'event.callback.done': ['Richiamata eseguita', 'Call-back done'],
  'timeline.empty': ['Nessun evento.', 'No event.'],
  'timeline.mail': ['E-mail', 'E-mail'],
  'timeline.call': ['Telefonata', 'Call'],
  'timeline.internal': ['interno', 'internal'],
  'timeline.public': ['pubblico', 'public'],
  'timeline.to': ['a {to}', 'to {to}'],
  'timeline.smtp': ['Risposta del server: {answer}', 'Server answer: {answer}'],
  'mail.pending': ['In coda', 'Queued'],
  'mail.queued': ['In coda', 'Queued'],
  'mail.sending': ['In invio', 'Sending'],
  'mail.sent': ['Inviata', 'Sent'],
  'mail.captured': ['Trattenuta (senza SMTP)', 'Captured (no SMTP)'],
  'mail.failed': ['Non recapitabile', 'Failed'],
  'mail.undelivered': ['Non recapitata', 'Undelivered'],
  'super.title': ['Supervisione', 'Supervision'],
  'super.verify': ['Verifica catena', 'Verify chain'],
  'super.verifyOk': ['Catena integra: {count} eventi verificati.', 'Chain intact: {count} events verified.'],
  'super.verifyBad': ['Catena alterata: {detail}', 'Chain tampered: {detail}'],
  'super.correct': ['Correggi data/ora di segnalazione', 'Correct the reported time'],
  'super.correctAt': ['Nuova data/ora di segnalazione', 'New reported time'],
  'super.correctDone': ['Data/ora di segnalazione corretta: scadenze ricalcolate.', 'Reported time corrected: due times recomputed.'],
  'new.title': ['Nuova richiesta', 'New ticket'],
  'new.subtitle': ['Registrazione contemporanea alla chiamata: l\'ora di segnalazione è l\'apertura di questo modulo', 'Registered during the call: the reported time is when this form opened'],
  'new.organization': ['Amministrazione', 'Organization'],
  'new.requester': ['Richiedente', 'Requester'],
  'new.requesterFree': ['Altro richiedente (testo libero)', 'Other requester (free text)'],
  'new.requesterName': ['Nome e cognome', 'Full name'],
  'new.requesterEmail': ['E-mail', 'E-mail'],
  'new.requesterPhone': ['Telefono', 'Phone'],
  'new.requesterHint': ['Scegli un utente dell\'Amministrazione o scrivi i dati di chi chiama', 'Pick one of the organization\'s users or type the caller\'s details'],
  'new.title.field': ['Oggetto', 'Title'],
  'new.description': ['Descrizione', 'Description'],
  'new.category': ['Categoria', 'Category'],
  'new.kind': ['Tipo', 'Kind'],
  'new.priority': ['Priorità', 'Priority'],
  'new.targets': ['Obiettivi: presa in carico entro {takeCharge} min, ripristino entro {restore} min', 'Targets: take in charge within {takeCharge} min, restore within {restore} min'],
  'new.channel': ['Canale', 'Channel'],
  'new.channel.api': ['Altro', 'Other'],
  'new.reportedAt': ['Segnalata alle {time} (apertura del modulo)', 'Reported at {time} (when the form opened)'],
  'new.earlier': ['Indica un orario di segnalazione precedente', 'Set an earlier reported time'],
  'new.earlierAt': ['Data e ora della segnalazione', 'Reported date and time'],
  'new.earlierReason': ['Motivo del ritardo di registrazione (oltre 15 minuti)', 'Reason for the late registration (over 15 minutes)'],
  'new.submit': ['Registra la richiesta', 'Register the ticket'],
  'new.shortcut': ['Ctrl+Invio per registrare da qualsiasi campo', 'Ctrl+Enter registers from any field'],
  'new.created': ['Richiesta {number} registrata.', 'Ticket {number} registered.'],
  'new.open': ['Apri la richiesta', 'Open the ticket'],
  'new.another': ['Registra un\'altra richiesta', 'Register another ticket'],
  'new.problem.invalid': ['Data non valida', 'Invalid date'],
  'new.problem.future': ['Non può essere nel futuro', 'Cannot be in the future'],
  'new.problem.reason': ['Serve un motivo per un orario di oltre 15 minuti fa', 'A time over 15 minutes ago needs a reason'],
  'new.none': ['Nessuna', 'None'],
  'cm.panel': ['Console SPOC', 'SPOC console'],
  'cm.open': ['Apri nella console', 'Open in the console'],
  'cm.state': ['Stato: {state}', 'State: {state}'],
  'widget.mine': ['Le mie richieste aperte', 'My open tickets'],
  'widget.risk': ['SLA a rischio', 'SLA at risk'],
  'widget.openQueue': ['Apri la coda', 'Open the queue'],
  'widget.count': ['{count, plural, one {1 richiesta} other {# richieste}}', '{count, plural, one {1 ticket} other {# tickets}}'],
  'widget.none': ['Nessuna richiesta.', 'No ticket.'],
  'common.close': ['Chiudi', 'Close'],
  'common.cancel': ['Annulla', 'Cancel'],
  'common.save': ['Salva', 'Save'],
  'common.loading': ['Caricamento…', 'Loading…'],
  'common.error': ['Errore: {message}', 'Error: {message}'],
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** A timeline event's name: the portal's words (one source), in the panel's placeholder syntax. */
const eventWords = (events: Record<string, string>) =>
  Object.fromEntries(Object.entries(events).map(([type, words]) => [`${PREFIX}.event.${type}`, words.replace(/\{\{(\w+)\}\}/g, '{$1}')]));

const dictionary = (index: 0 | 1) => ({
  ...eventWords(index === 0 ? portalIt.event : portalEn.event),
  ...Object.fromEntries(Object.entries(MESSAGES).map(([key, words]) => [`${PREFIX}.${key}`, words[index]])),
});

export const translations = { it: dictionary(0), en: dictionary(1) };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The console's words in the panel's language; Italian when a translation is missing. */
export function useT(): Translate {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (key: MessageKey, values?: Record<string, string | number>) => formatMessage({ id: `${PREFIX}.${key}`, defaultMessage: MESSAGES[key][0] }, values),
    [formatMessage]
  );
}

/** A timeline event's name in the panel's words; unknown types read "Evento: <type>". */
export function useEventWord(): (type: string, values?: Record<string, string>) => string {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (type: string, values?: Record<string, string>) =>
      formatMessage(
        { id: `${PREFIX}.event.${type}`, defaultMessage: (portalIt.event as Record<string, string>)[type]?.replace(/\{\{(\w+)\}\}/g, '{$1}') ?? portalIt.event.other.replace('{{type}}', type) },
        { recipient: '', ...values }
      ),
    [formatMessage]
  );
}

/** A notification event's name (`ticket.restored`, `follow-up.public`): the E-mail settings page's words. */
export function useMailEventWord(): (event: string) => string {
  const { formatMessage } = useIntl();
  return React.useCallback((event: string) => formatMessage({ id: `notifications.settings.events.${event}`, defaultMessage: event }), [formatMessage]);
}

/** A value of an enumeration (state, priority, kind, channel) in the panel's words (src/admin/translations/enumerations.ts). */
export function useEnumWord(): (value: string | null | undefined) => string {
  const { formatMessage } = useIntl();
  return React.useCallback((value) => (value ? formatMessage({ id: value, defaultMessage: value }) : '—'), [formatMessage]);
}
