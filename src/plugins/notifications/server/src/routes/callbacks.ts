import { allowed, PERMISSIONS } from '../../../../spoc-console/server/src/permissions';

/** Call-back tasks: operators in the admin panel, tools with an API token (content API permissions). */
export const callbackAdminRoutes = [
  {
    method: 'GET',
    path: '/callbacks',
    handler: 'callbacks.find',
    config: allowed(PERMISSIONS.work),
  },
  {
    method: 'POST',
    path: '/callbacks/:id/done',
    handler: 'callbacks.complete',
    config: allowed(PERMISSIONS.work),
  },
];

export const callbackContentApiRoutes = [
  { method: 'GET', path: '/callbacks', handler: 'callbacks.find', config: { policies: [] } },
  { method: 'POST', path: '/callbacks/:id/done', handler: 'callbacks.complete', config: { policies: [] } },
  { method: 'POST', path: '/progress/run', handler: 'callbacks.runProgress', config: { policies: [] } },
];
