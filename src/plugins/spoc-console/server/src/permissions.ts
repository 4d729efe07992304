/** Admin-panel permissions of the console, granted to the SPOC roles in the app's bootstrap. */
export const PERMISSIONS = {
  work: 'plugin::spoc-console.tickets.work',
  supervise: 'plugin::spoc-console.tickets.supervise',
} as const;

export const ACTIONS = [
  { section: 'plugins', pluginName: 'spoc-console', uid: 'tickets.work', displayName: 'Lavorare i ticket (presa in carico, sospensione, ripristino, chiusura)' },
  { section: 'plugins', pluginName: 'spoc-console', uid: 'tickets.supervise', displayName: 'Supervisione: correzione della data/ora di segnalazione, verifica della timeline' },
];
