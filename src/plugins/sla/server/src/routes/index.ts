import { allowed, PERMISSIONS } from '../../../../spoc-console/server/src/permissions';

/** Supervisors explain a ticket's computation from the admin panel; API tools read the same. */
const supervisors = allowed(PERMISSIONS.supervise);

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/:collection(calendars|policies)', handler: 'sla.list', config: { policies: [] } },
      { method: 'GET', path: '/tickets/:id/explain', handler: 'sla.explain', config: { policies: [] } },
      { method: 'GET', path: '/report', handler: 'sla.report', config: { policies: [] } },
      { method: 'POST', path: '/sweep', handler: 'sla.sweep', config: { policies: [] } },
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/tickets/:id/explain', handler: 'sla.explain', config: supervisors },
      { method: 'GET', path: '/report', handler: 'sla.report', config: supervisors },
    ],
  },
};
