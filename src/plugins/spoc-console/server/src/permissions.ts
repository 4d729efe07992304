/** Admin-panel permissions of the console, granted to the SPOC roles in the app's bootstrap. */
export const PERMISSIONS = {
  work: 'plugin::spoc-console.tickets.work',
  supervise: 'plugin::spoc-console.tickets.supervise',
} as const;

export const ACTIONS = [
  { section: 'plugins', pluginName: 'spoc-console', uid: 'tickets.work', displayName: 'Lavorare i ticket (presa in carico, sospensione, ripristino, chiusura)' },
  { section: 'plugins', pluginName: 'spoc-console', uid: 'tickets.supervise', displayName: 'Supervisione: correzione della data/ora di segnalazione, verifica della timeline' },
];

/** A route's config: an authenticated admin holding the permission (deny by default). */
export const allowed = (permission: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [permission] } }],
});
