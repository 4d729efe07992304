/**
 * The Content Manager's words where Strapi 5.54's Italian stops (its `it` has 151 of 345 keys): those an
 * operator meets registering and working a ticket. Content type names: the menu and the list title translate
 * the display name as an id. Field labels are not here: they are the view configuration's
 * (src/content-manager-views/views.ts).
 */
const CONTENT_TYPE_NAMES_IT = {
  Ticket: 'Segnalazioni',
  'Follow-up': 'Seguiti',
  'Maintenance log': 'Manutenzioni',
  Organization: 'Amministrazioni',
  Category: 'Categorie',
  Call: 'Chiamate',
  'Ticket event': 'Cronologia delle segnalazioni',
  'SLA calendar': 'Calendari SLA',
  'SLA policy': 'Politiche SLA',
  'SLA contract': 'Contratto SLA',
  'SLA clock': 'Tempi SLA',
  'Call-back task': 'Richiamate',
  'E-mail outbox': 'E-mail in uscita',
  'E-mail template': 'Modelli di e-mail',
  'Mail quarantine': 'Quarantena e-mail',
  'Intake mailbox': 'Caselle in ingresso',
  User: 'Utenti del portale',
};

export const CONTENT_MANAGER_IT = {
  ...CONTENT_TYPE_NAMES_IT,
  'content-manager.header.name': 'Gestione contenuti',
  'content-manager.components.LeftMenu.collection-types': 'Raccolte',
  'content-manager.components.LeftMenu.single-types': 'Elementi singoli',
  'content-manager.components.LeftMenu.Search.label': 'Cerca un tipo di contenuto',
  'content-manager.HeaderLayout.button.label-add-entry': 'Crea un nuovo elemento',
  'content-manager.containers.edit.title.new': 'Nuovo elemento',
  'content-manager.containers.edit.panels.default.title': 'Elemento',
  'content-manager.containers.edit.panels.default.more-actions': 'Altre azioni',
  'content-manager.containers.edit.header.more-actions': 'Altre azioni',
  'content-manager.containers.edit.information.last-draft.label': 'Modificato',
  'content-manager.containers.edit.information.last-draft.value': '{time}{isAnonymous, select, true {} other { da {author}}}',
  'content-manager.containers.edit.information.document.label': 'Creato',
  'content-manager.containers.edit.information.document.value': '{time}{isAnonymous, select, true {} other { da {author}}}',
  'content-manager.containers.edit.information.documentId.label': 'Identificativo',
  'content-manager.containers.list.items': '{number} {number, plural, =0 {elementi} one {elemento} other {elementi}}',
  'content-manager.containers.list.table.row-actions': 'Azioni sulla riga',
  'content-manager.pages.ListView.header-subtitle': '{number, plural, =0 {Nessun elemento trovato} one {# elemento trovato} other {# elementi trovati}}',
  'content-manager.relation.add': 'Aggiungi un collegamento',
  'content-manager.relation.create': 'Crea un collegamento',
  'content-manager.relation.disconnect': 'Rimuovi',
  'content-manager.form.Input.hint.character.unit': '{maxValue, plural, one { carattere} other { caratteri}}',
  'content-manager.actions.edit.label': 'Modifica',
  'content-manager.actions.clone.label': 'Duplica',
  'content-manager.actions.delete.label': 'Elimina{isLocalized, select, true { (tutte le lingue)} other {}}',
  'content-manager.actions.discard.label': 'Annulla le modifiche',
  'content-manager.actions.open-in-new-tab.label': 'Apri in una nuova scheda',
  'content-manager.actions.copy-documentId.label': "Copia l'identificativo",
};
