import { PERMISSIONS } from '../../../../spoc-console/server/src/permissions';

const supervisors = { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [PERMISSIONS.supervise] } }] };

export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/quarantine/:id/raw', handler: 'quarantine.raw', config: supervisors },
      { method: 'POST', path: '/quarantine/:id/convert', handler: 'quarantine.convert', config: supervisors },
      { method: 'POST', path: '/quarantine/:id/discard', handler: 'quarantine.discard', config: supervisors },
    ],
  },
};
