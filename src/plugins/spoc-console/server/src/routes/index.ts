import { allowed, PERMISSIONS } from '../permissions';
import deskRoutes from './desks';
import workspaceRoutes from './workspace';

export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/queue', handler: 'queue.list', config: allowed(PERMISSIONS.work) },
      { method: 'GET', path: '/queue/options', handler: 'queue.options', config: allowed(PERMISSIONS.work) },
      { method: 'GET', path: '/live', handler: 'live.stream', config: allowed(PERMISSIONS.work) },
      { method: 'POST', path: '/tickets/:id/actions/:action', handler: 'tickets.perform', config: allowed(PERMISSIONS.work) },
      { method: 'POST', path: '/tickets/:id/correct-reported-at', handler: 'tickets.correctReportedAt', config: allowed(PERMISSIONS.supervise) },
      { method: 'GET', path: '/tickets/:id/verify-timeline', handler: 'tickets.verifyTimeline', config: allowed(PERMISSIONS.supervise) },
      ...workspaceRoutes,
      ...deskRoutes,
    ],
  },
};
